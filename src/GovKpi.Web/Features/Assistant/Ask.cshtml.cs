using GovKpi.Core.Access;
using GovKpi.Core.Privacy;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Assistant;

/// <summary><c>/assistant/ask</c>: a question on the uploaded documents, answered with the passages it comes from.</summary>
[Authorize(Roles = $"{Roles.Staff},{Roles.Manager},{Roles.Hr},{Roles.Leader},{Roles.Auditor}")]
public sealed class AskModel(DocumentLibrary library, GovKpiDbContext db, TimeProvider clock, ExchangeRetention retention, IStringLocalizer<SharedResource> l,
    ILogger<DocumentLibrary> log) : PageModel
{
    [BindProperty] public string? Question { get; set; }

    public AskResponse? Answer { get; private set; }

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    /// <summary>The mode questions are answered in now, shown before anyone asks.</summary>
    public string Mode => library.Mode;

    public void OnGet()
    {
    }

    // A POST, not a GET with the question in the address: every question is written to the audit trail.
    public async Task OnPostAsync(CancellationToken ct) =>
        (Errors, Answer) = await AskEndpoints.AskAsync(Question, library, db, clock, retention, CurrentUser.From(User), l, log, ct);
}
