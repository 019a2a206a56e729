using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.Privacy;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.KpiValues;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Assistant;

/// <summary><c>/assistant/anomalies</c>: signs of gaming the numbers in a unit's subtree, each with its numbers and dossiers.</summary>
[Authorize(Roles = $"{Roles.Manager},{Roles.Hr},{Roles.Leader},{Roles.Auditor}")]
public sealed class AnomaliesModel(GovKpiDbContext db, AnomalyReader reader, TimeProvider clock, ExchangeRetention retention, IStringLocalizer<SharedResource> l) : PageModel
{
    [FromQuery] public string? Unit { get; set; }
    [FromQuery] public string? From { get; set; }
    [FromQuery] public string? To { get; set; }

    public AnomalyResponse? Report { get; private set; }

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = CurrentUser.From(User);
        var today = VietnamTime.Today(clock);
        // The year so far by default: a habit shows over months, and the detector also tests each quarter.
        Unit ??= user.ScopeUnitCode;
        From ??= new DateOnly(today.Year, 1, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        To ??= today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (access, report, errors) = await AnomalyEndpoints.ServeAsync(Unit, From, To, db, reader, clock, retention, user, l, ct);
        if (access == SubjectAccess.NotFound)
        {
            return NotFound();
        }

        if (access == SubjectAccess.Forbidden)
        {
            return Forbid();
        }

        (Report, Errors) = (report, errors);
        return Page();
    }
}
