namespace GovKpi.Core.Training;

/// <summary>What a course teaches; the digital-capacity KPI counts <see cref="Digital"/> and <see cref="Ai"/> courses.</summary>
public enum CourseKind
{
    /// <summary>Digital skills: electronic documents, digital signatures, shared systems.</summary>
    Digital,
    /// <summary>Using AI tools at work (HCMC trains its civil servants in them, seed 002).</summary>
    Ai,
    /// <summary>Any other course; held, but not counted by the digital-capacity KPI.</summary>
    Other,
}

public enum CompletionResult
{
    Passed,
    Failed,
}

/// <summary>A training course. <see cref="ValidMonths"/>: how long a completion counts (null: for good).</summary>
public sealed record TrainingCourse
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public CourseKind Kind { get; init; }
    public int? ValidMonths { get; init; }
    public string Description { get; init; } = "";
}

/// <summary>One run of a course: its dates <c>[From, To]</c> (both days included), place and trainer.</summary>
public sealed record TrainingSession
{
    public long Id { get; init; }
    public required string CourseCode { get; init; }
    public DateOnly From { get; init; }
    public DateOnly To { get; init; }
    public required string Place { get; init; }
    public required string Trainer { get; init; }
}

/// <summary>
/// A person's completion of a session. <see cref="ValidUntil"/> (last day it counts) is set by
/// <see cref="TrainingRules.Complete"/> from the course's validity.
/// </summary>
public sealed record TrainingCompletion
{
    public long Id { get; init; }
    public long SessionId { get; init; }
    public required string CourseCode { get; init; }
    public required string StaffCode { get; init; }
    public DateOnly CompletedOn { get; init; }
    public CompletionResult Result { get; init; }
    public DateOnly? ValidUntil { get; init; }
    public required string RecordedBy { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}
