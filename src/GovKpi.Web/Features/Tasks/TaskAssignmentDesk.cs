using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Tasks;
using GovKpi.Data;
using GovKpi.Data.Tasks;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.Evaluation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Tasks;

/// <summary>A manager's order: taskType is a catalogue code, dueOn yyyy-MM-dd.</summary>
public sealed record AssignTaskRequest(string? StaffCode, string? TaskType, decimal? Quantity, string? DueOn, string? ExpectedProduct, string? QualityCheck, string? AssignedOn = null);

/// <summary>day is yyyy-MM-dd (default today in Vietnam).</summary>
public sealed record DiaryRequest(string? Day, decimal? Hours, string? Text);

public sealed record ProgressRequest(decimal? QuantityDone, int? PercentDone);

/// <summary>quantityDone defaults to the quantity last reported, or the whole quantity.</summary>
public sealed record SubmitRequest(decimal? QuantityDone);

public sealed record ReturnRequest(string? Reason);

public sealed record AcceptRequest(bool? QualityPassed, string? Note);

/// <summary>kind is <c>delay</c> or <c>quality</c>.</summary>
public sealed record ObjectiveCauseRequest(string? Kind, string? Cause);

public sealed record DiaryEntryResponse(DateOnly Day, decimal Hours, string Text, DateTimeOffset RecordedAt);

public sealed record TaskAuditResponse(DateTimeOffset At, string Actor, string ActorRole, string Action, string Field, string OldValue, string NewValue, string Reason);

/// <summary>A task as the API shows it; late says whether the product was submitted after its working-day deadline.</summary>
public sealed record TaskResponse(string Id, string Source, int SourceVersion, string UnitCode, string StaffCode, string StaffName, string TaskType,
    string TaskTypeName, string UnitOfOutput, int TaskTypeVersion, decimal Quantity, DateOnly AssignedOn, DateOnly DueOn, string ExpectedProduct,
    string QualityCheck, string AssignedBy, string State, decimal QuantityDone, int PercentDone, DateTimeOffset? SubmittedAt, int Submissions,
    bool Late, string? ReturnReason, bool? QualityPassed, string? ReviewedBy, string? DelayCause, string? QualityCause,
    IReadOnlyList<DiaryEntryResponse> Diary, IReadOnlyList<TaskAuditResponse> Audit);

/// <summary>A diary flag for the manager: kind TaskHoursOverDay, DayHoursOverDay or CopiedText.</summary>
public sealed record DiaryFlagResponse(string Kind, string StaffCode, string StaffName, DateOnly Day, string? TaskId, decimal Hours, DateOnly? PreviousDay, string? Text);

/// <summary>A deduction of the task-result score, traced to its task; points 0 with waivedBecause when an objective cause waived it.</summary>
public sealed record TaskDeductionResponse(string TaskId, string Kind, decimal Points, string? WaivedBecause, string Formula);

public sealed record TaskScoreLineResponse(string TaskId, string TaskType, string State, DateOnly DueOn, DateTimeOffset? SubmittedAt, bool Late,
    decimal Coefficient, decimal PlannedStandard, decimal CompletedStandard, decimal QualityPoints, decimal ProgressPoints,
    IReadOnlyList<TaskDeductionResponse> Deductions, string Formula);

public sealed record ExplanationLine(string Key, string Formula);

/// <summary>
/// The task-result score of one person over [from, to): the ratios (null without assigned
/// products), the points out of maxPoints, and a line per task due in the period.
/// </summary>
public sealed record TaskScoreResponse(string StaffCode, DateOnly From, DateOnly To, string Policy, decimal? Quantity, decimal? Quality, decimal? Progress,
    decimal? Ratio, decimal? Points, decimal MaxPoints, IReadOnlyList<TaskScoreLineResponse> Tasks, IReadOnlyList<ExplanationLine> Explanations);

