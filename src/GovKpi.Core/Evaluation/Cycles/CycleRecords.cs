using GovKpi.Core.Evaluation;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.Evaluation.Cycles;

/// <summary>
/// The evaluation of one unit's staff for one period, under the policy chosen when it was opened
/// (kept as a snapshot, so a later change of the policy does not rewrite past cycles).
/// </summary>
public sealed class EvaluationCycle
{
    public Guid Id { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitName { get; set; }
    /// <summary>The unit directly under the province that holds <see cref="UnitCode"/>: the HTXS quota is counted per agency.</summary>
    public required string AgencyCode { get; set; }
    public PeriodKind PeriodKind { get; set; }
    public DateOnly PeriodFrom { get; set; }
    /// <summary>Exclusive end of the period.</summary>
    public DateOnly PeriodTo { get; set; }
    public required EvaluationPolicy Policy { get; set; }
    public CycleStage Stage { get; set; }
    public required StageDeadlines Deadlines { get; set; }
    public required string OpenedBy { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>
    /// Raised by every change to the cycle or its evaluations and checked on save: writes to one
    /// cycle are serialised, so its audit chain never forks.
    /// </summary>
    public int Revision { get; set; }
    /// <summary>Sequence number of the last audit entry.</summary>
    public long AuditSequence { get; set; }
    /// <summary>Hash of the last audit entry (<see cref="AuditChain"/>).</summary>
    public string AuditHead { get; set; } = AuditChain.Genesis;

    public EvaluationPeriod Period => EvaluationPeriod.Of(PeriodKind, PeriodFrom);
}

/// <summary>
/// One person's evaluation in a cycle: their self-assessment, the manager's rating, the level after
/// calibration, and the state of the published result. Who the person was (name, position, group)
/// is copied at opening, so a later transfer does not change a past evaluation.
/// </summary>
public sealed class StaffEvaluation
{
    public Guid Id { get; set; }
    public Guid CycleId { get; set; }
    public required string StaffCode { get; set; }
    public required string StaffName { get; set; }
    public required string UnitCode { get; set; }
    /// <summary>
    /// For a person seconded to <see cref="UnitCode"/> for most of the period: their home unit,
    /// whose managers and HR read the result (read only). Null for everyone else.
    /// </summary>
    public string? HomeUnitCode { get; set; }
    public required string PositionCode { get; set; }
    public PositionGroup Group { get; set; }
    public LeaderRole Leader { get; set; }

    public decimal? SelfGeneralPoints { get; set; }
    public decimal? SelfTaskPoints { get; set; }
    public string SelfAssessment { get; set; } = "";
    public DateTimeOffset? SelfAssessedAt { get; set; }

    public decimal? GeneralPoints { get; set; }
    public decimal? TaskPoints { get; set; }
    /// <summary>For leaders: the part of <see cref="TaskPoints"/> that comes from the unit's operating result.</summary>
    public decimal? UnitResultPoints { get; set; }
    /// <summary>KHT whatever the score (degradation, discipline at reprimand or above, corruption or waste under a leader).</summary>
    public bool ForcedKht { get; set; }
    public string RatingReason { get; set; } = "";
    /// <summary>
    /// How <see cref="TaskPoints"/> was computed from the task lines of the rating (standard
    /// products, deductions, and for leaders the unit's result), each step with its numbers; empty
    /// when the rater gave the points directly.
    /// </summary>
    public IReadOnlyList<Explanation> TaskExplanations { get; set; } = [];
    /// <summary>
    /// The numbers of computed task-result points (k, each KPI's value, target, weight, achievement
    /// and points, a/b/c, the manager's adjustment); null when the points were typed.
    /// </summary>
    public TaskScoreBreakdown? TaskScore { get; set; }
    public string? RatedBy { get; set; }
    public DateTimeOffset? RatedAt { get; set; }

    /// <summary>General + task points, set with every rating.</summary>
    public decimal? Score { get; set; }
    /// <summary>The level after calibration (band, quota or forced).</summary>
    public ClassificationLevel? Level { get; set; }
    public ClassificationReason? LevelReason { get; set; }

    public ResultState State { get; set; }
    /// <summary>The latest published version (0 before publication).</summary>
    public int ResultVersion { get; set; }
    /// <summary>A reopened result has been rated again and may be published again.</summary>
    public bool Rerated { get; set; }

    public RatingPoints? Points => GeneralPoints is { } g && TaskPoints is { } t ? new RatingPoints(g, t, UnitResultPoints) : null;
}

/// <summary>One published version of a result. Never changed: an upheld appeal adds version N+1.</summary>
public sealed class EvaluationResult
{
    public Guid EvaluationId { get; set; }
    public int Version { get; set; }
    public decimal GeneralPoints { get; set; }
    public decimal TaskPoints { get; set; }
    public decimal? UnitResultPoints { get; set; }
    public decimal Score { get; set; }
    public bool ForcedKht { get; set; }
    public ClassificationLevel Level { get; set; }
    public ClassificationReason LevelReason { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public required string PublishedBy { get; set; }
}

/// <summary>
/// That a colleague answered the 360° questionnaire about a person — only to refuse a second
/// answer. Kept apart from <see cref="FeedbackAnswerRow"/>, with nothing to join them on.
/// </summary>
public sealed class FeedbackRespondent
{
    public Guid EvaluationId { get; set; }
    public required string RespondentCode { get; set; }
}

/// <summary>
/// One anonymous 360° answer: no respondent, no time, and a random id, so neither the API nor a
/// query can tie it to whoever gave it.
/// </summary>
public sealed class FeedbackAnswerRow
{
    public Guid Id { get; set; }
    public Guid EvaluationId { get; set; }
    public required IReadOnlyDictionary<string, int> Ratings { get; set; }
    public string Comment { get; set; } = "";
}

public sealed class EvaluationAppeal
{
    public Guid Id { get; set; }
    public Guid EvaluationId { get; set; }
    /// <summary>The result version appealed.</summary>
    public int ResultVersion { get; set; }
    public required string Text { get; set; }
    public required string FiledBy { get; set; }
    public DateTimeOffset FiledAt { get; set; }
    public AppealStatus Status { get; set; }
    public string Decision { get; set; } = "";
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

/// <summary>Who wrote a comment, seen from the evaluation.</summary>
public enum CommentSide
{
    /// <summary>The person evaluated.</summary>
    Person,
    /// <summary>Their manager (or the unit's head).</summary>
    Manager,
}

/// <summary>A message in the thread of one item of an evaluation. Threads only grow.</summary>
public sealed class EvaluationComment
{
    public long Id { get; set; }
    public Guid EvaluationId { get; set; }
    /// <summary>The item discussed (<c>general</c>, <c>task</c>, <c>feedback360</c>, …).</summary>
    public required string Item { get; set; }
    public CommentSide Side { get; set; }
    public required string Author { get; set; }
    public required string AuthorName { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// One line of a cycle's append-only audit trail: who (account), when, what (action, field), the old
/// and new value and why. Entries are chained by <see cref="Hash"/> (<see cref="AuditChain"/>).
/// </summary>
public sealed class AuditEntry : GovKpi.Core.Audit.ISealedAuditEntry
{
    public long Id { get; set; }
    public Guid CycleId { get; set; }
    public long Sequence { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string ActorName { get; set; }
    public required string ActorRole { get; set; }
    public Guid? EvaluationId { get; set; }
    public string? StaffCode { get; set; }
    public required string Action { get; set; }
    public string Field { get; set; } = "";
    public string OldValue { get; set; } = "";
    public string NewValue { get; set; } = "";
    public string Reason { get; set; } = "";
    public required string Hash { get; set; }
    /// <summary>The key's seal of <see cref="Hash"/> (<see cref="GovKpi.Core.Audit.TrailSeal"/>), set when the entry is saved.</summary>
    public string Seal { get; set; } = "";

    public string HashAfter(string previousHash) => AuditChain.Hash(previousHash, Content);

    public AuditContent Content => new(Sequence, At, Actor, ActorName, ActorRole, Action, EvaluationId, StaffCode, Field, OldValue, NewValue, Reason);
}

/// <summary>
/// A 360° respondent chosen by the unit's manager or HR for one evaluation, from anywhere in the
/// province (colleagues of the same cycle are respondents without being asked). Whether they
/// answered is only in <see cref="FeedbackRespondent"/>, never here.
/// </summary>
public sealed class RespondentRequest
{
    public Guid EvaluationId { get; set; }
    public required string RespondentCode { get; set; }
    public required string RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
}
