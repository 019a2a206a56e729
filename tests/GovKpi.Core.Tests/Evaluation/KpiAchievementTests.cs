using GovKpi.Core.Evaluation;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;

namespace GovKpi.Core.Tests.Evaluation;

public class KpiAchievementTests
{
    private static readonly KpiScoringPolicy Rules = KpiScoringPolicy.Decree335;

    private static KpiInput Measured(string code, decimal weight, decimal numerator, decimal denominator) =>
        new(new KpiSetItem { KpiCode = code, WeightPercent = weight }, BuiltInKpis.Definitions.Single(d => d.Code == code), new KpiValue(numerator, denominator));

    private static KpiInput Rated(string code, decimal weight, int? rating) =>
        new(new KpiSetItem { KpiCode = code, WeightPercent = weight }, BuiltInKpis.Definitions.Single(d => d.Code == code), Rating: rating);

    [Fact]
    public void Higher_is_better_earns_the_value_over_the_target()
    {
        var result = KpiAchievement.Of([Measured("on_time_rate", 20, 98, 100), Measured("satisfaction_avg", 15, 405, 100)], Rules);

        Assert.Equal(1m, result.Lines[0].Achievement);
        Assert.Equal(4.05m / 4.5m, result.Lines[1].Achievement);
        Assert.Equal("satisfaction_avg: 4.05 ÷ 4.5 = 90%", result.Lines[1].Explanation.Formula);
    }

    [Fact]
    public void Lower_is_better_earns_the_target_over_the_value()
    {
        var result = KpiAchievement.Of([Measured("error_return_rate", 10, 4, 100), Measured("complaint_rate", 10, 1, 100)], Rules);

        Assert.Equal(0.5m, result.Lines[0].Achievement);
        Assert.Equal(0.5m, result.Lines[1].Achievement);
        Assert.Equal("complaint_rate: 0.5 ÷ 1 = 50%", result.Lines[1].Explanation.Formula);
    }

    [Fact]
    public void Over_achieving_is_capped_so_one_KPI_does_not_make_up_for_another()
    {
        var capped = KpiAchievement.Of([Measured("per_working_day", 10, 240, 20), Measured("on_time_rate", 10, 49, 100)], Rules);
        var generous = KpiAchievement.Of([Measured("per_working_day", 10, 240, 20)], Rules with { Cap = 1.2m });

        // 12 dossiers a day against 8 → 150%, capped at 100%; 49 ÷ 98 = 50%.
        Assert.Equal(1m, capped.Lines[0].Achievement);
        Assert.Equal(0.75m, capped.Ratio);
        Assert.Equal("per_working_day: min(100%, 12 ÷ 8) = 100%", capped.Lines[0].Explanation.Formula);
        Assert.Equal(1.2m, generous.Ratio);
    }

    [Fact]
    public void A_lower_is_better_value_of_zero_meets_the_target_fully()
    {
        var result = KpiAchievement.Of([Measured("complaint_rate", 10, 0, 120)], Rules);

        Assert.Equal(0m, result.Lines[0].Value);
        Assert.Equal(1m, result.Ratio);
    }

    [Fact]
    public void A_KPI_without_a_value_is_left_out_and_its_weight_shared_in_proportion()
    {
        var result = KpiAchievement.Of([Measured("on_time_rate", 20, 49, 100), Measured("complaint_rate", 10, 0, 0), Measured("per_working_day", 10, 80, 20)], Rules);

        Assert.Null(result.Lines[1].Achievement);
        Assert.Equal("KpiNoValue", result.Lines[1].Explanation.Key);
        // (20 × 50% + 10 × 50%) ÷ 30: the 10 points of weight left out do not count as zero.
        Assert.Equal(0.5m, result.Ratio);
        Assert.Equal(30m, result.CountedWeight);
        Assert.Equal(["50%", "2", "1", "30"], result.Explanation.Arguments);
    }

    [Fact]
    public void A_behavioural_KPI_earns_the_managers_rating_over_five_and_unrated_is_left_out()
    {
        var result = KpiAchievement.Of([Rated("initiative", 10, 4), Rated("coordination", 10, null), Rated("rule_compliance", 20, 5)], Rules);

        Assert.Equal(0.8m, result.Lines[0].Achievement);
        Assert.Equal((4m, 5m), (result.Lines[0].Value!.Value, result.Lines[0].Target!.Value));
        Assert.Equal("KpiNotRated", result.Lines[1].Explanation.Key);
        Assert.Equal((10m * 0.8m + 20m * 1m) / 30m, result.Ratio);
        Assert.Throws<ArgumentOutOfRangeException>(() => KpiAchievement.Of([Rated("initiative", 10, 6)], Rules));
    }

    [Fact]
    public void Nothing_measured_and_nothing_rated_gives_no_achievement()
    {
        Assert.Null(KpiAchievement.Of([Rated("coordination", 10, null), Measured("on_time_rate", 20, 0, 0)], Rules).Ratio);
    }

    [Fact]
    public void The_policy_sets_k_per_position_then_per_group()
    {
        var rules = Rules with
        {
            Overrides = [new KpiShareOverride("CV-MOTCUA", null, 1m), new KpiShareOverride(null, Core.Organisation.PositionGroup.Support, 0.3m)],
        };

        Assert.Equal(1m, rules.ShareFor("CV-MOTCUA", Core.Organisation.PositionGroup.Support));
        Assert.Equal(0.3m, rules.ShareFor("VT-VANTHU", Core.Organisation.PositionGroup.Support));
        Assert.Equal(0.5m, rules.ShareFor("VT-X", Core.Organisation.PositionGroup.Professional));
        Assert.Equal(1m, KpiScoringPolicy.KhanhHoa.ShareFor(BuiltInKpis.DossierSpecialistPosition, Core.Organisation.PositionGroup.Professional));
        Assert.Empty(EvaluationPolicy.KhanhHoa.Problems());
        Assert.Contains("kpi_scoring.cap: between 1 and 2", (EvaluationPolicy.Decree335 with { KpiScoring = Rules with { Cap = 0.8m } }).Problems());
    }
}
