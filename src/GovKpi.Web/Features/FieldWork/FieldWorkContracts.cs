using GovKpi.Core.FieldWork;

namespace GovKpi.Web.Features.FieldWork;

/// <summary>Cases handled at a session, by kind; a missing count is 0.</summary>
public sealed record CaseCountsRequest(int? Advice, int? DossierReceived, int? ResultReturned, int? Other);

/// <summary>A field session: dates as yyyy-MM-dd, times as HH:mm (Vietnam), members and dossiers by code.</summary>
public sealed record SessionRequest(
    string? UnitCode, string? Place, string? HeldOn, string? StartsAt, string? EndsAt, IReadOnlyList<string>? MemberCodes,
    CaseCountsRequest? Cases, IReadOnlyList<string>? DossierIds)
{
    public SessionDraft ToDraft() => new(UnitCode, Place, HeldOn, StartsAt, EndsAt, MemberCodes,
        Cases?.Advice, Cases?.DossierReceived, Cases?.ResultReturned, Cases?.Other, DossierIds);
}

public sealed record IssueRequest(string? Text, string? OwnerCode, string? DueOn);

public sealed record MeetingRequest(string? UnitCode, string? Place, string? HeldOn, string? Chair, int? Attendance, IReadOnlyList<IssueRequest>? Issues)
{
    public MeetingDraft ToDraft() => new(UnitCode, Place, HeldOn, Chair, Attendance, [.. (Issues ?? []).Select(i => new IssueDraft(i?.Text, i?.OwnerCode, i?.DueOn))]);
}

public sealed record CloseIssueRequest(string? Note);

public sealed record CaseCountsResponse(int Advice, int DossierReceived, int ResultReturned, int Other, int Total);

public sealed record SessionResponse(
    long Id, string UnitCode, string UnitName, string Place, DateOnly HeldOn, string StartsAt, string EndsAt, IReadOnlyList<string> MemberCodes,
    CaseCountsResponse Cases, IReadOnlyList<string> DossierIds, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>An issue raised at a meeting; <see cref="State"/> is open, late, closed or closed_late as it stands today.</summary>
public sealed record IssueResponse(
    long MeetingId, int Number, string Key, string UnitCode, string Text, string OwnerCode, string OwnerName, DateOnly DueOn, string State, string StateName,
    DateTimeOffset? ClosedAt, string? ClosedBy, string ClosureNote, bool MayClose);

public sealed record MeetingResponse(
    long Id, string UnitCode, string UnitName, string Place, DateOnly HeldOn, string Chair, int Attendance, IReadOnlyList<IssueResponse> Issues,
    string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>A unit's field work over a period, as its results show it.</summary>
public sealed record FieldWorkSummaryResponse(
    int Sessions, int CasesHandled, CaseCountsResponse Cases, int MobileDossiers, int Meetings, int Attendance,
    int IssuesRaised, int IssuesClosed, int IssuesOpen, int IssuesLate)
{
    public static FieldWorkSummaryResponse Of(FieldWorkSummary s) => new(
        s.Sessions, s.CasesHandled, new(s.Advice, s.DossiersReceived, s.ResultsReturned, s.Other, s.CasesHandled), s.MobileDossiers, s.Meetings,
        s.Attendance, s.IssuesRaised, s.IssuesClosed, s.IssuesOpen, s.IssuesLate);
}
