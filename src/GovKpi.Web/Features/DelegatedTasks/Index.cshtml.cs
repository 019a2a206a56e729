using GovKpi.Core.Access;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.Assistant;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.DelegatedTasks;

/// <summary>
/// <c>/delegated-tasks</c>: the province view of the tasks in the caller's scope — each task with its
/// receiving units, the overdue tasks, the units that have not reported by their report date and the
/// findings not closed —, the ministry view, the import of a ministry's list and the export.
/// </summary>
[Authorize(Roles = $"{Roles.Manager},{Roles.Hr},{Roles.Leader},{Roles.Auditor}")]
public sealed class IndexModel(GovKpiDbContext db, DelegatedTaskRegistry registry, DraftWriter writer, IStringLocalizer<SharedResource> l) : PageModel
{
    public ProvinceViewResponse View { get; private set; } = null!;
    public MinistryViewResponse Ministry { get; private set; } = null!;
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public ImportResponse? Imported { get; private set; }
    public bool MayRegister => DelegatedTaskEndpoints.Registrars.Any(User.IsInRole);

    public IReadOnlyList<DelegatedTaskResponse> Tasks => View.Tasks;

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? upload, CancellationToken ct)
    {
        if (!MayRegister)
        {
            return Forbid();
        }

        var user = CurrentUser.From(User);
        var result = await DelegatedTaskEndpoints.ImportFileAsync(upload, user, await UnitScope.LoadAsync(db, user, ct), registry, l, ct);
        Errors = [.. result.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))];
        Imported = result.Value;
        await LoadAsync(ct);
        return Page();
    }

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

    private async Task LoadAsync(CancellationToken ct)
    {
        var scope = await UnitScope.LoadAsync(db, CurrentUser.From(User), ct);
        View = await registry.ProvinceViewAsync(scope, ct);
        Ministry = await registry.MinistryViewAsync(scope, ct);
    }
}
