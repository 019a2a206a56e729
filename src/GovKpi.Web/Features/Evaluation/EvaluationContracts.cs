using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Data.Evaluation;

namespace GovKpi.Web.Features.Evaluation;

/// <summary>
/// Deadlines of a new cycle (yyyy-MM-dd, Vietnam dates, inclusive). Any left out take the default:
/// a few days per stage after the later of today and the end of the period.
/// </summary>
public sealed record DeadlinesRequest(
    DateOnly? SelfAssessment, DateOnly? Feedback360, DateOnly? ManagerRating, DateOnly? CollectiveReview,
    DateOnly? Calibration, DateOnly? HeadApproval, DateOnly? Publication, DateOnly? Appeal);

/// <summary>Opens a cycle for the staff of <c>UnitCode</c>. <c>Number</c>: month 1–12, quarter 1–4, none for a year. <c>Policy</c>: decree-335 (default) or khanh-hoa.</summary>
public sealed record OpenCycleRequest(string? UnitCode, PeriodKind? PeriodKind, int? Year, int? Number, string? Policy, DeadlinesRequest? Deadlines);

/// <summary>
/// Moves a cycle to the next stage <c>To</c>. Publishing (to Published) may move the appeal deadline.
/// <c>Confirm</c> with a <c>Reason</c> overrides the blockers that may be overridden (missing self-assessments).
/// </summary>
public sealed record AdvanceRequest(CycleStage? To, string? Reason, DateOnly? AppealDeadline, bool? Confirm = null);

public sealed record SelfAssessmentRequest(decimal? GeneralPoints, decimal? TaskPoints, string? Text);

/// <summary>One rating of 1–5 for each question of <c>/api/evaluation/questions</c>, and an optional comment.</summary>
public sealed record FeedbackRequest(IReadOnlyDictionary<string, int>? Ratings, string? Comment);

/// <summary>
/// The manager's rating. <c>Reason</c> is required: it goes into the audit trail with every changed
/// number. The task results are either <c>TaskPoints</c> as given, or computed from <c>Tasks</c>
/// (Decree 335: quantity, quality and progress in standard products, 25% off per failed check or
/// delay unless an objective cause is recorded); a unit head's are then combined with the unit's
/// result and <c>Organising</c>, their organising capacity. The general criteria are likewise
/// either <c>GeneralPoints</c> or computed from <c>Criteria</c>: every general criterion of the
/// cycle's policy rated on its scale (criterion code → Weak | Fair | Good | Excellent).
/// When the person has KPI values in the period (or <c>Tasks</c> are given) the task results are
/// computed — max × [k × KPI achievement + (1 − k) × (a + b + c) ÷ 3] — and <c>TaskPoints</c> is
/// refused; <c>KpiRatings</c> rates the behavioural KPIs of the person's set (code → 1–5) and
/// <c>Adjustment</c> changes the computed points, only with a reason. Typed <c>TaskPoints</c> are for
/// a person with neither KPI values nor task lines.
/// </summary>
public sealed record RatingRequest(decimal? GeneralPoints, decimal? TaskPoints, decimal? UnitResultPoints, bool? ForcedKht, string? Reason)
{
    public IReadOnlyList<TaskLineRequest>? Tasks { get; init; }
    public IReadOnlyDictionary<string, string>? Criteria { get; init; }
    public Core.KpiLibrary.RatingLevel? Organising { get; init; }
    public IReadOnlyDictionary<string, int>? KpiRatings { get; init; }
    public AdjustmentRequest? Adjustment { get; init; }
}

/// <summary>The adjusted task-result points (instead of the computed ones) and why.</summary>
public sealed record AdjustmentRequest(decimal? TaskPoints, string? Reason);

/// <summary>
/// One task of the period in standard products (sản phẩm chuẩn): planned and completed, failed
/// quality checks and delays; each objective cause waives one failed check or delay of its kind.
/// </summary>
public sealed record TaskLineRequest(string? Task, decimal? Planned, decimal? Completed, int? FailedChecks, int? Delays, IReadOnlyList<ObjectiveCauseRequest>? ObjectiveCauses);

public sealed record ObjectiveCauseRequest(TaskIncidentKind? Kind, string? Cause);

