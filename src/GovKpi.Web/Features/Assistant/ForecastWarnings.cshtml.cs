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
        var (scope, code, period) = ForecastQuery.Default(user, VietnamTime.Today(clock));
        if (Scope is null)
        {
            (Scope, Code) = (scope, code);
        }

        Period ??= period;
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
