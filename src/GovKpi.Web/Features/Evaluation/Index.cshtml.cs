using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Evaluation;

/// <summary>
/// <c>/evaluation</c>: what the signed-in person has to do and by when, their own evaluations, the
/// cycles of the units in their scope, and for managers and HR the form that opens a cycle.
/// </summary>
public sealed class IndexModel(GovKpiDbContext db, EvaluationReader reader, EvaluationDesk desk, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<ReminderResponse> Reminders { get; private set; } = [];
    public IReadOnlyList<MyEvaluationResponse> Mine { get; private set; } = [];
    public IReadOnlyList<CycleResponse> Cycles { get; private set; } = [];
    public IReadOnlyList<Unit> Units { get; private set; } = [];

    /// <summary>The opening form's unit, a tree that starts from the caller's own unit.</summary>
    public UnitTreePicker? UnitPicker { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool CanOpen => User.IsInRole(Roles.Manager) || User.IsInRole(Roles.Hr);
    public DateOnly Today => VietnamTime.Today(clock);

    [BindProperty] public string? UnitCode { get; set; }
    [BindProperty] public PeriodKind Kind { get; set; } = PeriodKind.Month;
    [BindProperty] public int? Year { get; set; }
    [BindProperty] public int? Number { get; set; }
    [BindProperty] public string? Policy { get; set; }

    /// <summary>The bulk opening form: communes, agency (with <see cref="AgencyCode"/>), province or units (with <see cref="UnitList"/>).</summary>
    [BindProperty] public string Target { get; set; } = "communes";
    [BindProperty] public string? AgencyCode { get; set; }
    [BindProperty] public string? UnitList { get; set; }
    public BulkOpenResponse? BulkOpened { get; private set; }

    /// <summary>The bulk advance form over the cycles ticked in the list; blocked, it shows the blockers and asks for a confirmation with a reason.</summary>
    [BindProperty] public List<Guid> CycleIds { get; set; } = [];
    [BindProperty] public CycleStage? To { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public bool Confirm { get; set; }
    public IReadOnlyList<CycleBlockersResponse> Blocked { get; private set; } = [];
    public BulkAdvanceResponse? BulkAdvanced { get; private set; }

    /// <summary>Units directly under the province (agencies and communes) in scope, for the agency target.</summary>
    public IReadOnlyList<Unit> Agencies { get; private set; } = [];

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

    public async Task<IActionResult> OnPostOpenManyAsync(CancellationToken ct)
    {
        var caller = await Caller.LoadAsync(db, HttpContext, ct);
        var units = (UnitList ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var result = await desk.OpenManyAsync(caller, new BulkOpenRequest(Target, AgencyCode, units, Kind, Year, Number, Policy, null), ct);
        if (result.Status == DeskStatus.Forbidden)
        {
            return Forbid();
        }

        BulkOpened = result.Value;
        Errors = result.Status == DeskStatus.Ok ? [] : PageForms.Messages(result);
        await LoadAsync(caller, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAdvanceManyAsync(CancellationToken ct)
    {
        var caller = await Caller.LoadAsync(db, HttpContext, ct);
        var result = await desk.AdvanceManyAsync(caller, new BulkAdvanceRequest(CycleIds, null, null, null, null, null, null, To, Confirm, Reason), ct);
        if (result.Status == DeskStatus.Forbidden)
        {
            return Forbid();
        }

        BulkAdvanced = result.Value;
        if (result.Extensions?.TryGetValue("cycles", out var cycles) == true && cycles is IReadOnlyList<CycleBlockersResponse> blocked)
        {
            Blocked = blocked;
        }
        else if (result.Status != DeskStatus.Ok)
        {
            Errors = PageForms.Messages(result);
        }

        await LoadAsync(caller, ct);
        return Page();
    }

    private async Task LoadAsync(Caller caller, CancellationToken ct)
    {
        Reminders = await reader.RemindersAsync(caller, ct);
        Mine = await reader.MineAsync(caller, ct);
        Cycles = caller.ReadsUnit ? await reader.CyclesAsync(caller, null, null, ct) : [];
        Units = caller.Scope.Tree.Units.Where(u => caller.Scope.Contains(u.Code) && u.IsActiveOn(Today)).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        var roots = caller.Scope.Tree.Roots.Select(r => r.Code).ToHashSet();
        Agencies = Units.Where(u => u.ParentCode is { } parent && roots.Contains(parent)).OrderBy(u => u.Kind).ThenBy(u => u.NameVi, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), false)).ToList();
        UnitPicker = UnitTreePicker.Of(nameof(UnitCode), localizer["EvaluationPage.Unit"], caller.Scope.Tree, caller.Scope.Codes, Today, UnitCode ?? await OwnUnitAsync(caller, ct));
        Year ??= Today.Year;
        Number ??= Today.Month;
    }

    /// <summary>Where the caller works if it is in their scope (a manager's centre), else the top of their scope.</summary>
    private async Task<string> OwnUnitAsync(Caller caller, CancellationToken ct)
    {
        var own = caller.User.StaffCode is { } code ? await db.Staff.Where(s => s.Code == code).Select(s => s.UnitCode).FirstOrDefaultAsync(ct) : null;
        return own is not null && caller.Scope.Contains(own) ? own : caller.User.ScopeUnitCode;
    }
}
