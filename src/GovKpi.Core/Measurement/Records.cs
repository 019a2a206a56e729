namespace GovKpi.Core.Measurement;

// The records the operational systems feed GovKpi (docs: CONTRACTS.md). They are rows of data,
// so they are small positional records; the CSV boundary turns text into these or into a
// located error, and the KPI engine never sees a raw string.

/// <summary>How a dossier reached the unit. Only <see cref="Online"/> counts as online.</summary>
public enum DossierChannel
{
    Online,
    InPerson,
    Postal,
    /// <summary>A mobile working team took it in a village: in person, but tracked separately.</summary>
    Mobile,
}

public enum DossierStatus
{
    Received,
    Processing,
    SupplementRequested,
    Refused,
    Stopped,
    Processed,
    ResultReturned,
    Withdrawn,
}

public static class DossierLifecycle
{
    /// <summary>
    /// Whether the status ends processing: such a version must carry <c>FinishedAt</c>, an open
    /// one must not (CONTRACTS.md, dossiers.csv).
    /// </summary>
    public static bool IsFinished(this DossierStatus status) => status is
        DossierStatus.Refused or DossierStatus.Stopped or DossierStatus.Processed
        or DossierStatus.ResultReturned or DossierStatus.Withdrawn;
}

/// <summary>
/// One version (row) of an administrative dossier (hồ sơ). For a dossier id the version with
/// the latest <see cref="UpdatedAt"/> wins. <see cref="DueAt"/> is the appointment time (ngày
/// hẹn trả) including any extension; <see cref="FinishedAt"/> is the end of processing or the
/// time of withdrawal, empty while the dossier is open.
/// </summary>
public sealed record DossierVersion(
    string DossierId,
    string ProcedureCode,
    string UnitCode,
    string? HandlerCode,
    DossierChannel Channel,
    DateTimeOffset ReceivedAt,
    DateTimeOffset DueAt,
    DateTimeOffset? FinishedAt,
    DossierStatus Status,
    int SupplementCount,
    bool StaffErrorReturn,
    DateTimeOffset UpdatedAt);

/// <summary>A citizen's satisfaction rating of one dossier, 1 (worst) to 5 (best).</summary>
public sealed record SurveyResponse(string ResponseId, string DossierId, DateTimeOffset SubmittedAt, int Score);

public enum ComplaintCategory
{
    Attitude,
    Process,
    Guidance,
    Other,
}

/// <summary>
/// A complaint or feedback (phản ánh, kiến nghị — PAKN). Only an <see cref="Upheld"/> complaint
/// counts against the unit or the staff member concerned.
/// </summary>
public sealed record Complaint(
    string ComplaintId,
    string UnitCode,
    string? StaffCode,
    string? DossierId,
    DateTimeOffset ReceivedAt,
    ComplaintCategory Category,
    bool Upheld);

public enum CalendarDayKind
{
    /// <summary>A day off on a weekday (public holiday, compensatory or swapped day off).</summary>
    Holiday,
    /// <summary>A make-up working day on a weekend.</summary>
    Workday,
}

/// <summary>A day that differs from the Monday-to-Friday week.</summary>
public sealed record CalendarException(DateOnly Date, CalendarDayKind Kind);