/// <summary>
/// Assigned tasks over HTTP and on the page: parses, checks who may see the task, loads, asks
/// Core's <see cref="TaskAssignments"/> and saves the task with its audit entries.
/// </summary>
public sealed class TaskAssignmentDesk(GovKpiDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    private static readonly Role[] Readers = [Role.Manager, Role.Hr, Role.Leader, Role.Auditor];

    public static TaskActor Actor(CurrentUser user, UnitScope scope) => new(user.UserName, user.Role, user.StaffCode, scope.Codes);

    /// <summary>
    /// The tasks the caller sees: their own, and for managers, HR, leaders and auditors those of
    /// the units in scope, optionally of one staff member; soonest due first. With
    /// <paramref name="withDetail"/> each carries its diary and audit trail (the page shows the diary).
    /// </summary>
    public async Task<IReadOnlyList<TaskResponse>> ListAsync(CurrentUser user, UnitScope scope, string? staffCode, CancellationToken ct,
        bool withDetail = false)
    {
        var codes = scope.Codes.ToList();
        var query = db.TaskAssignments.AsNoTracking();
        query = Readers.Contains(user.Role)
            ? query.Where(t => codes.Contains(t.UnitCode) || t.StaffCode == user.StaffCode)
            : query.Where(t => t.StaffCode == user.StaffCode);
        if (staffCode is not null)
        {
            query = query.Where(t => t.StaffCode == staffCode);
        }

        var tasks = await query.OrderBy(t => t.DueOn).ThenBy(t => t.Id).Take(2000).ToListAsync(ct);
        return await ResponsesAsync(tasks, withDetail, ct);
    }

    /// <summary>
    /// The policy a person's tasks of a time are scored under: that of their latest evaluation cycle
    /// covering <paramref name="day"/>, else Decree 335's.
    /// </summary>
    public async Task<EvaluationPolicy> PolicyOnAsync(string staffCode, DateOnly day, CancellationToken ct)
    {
        var covering = await db.Evaluations.AsNoTracking().Where(e => e.StaffCode == staffCode)
            .Join(db.EvaluationCycles.AsNoTracking(), e => e.CycleId, c => c.Id, (e, c) => c)
            .Where(c => c.PeriodFrom <= day && day < c.PeriodTo).OrderByDescending(c => c.OpenedAt).FirstOrDefaultAsync(ct);
        return covering?.Policy ?? EvaluationPolicy.Decree335;
    }

    public async Task<DeskResult<TaskResponse>> GetAsync(string id, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var task = await db.TaskAssignments.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        return task is null || !Visible(task, user, scope) ? DeskResult<TaskResponse>.NotFound()
            : DeskResult<TaskResponse>.Ok((await ResponsesAsync([task], withDetail: true, ct))[0]);
    }

    public async Task<DeskResult<TaskResponse>> AssignAsync(AssignTaskRequest request, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var due = Date(errors, "dueOn", request.DueOn, required: true);
        var assignedOn = Date(errors, "assignedOn", request.AssignedOn, required: false);
        if (request.Quantity is null)
        {
            errors["quantity"] = [l["Tasks.Error.QuantityNotPositive"]];
        }

        if (string.IsNullOrWhiteSpace(request.StaffCode))
        {
            errors["staffCode"] = [l["Tasks.Error.UnknownStaff"]];
        }

        if (string.IsNullOrWhiteSpace(request.TaskType))
        {
            errors["taskType"] = [l["Tasks.Error.UnknownTaskType"]];
        }

        if (errors.Count > 0)
        {
            return DeskResult<TaskResponse>.Invalid(l["Tasks.Error.Title"], errors);
        }

        var reader = new TaskAssignmentReader(db);
        var places = await reader.PlacesAsync([request.StaffCode!.Trim()], ct);
        var catalogue = await reader.CatalogueOfAsync([request.TaskType!.Trim()], ct);
        var order = new TaskOrder(request.TaskType!.Trim(), request.Quantity!.Value, due!.Value, request.ExpectedProduct ?? "", request.QualityCheck ?? "", assignedOn);
        // A readable id a manager can say on the phone; the random part keeps nodes from colliding.
        var id = $"NV-{VietnamTime.Today(clock):yyMMdd}-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";
        var outcome = TaskAssignments.Assign(id, order, places.GetValueOrDefault(request.StaffCode.Trim()), catalogue, Actor(user, scope), clock.GetUtcNow());
        if (!outcome.Ok)
        {
            return Refused<TaskResponse>(outcome);
        }

        db.TaskAssignments.Add(outcome.Task!);
        db.TaskAudit.AddRange(outcome.Audit);
        await db.SaveChangesAsync(ct);
        return DeskResult<TaskResponse>.Ok((await ResponsesAsync([outcome.Task!], withDetail: true, ct))[0]);
    }

    public Task<DeskResult<TaskResponse>> LogDiaryAsync(string id, DiaryRequest request, CurrentUser user, UnitScope scope, CancellationToken ct) =>
        ChangeAsync(id, user, scope, (task, actor, now) =>
        {
            var errors = new Dictionary<string, string[]>();
            var day = Date(errors, "day", request.Day, required: false) ?? DateOnly.FromDateTime(now.ToOffset(VietnamTime.Offset).DateTime);
            if (request.Hours is null)
            {
                errors["hours"] = [l["Tasks.Error.DiaryHours"]];
            }

            return errors.Count > 0 ? (null, errors) : (TaskAssignments.LogDiary(task, day, request.Hours!.Value, request.Text ?? "", actor, now), errors);
        }, ct);

    public Task<DeskResult<TaskResponse>> ReportProgressAsync(string id, ProgressRequest request, CurrentUser user, UnitScope scope, CancellationToken ct) =>
        ChangeAsync(id, user, scope, (task, actor, now) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (request.QuantityDone is null)
            {
                errors["quantityDone"] = [l["Tasks.Error.QuantityDone"]];
            }

            if (request.PercentDone is null)
            {
                errors["percentDone"] = [l["Tasks.Error.Percent"]];
            }

            return errors.Count > 0 ? (null, errors)
                : (TaskAssignments.ReportProgress(task, request.QuantityDone!.Value, request.PercentDone!.Value, actor, now), errors);
        }, ct);

    public Task<DeskResult<TaskResponse>> SubmitAsync(string id, SubmitRequest? request, CurrentUser user, UnitScope scope, CancellationToken ct) =>
        ChangeAsync(id, user, scope, (task, actor, now) => (TaskAssignments.Submit(task, request?.QuantityDone, actor, now), []), ct);

    public Task<DeskResult<TaskResponse>> ReturnAsync(string id, ReturnRequest request, CurrentUser user, UnitScope scope, CancellationToken ct) =>
        ChangeAsync(id, user, scope, (task, actor, now) => (TaskAssignments.Return(task, request.Reason ?? "", actor, now), []), ct);

    public Task<DeskResult<TaskResponse>> AcceptAsync(string id, AcceptRequest request, CurrentUser user, UnitScope scope, CancellationToken ct) =>
        ChangeAsync(id, user, scope, (task, actor, now) => request.QualityPassed is null
            ? (null, new() { ["qualityPassed"] = [l["Tasks.Error.QualityPassed"]] })
            : (TaskAssignments.Accept(task, request.QualityPassed.Value, request.Note, actor, now), []), ct);

    public async Task<DeskResult<TaskResponse>> RecordCauseAsync(string id, ObjectiveCauseRequest request, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var calendar = await TaskAssignmentReader.CalendarAsync(db, ct);
        return await ChangeAsync(id, user, scope, (task, actor, now) =>
        {
            TaskIncidentKind? kind = request.Kind?.Trim().ToLowerInvariant() switch
            {
                "delay" => TaskIncidentKind.Delay,
                "quality" => TaskIncidentKind.FailedQualityCheck,
                _ => null,
            };
            return kind is null ? (null, new() { ["kind"] = [l["Tasks.Error.CauseKind"]] })
                : (TaskAssignments.RecordObjectiveCause(task, kind.Value, request.Cause ?? "", actor, calendar, now), []);
        }, ct);
    }

    /// <summary>Diary flags of the staff of the units in scope over [from, to), for managers and HR.</summary>
    public async Task<IReadOnlyList<DiaryFlagResponse>> DiaryFlagsAsync(UnitScope scope, DateOnly from, DateOnly toExclusive, CancellationToken ct)
    {
        var codes = scope.Codes.ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => codes.Contains(s.UnitCode)).Select(s => new { s.Code, s.FullName }).ToListAsync(ct);
        var staffCodes = staff.Select(s => s.Code).ToList();
        var entries = await db.TaskDiary.AsNoTracking()
            .Where(d => staffCodes.Contains(d.StaffCode) && d.Day >= from && d.Day < toExclusive).ToListAsync(ct);
        var names = staff.ToDictionary(s => s.Code, s => s.FullName, StringComparer.Ordinal);
        var flags = DiaryFlags.Find(entries, await TaskAssignmentReader.CalendarAsync(db, ct), DiaryPolicy.Default);
        return [.. flags.Select(f => new DiaryFlagResponse(f.Kind.ToString(), f.StaffCode, names.GetValueOrDefault(f.StaffCode, f.StaffCode), f.Day,
            f.TaskId, f.Hours, f.PreviousDay, f.Text))];
    }

    /// <summary>
    /// The task-result score of a person over [from, to) under <paramref name="policy"/>; read by
    /// the person and by managers, HR, leaders and auditors whose scope holds the person's unit.
    /// </summary>
    public async Task<DeskResult<TaskScoreResponse>> ScoreAsync(string staffCode, DateOnly from, DateOnly toExclusive, EvaluationPolicy policy,
        CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var person = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Code == staffCode, ct);
        if (person is null)
        {
            return DeskResult<TaskScoreResponse>.NotFound();
        }

        if (user.StaffCode != staffCode && !(Readers.Contains(user.Role) && scope.Contains(person.UnitCode)))
        {
            return DeskResult<TaskScoreResponse>.Forbidden();
        }

        var reader = new TaskAssignmentReader(db);
        var (stored, catalogue, calendar) = await reader.LoadAsync(staffCode, from, toExclusive, ct);
        var period = TaskAssignmentScoring.For(stored, staffCode, from, toExclusive, catalogue, calendar);
        var byId = stored.ToDictionary(t => t.Id, StringComparer.Ordinal);
        if (period.Tasks.Sum(t => t.Planned) == 0)
        {
            return DeskResult<TaskScoreResponse>.Ok(new(staffCode, from, toExclusive, policy.Code, null, null, null, null, null, policy.TaskResultsMax, [], []));
        }

        var missing = period.Tasks.Select(t => t.TaskType).Distinct().Where(c => !period.Conversion.CoefficientByTaskType.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            return DeskResult<TaskScoreResponse>.Conflict(l["Tasks.Error.Title"], l["Tasks.Error.NoConversion", string.Join(", ", missing)]);
        }

        var score = TaskResultScoring.Score(period.Tasks, period.Conversion, null, policy);
        var lines = score.Tasks.Select(line =>
        {
            var task = byId[line.TaskId];
            return new TaskScoreLineResponse(line.TaskId, line.TaskType, task.State.ToString(), task.DueOn, task.SubmittedAt, TaskAssignments.IsLate(task, calendar),
                line.Coefficient, line.PlannedStandard, line.CompletedStandard, line.QualityPoints, line.ProgressPoints,
                [.. line.Deductions.Select(d => new TaskDeductionResponse(line.TaskId, Kind(d.Kind), d.Points, d.WaivedBecause, d.Explanation.Formula))],
                line.Explanation.Formula);
        }).ToList();
        return DeskResult<TaskScoreResponse>.Ok(new(staffCode, from, toExclusive, policy.Code, score.Quantity, score.Quality, score.Progress, score.Ratio,
            score.Points, score.MaxPoints, lines, [.. score.Explanations.Select(e => new ExplanationLine(e.Key, e.Formula))]));
    }

    /// <summary>The API's word for an incident kind: <c>delay</c> (progress) or <c>quality</c>.</summary>
    public static string Kind(TaskIncidentKind kind) => kind == TaskIncidentKind.Delay ? "delay" : "quality";

    private static bool Visible(TaskAssignment task, CurrentUser user, UnitScope scope) =>
        task.StaffCode == user.StaffCode || scope.Contains(task.UnitCode);

    private async Task<DeskResult<TaskResponse>> ChangeAsync(string id, CurrentUser user, UnitScope scope,
        Func<TaskAssignment, TaskActor, DateTimeOffset, (TaskOutcome? Outcome, Dictionary<string, string[]> Errors)> decide, CancellationToken ct)
    {
        var task = await db.TaskAssignments.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (task is null || !Visible(task, user, scope))
        {
            return DeskResult<TaskResponse>.NotFound();
        }

        var (outcome, errors) = decide(task, Actor(user, scope), clock.GetUtcNow());
        if (outcome is null)
        {
            return DeskResult<TaskResponse>.Invalid(l["Tasks.Error.Title"], errors);
        }

        if (!outcome.Ok)
        {
            return Refused<TaskResponse>(outcome);
        }

        if (outcome.Diary is { } entry)
        {
            db.TaskDiary.Add(entry);
        }

        db.TaskAudit.AddRange(outcome.Audit);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return DeskResult<TaskResponse>.Conflict(l["Tasks.Error.Title"], l["Tasks.Error.Stale"]);
        }

        return DeskResult<TaskResponse>.Ok((await ResponsesAsync([task], withDetail: true, ct))[0]);
    }

    private DeskResult<T> Refused<T>(TaskOutcome outcome) => outcome.Refusal switch
    {
        TaskRefusal.Forbidden => DeskResult<T>.Forbidden(),
        TaskRefusal.Conflict => DeskResult<T>.Conflict(l["Tasks.Error.Title"], string.Join(" ", outcome.Problems.Select(p => l[p.Code].Value))),
        _ => DeskResult<T>.Invalid(l["Tasks.Error.Title"],
            outcome.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => l[p.Code].Value).ToArray())),
    };

    private DateOnly? Date(Dictionary<string, string[]> errors, string field, string? text, bool required)
    {
        if (string.IsNullOrWhiteSpace(text) && !required)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors[field] = [l["Tasks.Error.Date"]];
        return null;
    }

    private async Task<IReadOnlyList<TaskResponse>> ResponsesAsync(IReadOnlyList<TaskAssignment> tasks, bool withDetail, CancellationToken ct)
    {
        var staffCodes = tasks.Select(t => t.StaffCode).Distinct().ToList();
        var names = await db.Staff.AsNoTracking().Where(s => staffCodes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, s => s.FullName, ct);
        var reader = new TaskAssignmentReader(db);
        var types = (await reader.CatalogueOfAsync(tasks.Select(t => t.TaskTypeCode), ct))
            .ToDictionary(t => (t.AgencyCode, t.Code, t.Version));
        var calendar = await TaskAssignmentReader.CalendarAsync(db, ct);
        var ids = tasks.Select(t => t.Id).ToList();
        var diary = withDetail
            ? (await db.TaskDiary.AsNoTracking().Where(d => ids.Contains(d.TaskId)).ToListAsync(ct)).OrderBy(d => d.Day).ThenBy(d => d.Id).ToLookup(d => d.TaskId)
            : Array.Empty<TaskDiaryEntry>().ToLookup(d => d.TaskId);
        var audit = withDetail
            ? (await db.TaskAudit.AsNoTracking().Where(a => ids.Contains(a.TaskId)).ToListAsync(ct)).OrderBy(a => a.Id).ToLookup(a => a.TaskId)
            : Array.Empty<TaskAuditEntry>().ToLookup(a => a.TaskId);
        return [.. tasks.Select(t =>
        {
            var type = types.GetValueOrDefault((t.CatalogueAgencyCode, t.TaskTypeCode, t.TaskTypeVersion));
            return new TaskResponse(t.Id, t.Source, t.SourceVersion, t.UnitCode, t.StaffCode, names.GetValueOrDefault(t.StaffCode, t.StaffCode), t.TaskTypeCode,
                type?.Name ?? t.TaskTypeCode, type?.UnitOfOutput ?? "", t.TaskTypeVersion, t.Quantity, t.AssignedOn, t.DueOn, t.ExpectedProduct, t.QualityCheck,
                t.AssignedBy, t.State.ToString(), t.QuantityDone, t.PercentDone, t.SubmittedAt, t.Submissions, TaskAssignments.IsLate(t, calendar),
                t.ReturnReason, t.QualityPassed, t.ReviewedBy, t.DelayCause, t.QualityCause,
                [.. diary[t.Id].Select(d => new DiaryEntryResponse(d.Day, d.Hours, d.Text, d.RecordedAt))],
                [.. audit[t.Id].Select(a => new TaskAuditResponse(a.At, a.Actor, a.ActorRole, a.Action, a.Field, a.OldValue, a.NewValue, a.Reason))]);
        })];
    }
}
