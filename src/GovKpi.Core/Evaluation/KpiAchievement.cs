using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;

namespace GovKpi.Core.Evaluation;

/// <summary>
/// One KPI of the person's set: its value from the measurement engine (quantitative KPIs) or the
/// manager's rating (qualitative ones). Neither yet (no record, no rating) leaves the KPI out.
/// </summary>
public sealed record KpiInput(KpiSetItem Item, KpiDefinition Definition, KpiValue? Value = null, RatingLevel? Rating = null);

/// <summary>How far one KPI reached its target: 1 when met, less in proportion when missed; null without a value.</summary>
public sealed record KpiAchievementLine(string KpiCode, decimal WeightPercent, decimal? Value, decimal Target, decimal? Achievement, Explanation Explanation);

/// <summary>
/// The objective KPIs of a person against their targets, as one ratio (0–1) that can feed the
/// task-result score (policy weight <see cref="TaskScoringPolicy.KpiWeight"/>) and, × 100, is the
/// objective score that calibration compares managers' ratings with. Higher-is-better KPIs earn
/// min(1, value ÷ target), the proportional rule of Decision 766; lower-is-better ones earn 1 at or
/// under the target and target ÷ value above it; ratings earn min(1, level ÷ target level).
/// </summary>
public sealed record KpiAchievement(IReadOnlyList<KpiAchievementLine> Lines, decimal? Ratio, Explanation Explanation)
{
    public static KpiAchievement Of(IReadOnlyList<KpiInput> kpis)
    {
        var lines = kpis.Select(Line).ToList();
        var counted = lines.Where(l => l.Achievement is not null).ToList();
        var weight = counted.Sum(l => l.WeightPercent);
        if (weight <= 0)
        {
            return new(lines, null, Explanation.Of("KpiNone", "—"));
        }

        var (ratio, formula) = TaskResultScoring.WeightedMean(counted.Select(l => (l.WeightPercent, l.Achievement!.Value)).ToList());
        return new(lines, ratio, Explanation.Of("Kpi", $"{formula} = {Show.Pct(ratio)}", Show.Pct(ratio), counted.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static KpiAchievementLine Line(KpiInput kpi)
    {
        var code = kpi.Definition.Code;
        var target = kpi.Item.TargetOverride ?? kpi.Definition.Target
            ?? throw new ArgumentException($"The KPI {code} has no target to be scored against.", nameof(kpi));
        decimal? value = kpi.Definition.Kind == KpiKind.Qualitative
            ? kpi.Rating is { } rating ? (int)rating : null
            : kpi.Value is { Denominator: not 0 } v ? v.Numerator / v.Denominator * (kpi.Definition.UnitOfMeasure.Trim() == "%" ? 100 : 1) : null;
        if (value is not { } x)
        {
            return new(code, kpi.Item.WeightPercent, null, target, null, Explanation.Of("KpiNoValue", $"{code}: —", code));
        }

        x = Math.Round(x, 4, MidpointRounding.AwayFromZero);
        var higher = kpi.Definition.Direction == KpiDirection.HigherIsBetter;
        var (achievement, formula) = higher
            ? (target <= 0 ? 1 : Math.Min(1, x / target), $"min(100%, {Show.N(x)} ÷ {Show.N(target)})")
            : x <= target ? (1m, $"{Show.N(x)} ≤ {Show.N(target)}") : (target / x, $"{Show.N(target)} ÷ {Show.N(x)}");
        return new(code, kpi.Item.WeightPercent, x, target, achievement,
            Explanation.Of(higher ? "KpiHigher" : "KpiLower", $"{code}: {formula} = {Show.Pct(achievement)}", code, Show.N(x), Show.N(target), Show.Pct(achievement)));
    }
}
