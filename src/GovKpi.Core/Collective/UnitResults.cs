using System.Globalization;
using GovKpi.Core.Evaluation;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;

namespace GovKpi.Core.Collective;

/// <summary>One KPI of a unit's set: value, the target it was judged against (and the objective that target serves), achievement.</summary>
public sealed record UnitResultLine(string KpiCode, decimal WeightPercent, decimal? Value, decimal Target, decimal? Achievement, string? ObjectiveCode, Explanation Explanation);

/// <summary>
/// A unit's result over a period: the achievement of its KPI set (0–1) with its lines, or none
/// when no KPI of the set has a value. <see cref="SetCode"/>/<see cref="SetVersion"/> name the set used.
/// </summary>
public sealed record UnitResult(
    string UnitCode, KpiSetHolder SetHolder, string SetCode, int SetVersion, UnitSetSource Source,
    IReadOnlyList<UnitResultLine> Lines, decimal? Ratio, Explanation Explanation);

/// <summary>A unit's place among units of its kind; no rank without a result.</summary>
public sealed record RankedUnit(int? Rank, UnitResult Result);

/// <summary>
/// A unit's result from its collective set, by the rule people are scored with
/// (<see cref="KpiAchievement"/>: direction-aware, capped at 100%, a KPI without a value left out
/// and its weight shared over the others). The target of each KPI is the one cascaded to the unit
/// for the period's year, else the set's, else the library's.
/// </summary>
public static class UnitResults
{
    /// <param name="values">The unit's KPI values for the period, by KPI code.</param>
    /// <param name="onlyKpis">For a deputy's field given as KPIs: the set's other KPIs are left out.</param>
    public static UnitResult Of(string unitCode, UnitSetInForce set, IReadOnlyDictionary<string, KpiDefinition> definitions,
        IReadOnlyDictionary<string, KpiValue> values, IReadOnlyDictionary<string, CascadedTarget> cascaded, IReadOnlyCollection<string>? onlyKpis = null)
    {
        var inputs = new List<KpiInput>();
        var objectives = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in set.Set.Items)
        {
            if (onlyKpis is not null && !onlyKpis.Contains(item.KpiCode)
                || !definitions.TryGetValue(item.KpiCode, out var definition) || definition.Kind != KpiKind.Quantitative)
            {
                continue;
            }

            var scored = cascaded.TryGetValue(item.KpiCode, out var target)
                ? item with { TargetOverride = target.Target, ObjectiveCode = target.ObjectiveCode }
                : item;
            if ((scored.TargetOverride ?? definition.Target) is null)
            {
                continue;
            }

            if (scored.ObjectiveCode is { } objective)
            {
                objectives[item.KpiCode] = objective;
            }

            inputs.Add(new KpiInput(scored, definition, values.TryGetValue(item.KpiCode, out var value) ? value : null));
        }

        // Units are judged by the default rule (cap 1): a unit has no evaluation policy of its own.
        var achievement = KpiAchievement.Of(inputs, KpiScoringPolicy.Decree335);
        var lines = achievement.Lines
            .Select(l => new UnitResultLine(l.KpiCode, l.WeightPercent, l.Value, l.Target!.Value, l.Achievement, objectives.GetValueOrDefault(l.KpiCode), l.Explanation))
            .ToList();
        return new(unitCode, set.Set.Holder, set.Set.PositionCode, set.Set.Version, set.Source, lines, achievement.Ratio, achievement.Explanation);
    }

    /// <summary>
    /// Units by result, best first; equal results (to 0.01 percentage point) share a rank and the
    /// next rank skips (1, 1, 3). Units without a result come last, unranked.
    /// </summary>
    public static IReadOnlyList<RankedUnit> Rank(IEnumerable<UnitResult> results)
    {
        var ranked = new List<RankedUnit>();
        var withRatio = results.Where(r => r.Ratio is not null)
            .OrderByDescending(r => Key(r.Ratio!.Value)).ThenBy(r => r.UnitCode, StringComparer.Ordinal).ToList();
        for (var i = 0; i < withRatio.Count; i++)
        {
            var rank = i > 0 && Key(withRatio[i].Ratio!.Value) == Key(withRatio[i - 1].Ratio!.Value) ? ranked[i - 1].Rank : i + 1;
            ranked.Add(new(rank, withRatio[i]));
        }

        ranked.AddRange(results.Where(r => r.Ratio is null).OrderBy(r => r.UnitCode, StringComparer.Ordinal).Select(r => new RankedUnit(null, r)));
        return ranked;
    }

    /// <summary>How a unit result reads in the rating of its head (<see cref="LeaderScoring"/>).</summary>
    public static Explanation Describe(UnitResult result) => Explanation.Of("UnitResultMeasured",
        $"{result.UnitCode}: {result.Explanation.Formula}",
        result.UnitCode, result.Ratio is { } r ? Show.Pct(r) : "—", result.Lines.Count(l => l.Achievement is not null).ToString(CultureInfo.InvariantCulture));

    private static decimal Key(decimal ratio) => Math.Round(ratio, 4, MidpointRounding.AwayFromZero);
}
