using GovKpi.Core.KpiLibrary;

namespace GovKpi.Core.Evaluation;

/// <summary>One general criterion (tiêu chí chung) and the points it is worth.</summary>
public sealed record GeneralCriterion(string Code, string NameVi, string NameEn, decimal MaxPoints);

/// <summary>
/// A block of general criteria with its own maximum: Decree 335 has one block of 30 points,
/// Khánh Hòa two (20 + 10).
/// </summary>
public sealed record CriteriaSection(string Code, string NameVi, string NameEn, IReadOnlyList<GeneralCriterion> Criteria)
{
    public decimal MaxPoints => Criteria.Sum(c => c.MaxPoints);

    /// <summary>Decree 335/2025: the eight general criteria, 30 points in all.</summary>
    public static IReadOnlyList<CriteriaSection> Decree335 { get; } =
    [
        new("chung", "Tiêu chí chung", "General criteria",
        [
            new("chinh-tri", "Phẩm chất chính trị", "Political quality", 4),
            new("dao-duc", "Đạo đức, lối sống", "Ethics", 4),
            new("van-hoa", "Văn hóa thực thi công vụ", "Public-service culture", 4),
            new("ky-luat", "Ý thức tổ chức kỷ luật", "Discipline", 4),
            new("trach-nhiem", "Tinh thần trách nhiệm", "Responsibility", 4),
            new("phuc-vu", "Thái độ phục vụ nhân dân, doanh nghiệp", "Attitude serving people and businesses", 4),
            new("doi-moi", "Năng lực đổi mới sáng tạo", "Innovation", 3),
            new("dam-lam", "Dám nghĩ, dám làm, dám chịu trách nhiệm", "Daring to act", 3),
        ]),
    ];

    /// <summary>
    /// Khánh Hòa: 20 points of conduct and discipline and 10 points of innovation and initiative.
    /// The split inside each block is a proposal to be confirmed against the province's rules.
    /// </summary>
    public static IReadOnlyList<CriteriaSection> KhanhHoa { get; } =
    [
        new("pham-chat", "Phẩm chất, đạo đức, ý thức kỷ luật", "Conduct, ethics and discipline",
        [
            new("chinh-tri-dao-duc", "Phẩm chất chính trị, đạo đức, lối sống", "Political quality and ethics", 5),
            new("van-hoa-ky-luat", "Văn hóa thực thi công vụ, ý thức tổ chức kỷ luật", "Public-service culture and discipline", 5),
            new("trach-nhiem", "Tinh thần trách nhiệm", "Responsibility", 5),
            new("phuc-vu", "Thái độ phục vụ nhân dân, doanh nghiệp", "Attitude serving people and businesses", 5),
        ]),
        new("doi-moi", "Đổi mới sáng tạo, dám nghĩ dám làm", "Innovation and daring to act",
        [
            new("sang-tao", "Năng lực đổi mới sáng tạo, sáng kiến", "Innovation and initiatives", 5),
            new("dam-lam", "Dám nghĩ, dám làm, dám chịu trách nhiệm", "Daring to act", 5),
        ]),
    ];
}

public sealed record CriterionScore(string SectionCode, string CriterionCode, RatingLevel Rating, decimal Share, decimal MaxPoints, decimal Points, Explanation Explanation);

public sealed record SectionScore(string SectionCode, decimal Points, decimal MaxPoints, Explanation Explanation);

public sealed record GeneralCriteriaScore(IReadOnlyList<CriterionScore> Criteria, IReadOnlyList<SectionScore> Sections, decimal Points, decimal MaxPoints, Explanation Explanation);

/// <summary>General criteria points from the manager's ratings: each criterion earns its anchor's share of its points.</summary>
public static class GeneralCriteriaScoring
{
    /// <summary>Every criterion of the policy needs a rating; an unknown or missing one is an error, not a zero.</summary>
    public static GeneralCriteriaScore Score(IReadOnlyDictionary<string, RatingLevel> ratings, EvaluationPolicy policy)
    {
        var known = policy.GeneralCriteria.SelectMany(s => s.Criteria).Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var unknown = ratings.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Not a general criterion of policy {policy.Code}: {string.Join(", ", unknown)}.", nameof(ratings));
        }

        var criteria = new List<CriterionScore>();
        var sections = new List<SectionScore>();
        foreach (var section in policy.GeneralCriteria)
        {
            var lines = new List<CriterionScore>();
            foreach (var criterion in section.Criteria)
            {
                if (!ratings.TryGetValue(criterion.Code, out var rating))
                {
                    throw new ArgumentException($"The criterion {criterion.Code} has no rating.", nameof(ratings));
                }

                var anchor = policy.RatingScale[rating];
                var points = Show.Round(anchor.Share * criterion.MaxPoints, policy.ScoreDecimals);
                lines.Add(new(section.Code, criterion.Code, rating, anchor.Share, criterion.MaxPoints, points,
                    Explanation.Of("Criterion", $"{anchor.LabelVi} ({anchor.LabelEn}): {Show.Pct(anchor.Share)} × {Show.N(criterion.MaxPoints)} = {Show.N(points)}",
                        criterion.Code, rating.ToString(), Show.Pct(anchor.Share), Show.N(criterion.MaxPoints), Show.N(points))));
            }

            var total = lines.Sum(l => l.Points);
            sections.Add(new(section.Code, total, section.MaxPoints,
                Explanation.Of("Section", $"{string.Join(" + ", lines.Select(l => Show.N(l.Points)))} = {Show.N(total)} / {Show.N(section.MaxPoints)}",
                    section.Code, Show.N(total), Show.N(section.MaxPoints))));
            criteria.AddRange(lines);
        }

        var sum = sections.Sum(s => s.Points);
        return new(criteria, sections, sum, policy.GeneralCriteriaMax,
            Explanation.Of("GeneralCriteria", $"{string.Join(" + ", sections.Select(s => Show.N(s.Points)))} = {Show.N(sum)} / {Show.N(policy.GeneralCriteriaMax)}",
                Show.N(sum), Show.N(policy.GeneralCriteriaMax)));
    }
}
