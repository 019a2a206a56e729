using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.Organisation;
using GovKpi.Core.Training;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Training;

/// <summary>
/// <c>/training</c>: each unit's share of trained staff against the target with the people not yet
/// trained, the courses and sessions, the completions (own ones for staff) and, for HR and
/// managers, the forms that record them.
/// </summary>
[Authorize]
public sealed class IndexModel(GovKpiDbContext db, TrainingDesk desk, TimeProvider clock) : PageModel
{
    /// <summary>A province has thousands of people: the page lists the first of those not trained, the API and the KPI explanation all of them.</summary>
    public const int ListedPeople = 100;

    public IReadOnlyList<TrainingCourse> Courses { get; private set; } = [];
    public IReadOnlyList<TrainingSession> Sessions { get; private set; } = [];
    public IReadOnlyList<CompletionResponse> Completions { get; private set; } = [];
    public IReadOnlyList<Unit> Units { get; private set; } = [];
    public ShareResponse? Share { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public bool Saved { get; private set; }

    /// <summary>How many completions the last file brought in.</summary>
    public int? Imported { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? On { get; set; }

    public bool MayRecord => TrainingDesk.Recorders.Any(User.IsInRole);
    public bool MayAddCourse => User.IsInRole(Roles.Hr);
    public bool IsStaff => User.IsInRole(Roles.Staff);

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostCourseAsync(string? code, string? name, string? kind, int? validMonths, CancellationToken ct)
    {
        if (!MayAddCourse)
        {
            return Forbid();
        }

        return await AfterAsync(await desk.AddCourseAsync(new CourseRequest(code, name, kind, validMonths, null), ct), ct);
    }

    public async Task<IActionResult> OnPostSessionAsync(string? courseCode, string? from, string? to, string? place, string? trainer, CancellationToken ct)
    {
        if (!MayRecord)
        {
            return Forbid();
        }

        return await AfterAsync(await desk.AddSessionAsync(new SessionRequest(courseCode, from, to, place, trainer), ct), ct);
    }

    public async Task<IActionResult> OnPostCompletionAsync(CancellationToken ct)
    {
        if (!MayRecord)
        {
            return Forbid();
        }

        var user = CurrentUser.From(User);
        var (request, certificate) = await TrainingEndpoints.ReadCompletionAsync(Request, ct);
        var result = await desk.CompleteAsync(request, certificate, user, await UnitScope.LoadAsync(db, user, ct), ct);
        return result.Outcome == DeskOutcome.Forbidden ? Forbid() : await AfterAsync(result, ct);
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, [FromServices] IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (!MayRecord)
        {
            return Forbid();
        }

        var user = CurrentUser.From(User);
        var result = await TrainingEndpoints.ImportAsync(file, desk, user, await UnitScope.LoadAsync(db, user, ct), l, ct);
        Imported = result.Outcome == DeskOutcome.Ok ? result.Value : null;
        if (result.Outcome == DeskOutcome.Invalid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return await AfterAsync(result, ct);
    }

    private async Task<IActionResult> AfterAsync<T>(DeskResult<T> result, CancellationToken ct)
    {
        Errors = result.Errors;
        Saved = result.Outcome == DeskOutcome.Ok;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var user = CurrentUser.From(User);
        var scope = await UnitScope.LoadAsync(db, user, ct);
        Courses = await desk.CoursesAsync(ct);
        Sessions = await desk.SessionsAsync(ct);
        Completions = (await desk.CompletionsAsync(user, scope, null, null, ct)).Value ?? [];
        if (user.Role == Role.Staff)
        {
            return;
        }

        Units = [.. scope.Codes.Select(scope.Tree.Find).OfType<Unit>().OrderBy(u => u.Code == scope.Tree.Find(user.ScopeUnitCode)?.Code ? 0 : 1).ThenBy(u => u.NameVi, StringComparer.Ordinal)];
        Unit ??= Units.FirstOrDefault()?.Code;
        var day = DateOnly.TryParseExact(On, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(VietnamTime.Offset).DateTime);
        On = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (Unit is not null)
        {
            Share = (await desk.ShareAsync(Unit, day, scope, ct)).Value;
        }
    }
}