/// <summary>One step of a computed score: the sentence with its numbers, and the computation in symbols.</summary>
public sealed record ExplanationLine(string Key, string Text, string Formula);

public sealed record AppealRequest(string? Text);

public sealed record AppealDecisionRequest(bool? Upheld, string? Reason);

public sealed record RepublishRequest(string? Reason);

public sealed record CommentRequest(string? Item, string? Text);

public sealed record PeriodResponse(PeriodKind Kind, int Year, int Number, string Label, DateOnly From, DateOnly To)
{
    public static PeriodResponse Of(EvaluationPeriod p) => new(p.Kind, p.Year, p.Number, p.Label, p.From, p.To);
}

public sealed record PolicyResponse(string Code, string Name, decimal GeneralCriteriaMax, decimal TaskResultsMax, ScoreBands Bands, decimal? QuotaShare, QuotaGrouping QuotaGrouping)
{
    public static PolicyResponse From(EvaluationPolicy p) => new(p.Code, p.Name, p.GeneralCriteriaMax, p.TaskResultsMax, p.Bands, p.Quota.Share, p.Quota.Grouping);
}

public sealed record CycleResponse(
    Guid Id, string UnitCode, string UnitName, string AgencyCode, PeriodResponse Period, PolicyResponse Policy, CycleStage Stage, CycleStage? NextStage,
    StageDeadlines Deadlines, DateOnly DueOn, Urgency Urgency, string OpenedBy, DateTimeOffset OpenedAt, DateTimeOffset? PublishedAt, int People);

/// <summary>
/// One evaluation as a line of a cycle. <c>BandLevel</c> is what the score alone gives; <c>Level</c>
/// is set by calibration (the quota) and is the one published.
/// </summary>
public sealed record EvaluationSummary(
    Guid Id, string StaffCode, string StaffName, string PositionCode, string Group, bool SelfAssessed, bool Rated, decimal? Score,
    ClassificationLevel? BandLevel, ClassificationLevel? Level, ResultState State, int ResultVersion, bool AppealPending, string? HomeUnitCode = null);

/// <summary>A colleague the caller may give 360° feedback on, and whether the caller already has.</summary>
public sealed record FeedbackTarget(Guid EvaluationId, string StaffCode, string StaffName, bool Answered);

/// <summary>
/// A cycle and the evaluations the caller may see: a staff member sees their own only (and the
/// published list once published); managers, HR, leadership and auditors see all within scope.
/// </summary>
public sealed record CycleDetailResponse(
    CycleResponse Cycle, IReadOnlyList<EvaluationSummary> Evaluations, IReadOnlyList<FeedbackTarget> FeedbackTargets, CycleProgress? Progress);

/// <summary>How far the unit is: self-assessments and ratings done (no 360° counts: they would tell who answered).</summary>
public sealed record CycleProgress(int People, int SelfAssessed, int Rated, int PendingAppeals, int Reopened);

public sealed record SelfAssessmentResponse(decimal? GeneralPoints, decimal? TaskPoints, decimal? Total, string Text, DateTimeOffset? SubmittedAt);

public sealed record RatingResponse(
    decimal? GeneralPoints, decimal? TaskPoints, decimal? UnitResultPoints, bool ForcedKht, string Reason, string? RatedBy, DateTimeOffset? RatedAt);

public sealed record ResultVersionResponse(
    int Version, decimal GeneralPoints, decimal TaskPoints, decimal? UnitResultPoints, decimal Score, bool ForcedKht,
    ClassificationLevel Level, ClassificationReason LevelReason, DateTimeOffset PublishedAt, string PublishedBy);

public sealed record AppealResponse(
    Guid Id, int ResultVersion, string Text, DateTimeOffset FiledAt, AppealStatus Status, string Decision, string? DecidedBy, DateTimeOffset? DecidedAt);

/// <summary>One person's evaluation. <c>Feedback360</c> is withheld (shown = false, nothing else) below three answers.</summary>
public sealed record EvaluationResponse(
    Guid Id, Guid CycleId, string StaffCode, string StaffName, string UnitCode, string PositionCode, string Group, string Leader,
    CycleStage Stage, PeriodResponse Period, SelfAssessmentResponse SelfAssessment, RatingResponse Rating, decimal? Score,
    ClassificationLevel? BandLevel, ClassificationLevel? Level, ClassificationReason? LevelReason, ResultState State, int ResultVersion,
    IReadOnlyList<ResultVersionResponse> Results, IReadOnlyList<AppealResponse> Appeals, FeedbackSummary Feedback360,
    IReadOnlyList<EvaluationAction> AllowedActions, TaskScoreResponse? TaskScore = null);

