namespace GovKpi.Core.Evaluation;

/// <summary>
/// One person's year score as HR submits it for classification. <paramref name="AtMost"/> caps the
/// level whatever the score (e.g. a public employee absent 3 to 6 months of the year: at most HT);
/// the cap applies before the quota, so a person capped at HTT counts in the HTT base.
/// </summary>
public sealed record ScoredPerson(string StaffCode, string AgencyCode, string GroupCode, decimal Score, bool ForcedKht = false, ClassificationLevel? AtMost = null);

public sealed record ClassifiedPerson(string StaffCode, ClassificationLevel Level, ClassificationReason Reason);

/// <summary>
/// Annual classification: bands by score, forced KHT, caps, then the HTXS quota per group. When more
/// people are eligible for HTXS than the quota allows, the highest scores keep HTXS and the rest
/// become HTT; people with equal scores always get the same level, so a tie at the cut moves
/// the whole tie down.
/// </summary>
public static class Classification
{
    public static IReadOnlyList<ClassifiedPerson> Classify(IReadOnlyCollection<ScoredPerson> people, EvaluationPolicy policy)
    {
        var result = new Dictionary<string, ClassifiedPerson>(StringComparer.Ordinal);
        foreach (var person in people)
        {
            var band = policy.Bands.LevelOf(person.Score);
            result[person.StaffCode] = person.ForcedKht
                ? new(person.StaffCode, ClassificationLevel.Kht, ClassificationReason.Forced)
                : person.AtMost is { } cap && band < cap
                    ? new(person.StaffCode, cap, ClassificationReason.Capped)
                    : new(person.StaffCode, band, ClassificationReason.Band);
        }

        if (policy.Quota.Share is { } share)
        {
            foreach (var group in people.GroupBy(p => GroupKey(p, policy.Quota.Grouping)))
            {
                var eligible = group.Where(p => result[p.StaffCode].Level == ClassificationLevel.Htxs).OrderByDescending(p => p.Score).ToList();
                var htt = group.Count(p => result[p.StaffCode].Level == ClassificationLevel.Htt);
                var keep = AllowedHtxs(eligible.Count, htt, share);
                if (keep >= eligible.Count)
                {
                    continue;
                }

                // Equal scores share a level: the score at the cut and everything below it moves down.
                var cut = eligible[keep].Score;
                foreach (var person in eligible.Where(p => p.Score <= cut))
                {
                    result[person.StaffCode] = new(person.StaffCode, ClassificationLevel.Htt, ClassificationReason.Quota);
                }
            }
        }

        return result.Values.OrderBy(p => p.StaffCode, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The largest k ≤ eligible such that k ≤ share × (htt + eligible − k): the people moved down
    /// become HTT themselves, so they enlarge the base the quota is counted on.
    /// </summary>
    public static int AllowedHtxs(int eligible, int htt, decimal share)
    {
        for (var k = eligible; k > 0; k--)
        {
            if (k <= share * (htt + eligible - k))
            {
                return k;
            }
        }

        return 0;
    }

    private static (string, string) GroupKey(ScoredPerson p, QuotaGrouping grouping) => grouping switch
    {
        QuotaGrouping.AgencyAndGroup => (p.AgencyCode, p.GroupCode),
        QuotaGrouping.Agency => (p.AgencyCode, ""),
        QuotaGrouping.Group => ("", p.GroupCode),
        _ => ("", ""),
    };
}
