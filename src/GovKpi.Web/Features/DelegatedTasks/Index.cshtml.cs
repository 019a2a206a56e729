using GovKpi.Core.Access;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.Assistant;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovKpi.Web.Features.DelegatedTasks;

/// <summary><c>/delegated-tasks</c>: the tasks of the units in the caller's scope with their progress, each one a click from its summary draft.</summary>
[Authorize(Roles = $"{Roles.Manager},{Roles.Hr},{Roles.Leader}")]
public sealed class IndexModel(GovKpiDbContext db, DelegatedTaskRegistry registry, DraftWriter writer) : PageModel
{
    public IReadOnlyList<DelegatedTaskResponse> Tasks { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Tasks = await registry.ListAsync(await UnitScope.LoadAsync(db, CurrentUser.From(User), ct), ct);

    public async Task<IActionResult> OnPostSummaryAsync(string? taskCode, CancellationToken ct)
    {
        var user = CurrentUser.From(User);
        var (refusal, _, draft) = await writer.DelegatedTaskSummaryAsync(new DelegatedTaskSummaryRequest(taskCode), registry, user,
            await UnitScope.LoadAsync(db, user, ct), ct);
        return refusal switch
        {
            DraftRefusal.None => Redirect($"/assistant/drafts/{draft!.Id}"),
            DraftRefusal.Forbidden => Forbid(),
            _ => NotFound(),
        };
    }
}
