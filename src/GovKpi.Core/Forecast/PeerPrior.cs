namespace GovKpi.Core.Forecast;

/// <summary>
/// What the peers of a subject (the other staff members, or the other units) say about a KPI
/// before the subject's own records are looked at: their pooled value, and how many records'
/// worth of weight it gets against the subject's own (<see cref="Weight"/>, in the KPI's
/// denominator units: dossiers, days of exposure, surveys).
/// </summary>
/// <remarks>
/// Empirical Bayes by the method of moments: the spread of the subjects' values beyond what
/// chance alone gives for their sizes is the real difference between subjects (τ²); the less of it
/// there is, the more a subject with few records is pulled towards the peers. τ² is estimated as
/// in DerSimonian–Laird: S = Σ dᵢ (xᵢ − m)², E[S] = (k − 1) σ²within + τ² (Σd − Σd² / Σd).
/// </remarks>
public sealed record PeerPrior(double Value, double Weight, int Subjects)
{
    /// <summary>
    /// With fewer subjects the spread between them says nothing: the prior then counts as this
    /// many records (a light pull, a tenth of a typical month of a handler's dossiers). Weights are
    /// in the KPI's denominator units: dossiers, surveys, working days.
    /// </summary>
    public const double WeightWithFewPeers = 10;
    public const int MinimumPeers = 3;

    /// <summary>
    /// Caps the pull towards the peers when they look identical (τ² ≤ 0): a subject's own
    /// records still count against a prior worth at most this many, so that a person with a
    /// real difference is never drowned by the crowd.
    /// </summary>
    public const double MaximumWeight = 1000;

    /// <summary>Never below one record: a subject with a single dossier so far is not taken at its 0% or 100%.</summary>
    public const double MinimumWeight = 1;

    /// <summary>A rate's prior keeps some weight, as the Gamma distribution needs one.</summary>
    public const double MinimumRateWeight = 0.01;

    /// <summary>Beta prior of a proportion from the subjects' (successes, trials).</summary>
    public static PeerPrior ForProportion(IReadOnlyCollection<(double Successes, double Trials)> subjects)
    {
        var used = subjects.Where(s => s.Trials > 0).ToList();
        var total = used.Sum(s => s.Trials);
        if (total == 0)
        {
            return new PeerPrior(0.5, MinimumWeight, 0);
        }

        // Half a record away from 0 and 1, so that Beta(κm, κ(1 − m)) exists.
        var m = Math.Clamp(used.Sum(s => s.Successes) / total, 0.5 / total, 1 - 0.5 / total);
        var tau2 = BetweenVariance(used.Select(s => (s.Successes / s.Trials, s.Trials)).ToList(), m, m * (1 - m));
        // A Beta(κm, κ(1 − m)) has variance m(1 − m) / (κ + 1).
        var weight = tau2 is not { } t ? WeightWithFewPeers : t <= 0 ? MaximumWeight : m * (1 - m) / t - 1;
        return new PeerPrior(m, Math.Clamp(weight, MinimumWeight, MaximumWeight), used.Count);
    }

    /// <summary>Gamma prior of a rate of events per unit of exposure from the subjects' (events, exposure).</summary>
    public static PeerPrior ForRate(IReadOnlyCollection<(double Events, double Exposure)> subjects)
    {
        var used = subjects.Where(s => s.Exposure > 0).ToList();
        var total = used.Sum(s => s.Exposure);
        if (total == 0)
        {
            return new PeerPrior(0, MinimumWeight, 0);
        }

        // Half an event when none happened, so that the Gamma's shape is positive.
        var mu = Math.Max(used.Sum(s => s.Events), 0.5) / total;
        var tau2 = BetweenVariance(used.Select(s => (s.Events / s.Exposure, s.Exposure)).ToList(), mu, mu);
        // A Gamma(shape μb, rate b) has variance μ / b; its weight b is in units of exposure (days,
        // finished dossiers). Counts come by the dozen, so unlike a proportion a rate may follow
        // its own record almost alone when subjects differ widely (units of very different sizes).
        var weight = tau2 is not { } t ? WeightWithFewPeers : t <= 0 ? MaximumWeight : mu / t;
        return new PeerPrior(mu, Math.Clamp(weight, MinimumRateWeight, MaximumWeight), used.Count);
    }

    /// <summary>Normal prior of a mean from the subjects' (sum, count) and the pooled within-subject variance of single values.</summary>
    public static PeerPrior ForMean(IReadOnlyCollection<(double Sum, double Count)> subjects, double withinVariance)
    {
        var used = subjects.Where(s => s.Count > 0).ToList();
        var total = used.Sum(s => s.Count);
        if (total == 0)
        {
            return new PeerPrior(0, MinimumWeight, 0);
        }

        var mu = used.Sum(s => s.Sum) / total;
        var tau2 = BetweenVariance(used.Select(s => (s.Sum / s.Count, s.Count)).ToList(), mu, withinVariance);
        var weight = tau2 is not { } t ? WeightWithFewPeers : t <= 0 ? MaximumWeight : withinVariance / t;
        return new PeerPrior(mu, Math.Clamp(weight, MinimumWeight, MaximumWeight), used.Count);
    }

    /// <summary>τ², the variance between subjects beyond chance; null when there are too few subjects to tell.</summary>
    private static double? BetweenVariance(List<(double Value, double Size)> subjects, double pooled, double unitVariance)
    {
        if (subjects.Count < MinimumPeers)
        {
            return null;
        }

        var total = subjects.Sum(s => s.Size);
        var spread = subjects.Sum(s => s.Size * (s.Value - pooled) * (s.Value - pooled));
        var scale = total - subjects.Sum(s => s.Size * s.Size) / total;
        return scale <= 0 ? null : (spread - (subjects.Count - 1) * unitVariance) / scale;
    }
}
