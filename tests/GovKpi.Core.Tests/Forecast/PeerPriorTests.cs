using GovKpi.Core.Forecast;

namespace GovKpi.Core.Tests.Forecast;

public class PeerPriorTests
{
    [Fact]
    public void The_weight_of_the_peers_follows_from_the_spread_between_subjects_beyond_chance()
    {
        // m = 0.5; S = 100 × 0.1² × 2 = 2; chance alone gives (3 − 1) × 0.25 = 0.5; the sizes give
        // 300 − 30000 / 300 = 200; τ² = 1.5 / 200 = 0.0075; κ = 0.25 / 0.0075 − 1 = 32⅓.
        var prior = PeerPrior.ForProportion([(40, 100), (60, 100), (50, 100)]);

        Assert.Equal(0.5, prior.Value, 12);
        Assert.Equal(0.25 / 0.0075 - 1, prior.Weight, 9);
        Assert.Equal(3, prior.Subjects);
    }

    [Fact]
    public void Subjects_that_differ_no_more_than_chance_pull_with_the_largest_weight()
    {
        var prior = PeerPrior.ForProportion([(9, 10), (18, 20), (27, 30)]);

        Assert.Equal(0.9, prior.Value, 12);
        Assert.Equal(PeerPrior.MaximumWeight, prior.Weight);
    }

    [Fact]
    public void Subjects_far_apart_pull_with_the_smallest_weight()
    {
        // τ² = (5 − 0.5) / 20 = 0.225, so κ = 0.25 / 0.225 − 1 is below one record.
        var prior = PeerPrior.ForProportion([(0, 10), (10, 10), (5, 10)]);

        Assert.Equal(PeerPrior.MinimumWeight, prior.Weight);
    }

    [Fact]
    public void With_fewer_than_three_subjects_the_peers_count_as_a_fixed_few_records()
    {
        var prior = PeerPrior.ForProportion([(8, 10), (0, 0), (30, 40)]);

        Assert.Equal(38.0 / 50, prior.Value, 12);
        Assert.Equal(PeerPrior.WeightWithFewPeers, prior.Weight);
        Assert.Equal(2, prior.Subjects);
    }

    [Fact]
    public void A_proportion_never_seen_is_kept_half_a_record_from_zero()
    {
        var prior = PeerPrior.ForProportion([(0, 10), (0, 10), (0, 20)]);

        Assert.Equal(0.5 / 40, prior.Value, 12);
    }

    [Fact]
    public void A_rate_prior_weighs_in_units_of_exposure()
    {
        // Events per day: 10/10, 30/10, 20/10. μ = 2; S = 10 (1 + 1 + 0) = 20; chance gives 2 × 2 = 4;
        // sizes 30 − 300/30 = 20; τ² = 16 / 20 = 0.8; weight b = μ / τ² = 2.5 days.
        var prior = PeerPrior.ForRate([(10, 10), (30, 10), (20, 10)]);

        Assert.Equal(2, prior.Value, 12);
        Assert.Equal(2.5, prior.Weight, 9);
    }

    [Fact]
    public void A_mean_prior_weighs_the_within_variance_against_the_spread_between_means()
    {
        // Means 4.0, 4.5, 5.0 of 10 surveys each, within variance 0.5: S = 10 (0.25 + 0 + 0.25) = 5;
        // chance gives 2 × 0.5 = 1; τ² = 4 / 20 = 0.2; weight σ² / τ² = 2.5 surveys.
        var prior = PeerPrior.ForMean([(40, 10), (45, 10), (50, 10)], withinVariance: 0.5);

        Assert.Equal(4.5, prior.Value, 12);
        Assert.Equal(2.5, prior.Weight, 9);
    }
}
