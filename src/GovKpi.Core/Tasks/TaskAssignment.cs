namespace GovKpi.Core.Tasks;

/// <summary>
/// Where an assigned task stands. The product goes Assigned → Submitted → Accepted, or back to
/// Returned (the staff member works on and submits again) when the manager returns it.
/// </summary>
public enum AssignmentState
{
    /// <summary>The staff member works on it: diary, progress, then the product.</summary>
    Assigned,
    /// <summary>The product waits for the manager's review.</summary>
    Submitted,
    /// <summary>The manager sent the product back with a reason; the staff member submits again.</summary>
    Returned,
    /// <summary>The manager accepted the product, with the quality check passed or failed. Final.</summary>
    Accepted,
}

/// <summary>
/// A task a manager assigned to one staff member (or that came from the e-office system): a
/// quantity of a catalogue task type's output, due on a day, with the product expected and how
/// its quality is checked. Mapped by EF as it is; changed only by <see cref="TaskAssignments"/>.
/// </summary>
public sealed class TaskAssignment
{
    /// <summary>The task id every score line and deduction names.</summary>
    public required string Id { get; init; }
    /// <summary><c>manual</c> for a task assigned in GovKpi, else the system it came from (<c>eoffice</c>).</summary>
    public required string Source { get; init; }
    /// <summary>The other system's version of the row (e-office); 1 for a task assigned here.</summary>
    public int SourceVersion { get; set; } = 1;
    public required string UnitCode { get; set; }
    public required string StaffCode { get; set; }
    public required string TaskTypeCode { get; set; }
    /// <summary>The agency whose catalogue held the task type on <see cref="AssignedOn"/> (the agency's own or the province's).</summary>
    public required string CatalogueAgencyCode { get; set; }
    public int TaskTypeVersion { get; set; }
    /// <summary>Units of the task type's output (hồ sơ, văn bản…).</summary>
    public decimal Quantity { get; set; }
    public DateOnly AssignedOn { get; set; }
    /// <summary>The last day to submit on; a deadline on a day off moves to the next working day.</summary>
    public DateOnly DueOn { get; set; }
    public required string ExpectedProduct { get; set; }
    public required string QualityCheck { get; set; }
    public required string AssignedBy { get; set; }
    public DateTimeOffset AssignedAt { get; set; }

    public AssignmentState State { get; set; }
    public decimal QuantityDone { get; set; }
    public int PercentDone { get; set; }
    /// <summary>When the product under review or accepted was submitted: lateness is judged on it.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }
    public int Submissions { get; set; }
    public string? ReturnReason { get; set; }
    /// <summary>Set on acceptance: whether the product passed its quality check.</summary>
    public bool? QualityPassed { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    /// <summary>The objective cause the manager recorded for the delay; it waives the progress deduction.</summary>
    public string? DelayCause { get; set; }
    /// <summary>The objective cause the manager recorded for the failed check; it waives the quality deduction.</summary>
    public string? QualityCause { get; set; }
    /// <summary>Raised by every change and checked on save, so two reviews of the same product cannot both win.</summary>
    public int Revision { get; set; }
}

/// <summary>One day's work on a task, as its staff member wrote it in the work diary (nhật ký công việc).</summary>
public sealed class TaskDiaryEntry
{
    public long Id { get; init; }
    public required string TaskId { get; init; }
    public required string StaffCode { get; init; }
    public DateOnly Day { get; init; }
    public decimal Hours { get; init; }
    public required string Text { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>One change of a task (append-only): who, when, the field with its value before and after, and why.</summary>
public sealed class TaskAuditEntry
{
    public long Id { get; init; }
    public required string TaskId { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    public required string ActorRole { get; init; }
    public required string Action { get; init; }
    public required string Field { get; init; }
    public required string OldValue { get; init; }
    public required string NewValue { get; init; }
    public required string Reason { get; init; }
}
