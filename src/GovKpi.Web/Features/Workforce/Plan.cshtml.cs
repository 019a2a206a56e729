using GovKpi.Core.Access;
using GovKpi.Core.Workforce;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Workforce;

/// <summary>The lines of a plan form: those stored, then empty rows to add.</summary>
public sealed record PlanLinesView(IReadOnlyList<SecondmentPlanLine> Lines, int Empty);

/// <summary><c>/workforce/plans/{id}</c>: a plan's lines, its effect on both units of each line, its trail; edit while a draft, approve or reject (leaders).</summary>
[Authorize(Roles = $"{Roles.Manager},{Roles.Hr},{Roles.Leader}")]
public sealed class PlanModel(GovKpiDbContext db, WorkforceDesk desk, IStringLocalizer<SharedResource> l) : PageModel
{
    public PlanView View { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> UnitNames { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool MayPlan => WorkforceEndpoints.Planners.Any(User.IsInRole);
    public bool MayDecide => User.IsInRole(Roles.Leader);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var result = await desk.PlanAsync(id, await ScopeAsync(ct), ct);
        if (result.Refusal != DeskRefusal.None)
        {
            return result.Refusal == DeskRefusal.Forbidden ? Forbid() : NotFound();
        }

        View = result.Value!;
        UnitNames = await WorkforceNames.UnitsAsync(db, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostEditAsync(string id, string? title, string[]? staff, string[]? unit, string[]? from, string[]? to, string[]? reason, CancellationToken ct)
    {
        if (!MayPlan)
        {
            return Forbid();
        }

        var (lines, errors) = PlanForms.Lines(staff, unit, from, to, reason, l);
        var result = errors.Count > 0 ? null : await desk.EditAsync(id, title, lines, CurrentUser.From(User), await ScopeAsync(ct), ct);
        return await AfterAsync(id, result, errors, ct);
    }

    public async Task<IActionResult> OnPostDecideAsync(string id, string? decision, string? note, CancellationToken ct)
    {
        if (!MayDecide)
        {
            return Forbid();
        }

        return await AfterAsync(id, await desk.DecideAsync(id, decision == "approve", note, CurrentUser.From(User), await ScopeAsync(ct), ct), [], ct);
    }

    private async Task<IActionResult> AfterAsync(string id, DeskResult<string>? result, IReadOnlyList<string> errors, CancellationToken ct)
    {
        if (result is { Refusal: DeskRefusal.None })
        {
            return Redirect($"/workforce/plans/{id}");
        }

        if (result is { Refusal: DeskRefusal.NotFound or DeskRefusal.Forbidden })
        {
            return result.Refusal == DeskRefusal.Forbidden ? Forbid() : NotFound();
        }

        var page = await OnGetAsync(id, ct);
        Errors = result is null ? errors : PlanForms.Messages(result.Errors);
        return page;
    }

    private async Task<UnitScope> ScopeAsync(CancellationToken ct) => await UnitScope.LoadAsync(db, CurrentUser.From(User), ct);
}
