using GovKpi.Core.Access;
using GovKpi.Core.Workforce;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Workforce;

/// <summary><c>/workforce</c>: the staffing view — units above the norm first, each with its trend, then every person's load.</summary>
[Authorize(Roles = $"{Roles.Manager},{Roles.Hr},{Roles.Leader}")]
public sealed class IndexModel(GovKpiDbContext db, WorkforceDesk desk) : PageModel
{
    public WorkloadReport Report { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> UnitNames { get; private set; } = new Dictionary<string, string>();
    public string? Error { get; private set; }

    public async Task OnGetAsync(string? from, string? to, CancellationToken ct)
    {
        var (f, t) = (desk.Today.AddDays(-30), desk.Today);
        if ((from is not null && !WorkforceDesk.TryDay(from, out f)) || (to is not null && !WorkforceDesk.TryDay(to, out t)) || t <= f || t.DayNumber - f.DayNumber > WorkforceDesk.MaxPeriodDays)
        {
            Error = "Workforce.BadPeriod";
            (f, t) = (desk.Today.AddDays(-30), desk.Today);
        }

        Report = await desk.WorkloadAsync(f, t, await UnitScope.LoadAsync(db, CurrentUser.From(User), ct), WorkforceDesk.TrendPeriods, ct);
        UnitNames = await WorkforceNames.UnitsAsync(db, ct);
    }
}

public static class WorkforceNames
{
    public static async Task<IReadOnlyDictionary<string, string>> UnitsAsync(GovKpiDbContext db, CancellationToken ct) =>
        await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Code, u => u.NameVi, StringComparer.Ordinal, ct);

    public static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
