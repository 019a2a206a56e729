using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovKpi.Web.Features.Evaluation;

/// <summary>
/// <c>/evaluation</c>: what the signed-in person has to do and by when, their own evaluations, the
/// cycles of the units in their scope, and for managers and HR the form that opens a cycle.
/// </summary>
public sealed class IndexModel(GovKpiDbContext db, EvaluationReader reader, EvaluationDesk desk, TimeProvider clock) : PageModel
{
    public IReadOnlyList<ReminderResponse> Reminders { get; private set; } = [];
    public IReadOnlyList<MyEvaluationResponse> Mine { get; private set; } = [];
    public IReadOnlyList<CycleResponse> Cycles { get; private set; } = [];
    public IReadOnlyList<Unit> Units { get; private set; } = [];
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool CanOpen => User.IsInRole(Roles.Manager) || User.IsInRole(Roles.Hr);
    public DateOnly Today => VietnamTime.Today(clock);

    [BindProperty] public string? UnitCode { get; set; }
    [BindProperty] public PeriodKind Kind { get; set; } = PeriodKind.Month;
    [BindProperty] public int? Year { get; set; }
    [BindProperty] public int? Number { get; set; }
    [BindProperty] public string? Policy { get; set; }

    public static IReadOnlyList<EvaluationPolicy> Policies => EvaluationPolicy.BuiltIn;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(await Caller.LoadAsync(db, HttpContext, ct), ct);

    public async Task<IActionResult> OnPostOpenAsync(CancellationToken ct)
    {
        var caller = await Caller.LoadAsync(db, HttpContext, ct);
        var result = await desk.OpenAsync(caller, new OpenCycleRequest(UnitCode, Kind, Year, Number, Policy, null), ct);
        switch (result.Status)
        {
            case DeskStatus.Ok:
                return Redirect($"/evaluation/cycles/{result.Value!.Id}");
            case DeskStatus.Forbidden:
                return Forbid();
            default:
                Errors = PageForms.Messages(result);
                await LoadAsync(caller, ct);
                return Page();
        }
    }

    private async Task LoadAsync(Caller caller, CancellationToken ct)
    {
        Reminders = await reader.RemindersAsync(caller, ct);
        Mine = await reader.MineAsync(caller, ct);
        Cycles = caller.ReadsUnit ? await reader.CyclesAsync(caller, null, null, ct) : [];
        Units = caller.Scope.Tree.Units.Where(u => caller.Scope.Contains(u.Code) && u.IsActiveOn(Today)).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        Year ??= Today.Year;
        Number ??= Today.Month;
    }
}
