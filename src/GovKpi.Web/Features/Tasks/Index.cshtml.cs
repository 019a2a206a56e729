using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.Evaluation;
using GovKpi.Data;
using GovKpi.Data.Tasks;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.Evaluation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Tasks;

/// <summary>
/// <c>/tasks</c>: managers assign tasks, see the unit's tasks and the diary flags, and review
/// products; staff log their diary, report progress and submit. Every form posts to the same
/// desk as the API, so the rules and messages are the API's.
/// </summary>
[Authorize]
public sealed class IndexModel(GovKpiDbContext db, TaskAssignmentDesk desk, TaskCatalogueDesk catalogue, TaskAssignmentImporter importer,
    TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<TaskResponse> Tasks { get; private set; } = [];
    public IReadOnlyList<DiaryFlagResponse> Flags { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Staff { get; private set; } = [];
    public IReadOnlyList<TaskTypeResponse> Types { get; private set; } = [];
    public TaskScoreResponse? Score { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public string? Message { get; private set; }
    public bool Manages { get; private set; }
    /// <summary>The open rows of the e-office quarantine the manager or HR may see.</summary>
    public IReadOnlyList<TaskQuarantineResponse> Quarantine { get; private set; } = [];
    public string? MyStaffCode { get; private set; }
    public DateOnly Today { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostAssignAsync(string? staffCode, string? taskType, decimal? quantity, string? dueOn, string? expectedProduct,
        string? qualityCheck, string? assignedOn, CancellationToken ct) =>
        ActAsync((user, scope) => desk.AssignAsync(new AssignTaskRequest(staffCode, taskType, quantity, dueOn, expectedProduct, qualityCheck, assignedOn), user, scope, ct),
            t => l["Tasks.Assigned", t.Id], ct);

    public Task<IActionResult> OnPostDiaryAsync(string id, string? day, decimal? hours, string? text, CancellationToken ct) =>
        ActAsync((user, scope) => desk.LogDiaryAsync(id, new DiaryRequest(day, hours, text), user, scope, ct), _ => l["Tasks.Saved"], ct);

    public Task<IActionResult> OnPostProgressAsync(string id, decimal? quantityDone, int? percentDone, CancellationToken ct) =>
        ActAsync((user, scope) => desk.ReportProgressAsync(id, new ProgressRequest(quantityDone, percentDone), user, scope, ct), _ => l["Tasks.Saved"], ct);

    public Task<IActionResult> OnPostSubmitAsync(string id, CancellationToken ct) =>
        ActAsync((user, scope) => desk.SubmitAsync(id, null, user, scope, ct), _ => l["Tasks.Saved"], ct);

    public Task<IActionResult> OnPostReturnAsync(string id, string? reason, CancellationToken ct) =>
        ActAsync((user, scope) => desk.ReturnAsync(id, new ReturnRequest(reason), user, scope, ct), _ => l["Tasks.Saved"], ct);

    public Task<IActionResult> OnPostAcceptAsync(string id, bool qualityPassed, CancellationToken ct) =>
        ActAsync((user, scope) => desk.AcceptAsync(id, new AcceptRequest(qualityPassed, null), user, scope, ct), _ => l["Tasks.Saved"], ct);

    public Task<IActionResult> OnPostCauseAsync(string id, string? kind, string? cause, CancellationToken ct) =>
        ActAsync((user, scope) => desk.RecordCauseAsync(id, new ObjectiveCauseRequest(kind, cause), user, scope, ct), _ => l["Tasks.Saved"], ct);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? upload, CancellationToken ct)
    {
        var user = CurrentUser.From(User);
        if (user.Role is not (Role.Hr or Role.Manager))
        {
            return Forbid();
        }

        if (upload is null || upload.Length is 0 or > TaskAssignmentEndpoints.MaximumImportBytes)
        {
            Errors = [l["Tasks.Error.File", TaskAssignmentEndpoints.MaximumImportBytes / 1024 / 1024]];
        }
        else
        {
            var buffer = new MemoryStream();
            await using (var stream = upload.OpenReadStream())
            {
                await stream.CopyToAsync(buffer, ct);
            }

            buffer.Position = 0;
            var json = upload.FileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
            var (errors, summary) = await TaskAssignmentEndpoints.ImportAsync(buffer, json ? null : upload.FileName,
                TaskAssignmentDesk.Actor(user, await UnitScope.LoadAsync(db, user, ct)), importer, clock, l, ct);
            Errors = [.. errors.Concat(summary?.Errors ?? []).Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")];
            Message = summary is { } s ? l["Tasks.Imported", s.Rows, s.Added, s.Replaced, s.Unchanged, s.Quarantined].Value : null;
        }

        await LoadAsync(ct);
        return Page();
    }

    /// <summary>A quarantined row corrected in its form (fields named <c>field.COLUMN</c>), read and checked as an imported row.</summary>
    public async Task<IActionResult> OnPostResubmitAsync(long id, CancellationToken ct)
    {
        var user = CurrentUser.From(User);
        if (user.Role is not (Role.Hr or Role.Manager))
        {
            return Forbid();
        }

        var fields = Data.Files.TaskAssignmentsFile.Columns.ToDictionary(c => c.Name, c => (string?)Request.Form["field." + c.Name].ToString(), StringComparer.Ordinal);
        var done = await importer.ResubmitAsync(id, fields, TaskAssignmentDesk.Actor(user, await UnitScope.LoadAsync(db, user, ct)), clock.GetUtcNow(), ct);
        if (done.Row is not { } row)
        {
            return NotFound();
        }

        if (done.Landed)
        {
            Message = l["Tasks.Quarantine.Imported", row.Location, row.TaskId ?? ""];
        }
        else
        {
            Errors = [.. TaskAssignmentEndpoints.Describe(row, l).Reasons.Select(r => $"{row.Location}:{r.Column}: {r.Message}")];
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDiscardAsync(long id, CancellationToken ct)
    {
        var user = CurrentUser.From(User);
        if (user.Role is not (Role.Hr or Role.Manager))
        {
            return Forbid();
        }

        if (!await importer.DiscardAsync(id, TaskAssignmentDesk.Actor(user, await UnitScope.LoadAsync(db, user, ct)), clock.GetUtcNow(), ct))
        {
            return NotFound();
        }

        Message = l["Tasks.Quarantine.Discarded"];
        await LoadAsync(ct);
        return Page();
    }

    private async Task<IActionResult> ActAsync(Func<CurrentUser, UnitScope, Task<DeskResult<TaskResponse>>> act, Func<TaskResponse, string> done,
        CancellationToken ct)
    {
        var user = CurrentUser.From(User);
        var result = await act(user, await UnitScope.LoadAsync(db, user, ct));
        switch (result.Status)
        {
            case DeskStatus.Ok:
                Message = done(result.Value!);
                break;
            case DeskStatus.Forbidden:
                return Forbid();
            case DeskStatus.NotFound:
                return NotFound();
            default:
                Errors = result.Errors is { } errors ? [.. errors.SelectMany(e => e.Value)] : [result.Detail];
                break;
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var user = CurrentUser.From(User);
        var scope = await UnitScope.LoadAsync(db, user, ct);
        Today = VietnamTime.Today(clock);
        Manages = user.Role is Role.Manager or Role.Hr;
        MyStaffCode = user.StaffCode;
        Tasks = await desk.ListAsync(user, scope, null, ct, withDetail: true);
        if (Manages)
        {
            var codes = scope.Codes.ToList();
            Staff = [.. (await db.Staff.AsNoTracking().Where(s => codes.Contains(s.UnitCode)).OrderBy(s => s.Code).Select(s => new { s.Code, s.FullName })
                .Take(2000).ToListAsync(ct)).Select(s => (s.Code, s.FullName))];
            Types = await catalogue.ListAsync(TaskCatalogueDesk.ReadableAgencies(scope, user.ScopeUnitCode), Today, ct);
            Flags = await desk.DiaryFlagsAsync(scope, Today.AddDays(-31), Today.AddDays(1), ct);
            Quarantine = [.. (await importer.OpenAsync(TaskAssignmentDesk.Actor(user, scope), ct)).Select(r => TaskAssignmentEndpoints.Describe(r, l))];
        }

        if (user.StaffCode is { } me)
        {
            var month = new DateOnly(Today.Year, Today.Month, 1);
            var score = await desk.ScoreAsync(me, month, month.AddMonths(1), await desk.PolicyOnAsync(me, month, ct), user, scope, ct);
            Score = score.Status == DeskStatus.Ok ? score.Value : null;
        }
    }
}
