using GovKpi.Core.Access;
using GovKpi.Core.Workforce;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovKpi.Web.Features.Workforce;

/// <summary><c>/workforce/skills</c>: each unit's needed skills and gaps today, and per missing skill the people elsewhere who hold it.</summary>
[Authorize(Roles = $"{Roles.Manager},{Roles.Hr},{Roles.Leader}")]
public sealed class SkillsModel(GovKpiDbContext db, WorkforceDesk desk) : PageModel
{
    public CoverageReport Report { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> UnitNames { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Report = await desk.CoverageAsync(desk.Today, await UnitScope.LoadAsync(db, CurrentUser.From(User), ct), ct);
        UnitNames = await WorkforceNames.UnitsAsync(db, ct);
    }
}
