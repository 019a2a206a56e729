using GovKpi.Core.Collective;
using GovKpi.Core.Evaluation;
using GovKpi.Core.KpiLibrary;

namespace GovKpi.Core.Tests.Evaluation;

public class LeaderScoringTests
{
    private static readonly ProductConversion Conversion = new(new Dictionary<string, decimal> { ["chi-dao"] = 1m });

    /// <summary>9 of 10 products, no incident: quantity, quality and progress 90%.</summary>
    private static TaskResultScore OwnWork() =>
        TaskResultScoring.Score([new AssignedTask("CD1", "chi-dao", 10, 9)], Conversion, null, EvaluationPolicy.Decree335);

    [Fact]
    public void A_leader_whose_subordinates_are_all_at_least_HT_gets_the_full_unit_result()
    {
        var score = LeaderScoring.Score(OwnWork(), [ClassificationLevel.Htxs, ClassificationLevel.Htt, ClassificationLevel.Ht], RatingLevel.Good, EvaluationPolicy.Decree335);

        Assert.Equal(1m, score.UnitResult);
        // (2 × 90% + 1 × 100% + 1 × 80%) ÷ 4 × 70 = 63
        Assert.Equal(63m, score.Points);
        Assert.Equal("(2 × 90% + 1 × 100% + 1 × 80%) ÷ 4 × 70 = 63", score.Explanations.Single(e => e.Key == "LeaderTaskResult").Formula);
    }

    [Fact]
    public void One_KHT_subordinate_halves_the_unit_result()
    {
        var score = LeaderScoring.Score(OwnWork(), [ClassificationLevel.Htt, ClassificationLevel.Kht], RatingLevel.Good, EvaluationPolicy.Decree335);

        Assert.Equal(0.5m, score.UnitResult);
        // (1.8 + 0.5 + 0.8) ÷ 4 × 70 = 54.25
        Assert.Equal(54.25m, score.Points);
        Assert.Equal(["2", "1", "50%"], score.Explanations.Single(e => e.Key == "UnitResult").Arguments);
    }

    [Fact]
    public void The_unit_share_is_policy_data()
    {
        var policy = EvaluationPolicy.Decree335 with { Leaders = new LeaderScoringPolicy(0, 1, 0, 1, 0.5m) };

        var score = LeaderScoring.Score(OwnWork(), [ClassificationLevel.Kht], RatingLevel.Excellent, policy);

        Assert.Equal(35m, score.Points);
    }

    [Fact]
    public void A_leaders_period_total_adds_the_general_criteria()
    {
        var general = GeneralCriteriaScoring.Score(
            EvaluationPolicy.Decree335.GeneralCriteria.SelectMany(s => s.Criteria).ToDictionary(c => c.Code, _ => RatingLevel.Excellent), EvaluationPolicy.Decree335);
        var leader = LeaderScoring.Score(OwnWork(), [ClassificationLevel.Htt], RatingLevel.Good, EvaluationPolicy.Decree335);

        var period = PeriodScore.Of(general, leader, EvaluationPolicy.Decree335);

        Assert.Equal(93m, period.Total);
        Assert.Equal(ClassificationLevel.Htxs, period.BandLevel);
        Assert.Equal("30 + 63 = 93 → HTXS", period.Explanations[^1].Formula);
    }

    private static UnitResult Measured(decimal? ratio) =>
        new("C1", KpiSetHolder.UnitKind, "Commune", 1, UnitSetSource.BuiltIn, [], ratio, Explanation.Of("Kpi", "(35 × 100% + 25 × 80%) ÷ 60 = 91.67%"));

    [Fact]
    public void A_leaders_unit_result_is_the_units_measured_result_when_it_has_one()
    {
        var score = LeaderScoring.Score(OwnWork(), Measured(0.8m), [ClassificationLevel.Htt], RatingLevel.Good, EvaluationPolicy.Decree335);

        Assert.Equal(0.8m, score.UnitResult);
        // (2 × 90% + 1 × 80% + 1 × 80%) ÷ 4 × 70 = 59.5
        Assert.Equal(59.5m, score.Points);
        Assert.Equal(["C1", "80%", "0"], score.Explanations.Single(e => e.Key == "UnitResultMeasured").Arguments);
    }

    [Fact]
    public void A_KHT_subordinate_caps_the_measured_unit_result_and_a_unit_without_values_falls_back_to_the_levels()
    {
        var capped = LeaderScoring.Score(OwnWork(), Measured(0.9m), [ClassificationLevel.Kht], RatingLevel.Good, EvaluationPolicy.Decree335);
        var fallback = LeaderScoring.Score(OwnWork(), Measured(null), [ClassificationLevel.Kht], RatingLevel.Good, EvaluationPolicy.Decree335);

        Assert.Equal(0.5m, capped.UnitResult);
        Assert.Equal("min(90%, 50%) = 50%", capped.Explanations.Single(e => e.Key == "UnitResultCapped").Formula);
        Assert.Equal((0.5m, "UnitResult"), (fallback.UnitResult, fallback.Explanations.Single(e => e.Key.StartsWith("UnitResult", StringComparison.Ordinal)).Key));
    }
}