/// <summary>
/// One KPI of the person's set in the task results: <c>Value</c> is what was compared (numerator ÷
/// denominator, × 100 for % KPIs, rounded to 4 decimals; the rating for a behavioural KPI, whose
/// <c>Target</c> is the top of the scale), <c>Achievement</c> = min(cap, value ÷ target) or, lower is
/// better, min(cap, target ÷ value); null when left out (<c>Counted</c> false: no value, not rated or
/// no target), its weight then shared over the others. <c>Points</c> = max × k × weight ×
/// achievement ÷ Σ counted weights, rounded to 2 decimals for display. <c>ExplainUrl</c> /
/// <c>ExplainApiUrl</c>: the records behind a measured value.
/// </summary>
public sealed record KpiScoreLineResponse(
    string Code, string Name, Core.KpiLibrary.KpiKind Kind, Core.KpiLibrary.KpiDirection Direction, decimal? Numerator, decimal? Denominator,
    decimal? Value, decimal? Target, decimal WeightPercent, decimal? Achievement, decimal? Points, bool Counted, string Text, string Formula,
    string? ExplainUrl, string? ExplainApiUrl);

/// <summary>A manager's change of the computed task-result points and its reason.</summary>
public sealed record AdjustmentResponse(decimal ComputedPoints, decimal AdjustedPoints, string Reason);

/// <summary>A level of the behavioural KPI scale and what the manager must have seen to give it.</summary>
public sealed record BehaviouralAnchorResponse(int Score, string Label, string Meaning);

/// <summary>
/// How the task-result points are computed: <c>TaskPoints</c> = adjusted points if adjusted, else
/// <c>ComputedPoints</c> = round(<c>MaxPoints</c> × [<c>KpiShare</c> × <c>KpiAchievement</c> + (1 −
/// <c>KpiShare</c>) × <c>TaskRatio</c>], 2), <c>KpiAchievement</c> = Σ weight × achievement ÷ Σ weight
/// over the counted KPIs, <c>TaskRatio</c> = (quantity + quality + progress) ÷ 3 (the policy's
/// weights). For a leader (the head, or a deputy in charge of a field) <c>Leader</c> gives how the
/// computed points weigh their own work (the formula above without the rounding and max), the unit's
/// or field's result and organising capacity (<c>LeaderTaskResult</c> step). <c>Preview</c>: not rated yet, from the values measured so
/// far and without the behavioural ratings the form will add.
/// </summary>
public sealed record TaskScoreResponse(
    bool Preview, decimal Cap, decimal KpiShare, decimal? KpiAchievement, decimal? Quantity, decimal? Quality, decimal? Progress, decimal? TaskRatio,
    decimal MaxPoints, decimal ComputedPoints, decimal TaskPoints, AdjustmentResponse? Adjustment, IReadOnlyList<KpiScoreLineResponse> Kpis,
    IReadOnlyList<BehaviouralAnchorResponse> BehaviouralScale, LeaderPart? Leader = null);

public sealed record PublishedLine(string StaffCode, string StaffName, string PositionCode, decimal Score, ClassificationLevel Level, ClassificationReason LevelReason, int Version);

public sealed record AuditEntryResponse(
    long Sequence, DateTimeOffset At, string Actor, string ActorName, string ActorRole, Guid? EvaluationId, string? StaffCode,
    string Action, string Field, string OldValue, string NewValue, string Reason, string Hash);

/// <summary>
/// The audit trail of a cycle (or of one evaluation in it). <c>ChainIntact</c> is what
/// <c>govkpi audit verify</c> says of the cycle: every hash and seal, the signed checkpoint, and the
/// published results against the trail; <c>FirstBrokenSequence</c> names the first entry concerned.
/// </summary>
public sealed record AuditTrailResponse(Guid CycleId, bool ChainIntact, long? FirstBrokenSequence, IReadOnlyList<AuditEntryResponse> Entries);

