using GovKpi.Core.Statistics;

namespace GovKpi.Core.Tests.Statistics;

public class ProbabilityTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(10, 12.801827480081469)] // ln 9! = ln 362880
    [InlineData(0.5, 0.5723649429247001)] // ln √π
    [InlineData(0.1, 2.252712651734206)]
    public void LogGamma_matches_known_values(double x, double expected) =>
        Assert.Equal(expected, Probability.LogGamma(x), 12);

    [Theory]
    [InlineData(0.5, 0)]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.1, -1.2815515655446004)]
    [InlineData(0.001, -3.090232306167813)]
    public void NormalQuantile_matches_tables(double p, double z) => Assert.Equal(z, Probability.NormalQuantile(p), 7);

    [Fact]
    public void NormalCdf_inverts_the_quantile() =>
        Assert.All(new[] { 0.01, 0.1, 0.5, 0.8, 0.999 }, p => Assert.Equal(p, Probability.NormalCdf(Probability.NormalQuantile(p)), 6));

    [Fact]
    public void PoissonUpperTail_sums_the_tail_by_hand()
    {
        // P(X ≥ 3 | mean 1) = 1 − e⁻¹ (1 + 1 + 1/2).
        Assert.Equal(1 - Math.Exp(-1) * 2.5, Probability.PoissonUpperTail(3, 1), 12);
        Assert.Equal(1, Probability.PoissonUpperTail(0, 4));
        Assert.Equal(0, Probability.PoissonUpperTail(1, 0));
    }

    [Fact]
    public void PoissonUpperTail_keeps_the_digits_of_a_tiny_tail()
    {
        // P(X ≥ 20 | mean 0.5): the first term dominates, 0.5²⁰ e^−0.5 / 20!.
        var first = Math.Exp(20 * Math.Log(0.5) - 0.5 - Probability.LogGamma(21));
        Assert.InRange(Probability.PoissonUpperTail(20, 0.5) / first, 1, 1.03);
    }

    [Fact]
    public void Poisson_binomial_tails_equal_enumerating_every_outcome()
    {
        double[] p = [0.1, 0.5, 0.9, 0.3, 0.05];
        var exact = new double[p.Length + 1];
        for (var outcome = 0; outcome < 1 << p.Length; outcome++)
        {
            var chance = 1.0;
            for (var i = 0; i < p.Length; i++)
            {
                chance *= (outcome >> i & 1) == 1 ? p[i] : 1 - p[i];
            }

            exact[System.Numerics.BitOperations.PopCount((uint)outcome)] += chance;
        }

        for (var k = 0; k <= p.Length + 1; k++)
        {
            Assert.Equal(exact.Skip(k).Sum(), Probability.PoissonBinomialUpperTail(p, k), 12);
            Assert.Equal(exact.Take(k + 1).Sum(), Probability.PoissonBinomialLowerTail(p, k), 12);
        }
    }

    [Fact]
    public void BetaBinomial_with_a_flat_prior_is_uniform_over_the_counts()
    {
        var d = CountDistribution.BetaBinomial(2, 1, 1);

        Assert.Equal(1.0 / 3, d[0], 12);
        Assert.Equal(1.0 / 3, d[1], 12);
        Assert.Equal(1.0 / 3, d[2], 12);
        Assert.Equal(1, d.Mean, 12);
        Assert.Equal(0, d.Quantile(0.2));
        Assert.Equal(2, d.Quantile(0.9));
    }

    [Fact]
    public void BetaBinomial_mean_is_trials_times_the_prior_mean_even_for_thousands_of_trials()
    {
        var d = CountDistribution.BetaBinomial(5000, 900, 100);

        Assert.Equal(4500, d.Mean, 6);
        Assert.InRange(d.Quantile(0.5), 4495, 4505);
    }

    [Fact]
    public void GammaPoisson_has_the_negative_binomial_mean_and_no_events_without_exposure()
    {
        // Shape 3, rate 2 per day: 1.5 events a day on average, 15 in ten days.
        Assert.Equal(15, CountDistribution.GammaPoisson(10, 3, 2).Mean, 8);
        Assert.Equal(1, CountDistribution.GammaPoisson(0, 3, 2)[0]);
        // A very sure rate is a Poisson count: P(0) = e^−mean.
        Assert.Equal(Math.Exp(-2), CountDistribution.GammaPoisson(1, 2e6, 1e6)[0], 5);
    }

    [Fact]
    public void ProbabilityOf_adds_the_counts_that_satisfy_the_condition()
    {
        var d = CountDistribution.BetaBinomial(2, 1, 1);

        Assert.Equal(2.0 / 3, d.ProbabilityOf(k => k < 2), 12);
        Assert.Equal(1, CountDistribution.Certain(4).ProbabilityOf(k => k == 4));
    }
}
