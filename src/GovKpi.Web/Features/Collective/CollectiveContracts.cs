using GovKpi.Core.Collective;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;

namespace GovKpi.Web.Features.Collective;

/// <summary>One KPI of a unit's result: value and target in the KPI's unit of measure, achievement 0–1, the objective its target serves.</summary>
public sealed record UnitResultLineResponse(
    string Kpi, string Name, decimal WeightPercent, decimal? Value, string ValueDisplay, decimal Target, string TargetDisplay,
    decimal? Achievement, string? ObjectiveCode, string Explanation);

/// <summary>A unit's result for a period: <see cref="Ratio"/> 0–1 (null without any value), the set it came from, and its lines.</summary>
public sealed record UnitResultResponse(
    int? Rank, string UnitCode, string UnitName, UnitKind Kind, DateOnly From, DateOnly To, KpiSetHolder SetHolder, string SetCode, int SetVersion,
    UnitSetSource SetSource, decimal? Ratio, string Explanation, IReadOnlyList<UnitResultLineResponse> Lines, string ValuesUrl,
    GovKpi.Web.Features.FieldWork.FieldWorkSummaryResponse? FieldWork = null);

public sealed record UnitRankingResponse(UnitKind Kind, string Period, DateOnly From, DateOnly To, IReadOnlyList<UnitResultResponse> Units);

/// <summary>A new or changed yearly objective of the province.</summary>
public sealed record ObjectiveRequest(string? Code, string? Name, int? Year, string? KpiCode, decimal? ProvinceTarget);

public sealed record UnitTargetRequest(string? UnitCode, decimal? Target);

/// <summary>The units' targets under an objective; they replace the ones it had.</summary>
public sealed record UnitTargetsRequest(IReadOnlyList<UnitTargetRequest>? Targets);

public sealed record ObjectiveResponse(string Code, string Name, int Year, string Kpi, string KpiName, string UnitOfMeasure, KpiDirection Direction, decimal ProvinceTarget)
{
    public static ObjectiveResponse Of(Objective o, KpiDefinition? d, bool english) =>
        new(o.Code, o.Name, o.Year, o.KpiCode, d is null ? o.KpiCode : english ? d.NameEn : d.NameVi, d?.UnitOfMeasure ?? "", d?.Direction ?? KpiDirection.HigherIsBetter, o.ProvinceTarget);
}

/// <summary>A unit's target under an objective, with the unit's measured value over the objective's year and its achievement (0–1).</summary>
public sealed record GoalUnitResponse(string UnitCode, string UnitName, decimal Target, decimal? Value, string ValueDisplay, decimal? Achievement);

public sealed record GoalWarningResponse(GoalWarningKind Kind, string? UnitCode, decimal Target, decimal ProvinceTarget, string Text);

/// <summary>An objective read downwards: the province's value, the units' targets within the reader's scope, the positions' set targets that serve it.</summary>
public sealed record GoalTreeResponse(
    ObjectiveResponse Objective, decimal? ProvinceValue, string ProvinceValueDisplay, decimal? ProvinceAchievement,
    IReadOnlyList<GoalUnitResponse> Units, IReadOnlyList<PositionTarget> Positions, IReadOnlyList<GoalWarningResponse> Warnings);

/// <summary>A target read upwards: the objective it serves.</summary>
public sealed record UnitTargetResponse(string UnitCode, decimal Target, ObjectiveResponse Objective);

public sealed record DeputyFieldRequest(IReadOnlyList<string>? UnitCodes, IReadOnlyList<string>? KpiCodes);

public sealed record DeputyFieldResponse(string StaffCode, IReadOnlyList<string> UnitCodes, IReadOnlyList<string> KpiCodes, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static DeputyFieldResponse Of(DeputyField f) => new(f.StaffCode, f.UnitCodes, f.KpiCodes, f.RecordedBy, f.RecordedAt);
}

/// <summary>A collective set version; for a kind's set, <see cref="Code"/> is the kind's name.</summary>
public sealed record CollectiveSetResponse(KpiSetHolder Holder, string Code, int Version, DateOnly EffectiveFrom, DateOnly? EffectiveTo, string Note, bool BuiltIn, IReadOnlyList<KpiSetItem> Items)
{
    public static CollectiveSetResponse Of(KpiSet s, bool builtIn) => new(s.Holder, s.PositionCode, s.Version, s.EffectiveFrom, s.EffectiveTo, s.Note, builtIn, s.Items);
}

/// <summary>Why a write was refused: nothing (done), a missing record, the caller's scope, or invalid input.</summary>
public enum CollectiveRefusal
{
    None,
    NotFound,
    Forbidden,
    Conflict,
    Invalid,
}
