using GovKpi.Core.Access;
using GovKpi.Core.Workforce;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Workforce;

/// <summary><c>/workforce/plans</c>: the secondment plans, a draft form, and the assistant's proposal.</summary>
[Authorize(Roles = $"{Roles.Manager},{Roles.Hr},{Roles.Leader}")]
public sealed class PlansModel(GovKpiDbContext db, WorkforceDesk desk, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<SecondmentPlan> Plans { get; private set; } = [];
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool MayPlan => WorkforceEndpoints.Planners.Any(User.IsInRole);
    public DateOnly Today => desk.Today;

    public async Task OnGetAsync(CancellationToken ct) => Plans = await desk.PlansAsync(await ScopeAsync(ct), ct);

    public async Task<IActionResult> OnPostProposeAsync(string? from, string? to, CancellationToken ct)
    {
        if (!MayPlan)
        {
            return Forbid();
        }

        if (!WorkforceDesk.TryDay(from, out var f) || !WorkforceDesk.TryDay(to, out var t) || t <= f)
        {
            Errors = [l["Workforce.BadPeriod"]];
            return await PageAsync(ct);
        }

        var result = await desk.ProposeAsync(f, t, l["Workforce.ProposedTitle"], line => WorkforceText.Reason(line, l), CurrentUser.From(User), await ScopeAsync(ct), ct);
        return await AfterAsync(result, ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(string? title, string[]? staff, string[]? unit, string[]? from, string[]? to, string[]? reason, CancellationToken ct)
    {
        if (!MayPlan)
        {
            return Forbid();
        }

        var (lines, errors) = PlanForms.Lines(staff, unit, from, to, reason, l);
        if (errors.Count > 0)
        {
            Errors = errors;
            return await PageAsync(ct);
        }

        return await AfterAsync(await desk.CreateAsync(title, lines, false, CurrentUser.From(User), await ScopeAsync(ct), ct), ct);
    }

    private async Task<IActionResult> AfterAsync(DeskResult<string> result, CancellationToken ct)
    {
        if (result.Refusal == DeskRefusal.None)
        {
            return Redirect($"/workforce/plans/{result.Value}");
        }

        Errors = PlanForms.Messages(result.Errors);
        return await PageAsync(ct);
    }

    private async Task<IActionResult> PageAsync(CancellationToken ct)
    {
        await OnGetAsync(ct);
        return Page();
    }

    private async Task<UnitScope> ScopeAsync(CancellationToken ct) => await UnitScope.LoadAsync(db, CurrentUser.From(User), ct);
}
