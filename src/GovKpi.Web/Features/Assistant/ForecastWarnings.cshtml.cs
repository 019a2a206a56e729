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

/// <summary>
/// <c>/assistant/warnings</c>: who is likely to miss a target by the end of the period, by how
/// much and how sure the forecast is, each linked to the explanation of the value so far.
/// </summary>
[Authorize(Roles = $"{Roles.Staff},{Roles.Manager},{Roles.Hr},{Roles.Leader},{Roles.Auditor}")]
public sealed class ForecastWarningsModel(GovKpiDbContext db, ForecastReader reader, TimeProvider clock, ExchangeRetention retention, IStringLocalizer<SharedResource> l) : PageModel
{
    [FromQuery] public string? Scope { get; set; }
    [FromQuery] public string? Code { get; set; }
    [FromQuery] public string? Period { get; set; }
    [FromQuery] public string? AsOf { get; set; }

    public ForecastResponse? Forecast { get; private set; }

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = CurrentUser.From(User);
        if (Scope is null)
        {
            // People are listed for a unit's subtree: a Staff account starts at themselves, others at the whole of their scope.
            (Scope, Code) = user.Role == Role.Staff && user.StaffCode is { } staff ? (KpiSubjectScope.Staff, staff) : (KpiSubjectScope.Subtree, user.ScopeUnitCode);
        }

        Period ??= ForecastQuery.QuarterOf(VietnamTime.Today(clock));
        var (access, forecast, errors) = await ForecastEndpoints.ServeAsync(Scope, Code, Period, AsOf, db, reader, clock, retention, user, l, ct);
        if (access == SubjectAccess.NotFound)
        {
            return NotFound();
        }

        if (access == SubjectAccess.Forbidden)
        {
            return Forbid();
        }

        (Forecast, Errors) = (forecast, errors);
        return Page();
    }
}
