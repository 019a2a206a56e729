using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;

namespace GovKpi.Core.Forecast;

public sealed record ForecastOptions
{
    /// <summary>
    /// Calendar days of records before the period that inform a subject's own rate (with the
    /// period so far): a person's on-time rate carries over from month to month, and a few
    /// weeks of a month alone are too few dossiers. Volumes never use it (they follow the season).
    /// </summary>
    public int HistoryDays { get; init; } = 90;

    /// <summary>Probability the interval holds the end-of-period value.</summary>
    public double IntervalLevel { get; init; } = 0.8;

    /// <summary>A subject is warned when missing the target is at least this likely.</summary>
    public double WarnAtMissProbability { get; init; } = 0.5;
}

/// <summary>How sure the forecast is about the subject missing or meeting the target.</summary>
public enum ForecastConfidence
{
    /// <summary>The chance of the other outcome is more than 30%.</summary>
    Low,
    /// <summary>The other outcome has a chance between 10% and 30%.</summary>
    Medium,
    /// <summary>The other outcome has a chance of 10% or less.</summary>
    High,
}

/// <summary>
/// The numbers a forecast is made of, so that it can be explained: the period so far, the volume
/// still to come, the subject's own record (the period so far and its history) and the peers'.
/// </summary>
/// <param name="ElapsedWorkingDays">Working days of the period up to and including the as-of date.</param>
/// <param name="RemainingVolume">Expected denominator still to come (dossiers, days, surveys): the flow so far scaled by working days.</param>
/// <param name="PipelineShare">Share of the pace so far the rest can keep up (1 unless a unit or person is winding down: no more can finish than are open or still to arrive).</param>
/// <param name="CarriedLate">Dossiers open and already late at the as-of date (on-time rate only): late whatever happens, carried to the end as they are.</param>
/// <param name="Own">The subject's records that inform its rate for the rest of the period (history included when the KPI uses it); for the on-time rate, dossiers finished on time among those finished.</param>
/// <param name="PeerValue">The peers' pooled value the subject is pulled towards.</param>
/// <param name="PeerWeight">How many records' worth the peers count for against <paramref name="Own"/>.</param>
/// <param name="RestValue">The value expected over the rest of the period: Own and the peers combined.</param>
public sealed record ForecastBasis(
    int ElapsedWorkingDays,
    int TotalWorkingDays,
    double RemainingVolume,
    double PipelineShare,
    long CarriedLate,
    KpiValue Own,
    double PeerValue,
    double PeerWeight,
    double RestValue);

/// <summary>
/// The projected end-of-period value of one KPI for one staff member or unit. Values are on the
/// scale of the compute output (rates as fractions); <see cref="Target"/> too.
/// </summary>
/// <param name="SoFar">The KPI over the period up to the as-of date.</param>
/// <param name="Low">Lower end of the interval that holds the end value with probability <see cref="ForecastOptions.IntervalLevel"/>.</param>
/// <param name="MissProbability">Chance that the end value misses the target; null without a target.</param>
/// <param name="Shortfall">How far the projected value misses the target (0 when it meets it); null without a target.</param>
public sealed record KpiForecast(
    string Scope,
    string ScopeCode,
    string Kpi,
    KpiValue SoFar,
    double Projected,
    double Low,
    double High,
    double? Target,
    KpiDirection Direction,
    double? MissProbability,
    bool LikelyToMiss,
    double? Shortfall,
    ForecastConfidence? Confidence,
    ForecastBasis Basis);
