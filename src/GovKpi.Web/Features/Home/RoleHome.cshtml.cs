using System.Globalization;
using System.Text.Json;
using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.Audit;
using GovKpi.Web.Features.Evaluation;
using GovKpi.Web.Features.KpiValues;
using GovKpi.Web.Features.Province;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Home;

/// <summary>
/// <c>/home</c>: where everyone lands after signing in, one page whose content follows the role —
/// staff their KPIs, tasks, alerts and evaluation to-dos; a manager the team, who is at risk, who
/// has not self-assessed and the next person to rate; HR the cycles across agencies and the imports;
/// the leader the way to the province operations view; an auditor the latest trail.
/// </summary>
public sealed class RoleHomeModel(GovKpiDbContext db, HomeBoard board, ProvinceDashboard dashboard, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const string Path = "/home";

    /// <summary>The leader's operations view of the province (built by its own feature).</summary>
    public const string ProvinceViewPath = "/province";

    public CurrentUser Me { get; private set; } = null!;
    public StaffHome? Staff { get; private set; }
    public ManagerHome? Manager { get; private set; }
    public HrHome? Hr { get; private set; }
    public IReadOnlyList<AuditRow>? Audit { get; private set; }
    /// <summary>The leader's province view of the current month: its tiles and the communes furthest behind.</summary>
    public ProvinceView? Province { get; private set; }

    /// <summary>Communes shown to the leader as furthest behind.</summary>
    public const int BehindCount = 5;

    /// <summary>What the page's content depends on besides the caller and the data (<see cref="Shared.StampedHtmlTagHelper"/>): the day.</summary>
    public string CacheKey { get; private set; } = "";

    public void OnGet()
    {
        Me = CurrentUser.From(User);
        CacheKey = "home:" + VietnamTime.Today(clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>Reads what the role's board shows: called by the page only when its cached content is missing or out of date.</summary>
    public async Task LoadBoardAsync()
    {
        // Kept for every later request (StampedCache): finished even when this requester has gone.
        var ct = CancellationToken.None;
        var caller = await Caller.LoadAsync(db, HttpContext, ct);
        switch (Me.Role)
        {
            case Role.Staff:
                Staff = await board.StaffAsync(caller, ct);
                break;
            case Role.Manager:
                Manager = await board.ManagerAsync(caller, ct);
                break;
            case Role.Hr:
                Hr = await board.HrAsync(caller, ct);
                break;
            case Role.Leader:
                Province = await dashboard.LoadAsync(caller.Scope, board.CurrentMonth(), null, readsStaffing: false, ct);
                break;
            case Role.Auditor:
                Audit = await board.AuditAsync(Me, ct);
                break;
        }
    }

    /// <summary>A month as the trend's columns name it: 07/2026.</summary>
    public static string MonthLabel(DateOnly from) => from.ToString("MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>
    /// The staff's trend of the KPIs shown in percent, one line each over the months (the table
    /// beside it holds every KPI): the chart block <c>wwwroot/js/charts.js</c> draws.
    /// </summary>
    public string TrendChart(StaffHome home)
    {
        var current = home.Current!;
        var rates = current.Values.Where(v => v.UnitOfMeasure == "%").ToList();
        return JsonSerializer.Serialize(new
        {
            title = l["Home.Staff.TrendChart"].Value,
            labels = home.Trend.Select(t => MonthLabel(t.From)),
            series = rates.Select(rate => new
            {
                name = rate.Name,
                values = home.Trend.Select(t => t.Values.FirstOrDefault(x => x.Kpi == rate.Kpi)?.Value is { } value ? Math.Round(value * 100, 1) : (double?)null),
            }),
            unit = "%",
            type = "line",
        });
    }

    /// <summary>Share of each agency's people who have self-assessed and been rated, as bars (the table beside it holds the counts).</summary>
    public string ProgressChart(HrHome home) => JsonSerializer.Serialize(new
    {
        title = l["Home.Hr.ProgressChart"].Value,
        labels = home.Agencies.Select(a => a.AgencyName),
        series = new[]
        {
            new { name = l["Home.Hr.SelfAssessedShare"].Value, values = home.Agencies.Select(a => Math.Round((a.SelfAssessedShare ?? 0) * 100, 1)) },
            new { name = l["Home.Hr.RatedShare"].Value, values = home.Agencies.Select(a => Math.Round((a.RatedShare ?? 0) * 100, 1)) },
        },
        unit = "%",
        horizontal = true,
    });

    /// <summary>The communes with figures, lowest share of the service index's points first.</summary>
    public static IReadOnlyList<QualityRow> FurthestBehind(ProvinceView view) =>
        [.. view.Communes.Where(c => c.Index.Share is not null).OrderBy(c => c.Index.Share).ThenBy(c => c.Name, StringComparer.Ordinal).Take(BehindCount)];

    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("N0", CultureInfo.CurrentCulture) + " %" : "—";

    public static string Status(KpiStatus status) => status switch
    {
        KpiStatus.Green => "status-green",
        KpiStatus.Amber => "status-amber",
        KpiStatus.Red => "status-red",
        _ => "status-none",
    };
}
