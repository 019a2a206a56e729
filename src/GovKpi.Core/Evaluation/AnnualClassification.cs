using GovKpi.Core.Organisation;

namespace GovKpi.Core.Evaluation;

/// <summary>One person's year as the annual classification needs it; <see cref="PreviousLevels"/> holds earlier years' final levels by year.</summary>
public sealed record AnnualPerson(YearScore Year, StaffType Type, LeaderRole Leader, string GroupCode, bool ForcedKht = false)
{
    public IReadOnlyDictionary<int, ClassificationLevel> PreviousLevels { get; init; } = new Dictionary<int, ClassificationLevel>();

    /// <summary>Ratings of the general criteria over the year's periods, for training needs.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, KpiLibrary.RatingLevel>> Ratings { get; init; } = [];
}

/// <summary>What the year leads to for one person; a person not classified has no level, bonus or list.</summary>
public sealed record AnnualOutcome(string StaffCode, decimal? Score, ClassificationLevel? Level, ClassificationReason? Reason, decimal? BonusCoefficient,
    IReadOnlyList<string> Commendations, IReadOnlyList<TrainingNeed> TrainingNeeds, IReadOnlyList<string> Lists, IReadOnlyList<Explanation> Explanations);

/// <summary>A list of people with its legal or policy name: a required list, commendation candidates, or training.</summary>
public sealed record NamedList(string Code, string NameVi, string NameEn, IReadOnlyList<string> StaffCodes);

public sealed record AnnualResults(IReadOnlyList<AnnualOutcome> People, IReadOnlyList<NamedList> Lists);

/// <summary>
/// The year's classification (bands, forced KHT, caps for long absence, HTXS quota — see
/// <see cref="Classification"/>) and the consequences the policy attaches to it.
/// </summary>
public static class AnnualClassification
{
    public const string TrainingListCode = "dao-tao-boi-duong";

    public static AnnualResults Classify(IReadOnlyList<AnnualPerson> people, EvaluationPolicy policy)
    {
        var duplicate = people.GroupBy(p => p.Year.StaffCode, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"{duplicate.Key} appears more than once.", nameof(people));
        }

        var scored = people.Where(p => !p.Year.NotClassified)
            .Select(p => new ScoredPerson(p.Year.StaffCode, p.Year.AgencyCode, p.GroupCode, p.Year.Score!.Value, p.ForcedKht, p.Year.AtMost))
            .ToList();
        var classified = Classification.Classify(scored, policy).ToDictionary(c => c.StaffCode, StringComparer.Ordinal);
        var rules = policy.Consequences;
        var outcomes = people.OrderBy(p => p.Year.StaffCode, StringComparer.Ordinal)
            .Select(p => classified.TryGetValue(p.Year.StaffCode, out var c) ? Outcome(p, c, rules) : NotClassified(p))
            .ToList();

        var lists = new List<NamedList>();
        foreach (var rule in rules.Lists)
        {
            lists.Add(new(rule.Code, rule.NameVi, rule.NameEn, outcomes.Where(o => o.Lists.Contains(rule.Code)).Select(o => o.StaffCode).ToList()));
        }

        foreach (var rule in rules.Commendations)
        {
            lists.Add(new(rule.Code, rule.NameVi, rule.NameEn, outcomes.Where(o => o.Commendations.Contains(rule.Code)).Select(o => o.StaffCode).ToList()));
        }

        lists.Add(new(TrainingListCode, "Đào tạo, bồi dưỡng", "Training", outcomes.Where(o => o.TrainingNeeds.Count > 0).Select(o => o.StaffCode).ToList()));
        return new(outcomes, lists);
    }

    private static AnnualOutcome NotClassified(AnnualPerson p) =>
        new(p.Year.StaffCode, p.Year.Score, null, null, null, [], [], [], p.Year.Explanations);

    private static AnnualOutcome Outcome(AnnualPerson p, ClassifiedPerson c, ConsequencePolicy rules)
    {
        var year = p.Year.Year;
        var level = c.Level;
        var explanations = new List<Explanation>(p.Year.Explanations)
        {
            Explanation.Of("Level", $"{Show.N(p.Year.Score!.Value)} → {level.Code()} ({c.Reason.ToString().ToLowerInvariant()})", level.Code(), c.Reason.ToString()),
        };

        var bonus = rules.BonusCoefficients.TryGetValue(level, out var coefficient) ? coefficient : 0m;
        explanations.Add(Explanation.Of("Bonus", $"{level.Code()} → × {Show.N(bonus)}", level.Code(), Show.N(bonus)));

        var commendations = rules.Commendations
            .Where(r => LevelOrder.Run(year, level, p.PreviousLevels, r.ConsecutiveYears, l => l.IsAtLeast(r.AtLeast)))
            .Select(r => r.Code).ToList();

        var training = new List<TrainingNeed>();
        if (level.IsAtOrBelow(rules.Training.LevelAtOrBelow))
        {
            training.Add(new(TrainingReason.Level, null,
                Explanation.Of("TrainingLevel", $"{level.Code()} ≤ {rules.Training.LevelAtOrBelow.Code()}", level.Code(), rules.Training.LevelAtOrBelow.Code())));
        }

        foreach (var criterion in p.Ratings.SelectMany(r => r).Where(r => r.Value <= rules.Training.RatingAtOrBelow)
                     .Select(r => r.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var lowest = p.Ratings.Where(r => r.ContainsKey(criterion)).Min(r => r[criterion]);
            training.Add(new(TrainingReason.Criterion, criterion,
                Explanation.Of("TrainingCriterion", $"{criterion}: {lowest} ≤ {rules.Training.RatingAtOrBelow}", criterion, lowest.ToString(), rules.Training.RatingAtOrBelow.ToString())));
        }

        var lists = rules.Lists
            .Where(r => r.StaffTypes.Contains(p.Type) && (!r.LeadersOnly || p.Leader != LeaderRole.None)
                        && LevelOrder.Run(year, level, p.PreviousLevels, r.ConsecutiveYears, l => l.IsAtOrBelow(r.AtOrBelow)))
            .Select(r => r.Code).ToList();
        foreach (var code in lists)
        {
            var rule = rules.Lists.First(r => r.Code == code);
            var years = string.Join(", ", Enumerable.Range(0, rule.ConsecutiveYears).Select(k => year - rule.ConsecutiveYears + 1 + k));
            explanations.Add(Explanation.Of("RequiredList", $"{code}: {rule.AtOrBelow.Code()} {years}", code, rule.AtOrBelow.Code(), years));
        }

        return new(p.Year.StaffCode, p.Year.Score, level, c.Reason, bonus, commendations, training, lists, explanations);
    }
}
