namespace GovKpi.Core.FieldWork;

/// <summary>
/// A field session of a mobile working team (tổ công tác lưu động): where (a village or hamlet),
/// when, who went, how many cases of each kind were handled, and the dossiers taken in there —
/// dossiers that carry the <c>mobile</c> channel in the unit's dossier records.
/// </summary>
public sealed class FieldSession
{
    public long Id { get; set; }
    public required string UnitCode { get; init; }
    public required string Place { get; init; }
    public DateOnly HeldOn { get; init; }
    public TimeOnly StartsAt { get; init; }
    public TimeOnly EndsAt { get; init; }
    public required IReadOnlyList<string> MemberCodes { get; init; }
    /// <summary>Citizens advised or guided (hướng dẫn, tư vấn) without a dossier.</summary>
    public int AdviceCount { get; init; }
    /// <summary>Dossiers received on the spot; may exceed <see cref="DossierIds"/> when some are not yet in the dossier records.</summary>
    public int DossiersReceivedCount { get; init; }
    /// <summary>Results handed back to citizens on the spot.</summary>
    public int ResultsReturnedCount { get; init; }
    public int OtherCount { get; init; }
    public required IReadOnlyList<string> DossierIds { get; init; }
    public required string RecordedBy { get; init; }
    public DateTimeOffset RecordedAt { get; init; }

    public int CasesHandled => AdviceCount + DossiersReceivedCount + ResultsReturnedCount + OtherCount;
}

/// <summary>
/// A meeting where the unit listens to the people (tiếp xúc, đối thoại với nhân dân): where, when,
/// who chaired, how many attended. Its issues are <see cref="CitizenIssue"/> rows.
/// </summary>
public sealed class CitizenMeeting
{
    public long Id { get; set; }
    public required string UnitCode { get; init; }
    public required string Place { get; init; }
    public DateOnly HeldOn { get; init; }
    public required string Chair { get; init; }
    public int Attendance { get; init; }
    public required string RecordedBy { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>
/// An issue citizens raised at a meeting (kiến nghị), followed up by one staff member
/// (<see cref="OwnerCode"/>) by <see cref="DueOn"/>; closed with a note saying what was done.
/// </summary>
public sealed class CitizenIssue
{
    public long Id { get; set; }
    public long MeetingId { get; set; }
    /// <summary>1, 2, … in the order the meeting lists them.</summary>
    public int Number { get; init; }
    public required string UnitCode { get; init; }
    public required string Text { get; init; }
    public required string OwnerCode { get; init; }
    public DateOnly DueOn { get; init; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public string ClosureNote { get; set; } = "";

    /// <summary>The item id the early-warning engine and the pages use: <c>{meeting}/{number}</c>.</summary>
    public string Key => $"{MeetingId}/{Number}";
}

/// <summary>Where a follow-up stands on a day: open, late (open past its due date), closed in time, or closed late.</summary>
public enum FollowUpState
{
    Open,
    Late,
    Closed,
    ClosedLate,
}

/// <summary>
/// Why a rule refused: the field it concerns (<c>issues[1].owner_code</c>), a message key the reader
/// localises, and the values the message names.
/// </summary>
public sealed record FieldProblem(string Field, string Key, IReadOnlyList<string> Args)
{
    public FieldProblem(string field, string key, params string[] args) : this(field, key, (IReadOnlyList<string>)args) { }
}

/// <summary>What a rule gives back: the record it made or changed, or why it refused.</summary>
public sealed record FieldResult<T>(T? Value, IReadOnlyList<FieldProblem> Problems)
{
    public bool Refused => Problems.Count > 0;
}
