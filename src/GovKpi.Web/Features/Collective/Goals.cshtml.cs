using GovKpi.Core;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovKpi.Web.Features.Collective;

/// <summary><c>/goals</c>: the province's objectives of a year, each with its units' targets, measured values and achievement, and the positions' targets serving it.</summary>
[Authorize(Roles = "Staff,Manager,Hr,Leader,Auditor")]
public sealed class GoalsModel(GovKpiDbContext db, GoalReader goals, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public IReadOnlyList<GoalTreeResponse> Trees { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Year ??= VietnamTime.Today(clock).Year;
        var user = CurrentUser.From(User);
        var scope = await UnitScope.LoadAsync(db, user, ct);
        var trees = new List<GoalTreeResponse>();
        foreach (var objective in await goals.ListAsync(Year, ct))
        {
            trees.Add((await goals.TreeAsync(objective.Code, scope, CollectiveQuery.SeesProvince(scope, user), ct))!);
        }

        Trees = trees;
    }
}
