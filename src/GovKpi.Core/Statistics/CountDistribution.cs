namespace GovKpi.Core.Statistics;

/// <summary>
/// A distribution over counts 0, 1, 2, … held as its probabilities (the tail beyond 1e-12 cut
/// off), so that the mean, quantiles and the chance of any event are exact sums.
/// </summary>
public sealed class CountDistribution
{
    private readonly double[] _probabilities;

    private CountDistribution(double[] probabilities) => _probabilities = probabilities;

    /// <summary>The largest count with a probability kept.</summary>
    public int Max => _probabilities.Length - 1;

    public double this[int count] => count >= 0 && count < _probabilities.Length ? _probabilities[count] : 0;

    public double Mean
    {
        get
        {
            var mean = 0.0;
            for (var k = 0; k < _probabilities.Length; k++)
            {
                mean += k * _probabilities[k];
            }

            return mean;
        }
    }

    /// <summary>The smallest count c with P(X ≤ c) ≥ <paramref name="p"/>.</summary>
    public int Quantile(double p)
    {
        var cumulative = 0.0;
        for (var k = 0; k < _probabilities.Length; k++)
        {
            cumulative += _probabilities[k];
            // A hair of tolerance so that the rounding of the sum cannot move a quantile that sits exactly on a step.
            if (cumulative >= p - 1e-12)
            {
                return k;
            }
        }

        return Max;
    }

    /// <summary>The probability that the count is one for which <paramref name="holds"/> is true.</summary>
    public double ProbabilityOf(Func<int, bool> holds)
    {
        var sum = 0.0;
        for (var k = 0; k < _probabilities.Length; k++)
        {
            if (holds(k))
            {
                sum += _probabilities[k];
            }
        }

        return Math.Clamp(sum, 0, 1);
    }

    /// <summary>A count that is always <paramref name="count"/>.</summary>
    public static CountDistribution Certain(int count)
    {
        var probabilities = new double[count + 1];
        probabilities[count] = 1;
        return new CountDistribution(probabilities);
    }

    /// <summary>
    /// Successes in <paramref name="trials"/> trials whose success probability is Beta(<paramref name="alpha"/>,
    /// <paramref name="beta"/>): the predictive distribution of a binomial count after a Beta posterior.
    /// </summary>
    public static CountDistribution BetaBinomial(int trials, double alpha, double beta)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(alpha);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(beta);
        var logs = new double[trials + 1];
        var logChooseBase = Probability.LogGamma(trials + 1);
        var logBetaPrior = Probability.LogGamma(alpha) + Probability.LogGamma(beta) - Probability.LogGamma(alpha + beta);
        var logDenominator = Probability.LogGamma(alpha + beta + trials);
        for (var k = 0; k <= trials; k++)
        {
            logs[k] = logChooseBase - Probability.LogGamma(k + 1) - Probability.LogGamma(trials - k + 1)
                + Probability.LogGamma(k + alpha) + Probability.LogGamma(trials - k + beta) - logDenominator - logBetaPrior;
        }

        return FromLogs(logs);
    }

    /// <summary>
    /// Events in an exposure of <paramref name="exposure"/> when the rate per unit of exposure is
    /// Gamma(shape <paramref name="shape"/>, rate <paramref name="rate"/>): the predictive
    /// (negative binomial) distribution of a Poisson count after a Gamma posterior.
    /// </summary>
    public static CountDistribution GammaPoisson(double exposure, double shape, double rate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exposure);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shape);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        if (exposure == 0)
        {
            return Certain(0);
        }

        var p = rate / (rate + exposure);
        var mean = shape * (1 - p) / p;
        // Far beyond any tail that matters (the variance is mean / p): a guard against a loop that never ends.
        var limit = mean + 50 * Math.Sqrt(mean / p) + 100;
        var logs = new List<double>();
        var logNormaliser = Probability.LogGamma(shape);
        var cumulative = 0.0;
        for (var k = 0; ; k++)
        {
            var log = Probability.LogGamma(k + shape) - Probability.LogGamma(k + 1) - logNormaliser + shape * Math.Log(p) + k * Math.Log(1 - p);
            logs.Add(log);
            cumulative += Math.Exp(log);
            if ((k > mean && 1 - cumulative < 1e-12) || k > limit)
            {
                break;
            }
        }

        return FromLogs([.. logs]);
    }

    /// <summary>From log-probabilities, scaled by their largest so that none underflows, then normalised.</summary>
    private static CountDistribution FromLogs(double[] logs)
    {
        var max = logs.Max();
        var probabilities = logs.Select(l => Math.Exp(l - max)).ToArray();
        var sum = probabilities.Sum();
        for (var k = 0; k < probabilities.Length; k++)
        {
            probabilities[k] /= sum;
        }

        var last = probabilities.Length - 1;
        while (last > 0 && probabilities[last] < 1e-15)
        {
            last--;
        }

        return new CountDistribution(probabilities[..(last + 1)]);
    }
}