public sealed record CommentResponse(long Id, string Item, CommentSide Side, string Author, string AuthorName, string Text, DateTimeOffset At);

public sealed record QuestionResponse(string Code, string Text);

/// <summary>
/// A person as calibration sees them; <c>ObjectiveScore</c> is their measured KPIs' achievement × 100 (the
/// KPI set and targets in force at the period's start), what the lenient-manager check compares the score with.
/// </summary>
public sealed record CalibrationPerson(
    string StaffCode, string StaffName, Guid CycleId, string GroupCode, decimal Score, bool ForcedKht, ClassificationLevel BandLevel,
    ClassificationLevel Level, ClassificationReason Reason, decimal? ObjectiveScore = null);

/// <summary>
/// The quota as calibration applies it over the agency's cycles of the same period: per group the
/// numbers, and every person; and the cross-checks' flags (lenient manager, HTXS share above the
/// peers, flat scores), each explained with its numbers.
/// </summary>
public sealed record CalibrationResponse(Guid CycleId, string AgencyCode, PeriodResponse Period, PolicyResponse Policy, IReadOnlyList<QuotaGroup> Groups,
    IReadOnlyList<CalibrationPerson> People, IReadOnlyList<CalibrationFlagResponse> Flags);

/// <summary>Something the signed-in person should do (or see done) in a cycle, and by when.</summary>
public sealed record ReminderResponse(
    ReminderKind Kind, Guid CycleId, string UnitCode, string UnitName, string Period, CycleStage Stage, Guid? EvaluationId,
    string? StaffCode, string? StaffName, DateOnly DueOn, Urgency Urgency, string Text);

public sealed record CriterionResponse(string Code, string Name, decimal MaximumPoints, IReadOnlyList<string> Covers);

/// <summary>A level of the rating scale and its behavioural anchor: what the manager must have seen to give it.</summary>
public sealed record RatingAnchorResponse(Core.KpiLibrary.RatingLevel Level, string Label, decimal Share, string Meaning);

/// <summary>
/// A general criterion of the cycle's policy, and when the rating gave it one, its level with the
/// anchor of that level and the points it earned.
/// </summary>
public sealed record GeneralCriterionResponse(
    string Section, string SectionName, string Code, string Name, decimal MaximumPoints,
    Core.KpiLibrary.RatingLevel? Rating, string? RatingLabel, string? Anchor, decimal? Points, string? Text, string? Formula);

/// <summary>A KPI of the person's set: behavioural ones (<c>Kind</c> Qualitative) are rated in the rating form.</summary>
public sealed record KpiWeightResponse(string KpiCode, string Name, decimal WeightPercent, decimal? Target, Core.KpiLibrary.KpiKind? Kind = null);

/// <summary>
/// Transparency: the criteria, their maxima, the formula and the person's numbers behind the
/// score, the general criteria of the policy with their rating scale and anchors (what a rating
/// form shows), the KPI set of the position with its weights, and the measured KPI values of the period.
/// </summary>
public sealed record ExplanationResponse(
    Guid EvaluationId, string StaffCode, string StaffName, PeriodResponse Period, PolicyResponse Policy,
    IReadOnlyList<CriterionResponse> Criteria, string Formula, string TaskResultsFormula, string Bands,
    EvaluationNumbers Numbers, IReadOnlyList<string> Explanation, IReadOnlyList<ExplanationLine> TaskResults,
    IReadOnlyList<GeneralCriterionResponse> GeneralCriteria, IReadOnlyList<RatingAnchorResponse> RatingScale, IReadOnlyList<KpiWeightResponse> KpiSet,
    KpiValues.KpiTableResponse? KpiValues, FeedbackSummary Feedback360, TaskScoreResponse? TaskScore = null,
    IReadOnlyList<BehaviouralAnchorResponse>? BehaviouralScale = null);

public sealed record EvaluationNumbers(
    decimal? SelfGeneralPoints, decimal? SelfTaskPoints, decimal? GeneralPoints, decimal? TaskPoints, decimal? UnitResultPoints,
    decimal? Score, bool ForcedKht, ClassificationLevel? BandLevel, ClassificationLevel? Level, ClassificationReason? LevelReason, int ResultVersion);
