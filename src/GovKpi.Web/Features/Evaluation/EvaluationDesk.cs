using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Data.Evaluation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Evaluation;

/// <summary>
/// Every change to an evaluation cycle: opening, moving stages, self-assessment, 360° feedback,
/// rating, calibration, publication, appeals, re-publication and comments. Each change is checked
/// by <see cref="CycleWorkflow"/>, recorded in the cycle's audit trail in the same transaction,
/// and saved against the cycle's revision so that concurrent writers never fork the trail.
/// Shared by the API and the pages.
/// </summary>
public sealed partial class EvaluationDesk(GovKpiDbContext db, EvaluationReader reader, EvaluationKpis kpis, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public const int MaximumTextLength = 4000;
    public const int MaximumReasonLength = 1000;

    /// <summary>Items of an evaluation that have a comment thread.</summary>
    public static IReadOnlyList<string> CommentItems { get; } =
        ["overall", "selfAssessment", "generalCriteria", "taskResults", "unitResult", "feedback360", "level", "kpis"];

    public const int MaximumTaskLines = 200;

    /// <summary>Task lines are given in standard products already: one conversion coefficient of 1.</summary>
    private const string StandardProduct = "standard";

    private static readonly ProductConversion StandardProducts = new(new Dictionary<string, decimal> { [StandardProduct] = 1 });

    private const int Attempts = 5;

    /// <summary>The trails of the changes being made, saved with them.</summary>
    private readonly List<AuditTrail> _trails = [];

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

            var errors = new Dictionary<string, string[]>();
            if (request.To is null)
            {
                errors["to"] = [l["Evaluation.Error.To"]];
            }

            CheckReason(request.Reason, "reason", required: false, errors);
            if (request.AppealDeadline is { } appeal && (request.To != CycleStage.Published || appeal < Today))
            {
                errors["appealDeadline"] = [l["Evaluation.Error.AppealDeadline", Today.ToString("dd/MM/yyyy", CultureInfo.CurrentCulture)]];
            }

            if (errors.Count > 0)
            {
                return DeskResult<CycleResponse>.Invalid(l["Evaluation.Error.Title"], errors);
            }

            var deadlines = request.AppealDeadline is { } newAppeal ? cycle.Deadlines with { Appeal = newAppeal } : cycle.Deadlines;
            var appeals = await PendingAppealsAsync(evaluations, ct);
            var facts = new CycleFacts(evaluations.Count, evaluations.Count(e => e.Score is not null), appeals.Count,
                evaluations.Count(e => e.State == ResultState.Reopened), Today, deadlines);
            var actor = caller.ActorFor(cycle, null, isMember);
            var refusal = CycleWorkflow.CanAdvance(cycle.Stage, request.To!.Value, actor, facts);
            if (refusal is { } r)
            {
                return Refuse<CycleResponse>(r, cycle, null, request.To);
            }

            // What is left can only be overridable (the workflow refused the rest): advance on a confirmation with its reason.
            var blockers = await BlockersAsync(cycle, evaluations, request.To.Value, actor, deadlines, ct);
            if (!CycleBlockers.MayAdvance(blockers, request.Confirm ?? false))
            {
                return Blocked<CycleResponse>([Describe(cycle, request.To.Value, blockers)]);
            }

            if (blockers.Count > 0 && string.IsNullOrWhiteSpace(request.Reason))
            {
                return DeskResult<CycleResponse>.Invalid(l["Evaluation.Error.Title"], new() { ["reason"] = [l["Evaluation.Error.OverrideReason"]] });
            }

            var audit = Trail(cycle, caller, AuditInstant());
            var reason = request.Reason?.Trim() ?? "";
            if (deadlines != cycle.Deadlines)
            {
                audit.Write(AuditActions.DeadlineChanged, null, "deadlines.appeal", Date(cycle.Deadlines.Appeal), Date(deadlines.Appeal), reason);
                cycle.Deadlines = deadlines;
            }

            await MoveOnAsync(cycle, evaluations, request.To.Value, blockers, reason, audit, ct);
            return DeskResult<CycleResponse>.Ok(reader.Describe(cycle, evaluations.Count));
        }, ct);

    /// <summary>
    /// Moves a cycle that may move to <paramref name="to"/>: the work of the stage left (calibration,
    /// publication), the blockers a confirmation overrode, and the move itself, all in the audit trail.
    /// </summary>
    private async Task MoveOnAsync(EvaluationCycle cycle, List<StaffEvaluation> evaluations, CycleStage to, IReadOnlyList<Blocker> overridden, string reason, AuditTrail audit, CancellationToken ct)
    {
        if (overridden.Count > 0)
        {
            audit.Write(AuditActions.BlockersOverridden, null, "blockers", "",
                string.Join("; ", overridden.Select(b => b.StaffCode is { } code ? $"{b.Kind}: {code} {b.StaffName}" : b.Kind.ToString())), reason);
        }

        switch (cycle.Stage)
        {
            case CycleStage.Calibration:
                await CalibrateAsync(cycle, evaluations, audit, ct);
                break;
            case CycleStage.Approved:
                Publish(cycle, evaluations, audit);
                break;
        }

        audit.Write(AuditActions.StageAdvanced, null, "stage", cycle.Stage.ToString(), to.ToString(), reason);
        cycle.Stage = to;
    }

    public Task<DeskResult<EvaluationResponse>> SelfAssessAsync(Caller caller, Guid evaluationId, SelfAssessmentRequest request, CancellationToken ct) =>
        WriteAndDescribeAsync(caller, evaluationId, EvaluationAction.SelfAssess, (cycle, evaluation, _, audit) =>
        {
            var errors = new Dictionary<string, string[]>();
            var points = RatingPoints.Parse(request.GeneralPoints, request.TaskPoints, null, cycle.Policy, out var pointErrors);
            AddPointErrors(pointErrors, errors);
            CheckText(request.Text, "text", MaximumTextLength, errors);
            if (errors.Count > 0)
            {
                return DeskResult<bool>.Invalid(l["Evaluation.Error.Title"], errors);
            }

            var reason = l["Evaluation.Audit.SelfAssessment"].Value;
            audit.Change(AuditActions.SelfAssessed, evaluation, "selfGeneralPoints", evaluation.SelfGeneralPoints, points!.GeneralCriteria, reason);
            audit.Change(AuditActions.SelfAssessed, evaluation, "selfTaskPoints", evaluation.SelfTaskPoints, points.TaskResults, reason);
            var text = request.Text!.Trim();
            if (text != evaluation.SelfAssessment)
            {
                audit.Write(AuditActions.SelfAssessed, evaluation, "selfAssessment", evaluation.SelfAssessment, text, reason);
            }

            evaluation.SelfGeneralPoints = points.GeneralCriteria;
            evaluation.SelfTaskPoints = points.TaskResults;
            evaluation.SelfAssessment = text;
            evaluation.SelfAssessedAt = audit.At;
            return DeskResult<bool>.Ok(true);
        }, ct);

    public Task<DeskResult<FeedbackTarget>> GiveFeedbackAsync(Caller caller, Guid evaluationId, FeedbackRequest request, CancellationToken ct) =>
        WriteEvaluationAsync(caller, evaluationId, EvaluationAction.GiveFeedback, async (cycle, evaluation, _, audit) =>
        {
            var errors = new Dictionary<string, string[]>();
            var ratings = request.Ratings ?? new Dictionary<string, int>();
            foreach (var question in Feedback360.Questions)
            {
                if (!ratings.TryGetValue(question, out var rating) || rating is < Feedback360.LowestRating or > Feedback360.HighestRating)
                {
                    errors[$"ratings.{question}"] = [l["Evaluation.Error.FeedbackRating", Feedback360.LowestRating, Feedback360.HighestRating]];
                }
            }

            foreach (var unknown in ratings.Keys.Except(Feedback360.Questions))
            {
                errors[$"ratings.{unknown}"] = [l["Evaluation.Error.FeedbackQuestion", string.Join(", ", Feedback360.Questions)]];
            }

            if ((request.Comment?.Length ?? 0) > Feedback360.MaximumCommentLength)
            {
                errors["comment"] = [l["Evaluation.Error.TooLong", Feedback360.MaximumCommentLength]];
            }

            if (errors.Count > 0)
            {
                return DeskResult<FeedbackTarget>.Invalid(l["Evaluation.Error.Title"], errors);
            }

            var respondent = caller.User.StaffCode!;
            if (await db.FeedbackRespondents.AnyAsync(r => r.EvaluationId == evaluation.Id && r.RespondentCode == respondent, ct))
            {
                return DeskResult<FeedbackTarget>.Conflict(l["Evaluation.Conflict.Title"], l["Evaluation.Error.FeedbackTwice", evaluation.StaffName]);
            }

            db.FeedbackRespondents.Add(new FeedbackRespondent { EvaluationId = evaluation.Id, RespondentCode = respondent });
            // A random (version 4) id: a time-ordered one would date the answer and so hint at who gave it.
            db.FeedbackAnswers.Add(new FeedbackAnswerRow
            {
                Id = Guid.NewGuid(),
                EvaluationId = evaluation.Id,
                Ratings = Feedback360.Questions.ToDictionary(q => q, q => ratings[q]),
                Comment = request.Comment?.Trim() ?? "",
            });
            audit.Anonymous().Write(AuditActions.FeedbackReceived, evaluation, "feedback360", "", "", "");
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
            var outcome = Rating.Apply(cycle, evaluation, evaluations, input, person.Inputs, StandardProducts, audit);
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
            tasks.Add(new AssignedTask(line.Task!.Trim(), StandardProduct, line.Planned!.Value, line.Completed!.Value) { Incidents = incidents });
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
            var errors = new Dictionary<string, string[]>();
            CheckText(request.Text, "text", MaximumTextLength, errors);
            if (errors.Count > 0)
            {
                return Task.FromResult(DeskResult<AppealResponse>.Invalid(l["Evaluation.Error.Title"], errors));
            }

            var appeal = new EvaluationAppeal
            {
                Id = Guid.NewGuid(),
                EvaluationId = evaluation.Id,
                ResultVersion = evaluation.ResultVersion,
                Text = request.Text!.Trim(),
                FiledBy = caller.User.UserName,
                FiledAt = audit.At,
                Status = AppealStatus.Pending,
            };
            db.EvaluationAppeals.Add(appeal);
            audit.Write(AuditActions.AppealFiled, evaluation, "appeal", "", $"v{appeal.ResultVersion}", appeal.Text);
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

            var errors = new Dictionary<string, string[]>();
            if (request.Upheld is null)
            {
                errors["upheld"] = [l["Evaluation.Error.Upheld"]];
            }

            CheckReason(request.Reason, "reason", required: true, errors);
            if (errors.Count > 0)
            {
                return DeskResult<AppealResponse>.Invalid(l["Evaluation.Error.Title"], errors);
            }

            if (appeal.Status != AppealStatus.Pending)
            {
                return DeskResult<AppealResponse>.Conflict(l["Evaluation.Conflict.Title"], l["Evaluation.Error.AppealDecided"]);
            }

            appeal.Status = request.Upheld!.Value ? AppealStatus.Upheld : AppealStatus.Rejected;
            appeal.Decision = request.Reason!.Trim();
            appeal.DecidedBy = caller.User.UserName;
            appeal.DecidedAt = audit.At;
            audit.Write(AuditActions.AppealDecided, evaluation, "appeal", AppealStatus.Pending.ToString(), appeal.Status.ToString(), appeal.Decision);
            if (appeal.Status == AppealStatus.Upheld)
            {
                audit.Write(AuditActions.ResultReopened, evaluation, "state", evaluation.State.ToString(), ResultState.Reopened.ToString(), appeal.Decision);
                evaluation.State = ResultState.Reopened;
                evaluation.Rerated = false;
            }

            return DeskResult<AppealResponse>.Ok(EvaluationReader.Describe(appeal));
        }, ct);

    public Task<DeskResult<EvaluationResponse>> RepublishAsync(Caller caller, Guid evaluationId, RepublishRequest request, CancellationToken ct) =>
        WriteAndDescribeAsync(caller, evaluationId, EvaluationAction.Republish, async (cycle, evaluation, evaluations, audit) =>
        {
            var errors = new Dictionary<string, string[]>();
            CheckReason(request.Reason, "reason", required: true, errors);
            if (errors.Count > 0)
            {
                return DeskResult<bool>.Invalid(l["Evaluation.Error.Title"], errors);
            }

            var previous = await db.EvaluationResults.AsNoTracking().Where(r => r.EvaluationId == evaluation.Id).OrderByDescending(r => r.Version).FirstAsync(ct);
            // The quota is checked again with the new score among the people calibrated together;
            // nobody else's published result moves because of this appeal.
            var population = await reader.CalibratedTogetherAsync(cycle, evaluations, ct);
            var outcome = QuotaCalibration.Calibrate(await reader.ScoredAsync(cycle, population, ct), cycle.Policy);
            var mine = outcome.People.Single(p => p.StaffCode == EvaluationReader.Key(evaluation));
            evaluation.Level = mine.Level;
            evaluation.LevelReason = mine.Reason;
            var result = AddResult(evaluation, audit);
            audit.Write(AuditActions.ResultRepublished, evaluation, "result", Describe(previous), Describe(result), request.Reason!.Trim());
            return DeskResult<bool>.Ok(true);
        }, ct);

    public Task<DeskResult<CommentResponse>> CommentAsync(Caller caller, Guid evaluationId, CommentRequest request, CancellationToken ct) =>
        WriteEvaluationAsync(caller, evaluationId, EvaluationAction.Comment, (cycle, evaluation, _, audit) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (request.Item is null || !CommentItems.Contains(request.Item))
            {
                errors["item"] = [l["Evaluation.Error.CommentItem", string.Join(", ", CommentItems)]];
            }

            CheckText(request.Text, "text", Feedback360.MaximumCommentLength, errors);
            if (errors.Count > 0)
            {
                return Task.FromResult(DeskResult<CommentResponse>.Invalid(l["Evaluation.Error.Title"], errors));
            }

            var comment = new EvaluationComment
            {
                EvaluationId = evaluation.Id,
                Item = request.Item!,
                Side = caller.IsPerson(evaluation) ? CommentSide.Person : CommentSide.Manager,
                Author = caller.User.UserName,
                AuthorName = caller.User.DisplayName,
                Text = request.Text!.Trim(),
                At = audit.At,
            };
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

    /// <summary>
    /// The calibration stage: the HTXS quota over everyone of the agency calibrated for the same
    /// period (this cycle and those of the agency already past calibration), written to this cycle's
    /// evaluations with who moved and why.
    /// </summary>
    private async Task CalibrateAsync(EvaluationCycle cycle, List<StaffEvaluation> evaluations, AuditTrail audit, CancellationToken ct)
    {
        var population = await reader.CalibratedTogetherAsync(cycle, evaluations, ct);
        var outcome = QuotaCalibration.Calibrate(await reader.ScoredAsync(cycle, population, ct), cycle.Policy);
        var byKey = outcome.People.ToDictionary(p => p.StaffCode, StringComparer.Ordinal);
        var names = population.ToDictionary(EvaluationReader.Key, e => e.StaffCode, StringComparer.Ordinal);
        foreach (var group in outcome.Groups.Where(g => g.EligibleHtxs > 0))
        {
            audit.Write(AuditActions.QuotaApplied, null, $"{group.AgencyCode}/{group.GroupCode}", "",
                string.Create(CultureInfo.InvariantCulture,
                    $"people={group.People}; eligibleHtxs={group.EligibleHtxs}; httByScore={group.HttByScore}; allowedHtxs={group.AllowedHtxs}; moved={string.Join(",", group.Moved.Select(m => names[m]))}"),
                l["Evaluation.Audit.Quota", cycle.Policy.Quota.Share is { } s ? s.ToString("P0", CultureInfo.CurrentCulture) : "—"]);
        }

        foreach (var evaluation in evaluations)
        {
            var classified = byKey[EvaluationReader.Key(evaluation)];
            var band = cycle.Policy.Bands.LevelOf(evaluation.Score!.Value);
            var why = classified.Reason switch
            {
                ClassificationReason.Quota => l["Evaluation.Audit.MovedByQuota", Level(band), Level(classified.Level)].Value,
                ClassificationReason.Forced => l["Evaluation.Audit.Forced"].Value,
                ClassificationReason.Capped => l["Evaluation.Audit.Capped", Level(classified.Level)].Value,
                _ => l["Evaluation.Audit.Band", Number(evaluation.Score.Value)].Value,
            };
            audit.Write(AuditActions.LevelSet, evaluation, "level", band.ToString(), classified.Level.ToString(), why);
            evaluation.Level = classified.Level;
            evaluation.LevelReason = classified.Reason;
        }
    }

    private void Publish(EvaluationCycle cycle, List<StaffEvaluation> evaluations, AuditTrail audit)
    {
        cycle.PublishedAt = audit.At;
        foreach (var evaluation in evaluations)
        {
            var result = AddResult(evaluation, audit);
            audit.Write(AuditActions.ResultPublished, evaluation, "result", "", Describe(result), "");
        }
    }

    private EvaluationResult AddResult(StaffEvaluation evaluation, AuditTrail audit)
    {
        var result = new EvaluationResult
        {
            EvaluationId = evaluation.Id,
            Version = evaluation.ResultVersion + 1,
            GeneralPoints = evaluation.GeneralPoints!.Value,
            TaskPoints = evaluation.TaskPoints!.Value,
            UnitResultPoints = evaluation.UnitResultPoints,
            Score = evaluation.Score!.Value,
            ForcedKht = evaluation.ForcedKht,
            Level = evaluation.Level!.Value,
            LevelReason = evaluation.LevelReason!.Value,
            PublishedAt = audit.At,
            PublishedBy = audit.Actor,
        };
        db.EvaluationResults.Add(result);
        evaluation.ResultVersion = result.Version;
        evaluation.State = ResultState.Published;
        evaluation.Rerated = false;
        return result;
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

    private string Level(ClassificationLevel level) => l[$"Evaluation.Level.{level}"];

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
            errors.TryAdd(e.Field, [l[$"Evaluation.Error.Points.{e.Problem}", Number(e.Maximum)]]);
        }
    }

    private void CheckText(string? text, string field, int maximum, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[field] = [l["Evaluation.Error.Required"]];
        }
        else if (text.Length > maximum)
        {
            errors[field] = [l["Evaluation.Error.TooLong", maximum]];
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

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Describe(EvaluationResult r) => $"v{r.Version}: {Number(r.Score)} {r.Level.ToString().ToUpperInvariant()}";
}
