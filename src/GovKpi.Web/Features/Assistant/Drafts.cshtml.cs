using GovKpi.Core.Access;
using GovKpi.Data;
using GovKpi.Data.Assistant;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Assistant;

/// <summary><c>/assistant/drafts</c>: the caller's drafts, and the forms that ask for a new one.</summary>
[Authorize(Roles = $"{Roles.Staff},{Roles.Manager},{Roles.Hr},{Roles.Leader}")]
public sealed class DraftsModel(GovKpiDbContext db, DraftWriter writer) : PageModel
{
    public IReadOnlyList<AssistantDraft> Mine { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostApologyAsync(string? dossierId, string? reason, CancellationToken ct) =>
        WriteAsync((user, scope) => writer.ApologySlipAsync(new ApologySlipRequest(dossierId, reason), user, scope, ct), ct);

    public Task<IActionResult> OnPostCommentAsync(string? staffCode, string? from, string? to, CancellationToken ct) =>
        WriteAsync((user, scope) => writer.EvaluationCommentAsync(new EvaluationCommentRequest(staffCode, from, to), user, scope, ct), ct);

    public Task<IActionResult> OnPostReportAsync(string? unitCode, int? year, int? month, CancellationToken ct) =>
        WriteAsync((user, scope) => writer.MonthlyReportAsync(new MonthlyReportRequest(unitCode, year, month), user, scope, ct), ct);

    private async Task<IActionResult> WriteAsync(
        Func<CurrentUser, UnitScope, Task<(DraftRefusal Refusal, Dictionary<string, string[]> Errors, AssistantDraft? Draft)>> write, CancellationToken ct)
    {
        var user = CurrentUser.From(User);
        var (refusal, errors, draft) = await write(user, await UnitScope.LoadAsync(db, user, ct));
        switch (refusal)
        {
            case DraftRefusal.None:
                return RedirectToPage("Draft", new { id = draft!.Id });
            case DraftRefusal.NotFound:
                return NotFound();
            case DraftRefusal.Forbidden:
                return Forbid();
            default:
                Errors = errors;
                await LoadAsync(ct);
                return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var name = CurrentUser.From(User).UserName;
        Mine = [.. (await db.AssistantDrafts.AsNoTracking().Where(d => d.CreatedBy == name).ToListAsync(ct)).OrderByDescending(d => d.CreatedAt)];
    }
}
