using GovKpi.Core.Collective;
using GovKpi.Core.KpiLibrary;

namespace GovKpi.Core.Evaluation;

/// <summary>
/// How a leader's task results combine their own work, the unit's operating result and their
/// organising capacity (relative weights; the decree does not fix them). The unit result is
/// <see cref="UnitShareAllAtLeastHt"/> when every subordinate is at least HT and
/// <see cref="UnitShareAnyKht"/> when any is KHT (Decree 335: 100% and 50%).
/// </summary>
public sealed record LeaderScoringPolicy(decimal OwnWorkWeight, decimal UnitResultWeight, decimal OrganisingWeight, decimal UnitShareAllAtLeastHt, decimal UnitShareAnyKht)
{
    public static LeaderScoringPolicy Decree335 { get; } = new(2, 1, 1, 1.00m, 0.50m);
}

public sealed record LeaderTaskResultScore(TaskResultScore OwnWork, decimal UnitResult, decimal Organising, decimal Ratio, decimal Points, decimal MaxPoints, IReadOnlyList<Explanation> Explanations);

/// <summary>
/// Task results of a head or deputy: their own products (tasks they carry out and the directing,
/// guiding and inspecting they are assigned) plus the operating result of the unit — for a deputy,
/// of the field assigned to them, so the caller passes the subordinates of that field — and the
/// organising capacity rated on the anchored scale.
/// </summary>
public static class LeaderScoring
{
    /// <summary>The unit result from the subordinates' levels alone (Decree 335's 100% / 50%).</summary>
    public static LeaderTaskResultScore Score(TaskResultScore ownWork, IReadOnlyCollection<ClassificationLevel> subordinateLevels, RatingLevel organisingCapacity, EvaluationPolicy policy)
    {
        var rules = policy.Leaders;
        var kht = subordinateLevels.Count(l => l == ClassificationLevel.Kht);
        var unit = kht > 0 ? rules.UnitShareAnyKht : rules.UnitShareAllAtLeastHt;
        var count = subordinateLevels.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var khtCount = kht.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Combine(ownWork, unit, [Explanation.Of("UnitResult", $"KHT {khtCount}/{count} → {Show.Pct(unit)}", count, khtCount, Show.Pct(unit))],
            organisingCapacity, policy);
    }

    /// <summary>
    /// The unit result measured from the unit's collective KPI set (<see cref="UnitResults"/>; for
    /// a deputy, the result of the field in their charge), capped by the subordinates' rule: a unit
    /// with a KHT subordinate earns at most <see cref="LeaderScoringPolicy.UnitShareAnyKht"/>. A unit
    /// whose set has no value in the period falls back to the subordinates' levels.
    /// </summary>
    public static LeaderTaskResultScore Score(TaskResultScore ownWork, UnitResult? unitResult, IReadOnlyCollection<ClassificationLevel> subordinateLevels,
        RatingLevel organisingCapacity, EvaluationPolicy policy)
    {
        if (unitResult?.Ratio is not { } measured)
        {
            return Score(ownWork, subordinateLevels, organisingCapacity, policy);
        }

        var rules = policy.Leaders;
        var kht = subordinateLevels.Count(l => l == ClassificationLevel.Kht);
        var unit = kht > 0 ? Math.Min(measured, rules.UnitShareAnyKht) : measured;
        Explanation[] explanations = unit == measured
            ? [UnitResults.Describe(unitResult)]
            : [UnitResults.Describe(unitResult), Explanation.Of("UnitResultCapped", $"min({Show.Pct(measured)}, {Show.Pct(rules.UnitShareAnyKht)}) = {Show.Pct(unit)}",
                Show.Pct(measured), kht.ToString(System.Globalization.CultureInfo.InvariantCulture), Show.Pct(unit))];
        return Combine(ownWork, unit, explanations, organisingCapacity, policy);
    }

    private static LeaderTaskResultScore Combine(TaskResultScore ownWork, decimal unit, IReadOnlyList<Explanation> unitExplanations, RatingLevel organisingCapacity, EvaluationPolicy policy)
    {
        var rules = policy.Leaders;
        var anchor = policy.RatingScale[organisingCapacity];
        var (ratio, formula) = TaskResultScoring.WeightedMean(
            new (decimal, decimal)[] { (rules.OwnWorkWeight, ownWork.Ratio), (rules.UnitResultWeight, unit), (rules.OrganisingWeight, anchor.Share) }
                .Where(p => p.Item1 > 0).ToList());
        var points = Show.Round(ratio * policy.TaskResultsMax, policy.ScoreDecimals);
        Explanation[] own =
        [
            .. unitExplanations,
            Explanation.Of("Organising", $"{anchor.LabelVi} ({anchor.LabelEn}) → {Show.Pct(anchor.Share)}", organisingCapacity.ToString(), Show.Pct(anchor.Share)),
            Explanation.Of("LeaderTaskResult", $"{formula} × {Show.N(policy.TaskResultsMax)} = {Show.N(points)}",
                Show.Pct(ownWork.Ratio), Show.Pct(unit), Show.Pct(anchor.Share), Show.N(points)),
        ];
        return new(ownWork, unit, anchor.Share, ratio, points, policy.TaskResultsMax, [.. ownWork.Explanations, .. own]);
    }
}
