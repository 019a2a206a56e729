namespace GovKpi.Core.Evaluation.Cycles;

/// <summary>
/// One group the HTXS quota is counted over, with the numbers that explain it: how many were
/// eligible for HTXS by score, how many were HTT by score, how many HTXS the quota allows, the
/// score at the cut and who was moved down to HTT.
/// </summary>
public sealed record QuotaGroup(
    string AgencyCode, string GroupCode, int People, int EligibleHtxs, int HttByScore, int AllowedHtxs, decimal? CutScore, IReadOnlyList<string> Moved);

public sealed record CalibrationOutcome(IReadOnlyList<ClassifiedPerson> People, IReadOnlyList<QuotaGroup> Groups);

/// <summary>
/// The calibration stage: <see cref="Classification.Classify"/> over everyone calibrated together,
/// plus, per quota group, the numbers that say why each person moved.
/// </summary>
public static class QuotaCalibration
{
    /// <summary>The quota key of an evaluation: its id, since one person may be in two cycles of a period after a transfer.</summary>
    public static string KeyOf(StaffEvaluation evaluation) => evaluation.Id.ToString("N");

    /// <summary>A rated evaluation as the quota sees it (before any cap of time worked).</summary>
    public static ScoredPerson Scored(EvaluationCycle cycle, StaffEvaluation evaluation) =>
        new(KeyOf(evaluation), cycle.AgencyCode, evaluation.Group.ToString(), evaluation.Score!.Value, evaluation.ForcedKht);

    public static CalibrationOutcome Calibrate(IReadOnlyCollection<ScoredPerson> people, EvaluationPolicy policy)
    {
        var classified = Classification.Classify(people, policy);
        var levels = classified.ToDictionary(p => p.StaffCode, StringComparer.Ordinal);
        var groups = new List<QuotaGroup>();
        if (policy.Quota.Share is { } share)
        {
            foreach (var group in people.GroupBy(p => Key(p, policy.Quota.Grouping)).OrderBy(g => g.Key.Agency, StringComparer.Ordinal).ThenBy(g => g.Key.Group, StringComparer.Ordinal))
            {
                var eligible = group.Where(p => !p.ForcedKht && policy.Bands.LevelOf(p.Score) == ClassificationLevel.Htxs).ToList();
                var htt = group.Count(p => !p.ForcedKht && policy.Bands.LevelOf(p.Score) == ClassificationLevel.Htt);
                var moved = eligible.Where(p => levels[p.StaffCode].Reason == ClassificationReason.Quota).ToList();
                groups.Add(new QuotaGroup(
                    group.Key.Agency, group.Key.Group, group.Count(), eligible.Count, htt,
                    Classification.AllowedHtxs(eligible.Count, htt, share),
                    moved.Count == 0 ? null : moved.Max(p => p.Score),
                    moved.Select(p => p.StaffCode).Order(StringComparer.Ordinal).ToList()));
            }
        }

        return new CalibrationOutcome(classified, groups);
    }

    /// <summary>The group a person's quota is counted in, as <see cref="Classification"/> counts it.</summary>
    public static (string Agency, string Group) Key(ScoredPerson person, QuotaGrouping grouping) => grouping switch
    {
        QuotaGrouping.AgencyAndGroup => (person.AgencyCode, person.GroupCode),
        QuotaGrouping.Agency => (person.AgencyCode, ""),
        QuotaGrouping.Group => ("", person.GroupCode),
        _ => ("", ""),
    };
}

/// <summary>
/// Everyone calibrated together with a cycle as the quota sees them (keys of
/// <see cref="QuotaCalibration.KeyOf"/>), and the staff code behind each key, to name who moved.
/// </summary>
public sealed record CalibrationPopulation(IReadOnlyList<ScoredPerson> People, IReadOnlyDictionary<string, string> StaffCodes);
