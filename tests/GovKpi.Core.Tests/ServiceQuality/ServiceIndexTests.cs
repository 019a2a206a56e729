using GovKpi.Core.Measurement;
using GovKpi.Core.ServiceQuality;

namespace GovKpi.Core.Tests.ServiceQuality;

public sealed class ServiceIndexTests
{
    private static IndexScore Score(params (string Kpi, double? Value)[] values) =>
        ServiceIndex.Score(Decision766.Definition, values.ToDictionary(v => v.Kpi, v => v.Value));

    private static decimal? PointsOf(IndexScore score, string indicator) =>
        score.Groups.SelectMany(g => g.Indicators).Single(i => i.Indicator.Code == indicator).Points;

    [Fact]
    public void Decision_766_has_one_hundred_points_in_its_six_groups()
    {
        var groups = Decision766.Definition.Groups.ToDictionary(g => g.Code, g => g.MaxPoints);

        Assert.Equal(100m, Decision766.Definition.MaxPoints);
        Assert.Equal(new Dictionary<string, decimal>
        {
            ["transparency"] = 18m, ["progress"] = 20m, ["online"] = 22m, ["payment"] = 10m, ["satisfaction"] = 18m, ["digitisation"] = 12m,
        }, groups);
        Assert.Empty(Decision766.Definition.Problems());
    }

    [Fact]
    public void An_online_share_at_or_above_half_earns_the_full_points_and_below_it_the_proportion()
    {
        Assert.Equal(12m, PointsOf(Score((KpiFormula.OnlineShare, 0.72)), "online.dossier_share"));
        Assert.Equal(12m, PointsOf(Score((KpiFormula.OnlineShare, 0.5)), "online.dossier_share"));
        // 30 % of 12 points ÷ 50 %.
        Assert.Equal(7.2m, PointsOf(Score((KpiFormula.OnlineShare, 0.3)), "online.dossier_share"));
    }

    [Fact]
    public void Satisfaction_scores_the_average_against_five()
    {
        // 4.5 of 5 × 18 points.
        Assert.Equal(16.2m, PointsOf(Score((KpiFormula.SatisfactionAvg, 4.5)), "satisfaction.score"));
    }

    [Fact]
    public void What_the_records_do_not_hold_is_reported_as_not_recorded_and_never_scored()
    {
        var score = Score((KpiFormula.OnTimeRate, 1.0), (KpiFormula.CompletionRate, 1.0), (KpiFormula.OnlineShare, 0.6), (KpiFormula.SatisfactionAvg, 5.0));

        Assert.Null(PointsOf(score, "transparency.publication"));
        Assert.Null(PointsOf(score, "payment.online_payments"));
        Assert.Equal(50m, score.Points);
        Assert.Equal(50m, score.MeasuredMax);
        Assert.Equal(50m, score.NotRecordedPoints);
        Assert.Equal(1.0, score.Share);
    }

    [Fact]
    public void A_kpi_without_a_value_in_the_period_leaves_its_points_out_of_the_measurable_ones()
    {
        var score = Score((KpiFormula.OnTimeRate, 0.9), (KpiFormula.CompletionRate, null));

        Assert.Equal(12.6m, score.Points);
        Assert.Equal(14m, score.MeasuredMax);
        Assert.Equal(0.9, score.Share!.Value, 6);
    }

    [Fact]
    public void A_subject_with_no_value_at_all_has_no_share()
    {
        Assert.Null(Score().Share);
        Assert.Equal(0m, Score().Points);
    }

    [Fact]
    public void Groups_and_points_are_data_a_province_may_change()
    {
        var own = new ServiceIndexDefinition("own", [new("speed", [new("speed.on_time", 40m, KpiFormula.OnTimeRate, FullAt: 0.8)])]);

        var score = ServiceIndex.Score(own, new Dictionary<string, double?> { [KpiFormula.OnTimeRate] = 0.6 });

        Assert.Equal(30m, score.Points);
        Assert.Equal(40m, score.MaxPoints);
    }

    [Fact]
    public void A_definition_names_its_own_mistakes()
    {
        var wrong = new ServiceIndexDefinition("wrong",
        [
            new("a", [new("a.one", 0m, KpiFormula.OnTimeRate), new("a.one", 5m, KpiFormula.OnlineShare, FullAt: 0)]),
            new("a", []),
        ]);

        var problems = wrong.Problems();

        Assert.Contains("group a appears 2 times", problems);
        Assert.Contains("indicator a.one appears 2 times", problems);
        Assert.Contains("indicator a.one has no points", problems);
        Assert.Contains("indicator a.one needs a positive full-points value", problems);
        Assert.Contains("group a has no indicator", problems);
    }
}
