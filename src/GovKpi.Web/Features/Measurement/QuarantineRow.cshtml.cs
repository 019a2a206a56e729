using GovKpi.Core.Access;
using GovKpi.Data;
using GovKpi.Data.Measurement;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Measurement;

/// <summary>One quarantined row: its raw fields in a form, to correct and re-submit, or to discard.</summary>
[Authorize(Roles = Roles.RecordStewards)]
public sealed class QuarantineRowModel(GovKpiDbContext db, QuarantineDesk desk) : PageModel
{
    public QuarantinedRow? Row { get; private set; }
    public Dictionary<string, string?> Fields { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Row = await db.Quarantine.AsNoTracking().SingleOrDefaultAsync(q => q.Id == id, ct);
        if (Row is null)
        {
            return NotFound();
        }

        Fields = QuarantineDesk.Fields(Row);
        return Page();
    }

    public async Task<IActionResult> OnPostResubmitAsync(long id, CancellationToken ct)
    {
        var fields = Request.Form.Where(f => f.Key.StartsWith("field.", StringComparison.Ordinal))
            .ToDictionary(f => f.Key["field.".Length..], f => (string?)f.Value.ToString(), StringComparer.Ordinal);
        var outcome = await desk.ResubmitAsync(id, fields, CurrentUser.From(User), ct);
        switch (outcome)
        {
            case QuarantineOutcome.Invalid invalid:
                Row = await db.Quarantine.AsNoTracking().SingleAsync(q => q.Id == id, ct);
                Fields = QuarantineDesk.Fields(Row);
                foreach (var (name, value) in fields)
                {
                    Fields[name] = value;
                }

                Errors = invalid.Errors;
                return Page();
            case QuarantineOutcome.NotFound:
                return NotFound();
            default:
                return Redirect($"/measurement/quarantine/{id}");
        }
    }

    public async Task<IActionResult> OnPostDiscardAsync(long id, CancellationToken ct) =>
        await desk.DiscardAsync(id, CurrentUser.From(User), ct) is QuarantineOutcome.NotFound ? NotFound() : Redirect($"/measurement/quarantine/{id}");
}
