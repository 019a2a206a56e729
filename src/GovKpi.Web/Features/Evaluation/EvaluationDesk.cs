using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Data.Evaluation;
using GovKpi.Data.Tasks;
using GovKpi.Web.Features.Collective;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Evaluation;

/// <summary>
/// Every change to an evaluation cycle: opening, moving stages, self-assessment, 360° feedback,
/// rating, calibration, publication, appeals, re-publication and comments. The desk parses, checks
/// access (<see cref="CycleWorkflow"/>), loads, asks Core's rule for the change (which changes the
/// records and writes the audit entries) and saves it all in one transaction against the cycle's
/// revision, so that concurrent writers never fork the trail. Shared by the API and the pages.
/// </summary>
public sealed partial class EvaluationDesk(GovKpiDbContext db, EvaluationReader reader, EvaluationKpis kpis, TaskAssignmentReader assignments, UnitResultReader units, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public const int MaximumTextLength = CycleChange.MaximumTextLength;
    public const int MaximumReasonLength = CycleChange.MaximumReasonLength;

    /// <summary>Items of an evaluation that have a comment thread.</summary>
    public static IReadOnlyList<string> CommentItems => Comments.Items;

    public const int MaximumTaskLines = 200;


    private const int Attempts = 5;

    /// <summary>The trails of the changes being made, saved with them.</summary>
    private readonly List<AuditTrail> _trails = [];

    private readonly AuditWording _wording = new(l);

    private DateOnly Today => VietnamTime.Today(clock);

    private AuditTrail Trail(EvaluationCycle cycle, Caller caller, DateTimeOffset at)
    {
        var trail = new AuditTrail(cycle, AuditActors.From(caller.User), at);
        _trails.Add(trail);
        return trail;
    }

    /// <summary>Saves the changes with the audit entries Core wrote for them.</summary>
    private async Task SaveAsync(CancellationToken ct)
    {
        foreach (var trail in _trails)
        {
            db.EvaluationAudit.AddRange(trail.Entries);
        }

        _trails.Clear();
        await db.SaveChangesAsync(ct);
    }

    public async Task<DeskResult<CycleResponse>> OpenAsync(Caller caller, OpenCycleRequest request, CancellationToken ct)
    {
        if (caller.User.Role is not (Role.Manager or Role.Hr))
        {
            return DeskResult<CycleResponse>.Forbidden();
        }

        var errors = new Dictionary<string, string[]>();
        var unit = string.IsNullOrWhiteSpace(request.UnitCode) ? null : caller.Scope.Tree.Find(request.UnitCode.Trim());
        if (unit is null)
        {
            errors["unitCode"] = [l["Evaluation.Error.Unit", request.UnitCode ?? ""]];
        }
        else if (!caller.Scope.Contains(unit.Code))
        {
            return DeskResult<CycleResponse>.Forbidden();
        }

        var terms = OpeningTerms(request.PeriodKind, request.Year, request.Number, request.Policy, request.Deadlines, errors);
        if (errors.Count > 0)
        {
            return DeskResult<CycleResponse>.Invalid(l["Evaluation.Error.Title"], errors);
        }

        var plan = CycleOpening.Plan([unit!.Code], await OpeningFactsAsync(caller, terms!, ct));
        switch (plan.Skipped.FirstOrDefault()?.Reason)
        {
            case OpeningSkip.OutOfScope:
                return DeskResult<CycleResponse>.Forbidden();
            case OpeningSkip.UnitEnded:
                return DeskResult<CycleResponse>.Invalid(l["Evaluation.Error.Title"], new() { ["unitCode"] = [l["Evaluation.Error.UnitEnded", unit.Code]] });
            case OpeningSkip.NoStaff:
                return DeskResult<CycleResponse>.Invalid(l["Evaluation.Error.Title"], new() { ["unitCode"] = [l["Evaluation.Error.NoStaff", unit.Code]] });
            case OpeningSkip.AlreadyOpen:
                return DeskResult<CycleResponse>.Conflict(l["Evaluation.Conflict.Title"], l["Evaluation.Error.Duplicate", unit.Code, terms!.Period.Label]);
        }

        var opened = AddCycles(caller, plan, terms!);
        try
        {
            await SaveAddedAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique index on unit and period: someone opened the same cycle a moment ago.
            return DeskResult<CycleResponse>.Conflict(l["Evaluation.Conflict.Title"], l["Evaluation.Error.Duplicate", unit.Code, terms!.Period.Label]);
        }

        return DeskResult<CycleResponse>.Ok(reader.Describe(opened[0].Cycle, opened[0].People));
    }

    public Task<DeskResult<CycleResponse>> AdvanceAsync(Caller caller, Guid cycleId, AdvanceRequest request, CancellationToken ct) =>
        WriteAsync(cycleId, async (cycle, evaluations) =>
        {
            var isMember = evaluations.Any(caller.IsPerson);
            if (!caller.Sees(cycle, isMember))
            {
                return DeskResult<CycleResponse>.Forbidden();
            }

            var problems = StageMove.Check(request.To, request.Reason, reasonRequired: false, request.AppealDeadline, Today);
            if (problems.Count > 0)
            {
                return DeskResult<CycleResponse>.Invalid(l["Evaluation.Error.Title"], Words(problems.All));
            }

            var to = request.To!.Value;
            var deadlines = StageMove.Deadlines(cycle.Deadlines, request.AppealDeadline);
            var appeals = await PendingAppealsAsync(evaluations, ct);
            var actor = caller.ActorFor(cycle, null, isMember);
            var blockers = await BlockersAsync(cycle, evaluations, to, actor, deadlines, ct);
            var decision = StageMove.Decide(cycle.Stage, to, actor, StageMove.Facts(evaluations, appeals.Count, Today, deadlines), blockers, request.Confirm ?? false, request.Reason);
            if (decision.Refusal is { } refusal)
            {
                return Refuse<CycleResponse>(refusal, cycle, null, to);
            }

            if (decision.Blocked)
            {
                return Blocked<CycleResponse>([Describe(cycle, to, blockers)]);
            }

            if (decision.Problems.Count > 0)
            {
                return DeskResult<CycleResponse>.Invalid(l["Evaluation.Error.Title"], Words(decision.Problems));
            }

            await MoveOnAsync(cycle, evaluations, to, deadlines, decision.Overridden, request.Reason, Trail(cycle, caller, AuditInstant()), ct);
            return DeskResult<CycleResponse>.Ok(reader.Describe(cycle, evaluations.Count));
        }, ct);

    /// <summary>Moves a cycle that may move to <paramref name="to"/> (<see cref="StageMove.Apply"/>), with the people calibrated together when it leaves calibration.</summary>
    private async Task MoveOnAsync(
        EvaluationCycle cycle, List<StaffEvaluation> evaluations, CycleStage to, StageDeadlines deadlines, IReadOnlyList<Blocker> overridden, string? reason, AuditTrail audit, CancellationToken ct)
    {
        var calibration = cycle.Stage == CycleStage.Calibration ? await reader.CalibrationPopulationAsync(cycle, evaluations, ct) : null;
        Dictionary<Guid, int>? answers = null;
        if (cycle.Stage == CycleStage.Feedback360)
        {
            var ids = evaluations.Select(e => e.Id).ToList();
            answers = await db.FeedbackAnswers.AsNoTracking().Where(a => ids.Contains(a.EvaluationId)).GroupBy(a => a.EvaluationId)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        }

        var moved = StageMove.Apply(cycle, evaluations, to, deadlines, overridden, reason, calibration, audit, _wording, answers);
        db.EvaluationResults.AddRange(moved.Results);
    }

    public Task<DeskResult<EvaluationResponse>> SelfAssessAsync(Caller caller, Guid evaluationId, SelfAssessmentRequest request, CancellationToken ct) =>
        WriteAndDescribeAsync(caller, evaluationId, EvaluationAction.SelfAssess, (cycle, evaluation, _, audit) =>
            Done(SelfAssessment.Record(cycle, evaluation, request.GeneralPoints, request.TaskPoints, request.Text, audit, _wording)), ct);

    public Task<DeskResult<FeedbackTarget>> GiveFeedbackAsync(Caller caller, Guid evaluationId, FeedbackRequest request, CancellationToken ct) =>
        WriteEvaluationAsync(caller, evaluationId, EvaluationAction.GiveFeedback, async (cycle, evaluation, _, audit) =>
        {
            var respondent = caller.User.StaffCode!;
            var answered = await db.FeedbackRespondents.AnyAsync(r => r.EvaluationId == evaluation.Id && r.RespondentCode == respondent, ct);
            var given = FeedbackGiving.Give(evaluation, respondent, request.Ratings, request.Comment, answered);
            if (given.Applied is not { } added)
            {
                return NotApplied<FeedbackTarget, FeedbackGiven>(given);
            }

            db.FeedbackRespondents.Add(added.Respondent);
            db.FeedbackAnswers.Add(added.Answer);
            return DeskResult<FeedbackTarget>.Ok(new FeedbackTarget(evaluation.Id, evaluation.StaffCode, evaluation.StaffName, Answered: true));
        }, ct);

    /// <summary>
    /// The manager's rating: the request is read into Core's <see cref="RatingInput"/> (located errors
    /// for what cannot be read), the person's KPIs of the period are loaded, and Core's
    /// <see cref="Rating"/> decides and applies the rating, computing the task results.
    /// </summary>
    public Task<DeskResult<EvaluationResponse>> RateAsync(Caller caller, Guid evaluationId, RatingRequest request, CancellationToken ct) =>
        WriteAndDescribeAsync(caller, evaluationId, EvaluationAction.Rate, async (cycle, evaluation, evaluations, audit) =>
        {
            var errors = new Dictionary<string, string[]>();
            var input = ReadRating(request, errors);
            var person = await kpis.OfAsync(cycle, evaluation, ct);
            var assigned = await assignments.TasksForAsync(evaluation.StaffCode, cycle.PeriodFrom, cycle.PeriodTo, ct);
            var measured = evaluation.Leader switch
            {
                LeaderRole.Head => await units.ResultAsync(evaluation.UnitCode, cycle.PeriodFrom, cycle.PeriodTo, ct),
                LeaderRole.Deputy => await units.FieldResultAsync(evaluation.StaffCode, cycle.PeriodFrom, cycle.PeriodTo, ct),
                _ => null,
            };
            var outcome = Rating.Apply(cycle, evaluation, evaluations, input, new RatingFacts(person.Inputs, assigned, measured), audit);
            foreach (var error in outcome.Errors)
            {
                errors.TryAdd(error.Field, [l[$"Evaluation.Error.{error.Problem}", [.. error.Arguments]]]);
            }

            return errors.Count > 0 ? DeskResult<bool>.Invalid(l["Evaluation.Error.Title"], errors) : DeskResult<bool>.Ok(true);
        }, ct);

    /// <summary>
    /// Reads the rating request: task lines into standard-product tasks (an objective cause waives one
    /// incident of its kind), level names of the general criteria, the reason's length. What cannot be
    /// read gets its located error here and is named in <see cref="RatingInput.Unreadable"/>.
    /// </summary>
    private RatingInput ReadRating(RatingRequest request, Dictionary<string, string[]> errors)
    {
        var lines = request.Tasks ?? [];
        if (lines.Count > MaximumTaskLines)
        {
            errors["tasks"] = [l["Evaluation.Error.TooManyTasks", MaximumTaskLines]];
        }

        var tasks = new List<AssignedTask>();
        for (var i = 0; i < lines.Count && i < MaximumTaskLines; i++)
        {
            var line = lines[i];
            var field = $"tasks[{i}]";
            var before = errors.Count;
            if (string.IsNullOrWhiteSpace(line.Task) || line.Task.Length > 200)
            {
                errors[$"{field}.task"] = [l["Evaluation.Error.TaskName"]];
            }

            foreach (var (name, value) in new[] { ("planned", line.Planned), ("completed", line.Completed) })
            {
                if (value is not { } v || v < 0 || v > 1_000_000 || decimal.Round(v, 2) != v)
                {
                    errors[$"{field}.{name}"] = [l["Evaluation.Error.TaskQuantity"]];
                }
            }

            var counts = new Dictionary<TaskIncidentKind, int> { [TaskIncidentKind.FailedQualityCheck] = line.FailedChecks ?? 0, [TaskIncidentKind.Delay] = line.Delays ?? 0 };
            foreach (var (kind, name) in new[] { (TaskIncidentKind.FailedQualityCheck, "failedChecks"), (TaskIncidentKind.Delay, "delays") })
            {
                if (counts[kind] is < 0 or > 100)
                {
                    errors[$"{field}.{name}"] = [l["Evaluation.Error.TaskIncidents"]];
                }
            }

            var causes = line.ObjectiveCauses ?? [];
            for (var k = 0; k < causes.Count; k++)
            {
                if (causes[k].Kind is null || string.IsNullOrWhiteSpace(causes[k].Cause) || causes[k].Cause!.Length > MaximumReasonLength)
                {
                    errors[$"{field}.objectiveCauses[{k}]"] = [l["Evaluation.Error.ObjectiveCause"]];
                }
            }

            var waived = causes.Where(c => c.Kind is not null && !string.IsNullOrWhiteSpace(c.Cause)).ToLookup(c => c.Kind!.Value);
            if (waived.Any(g => g.Count() > Math.Max(0, counts[g.Key])))
            {
                errors[$"{field}.objectiveCauses"] = [l["Evaluation.Error.MoreCausesThanIncidents"]];
            }

            if (errors.Count > before)
            {
                continue;
            }

            var incidents = counts.SelectMany(c => waived[c.Key].Select(w => new TaskIncident(c.Key, w.Cause!.Trim()))
                .Concat(Enumerable.Repeat(new TaskIncident(c.Key), c.Value - waived[c.Key].Count()))).ToList();
            tasks.Add(new AssignedTask(line.Task!.Trim(), Rating.StandardProduct, line.Planned!.Value, line.Completed!.Value) { Incidents = incidents });
        }

        var levels = string.Join(", ", Enum.GetNames<RatingLevel>());
        var criteria = new Dictionary<string, RatingLevel>(StringComparer.Ordinal);
        foreach (var (code, level) in request.Criteria ?? new Dictionary<string, string>())
        {
            // Matched by name only: Enum.TryParse would also take "7".
            if (Enum.GetNames<RatingLevel>().FirstOrDefault(n => string.Equals(n, level?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name)
            {
                criteria[code] = Enum.Parse<RatingLevel>(name);
            }
            else
            {
                errors[$"criteria.{code}"] = [l["Evaluation.Error.UnknownRatingLevel", level ?? "", code, levels]];
            }
        }

        CheckReason(request.Reason, "reason", required: false, errors);
        CheckReason(request.Adjustment?.Reason, "adjustment.reason", required: false, errors);
        return new RatingInput
        {
            GeneralPoints = request.GeneralPoints,
            Criteria = criteria,
            TaskPoints = request.TaskPoints,
            UnitResultPoints = request.UnitResultPoints,
            Tasks = tasks,
            Organising = request.Organising,
            KpiRatings = request.KpiRatings,
            ForcedKht = request.ForcedKht ?? false,
            Reason = request.Reason,
            Adjustment = request.Adjustment is { } a ? new RatingAdjustment(a.TaskPoints, a.Reason) : null,
            Unreadable = errors.Keys.ToList(),
        };
    }

    public Task<DeskResult<AppealResponse>> AppealAsync(Caller caller, Guid evaluationId, AppealRequest request, CancellationToken ct) =>
        WriteEvaluationAsync(caller, evaluationId, EvaluationAction.Appeal, (cycle, evaluation, _, audit) =>
        {
            var filed = Appeals.File(evaluation, request.Text, audit);
            if (filed.Applied is not { } appeal)
            {
                return Task.FromResult(NotApplied<AppealResponse, EvaluationAppeal>(filed));
            }

            db.EvaluationAppeals.Add(appeal);
            return Task.FromResult(DeskResult<AppealResponse>.Ok(EvaluationReader.Describe(appeal)));
        }, ct);

    public Task<DeskResult<AppealResponse>> DecideAppealAsync(Caller caller, Guid evaluationId, Guid appealId, AppealDecisionRequest request, CancellationToken ct) =>
        WriteEvaluationAsync(caller, evaluationId, EvaluationAction.DecideAppeal, async (cycle, evaluation, _, audit) =>
        {
            var appeal = await db.EvaluationAppeals.SingleOrDefaultAsync(a => a.Id == appealId && a.EvaluationId == evaluation.Id, ct);
            if (appeal is null)
            {
                return DeskResult<AppealResponse>.NotFound();
            }

            var decided = Appeals.Decide(evaluation, appeal, request.Upheld, request.Reason, audit);
            return decided.IsApplied ? DeskResult<AppealResponse>.Ok(EvaluationReader.Describe(appeal)) : NotApplied<AppealResponse, EvaluationAppeal>(decided);
        }, ct);

    public Task<DeskResult<EvaluationResponse>> RepublishAsync(Caller caller, Guid evaluationId, RepublishRequest request, CancellationToken ct) =>
        WriteAndDescribeAsync(caller, evaluationId, EvaluationAction.Republish, async (cycle, evaluation, evaluations, audit) =>
        {
            var previous = await db.EvaluationResults.AsNoTracking().Where(r => r.EvaluationId == evaluation.Id).OrderByDescending(r => r.Version).FirstAsync(ct);
            var population = await reader.CalibrationPopulationAsync(cycle, evaluations, ct);
            var republished = Publication.Republish(cycle, evaluation, previous, population.People, request.Reason, audit);
            if (republished.Applied is { } result)
            {
                db.EvaluationResults.Add(result);
            }

            return Done(republished);
        }, ct);

    public Task<DeskResult<CommentResponse>> CommentAsync(Caller caller, Guid evaluationId, CommentRequest request, CancellationToken ct) =>
        WriteEvaluationAsync(caller, evaluationId, EvaluationAction.Comment, (cycle, evaluation, _, audit) =>
        {
            var added = Comments.Add(evaluation, request.Item, request.Text, caller.IsPerson(evaluation), audit);
            if (added.Applied is not { } comment)
            {
                return Task.FromResult(NotApplied<CommentResponse, EvaluationComment>(added));
            }

            db.EvaluationComments.Add(comment);
            return Task.FromResult(DeskResult<CommentResponse>.Ok(EvaluationReader.Describe(comment)));
        }, ct);

    /// <summary>Writes, then answers with the evaluation as saved (published versions included).</summary>
    private async Task<DeskResult<EvaluationResponse>> WriteAndDescribeAsync(
        Caller caller, Guid evaluationId, EvaluationAction action,
        Func<EvaluationCycle, StaffEvaluation, List<StaffEvaluation>, AuditTrail, Task<DeskResult<bool>>> change, CancellationToken ct)
    {
        var written = await WriteEvaluationAsync(caller, evaluationId, action, change, ct);
        return written.Status == DeskStatus.Ok ? await reader.EvaluationAsync(caller, evaluationId, ct) : written.As<EvaluationResponse>();
    }

    private Task<DeskResult<EvaluationResponse>> WriteAndDescribeAsync(
        Caller caller, Guid evaluationId, EvaluationAction action,
        Func<EvaluationCycle, StaffEvaluation, List<StaffEvaluation>, AuditTrail, DeskResult<bool>> change, CancellationToken ct) =>
        WriteAndDescribeAsync(caller, evaluationId, action, (c, e, all, audit) => Task.FromResult(change(c, e, all, audit)), ct);

    /// <summary>
    /// Runs <paramref name="change"/> on the cycle and its evaluations and saves it with the cycle's
    /// revision raised. A concurrent write to the same cycle makes the save fail; the change is then
    /// run again on fresh data (and may now be refused, e.g. a second 360° answer).
    /// </summary>
    private async Task<DeskResult<T>> WriteAsync<T>(Guid cycleId, Func<EvaluationCycle, List<StaffEvaluation>, Task<DeskResult<T>>> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            _trails.Clear();
            var cycle = await db.EvaluationCycles.SingleOrDefaultAsync(c => c.Id == cycleId, ct);
            if (cycle is null)
            {
                return DeskResult<T>.NotFound();
            }

            var evaluations = await db.Evaluations.Where(e => e.CycleId == cycleId).OrderBy(e => e.StaffCode).ToListAsync(ct);
            var result = await change(cycle, evaluations);
            if (result.Status != DeskStatus.Ok)
            {
                return result;
            }

            cycle.Revision++;

            try
            {
                await SaveAsync(ct);
                return result;
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Another writer got there first (revision or audit sequence): start again from what it saved.
            }
        }
    }

    private async Task<DeskResult<T>> WriteEvaluationAsync<T>(
        Caller caller, Guid evaluationId, EvaluationAction action,
        Func<EvaluationCycle, StaffEvaluation, List<StaffEvaluation>, AuditTrail, Task<DeskResult<T>>> change, CancellationToken ct)
    {
        var cycleId = await db.Evaluations.Where(e => e.Id == evaluationId).Select(e => (Guid?)e.CycleId).SingleOrDefaultAsync(ct);
        if (cycleId is null)
        {
            return DeskResult<T>.NotFound();
        }

        return await WriteAsync(cycleId.Value, async (cycle, evaluations) =>
        {
            var evaluation = evaluations.Single(e => e.Id == evaluationId);
            var isMember = evaluations.Any(caller.IsPerson);
            var isRespondent = action == EvaluationAction.GiveFeedback && caller.User.StaffCode is { } me
                && await db.RespondentRequests.AnyAsync(r => r.EvaluationId == evaluation.Id && r.RespondentCode == me, ct);
            if (!caller.Sees(evaluation) && !(action == EvaluationAction.GiveFeedback && (isMember || isRespondent)))
            {
                return DeskResult<T>.Forbidden();
            }

            var appealPending = await db.EvaluationAppeals.AnyAsync(a => a.EvaluationId == evaluation.Id && a.Status == AppealStatus.Pending, ct);
            var facts = new EvaluationFacts(evaluation.State, appealPending, evaluation.Rerated, Today, cycle.Deadlines.Appeal);
            if (CycleWorkflow.CanDo(action, cycle.Stage, caller.ActorFor(cycle, evaluation, isMember) with { IsRespondent = isRespondent }, facts) is { } refusal)
            {
                return Refuse<T>(refusal, cycle, evaluation, null);
            }

            return await change(cycle, evaluation, evaluations, Trail(cycle, caller, AuditInstant()));
        }, ct);
    }

    private async Task<List<EvaluationAppeal>> PendingAppealsAsync(List<StaffEvaluation> evaluations, CancellationToken ct)
    {
        var ids = evaluations.Select(e => e.Id).ToList();
        return await db.EvaluationAppeals.Where(a => ids.Contains(a.EvaluationId) && a.Status == AppealStatus.Pending).ToListAsync(ct);
    }

    private DeskResult<T> Refuse<T>(WorkflowRefusal refusal, EvaluationCycle cycle, StaffEvaluation? evaluation, CycleStage? to)
    {
        if (refusal == WorkflowRefusal.NotAllowed)
        {
            return DeskResult<T>.Forbidden();
        }

        var next = CycleWorkflow.Next(cycle.Stage);
        var detail = l[$"Evaluation.Refusal.{refusal}",
            Stage(cycle.Stage),
            next is { } n ? Stage(n) : "—",
            to is { } t ? Stage(t) : "—",
            cycle.Deadlines.Appeal.ToString("dd/MM/yyyy", CultureInfo.CurrentCulture),
            evaluation?.StaffName ?? "",
            cycle.PublishedAt is { } p ? p.ToOffset(VietnamTime.Offset).ToString("dd/MM/yyyy", CultureInfo.CurrentCulture) : "—"];
        return DeskResult<T>.Conflict(l["Evaluation.Conflict.Title"], detail);
    }

    private string Stage(CycleStage stage) => l[$"Evaluation.Stage.{stage}"];

    private static StageDeadlines Deadlines(DeadlinesRequest? request, StageDeadlines defaults) => request is null ? defaults : new(
        request.SelfAssessment ?? defaults.SelfAssessment,
        request.Feedback360 ?? defaults.Feedback360,
        request.ManagerRating ?? defaults.ManagerRating,
        request.CollectiveReview ?? defaults.CollectiveReview,
        request.Calibration ?? defaults.Calibration,
        request.HeadApproval ?? defaults.HeadApproval,
        request.Publication ?? defaults.Publication,
        request.Appeal ?? defaults.Appeal);

    private void AddPointErrors(IReadOnlyList<PointsError> pointErrors, Dictionary<string, string[]> errors)
    {
        foreach (var e in pointErrors)
        {
            // A task-line error already on the field says more than "missing".
            errors.TryAdd(e.Field, [l[$"Evaluation.Error.Points.{e.Problem}", e.Maximum.ToString("0.##", CultureInfo.CurrentCulture)]]);
        }
    }

    private void CheckReason(string? reason, string field, bool required, Dictionary<string, string[]> errors)
    {
        if (required && string.IsNullOrWhiteSpace(reason))
        {
            errors[field] = [l["Evaluation.Error.Reason"]];
        }
        else if (reason?.Length > MaximumReasonLength)
        {
            errors[field] = [l["Evaluation.Error.TooLong", MaximumReasonLength]];
        }
    }

    /// <summary>Now, to the microsecond both databases keep, so the audit hash of a read-back entry matches.</summary>
    private DateTimeOffset AuditInstant()
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMicrosecond));
    }

    internal static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

}
