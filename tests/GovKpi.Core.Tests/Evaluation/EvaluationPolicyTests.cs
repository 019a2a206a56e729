using GovKpi.Core.Evaluation;

namespace GovKpi.Core.Tests.Evaluation;

public class EvaluationPolicyTests
{
    [Fact]
    public void The_built_in_policies_are_sound()
    {
        Assert.All(EvaluationPolicy.BuiltIn, p => Assert.Empty(p.Problems()));
    }

    [Fact]
    public void Khanh_Hoa_splits_the_general_criteria_20_and_10()
    {
        Assert.Equal([20m, 10m], EvaluationPolicy.KhanhHoa.GeneralCriteria.Select(s => s.MaxPoints));
        Assert.Equal([30m], EvaluationPolicy.Decree335.GeneralCriteria.Select(s => s.MaxPoints));
    }

    [Fact]
    public void Criteria_that_do_not_add_up_to_the_general_maximum_are_a_problem()
    {
        var policy = EvaluationPolicy.Decree335 with { GeneralCriteria = [new CriteriaSection("x", "x", "x", [new GeneralCriterion("a", "a", "a", 25)])] };

        Assert.Contains(policy.Problems(), p => p.StartsWith("general_criteria: the criteria add up to 25 points, not 30", StringComparison.Ordinal));
    }

    [Fact]
    public void A_level_cap_holds_a_high_score_down_but_never_lifts_a_low_one()
    {
        var result = Classification.Classify(
            [new ScoredPerson("A", "X", "G", 95, AtMost: ClassificationLevel.Ht), new ScoredPerson("B", "X", "G", 40, AtMost: ClassificationLevel.Ht)],
            EvaluationPolicy.Decree335);

        Assert.Equal([(ClassificationLevel.Ht, ClassificationReason.Capped), (ClassificationLevel.Kht, ClassificationReason.Band)], result.Select(r => (r.Level, r.Reason)));
    }
}
