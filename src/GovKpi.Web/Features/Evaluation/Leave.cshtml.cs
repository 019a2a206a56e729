using GovKpi.Core.Access;
using GovKpi.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Evaluation;

/// <summary><c>/evaluation/leave</c>: HR records one leave or imports <c>leave.csv</c>/.xlsx; HR and managers see the leave of their scope.</summary>
[Authorize(Roles = Roles.Hr + "," + Roles.Manager)]
public sealed class LeaveModel(GovKpiDbContext db, LeaveDesk desk, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<LeaveResponse> Leave { get; private set; } = [];
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public LeaveSaved? Saved { get; private set; }
    public bool Writes => User.IsInRole(Roles.Hr);

    [BindProperty] public string? StaffCode { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? From { get; set; }
    [BindProperty] public string? To { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(await Caller.LoadAsync(db, HttpContext, ct), ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var caller = await Caller.LoadAsync(db, HttpContext, ct);
        var result = await desk.SaveAsync(caller, [LeaveDesk.Row(new LeaveRequest(StaffCode, Kind, From, To), 0)], (_, column) => column, ct);
        return await AfterAsync(caller, result, ct);
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? upload, CancellationToken ct)
    {
        var caller = await Caller.LoadAsync(db, HttpContext, ct);
        return await AfterAsync(caller, await LeaveEndpoints.ImportAsync(upload, caller, desk, l, ct), ct);
    }

    private async Task<IActionResult> AfterAsync(Caller caller, DeskResult<LeaveSaved> result, CancellationToken ct)
    {
        if (result.Status == DeskStatus.Forbidden)
        {
            return Forbid();
        }

        Saved = result.Value;
        Errors = result.Status == DeskStatus.Ok ? [] : PageForms.Messages(result);
        await LoadAsync(caller, ct);
        return Page();
    }

    private async Task LoadAsync(Caller caller, CancellationToken ct) => Leave = (await desk.ListAsync(caller, null, ct)).Value ?? [];
}
