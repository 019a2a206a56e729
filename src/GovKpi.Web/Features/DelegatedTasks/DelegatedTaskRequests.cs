using System.Text.Json.Serialization;

namespace GovKpi.Web.Features.DelegatedTasks;

/// <summary>
/// A task to register, with the field names of the ministry task-list file (<c>delegated_tasks.csv</c>)
/// so that one definition reads both and the errors name the same fields. Words as in the file:
/// kind decentralised|delegated|authorised, levels ministry|province|commune, rhythm
/// once|monthly|quarterly|half_yearly|yearly; dates yyyy-MM-dd.
/// </summary>
public sealed record RegisterTaskRequest(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("source_body")] string? SourceBody,
    [property: JsonPropertyName("legal_basis")] string? LegalBasis,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("from_level")] string? FromLevel,
    [property: JsonPropertyName("to_level")] string? ToLevel,
    [property: JsonPropertyName("receiving_unit_codes")] IReadOnlyList<string>? ReceivingUnitCodes,
    [property: JsonPropertyName("start_on")] string? StartOn,
    [property: JsonPropertyName("due_on")] string? DueOn,
    [property: JsonPropertyName("report_rhythm")] string? ReportRhythm);

/// <summary>
/// An implementation report. unit_code may be left out when the caller's scope holds one receiving
/// unit of the task; reported_on is today in Vietnam when left out.
/// </summary>
public sealed record ReportRequest(
    [property: JsonPropertyName("unit_code")] string? UnitCode,
    [property: JsonPropertyName("reported_on")] string? ReportedOn,
    [property: JsonPropertyName("percent_done")] int? PercentDone,
    [property: JsonPropertyName("text")] string? Text);

public sealed record ExtendRequest(
    [property: JsonPropertyName("due_on")] string? DueOn,
    [property: JsonPropertyName("reason")] string? Reason);

public sealed record HandOnRequest([property: JsonPropertyName("commune_codes")] IReadOnlyList<string>? CommuneCodes);

public sealed record FollowUpRequest(
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("due_on")] string? DueOn);

public sealed record FindingRequest(
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("actions")] IReadOnlyList<FollowUpRequest>? Actions);

/// <summary>kind inspection|post_inspection; on yyyy-MM-dd.</summary>
public sealed record InspectionRequest(
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("inspector")] string? Inspector,
    [property: JsonPropertyName("on")] string? On,
    [property: JsonPropertyName("findings")] IReadOnlyList<FindingRequest>? Findings);

/// <summary>Closes follow-up <c>action</c> of finding <c>finding</c> (both counted from 0); closed_on is today when left out.</summary>
public sealed record CloseFollowUpRequest(
    [property: JsonPropertyName("finding")] int Finding,
    [property: JsonPropertyName("action")] int Action,
    [property: JsonPropertyName("closed_on")] string? ClosedOn,
    [property: JsonPropertyName("note")] string? Note);
