using GovKpi.Core;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Tasks;

/// <summary><c>/tasks/types</c>: the task catalogues that apply to the caller, every version; HR imports task_types.csv or .xlsx here.</summary>
[Authorize]
public sealed class TypesModel(GovKpiDbContext db, TaskCatalogueDesk desk, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<TaskTypeResponse> Types { get; private set; } = [];
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public TaskTypeImportResponse? Imported { get; private set; }
    public DateOnly Today { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? upload, CancellationToken ct)
    {
        var user = CurrentUser.From(User);
        if (user.Role != GovKpi.Core.Access.Role.Hr)
        {
            return Forbid();
        }

        var (errors, done) = await TaskTypeEndpoints.ImportFileAsync(upload, user, desk, db, l, ct);
        Errors = [.. errors.Select(e => e.Key.Length == 0 ? string.Join(" ", e.Value) : $"{e.Key}: {string.Join(" ", e.Value)}")];
        Imported = done;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var user = CurrentUser.From(User);
        var scope = await UnitScope.LoadAsync(db, user, ct);
        Today = VietnamTime.Today(clock);
        Types = await desk.ListAsync(TaskCatalogueDesk.ReadableAgencies(scope, user.ScopeUnitCode), null, ct);
    }
}
