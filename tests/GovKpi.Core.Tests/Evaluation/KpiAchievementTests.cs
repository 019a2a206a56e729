using GovKpi.Core.Evaluation;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;

namespace GovKpi.Core.Tests.Evaluation;

public class KpiAchievementTests
{
    private static KpiInput Measured(string code, decimal weight, decimal numerator, decimal denominator) =>
        new(new KpiSetItem { KpiCode = code, WeightPercent = weight }, BuiltInKpis.Definitions.Single(d => d.Code == code), new KpiValue(numerator, denominator));

    private static KpiInput Rated(string code, decimal weight, RatingLevel? rating) =>
        new(new KpiSetItem { KpiCode = code, WeightPercent = weight }, BuiltInKpis.Definitions.Single(d => d.Code == code), Rating: rating);

    [Fact]
    public void A_met_target_earns_everything_and_a_missed_one_its_proportion()
    {
        var result = KpiAchievement.Of([Measured("on_time_rate", 20, 98, 100), Measured("satisfaction_avg", 15, 405, 100)]);

        Assert.Equal(1m, result.Lines[0].Achievement);
        Assert.Equal(4.05m / 4.5m, result.Lines[1].Achievement);
        Assert.Equal("satisfaction_avg: min(100%, 4.05 ÷ 4.5) = 90%", result.Lines[1].Explanation.Formula);
    }

    [Fact]
    public void Lower_is_better_KPIs_earn_the_target_over_the_value_when_above_target()
    {
        var result = KpiAchievement.Of([Measured("error_return_rate", 10, 2, 100), Measured("complaint_rate", 10, 1, 100)]);

        Assert.Equal(1m, result.Lines[0].Achievement);
        Assert.Equal(0.5m, result.Lines[1].Achievement);
        Assert.Equal(0.75m, result.Ratio);
    }

    [Fact]
    public void A_KPI_without_a_value_is_left_out_and_the_others_weights_carry_the_score()
    {
        var result = KpiAchievement.Of([Measured("on_time_rate", 20, 98, 100), Measured("complaint_rate", 10, 0, 0), Rated("initiative", 10, RatingLevel.Fair)]);

        Assert.Null(result.Lines[1].Achievement);
        // (20 × 100% + 10 × 2/3) ÷ 30
        Assert.Equal((20m + 10m * 2m / 3m) / 30m, result.Ratio);
    }

    [Fact]
    public void Ratings_are_scored_against_the_target_level()
    {
        var result = KpiAchievement.Of([Rated("initiative", 10, RatingLevel.Excellent), Rated("coordination", 10, null)]);

        Assert.Equal(1m, result.Ratio);
        Assert.Null(KpiAchievement.Of([Rated("coordination", 10, null)]).Ratio);
    }
}
