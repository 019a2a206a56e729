using GovKpi.Core.Evaluation;

namespace GovKpi.Core.Tests.Evaluation;

public class ClassificationTests
{
    private static ScoredPerson P(string code, decimal score, string agency = "A", string group = "G", bool forced = false) =>
        new(code, agency, group, score, forced);

    private static Dictionary<string, (ClassificationLevel, ClassificationReason)> Classify(EvaluationPolicy policy, params ScoredPerson[] people) =>
        Classification.Classify(people, policy).ToDictionary(p => p.StaffCode, p => (p.Level, p.Reason));

    [Theory]
    [InlineData(100, ClassificationLevel.Htxs)]
    [InlineData(90, ClassificationLevel.Htxs)]
    [InlineData(89.99, ClassificationLevel.Htt)]
    [InlineData(70, ClassificationLevel.Htt)]
    [InlineData(69.99, ClassificationLevel.Ht)]
    [InlineData(50, ClassificationLevel.Ht)]
    [InlineData(49.99, ClassificationLevel.Kht)]
    [InlineData(0, ClassificationLevel.Kht)]
    public void A_score_on_a_band_boundary_belongs_to_the_higher_level(decimal score, ClassificationLevel level)
    {
        Assert.Equal(level, EvaluationPolicy.Decree335.Bands.LevelOf(score));
    }

    [Fact]
    public void Khanh_Hoa_needs_80_for_HTT()
    {
        Assert.Equal(ClassificationLevel.Ht, EvaluationPolicy.KhanhHoa.Bands.LevelOf(79.5m));
        Assert.Equal(ClassificationLevel.Htt, EvaluationPolicy.KhanhHoa.Bands.LevelOf(80m));
    }

    [Fact]
    public void Forced_KHT_wins_over_any_score()
    {
        var result = Classify(EvaluationPolicy.Decree335, P("S1", 98, forced: true));

        Assert.Equal((ClassificationLevel.Kht, ClassificationReason.Forced), result["S1"]);
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 4, 0)] // 1 > 0.2 × 4
    [InlineData(1, 5, 1)] // 1 ≤ 0.2 × 5
    [InlineData(3, 0, 0)] // nobody HTT: no HTXS at all
    [InlineData(3, 9, 2)] // 2 ≤ 0.2 × (9 + 1)
    [InlineData(10, 50, 10)]
    public void The_quota_counts_the_people_moved_down_as_HTT(int eligible, int htt, int allowed)
    {
        Assert.Equal(allowed, Classification.AllowedHtxs(eligible, htt, 0.2m));
    }

    [Fact]
    public void The_highest_scores_keep_HTXS_and_the_rest_move_to_HTT_with_reason_quota()
    {
        var people = new[] { P("X1", 97), P("X2", 95), P("X3", 92) }
            .Concat(Enumerable.Range(1, 9).Select(i => P($"T{i}", 75))).ToArray();

        var result = Classify(EvaluationPolicy.Decree335, people);

        Assert.Equal((ClassificationLevel.Htxs, ClassificationReason.Band), result["X1"]);
        Assert.Equal((ClassificationLevel.Htxs, ClassificationReason.Band), result["X2"]);
        Assert.Equal((ClassificationLevel.Htt, ClassificationReason.Quota), result["X3"]);
    }

    [Fact]
    public void A_tie_at_the_cut_moves_every_tied_person_down()
    {
        var people = new[] { P("X1", 97), P("X2", 93), P("X3", 93) }
            .Concat(Enumerable.Range(1, 9).Select(i => P($"T{i}", 75))).ToArray();

        var result = Classify(EvaluationPolicy.Decree335, people);

        Assert.Equal(ClassificationLevel.Htxs, result["X1"].Item1);
        Assert.Equal((ClassificationLevel.Htt, ClassificationReason.Quota), result["X2"]);
        Assert.Equal((ClassificationLevel.Htt, ClassificationReason.Quota), result["X3"]);
    }

    [Fact]
    public void Each_agency_and_group_has_its_own_quota()
    {
        var people = new[] { P("A1", 95, "A", "G1"), P("A2", 75, "A", "G1"), P("B1", 95, "A", "G2") }
            .Concat(Enumerable.Range(1, 5).Select(i => P($"BT{i}", 80, "A", "G2"))).ToArray();

        var result = Classify(EvaluationPolicy.Decree335, people);

        Assert.Equal(ClassificationReason.Quota, result["A1"].Item2);
        Assert.Equal((ClassificationLevel.Htxs, ClassificationReason.Band), result["B1"]);
    }

    [Fact]
    public void Forced_KHT_people_do_not_count_as_HTT_for_the_quota()
    {
        var people = new[] { P("X1", 95) }.Concat(Enumerable.Range(1, 5).Select(i => P($"T{i}", 80, forced: i == 1))).ToArray();

        var result = Classify(EvaluationPolicy.Decree335, people);

        Assert.Equal(ClassificationReason.Quota, result["X1"].Item2);
    }

    [Fact]
    public void Results_are_sorted_by_staff_code_in_ordinal_order()
    {
        var result = Classification.Classify([P("b", 60), P("B", 60), P("a", 60)], EvaluationPolicy.Decree335);

        Assert.Equal(["B", "a", "b"], result.Select(r => r.StaffCode));
    }
}
