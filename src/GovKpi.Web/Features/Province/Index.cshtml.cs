using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.Measurement;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.KpiValues;
using GovKpi.Web.Features.Workforce;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Province;

/// <summary>
/// <c>/province</c>: the province operations view, the leader's morning page — service quality
/// per agency, commune and procedure, the Decision 766 index, the heat map of communes, delegated
/// tasks and staffing; a commune opens its people, a person their KPI values and explanations.
/// </summary>
[Authorize(Roles = $"{Roles.Leader},{Roles.Hr},{Roles.Auditor}")]
public sealed class IndexModel(GovKpiDbContext db, ProvinceDashboard dashboard, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public static readonly string[] Readers = [Roles.Leader, Roles.Hr, Roles.Auditor];

    [FromQuery(Name = "")] public PeriodPicker Picker { get; set; } = new();
    /// <summary>The commune (or other unit in scope) opened below the map.</summary>
    [FromQuery] public string? Unit { get; set; }
    /// <summary>The KPI that colours the map.</summary>
    [FromQuery] public string? Map { get; set; }

    public ReportingPeriod Period { get; private set; }
    public ProvinceView? View { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public string MapKpi { get; private set; } = KpiFormula.OnTimeRate;
    public bool ReadsStaffing { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = CurrentUser.From(User);
        var scope = await UnitScope.LoadAsync(db, user, ct);
        var (from, to) = Picker.Resolve(VietnamTime.Today(clock));
        var query = KpiQuery.Parse(KpiSubjectScope.All, null, from, to, l, out var errors);
        if (query is null)
        {
            Errors = errors;
            return Page();
        }

        if (Unit is not null)
        {
            if (scope.Tree.Find(Unit) is null)
            {
                return NotFound();
            }

            if (!scope.Contains(Unit))
            {
                return Forbid();
            }
        }

        MapKpi = Map is not null && ProvinceDashboard.Kpis.Contains(Map) ? Map : KpiFormula.OnTimeRate;
        Period = query.Period;
        ReadsStaffing = WorkforceEndpoints.Readers.Any(User.IsInRole);
        _scope = scope;
        return Page();
    }

    /// <summary>
    /// What the page's content depends on besides the caller and the data (<see cref="Shared.StampedHtmlTagHelper"/>):
    /// the query and the day (a default period is the current month).
    /// </summary>
    public string CacheKey => "province:" + Request.QueryString.Value + ":" + VietnamTime.Today(clock).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private UnitScope? _scope;

    /// <summary>Reads the view: called by the page only when its cached content is missing or out of date.</summary>
    public async Task<ProvinceView?> LoadViewAsync()
    {
        if (_scope is { } scope)
        {
            // Kept for every later request (StampedCache): finished even when this requester has gone.
            View = await dashboard.LoadAsync(scope, Period, Unit, ReadsStaffing, CancellationToken.None);
        }

        return View;
    }
}
