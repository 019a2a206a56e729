using GovKpi.Core.Evaluation;
using GovKpi.Core.KpiLibrary;

namespace GovKpi.Core.Tests.Evaluation;

public class GeneralCriteriaScoringTests
{
    private static Dictionary<string, RatingLevel> All(EvaluationPolicy policy, RatingLevel level) =>
        policy.GeneralCriteria.SelectMany(s => s.Criteria).ToDictionary(c => c.Code, _ => level);

    [Fact]
    public void Good_on_every_criterion_earns_the_Good_share_of_30()
    {
        var score = GeneralCriteriaScoring.Score(All(EvaluationPolicy.Decree335, RatingLevel.Good), EvaluationPolicy.Decree335);

        Assert.Equal(24m, score.Points);
        Assert.Equal(30m, score.MaxPoints);
        Assert.Equal("Tốt (Good): 80% × 4 = 3.2", score.Criteria[0].Explanation.Formula);
    }

    [Fact]
    public void Khanh_Hoa_scores_two_blocks_of_20_and_10()
    {
        var policy = EvaluationPolicy.KhanhHoa;
        var ratings = All(policy, RatingLevel.Excellent);
        ratings["sang-tao"] = RatingLevel.Fair;

        var score = GeneralCriteriaScoring.Score(ratings, policy);

        Assert.Equal([("pham-chat", 20m, 20m), ("doi-moi", 8m, 10m)], score.Sections.Select(s => (s.SectionCode, s.Points, s.MaxPoints)));
        Assert.Equal(28m, score.Points);
    }

    [Fact]
    public void A_missing_or_unknown_criterion_is_an_error()
    {
        var ratings = All(EvaluationPolicy.Decree335, RatingLevel.Good);
        ratings.Remove("dao-duc");
        Assert.Contains("dao-duc", Assert.Throws<ArgumentException>(() => GeneralCriteriaScoring.Score(ratings, EvaluationPolicy.Decree335)).Message);

        ratings["dao-duc"] = RatingLevel.Good;
        ratings["khong-ton-tai"] = RatingLevel.Good;
        Assert.Contains("khong-ton-tai", Assert.Throws<ArgumentException>(() => GeneralCriteriaScoring.Score(ratings, EvaluationPolicy.Decree335)).Message);
    }

    [Fact]
    public void Every_rating_level_has_a_behavioural_anchor_in_Vietnamese_and_English()
    {
        var scale = RatingScale.Default;

        Assert.Equal("Tốt", scale[RatingLevel.Good].LabelVi);
        Assert.Equal("Xuất sắc", scale[RatingLevel.Excellent].LabelVi);
        Assert.All(scale.Anchors, a => Assert.True(a.MeaningVi.Length > 40 && a.MeaningEn.Length > 40));
        Assert.Equal([1m, 0.8m, 0.6m, 0.3m], scale.Anchors.OrderByDescending(a => a.Level).Select(a => a.Share));
    }
}
