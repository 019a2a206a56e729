using System.Text.Json.Serialization;
using GovKpi.Core.FieldWork;

namespace GovKpi.Web.Features.FieldWork;

/// <summary>Cases handled at a session, by kind; a missing count is 0.</summary>
public sealed record CaseCountsRequest(
    [property: JsonPropertyName("advice")] int? Advice,
    [property: JsonPropertyName("dossier_received")] int? DossierReceived,
    [property: JsonPropertyName("result_returned")] int? ResultReturned,
    [property: JsonPropertyName("other")] int? Other);

/// <summary>A field session, with snake_case field names so the errors name the same fields as the forms: dates as yyyy-MM-dd, times as HH:mm (Vietnam), members and dossiers by code.</summary>
public sealed record SessionRequest(
    [property: JsonPropertyName("unit_code")] string? UnitCode,
    [property: JsonPropertyName("place")] string? Place,
    [property: JsonPropertyName("held_on")] string? HeldOn,
    [property: JsonPropertyName("starts_at")] string? StartsAt,
    [property: JsonPropertyName("ends_at")] string? EndsAt,
    [property: JsonPropertyName("member_codes")] IReadOnlyList<string>? MemberCodes,
    [property: JsonPropertyName("cases")] CaseCountsRequest? Cases,
    [property: JsonPropertyName("dossier_ids")] IReadOnlyList<string>? DossierIds)
{
    public SessionDraft ToDraft() => new(UnitCode, Place, HeldOn, StartsAt, EndsAt, MemberCodes,
        Cases?.Advice, Cases?.DossierReceived, Cases?.ResultReturned, Cases?.Other, DossierIds);
}

public sealed record IssueRequest(
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("owner_code")] string? OwnerCode,
    [property: JsonPropertyName("due_on")] string? DueOn);

public sealed record MeetingRequest(
    [property: JsonPropertyName("unit_code")] string? UnitCode,
    [property: JsonPropertyName("place")] string? Place,
    [property: JsonPropertyName("held_on")] string? HeldOn,
    [property: JsonPropertyName("chair")] string? Chair,
    [property: JsonPropertyName("attendance")] int? Attendance,
    [property: JsonPropertyName("issues")] IReadOnlyList<IssueRequest>? Issues)
{
    public MeetingDraft ToDraft() => new(UnitCode, Place, HeldOn, Chair, Attendance, [.. (Issues ?? []).Select(i => new IssueDraft(i?.Text, i?.OwnerCode, i?.DueOn))]);
}

public sealed record CloseIssueRequest(
    [property: JsonPropertyName("note")] string? Note);

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
