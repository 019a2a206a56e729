namespace GovKpi.Core.Statistics;

/// <summary>
/// The few distributions the forecast and the anomaly rules need, written out so that Core stays
/// free of packages and every number is deterministic (no sampling).
/// </summary>
public static class Probability
{
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7: about 15 significant digits).</summary>
    public static double LogGamma(double x)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(x);
        if (x < 0.5)
        {
            // Reflection: Γ(x) Γ(1 − x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++)
        {
            sum += Lanczos[i] / (x + i);
        }

        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    /// <summary>P(Z ≤ z) of the standard normal distribution (absolute error below 1.2e-7).</summary>
    public static double NormalCdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>The z with P(Z ≤ z) = p (Acklam's rational approximation, relative error below 1.2e-9).</summary>
    public static double NormalQuantile(double p)
    {
        if (p is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability strictly between 0 and 1.");
        }

        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p < low || p > 1 - low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p < low ? p : 1 - p));
            var x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
            return p < low ? x : -x;
        }

        var r = p - 0.5;
        var s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }

    /// <summary>Complementary error function (Numerical Recipes' Chebyshev fit, fractional error below 1.2e-7).</summary>
    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + 0.5 * z);
        var r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /// <summary>P(X ≥ k) for X ~ Poisson(<paramref name="mean"/>), summed over the upper tail itself so that tiny tails keep their digits.</summary>
    public static double PoissonUpperTail(int k, double mean)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mean);
        if (k <= 0)
        {
            return 1;
        }

        if (mean == 0)
        {
            return 0;
        }

        var logTerm = k * Math.Log(mean) - mean - LogGamma(k + 1);
        var sum = 0.0;
        for (var j = k; ; j++)
        {
            var term = Math.Exp(logTerm);
            sum += term;
            if (j > mean && term < sum * 1e-16)
            {
                return Math.Min(sum, 1);
            }

            logTerm += Math.Log(mean / (j + 1));
        }
    }

    /// <summary>
    /// P(X ≥ k) where X is the number of successes of independent trials with the given success
    /// probabilities (a Poisson–binomial distribution). Exact: the distribution of the count is
    /// built trial by trial, keeping 0 … k − 1 apart and everything from k on in one bucket, so
    /// the cost is trials × k.
    /// </summary>
    public static double PoissonBinomialUpperTail(IReadOnlyList<double> probabilities, int k)
    {
        if (k <= 0)
        {
            return 1;
        }

        if (k > probabilities.Count)
        {
            return 0;
        }

        var below = new double[k];
        below[0] = 1;
        var atLeast = 0.0;
        foreach (var p in probabilities)
        {
            atLeast += below[k - 1] * p;
            for (var j = k - 1; j > 0; j--)
            {
                below[j] = below[j] * (1 - p) + below[j - 1] * p;
            }

            below[0] *= 1 - p;
        }

        return Math.Clamp(atLeast, 0, 1);
    }

    /// <summary>
    /// P(X ≤ k) for the same count: built trial by trial keeping 0 … k apart and letting the mass
    /// above k go, so the cost is trials × k and a tiny lower tail keeps its digits.
    /// </summary>
    public static double PoissonBinomialLowerTail(IReadOnlyList<double> probabilities, int k)
    {
        if (k < 0)
        {
            return 0;
        }

        if (k >= probabilities.Count)
        {
            return 1;
        }

        var upTo = new double[k + 1];
        upTo[0] = 1;
        foreach (var p in probabilities)
        {
            for (var j = k; j > 0; j--)
            {
                upTo[j] = upTo[j] * (1 - p) + upTo[j - 1] * p;
            }

            upTo[0] *= 1 - p;
        }

        return Math.Clamp(upTo.Sum(), 0, 1);
    }
}
