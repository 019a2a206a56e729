using System.Text.Json.Serialization;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;

namespace GovKpi.Web.Features.Evaluation;

/// <summary>
/// Opens the cycles of many units for one period: <c>Target</c> = <c>communes</c> (every commune in
/// force in scope), <c>agency</c> (every staffed unit of <c>UnitCode</c>'s subtree), <c>province</c>
/// (every staffed unit in scope) or <c>units</c> (the codes of <c>UnitCodes</c>; the default when
/// they are given).
/// </summary>
public sealed record BulkOpenRequest(
    string? Target, string? UnitCode, IReadOnlyList<string>? UnitCodes, PeriodKind? PeriodKind, int? Year, int? Number, string? Policy, DeadlinesRequest? Deadlines);

/// <summary>A unit asked for that got no cycle: <c>Reason</c> = AlreadyOpen | NoStaff | UnitEnded | OutOfScope, and the reason in words.</summary>
public sealed record SkippedUnitResponse(string UnitCode, string UnitName, OpeningSkip Reason, string Message);

public sealed record BulkOpenResponse(IReadOnlyList<CycleResponse> Opened, IReadOnlyList<SkippedUnitResponse> Skipped);

/// <summary>
/// Moves many cycles to <c>To</c>: those of <c>CycleIds</c>, or those of the period whose unit the
/// target names (as for opening). Without <c>Confirm</c> nothing moves unless every cycle is ready;
/// with <c>Confirm</c> and a <c>Reason</c>, every cycle whose blockers may all be overridden moves.
/// </summary>
public sealed record BulkAdvanceRequest(
    IReadOnlyList<Guid>? CycleIds, string? Target, string? UnitCode, IReadOnlyList<string>? UnitCodes, PeriodKind? PeriodKind, int? Year, int? Number,
    CycleStage? To, bool? Confirm, string? Reason);

/// <summary>One blocker in words: the person (name and staff code) if any, and the deadline it is about.</summary>
public sealed record BlockerResponse(BlockerKind Kind, bool Overridable, string? StaffCode, string? StaffName, DateOnly? Deadline, string Message);

/// <summary>What keeps one cycle from moving to <c>To</c>; empty <c>Blockers</c>: ready.</summary>
public sealed record CycleBlockersResponse(Guid CycleId, string UnitCode, string UnitName, string Period, CycleStage Stage, CycleStage To, bool Ready, bool MayOverride,
    IReadOnlyList<BlockerResponse> Blockers);

public sealed record BulkAdvanceResponse(IReadOnlyList<CycleResponse> Advanced, IReadOnlyList<CycleBlockersResponse> NotAdvanced);

/// <summary>360° respondents asked for one evaluation, by staff code, from any unit of the province.</summary>
public sealed record RespondentsRequest(IReadOnlyList<string>? StaffCodes);

public sealed record RespondentResponse(string StaffCode, string StaffName, string UnitCode);

/// <summary>One leave as in <c>leave.csv</c>: kind = annual | sick | maternity | training | unpaid, dates yyyy-MM-dd, <c>to</c> exclusive.</summary>
public sealed record LeaveRequest(
    [property: JsonPropertyName("staff_code")] string? StaffCode,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("to")] string? To);

public sealed record LeaveResponse(string StaffCode, string StaffName, LeaveKind Kind, DateOnly From, DateOnly To);

/// <summary>What saving leave did: rows new, rows whose end changed, rows already recorded as they are.</summary>
public sealed record LeaveSaved(int Added, int Changed, int Unchanged);
