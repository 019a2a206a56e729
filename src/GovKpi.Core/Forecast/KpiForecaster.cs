using System.Globalization;
using GovKpi.Core.Calendar;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;
using GovKpi.Core.Statistics;

namespace GovKpi.Core.Forecast;

/// <summary>
/// Projects the end-of-period value of every KPI of CONTRACTS.md for each staff member and unit
/// from the records up to an as-of date inside the period (docs/ASSISTANT.md, "Forecast").
/// </summary>
/// <remarks>
/// <para>The end value is what the period so far already holds plus what the rest of it is
/// expected to add. How much is still to come is the flow so far scaled by working days (a
/// denominator of d over w of W working days leaves d (W − w) / w), no more than the subject's
/// open dossiers and arrivals can give (<see cref="ForecastBasis.PipelineShare"/>); dossiers
/// already open and late stay in the denominator as they are. At what rate the rest comes is
/// the subject's own record shrunk towards its peers' (<see cref="PeerPrior"/>): a Beta prior
/// for proportions, a Gamma prior for counts per day and complaints per dossier, a normal prior
/// for the satisfaction mean. The predictive distribution of the rest (beta-binomial,
/// negative binomial, normal) gives the interval and the chance of missing the target.</para>
/// <para>Only what was known at the end of the as-of day counts: every tally is taken over a
/// period that ends then, so a dossier finished later is open, a survey or complaint submitted
/// later does not exist. (A dossier's due date and handler are those of its latest version.)</para>
/// </remarks>
public sealed class KpiForecaster(WorkingCalendar calendar, IReadOnlyList<KpiDefinition> definitions, ForecastOptions? options = null)
{
    private readonly ForecastOptions _options = options ?? new ForecastOptions();

    /// <summary>Satisfaction scores run from 1 to 5 (CONTRACTS.md, surveys.csv); a mean never leaves that range.</summary>
    private const double LowestScore = 1, HighestScore = 5;

    private enum Model
    {
        /// <summary>Successes among dossiers: beta-binomial.</summary>
        Proportion,
        /// <summary>Events per unit of exposure (a working day, a finished dossier): gamma-Poisson.</summary>
        Rate,
        /// <summary>Mean of survey scores: normal.</summary>
        Mean,
    }

    /// <summary>What the denominator of a KPI grows with over the rest of the period.</summary>
    private enum Flow
    {
        /// <summary>Dossiers finishing (or surveys and complaints, which follow them): no more than are open or still to arrive.</summary>
        Finishes,
        /// <summary>Dossiers arriving.</summary>
        Receptions,
        /// <summary>Working days; the count of finished dossiers per day is the events.</summary>
        Days,
    }

    /// <summary>
    /// What a KPI is made of for forecasting: a numerator counted over a flow that goes on through
    /// the period and, for the on-time rate, a stock that stays as it is (dossiers open and
    /// already late are late whatever happens next), carried to the end rather than scaled with
    /// the flow. Numerator ÷ (flow + stock) is the formula of CONTRACTS.md.
    /// </summary>
    private sealed record KpiModel(string Kpi, Model Model, Flow Flow, bool UsesHistory, Func<KpiTally, int, (long Numerator, long Flow, long Stock)> Terms);

    /// <summary>
    /// Rates carry over from a person's or unit's recent record (history). Volume does not: it
    /// follows the season (the rush before Tết, the quiet Tết month) more than the person, so the
    /// pace per working day comes from the period so far alone.
    /// </summary>
    private static readonly KpiModel[] Models =
    [
        new(KpiFormula.ComplaintRate, Model.Rate, Flow.Finishes, true, (t, _) => (t.UpheldComplaints, t.Finished, 0)),
        new(KpiFormula.CompletionRate, Model.Proportion, Flow.Finishes, true, (t, _) => (t.Completed, t.Finished + t.Withdrawn, 0)),
        new(KpiFormula.ErrorReturnRate, Model.Proportion, Flow.Finishes, true, (t, _) => (t.FinishedWithStaffError, t.Finished, 0)),
        new(KpiFormula.OnTimeRate, Model.Proportion, Flow.Finishes, true, (t, _) => (t.FinishedOnTime, t.Finished, t.OpenLate)),
        new(KpiFormula.OnlineShare, Model.Proportion, Flow.Receptions, true, (t, _) => (t.ReceivedOnline, t.Received, 0)),
        new(KpiFormula.PerWorkingDay, Model.Rate, Flow.Days, false, (t, days) => (t.Finished, days, 0)),
        new(KpiFormula.SatisfactionAvg, Model.Mean, Flow.Finishes, true, (t, _) => (t.SurveyScoreSum, t.Surveys, 0)),
    ];

    /// <summary>
    /// Forecasts for every staff member and unit with a value so far, sorted by scope, code and
    /// KPI (ordinal), as the compute output. <paramref name="asOf"/> is the last day whose records
    /// are known; it must lie in the period and leave at least one working day behind it.
    /// </summary>
    public IReadOnlyList<KpiForecast> Forecast(ReportingPeriod period, DateOnly asOf, ForecastRecords records)
    {
        if (asOf < period.From || asOf >= period.To)
        {
            throw new ArgumentOutOfRangeException(nameof(asOf), asOf, $"The as-of date must lie in the period {period}.");
        }

        var known = asOf.AddDays(1);
        var elapsed = calendar.WorkingDays(period.From, known);
        if (elapsed == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(asOf), asOf, string.Create(CultureInfo.InvariantCulture, $"No working day of the period {period} has passed by {asOf:yyyy-MM-dd}: there is nothing to project from."));
        }

        var total = calendar.WorkingDays(period.From, period.To);
        var soFar = Tallies.Of(records, new ReportingPeriod(period.From, known), elapsed);
        var historyFrom = period.From.AddDays(-_options.HistoryDays);
        var history = _options.HistoryDays > 0 ? Tallies.Of(records, new ReportingPeriod(historyFrom, known), calendar.WorkingDays(historyFrom, known)) : soFar;

        var forecasts = new List<KpiForecast>();
        foreach (var scope in new[] { KpiScope.Staff, KpiScope.Unit })
        {
            foreach (var model in Models)
            {
                var own = model.UsesHistory ? history : soFar;
                var evidence = own.Of(scope).ToDictionary(s => s.Key, s => Flowing(model.Terms(s.Value, own.WorkingDays)), StringComparer.Ordinal);
                var prior = Fit(model.Model, evidence.Values, own.WithinScoreVariance(scope));
                var definition = definitions.FirstOrDefault(d => d.FormulaRef == model.Kpi && d.IsActiveOn(period.From))
                    ?? definitions.FirstOrDefault(d => d.FormulaRef == model.Kpi);
                var formula = KpiFormula.Find(model.Kpi)!;
                foreach (var (code, tally) in soFar.Of(scope))
                {
                    var (numerator, flow, stock) = model.Terms(tally, elapsed);
                    if (!formula.HasRecords(tally) || flow + stock == 0)
                    {
                        // Not reported by the KPI engine, or no value so far: nothing to project from.
                        continue;
                    }

                    var pace = model.Flow == Flow.Receptions ? 1 : PipelineShare(tally, soFar.OpenAtEnd(scope, code), elapsed, total);
                    var basis = Basis(model, flow, stock, pace, evidence.GetValueOrDefault(code), prior, elapsed, total);
                    var end = Predict(model, numerator, flow + stock, basis, own.WithinScoreVariance(scope));
                    forecasts.Add(Forecast(scope, code, model.Kpi, new KpiValue(numerator, flow + stock), end, basis, definition));
                }
            }
        }

        return forecasts
            .OrderBy(f => f.Scope, StringComparer.Ordinal).ThenBy(f => f.ScopeCode, StringComparer.Ordinal).ThenBy(f => f.Kpi, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The numerator over the flow: the rate at which the rest of the period comes.</summary>
    private static KpiValue Flowing((long Numerator, long Flow, long Stock) terms) => new(terms.Numerator, terms.Flow);

    private static PeerPrior Fit(Model model, IEnumerable<KpiValue> subjects, double withinVariance)
    {
        var values = subjects.Select(v => ((double)v.Numerator, (double)v.Denominator)).ToList();
        return model switch
        {
            Model.Proportion => PeerPrior.ForProportion(values),
            Model.Rate => PeerPrior.ForRate(values),
            _ => PeerPrior.ForMean(values, withinVariance),
        };
    }

    /// <summary>
    /// The share of the pace so far that the rest of the period can keep up: no more dossiers can
    /// join the count than are open and not yet late now (a late one is counted already, as open
    /// late, and only moves to the finished if it ends) plus those expected to arrive at the pace
    /// of arrivals so far. Below one only for a unit or person winding down — a commune merged
    /// away, a handler moved — whose finishes would otherwise be projected at the old pace.
    /// </summary>
    private static double PipelineShare(KpiTally tally, long open, int elapsed, int total)
    {
        var expected = (double)tally.Finished * (total - elapsed) / elapsed;
        var possible = open - tally.OpenLate + (double)tally.Received * (total - elapsed) / elapsed;
        return expected <= possible ? 1 : possible / expected;
    }

    private static ForecastBasis Basis(KpiModel model, long flow, long stock, double pace, KpiValue own, PeerPrior prior, int elapsed, int total)
    {
        var remaining = model.Flow == Flow.Days ? total - elapsed : pace * flow * (total - elapsed) / elapsed;
        // A proportion's rest is a whole number of dossiers.
        if (model.Model == Model.Proportion)
        {
            remaining = Math.Round(remaining);
        }

        var rest = ((double)own.Numerator + prior.Weight * prior.Value) / ((double)own.Denominator + prior.Weight);
        return new ForecastBasis(elapsed, total, remaining, pace, stock, own, prior.Value, prior.Weight, rest);
    }

    /// <summary>The end value (numerator so far + what the rest adds) ÷ (denominator so far + the rest's volume).</summary>
    private static EndValue Predict(KpiModel model, double numerator, double denominator, ForecastBasis basis, double withinVariance)
    {
        var weight = basis.PeerWeight + (double)basis.Own.Denominator;
        var events = basis.PeerWeight * basis.PeerValue + (double)basis.Own.Numerator;
        var end = denominator + basis.RemainingVolume;
        switch (model.Model)
        {
            case Model.Proportion:
                return new CountEndValue(numerator, end, CountDistribution.BetaBinomial((int)basis.RemainingVolume, events, weight - events));

            case Model.Rate:
                // Per working day the denominator is the days, and the events come at the pace the pipeline allows.
                var exposure = model.Flow == Flow.Days ? basis.RemainingVolume * basis.PipelineShare : basis.RemainingVolume;
                return new CountEndValue(numerator, end, CountDistribution.GammaPoisson(exposure, events, weight));

            default:
            {
                // The rest's mean is uncertain twice: the subject's true mean (posterior variance
                // σ² / weight) and the scatter of the remaining surveys around it (σ² / m).
                var m = basis.RemainingVolume;
                var spread = m == 0 ? 0 : m / end * Math.Sqrt(withinVariance / weight + withinVariance / m);
                return new NormalEndValue((numerator + m * basis.RestValue) / end, spread);
            }
        }
    }

    private KpiForecast Forecast(string scope, string code, string kpi, KpiValue now, EndValue end, ForecastBasis basis, KpiDefinition? definition)
    {
        var tail = (1 - _options.IntervalLevel) / 2;
        var projected = end.Mean;
        // With a handful of dossiers still to come the end value takes a few values only, and the
        // expected one can fall between the interval's ends; the interval is widened to hold it.
        var (low, high) = (Math.Min(end.Quantile(tail), projected), Math.Max(end.Quantile(1 - tail), projected));
        var target = ForecastTargets.Target(definition);
        var direction = definition?.Direction ?? KpiDirection.HigherIsBetter;
        double? miss = target is { } t ? end.ProbabilityMissing(t, direction) : null;
        return new KpiForecast(
            scope, code, kpi, now, projected, low, high,
            target, direction, miss,
            LikelyToMiss: miss >= _options.WarnAtMissProbability,
            Shortfall: target is { } goal ? (ForecastTargets.Misses(projected, goal, direction) ? Math.Abs(projected - goal) : 0) : null,
            Confidence: miss is { } p ? Math.Max(p, 1 - p) switch { >= 0.9 => ForecastConfidence.High, >= 0.7 => ForecastConfidence.Medium, _ => ForecastConfidence.Low } : null,
            basis);
    }

    /// <summary>The predictive distribution of the end-of-period value.</summary>
    private abstract class EndValue
    {
        public abstract double Mean { get; }
        public abstract double Quantile(double p);
        public abstract double ProbabilityMissing(double target, KpiDirection direction);
    }

    /// <summary>(numerator so far + X) ÷ denominator at the end, X a count still to come.</summary>
    private sealed class CountEndValue(double numerator, double denominator, CountDistribution rest) : EndValue
    {
        private double Value(int x) => (numerator + x) / denominator;
        public override double Mean => (numerator + rest.Mean) / denominator;
        public override double Quantile(double p) => Value(rest.Quantile(p));
        public override double ProbabilityMissing(double target, KpiDirection direction) => rest.ProbabilityOf(x => ForecastTargets.Misses(Value(x), target, direction));
    }

    private sealed class NormalEndValue(double mean, double spread) : EndValue
    {
        public override double Mean => Math.Clamp(mean, LowestScore, HighestScore);
        public override double Quantile(double p) => Math.Clamp(mean + spread * Probability.NormalQuantile(p), LowestScore, HighestScore);

        public override double ProbabilityMissing(double target, KpiDirection direction)
        {
            if (spread == 0)
            {
                return ForecastTargets.Misses(mean, target, direction) ? 1 : 0;
            }

            var below = Probability.NormalCdf((target - mean) / spread);
            return direction == KpiDirection.HigherIsBetter ? below : 1 - below;
        }
    }

    /// <summary>The tallies of one window of time, per staff member and unit, and the spread of survey scores within each.</summary>
    private sealed class Tallies
    {
        private readonly KpiComputation _computation;
        private readonly Dictionary<string, double> _withinVariance = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Scope, string Code), long> _open = [];

        private Tallies(KpiComputation computation) => _computation = computation;

        public int WorkingDays => _computation.WorkingDays;

        public IReadOnlyDictionary<string, KpiTally> Of(string scope) => scope == KpiScope.Staff ? _computation.Staff : _computation.Units;

        /// <summary>Pooled variance of single scores around each subject's own mean; 1 (a typical spread of a 1–5 score) when there is too little to tell.</summary>
        public double WithinScoreVariance(string scope) => _withinVariance.GetValueOrDefault(scope, 1);

        /// <summary>Dossiers received before the end of the window and still open then.</summary>
        public long OpenAtEnd(string scope, string code) => _open.GetValueOrDefault((scope, code));

        public static Tallies Of(ForecastRecords records, ReportingPeriod window, int workingDays)
        {
            var tallies = new Tallies(new KpiComputation(window, workingDays));
            var computation = tallies._computation;
            foreach (var dossier in records.Dossiers)
            {
                computation.AddDossier(dossier);
                if (dossier.ReceivedAt < window.End && (dossier.FinishedAt is null || dossier.FinishedAt >= window.End))
                {
                    tallies.Opened(KpiScope.Unit, dossier.UnitCode);
                    if (!string.IsNullOrEmpty(dossier.HandlerCode))
                    {
                        tallies.Opened(KpiScope.Staff, dossier.HandlerCode);
                    }
                }
            }

            var scores = new Dictionary<(string Scope, string Code), (double Count, double Sum, double Squares)>();
            foreach (var survey in records.Surveys)
            {
                var dossier = records.Dossier(survey.DossierId);
                computation.AddSurvey(survey, dossier);
                if (dossier is null || !window.Contains(survey.SubmittedAt))
                {
                    continue;
                }

                Add(KpiScope.Unit, dossier.UnitCode, survey.Score);
                if (!string.IsNullOrEmpty(dossier.HandlerCode))
                {
                    Add(KpiScope.Staff, dossier.HandlerCode, survey.Score);
                }
            }

            void Add(string scope, string code, int score)
            {
                var (count, sum, squares) = scores.GetValueOrDefault((scope, code));
                scores[(scope, code)] = (count + 1, sum + score, squares + score * score);
            }

            foreach (var complaint in records.Complaints)
            {
                computation.AddComplaint(complaint);
            }

            foreach (var scope in scores.GroupBy(s => s.Key.Scope))
            {
                var residual = scope.Sum(s => s.Value.Squares - s.Value.Sum * s.Value.Sum / s.Value.Count);
                var degrees = scope.Sum(s => s.Value.Count) - scope.Count();
                if (degrees > 0 && residual > 0)
                {
                    tallies._withinVariance[scope.Key] = residual / degrees;
                }
            }

            return tallies;
        }

        private void Opened(string scope, string code) => _open[(scope, code)] = _open.GetValueOrDefault((scope, code)) + 1;
    }
}

/// <summary>Targets of the KPI library on the scale of the KPI values.</summary>
public static class ForecastTargets
{
    /// <summary>The definition's target on the value scale: a target in percent (98 %) becomes the fraction the formula gives (0.98).</summary>
    public static double? Target(KpiDefinition? definition) => definition?.Target is not { } target ? null
        : IsPercent(definition) ? (double)target / 100 : (double)target;

    /// <summary>Whether the library states the KPI in percent (its values are fractions of one).</summary>
    public static bool IsPercent(KpiDefinition? definition) => definition?.UnitOfMeasure.Trim() == "%";

    /// <summary>
    /// Whether a value misses the target, as the KPI pages colour it: a value equal to the target
    /// meets it (with a hair of tolerance, so that 49 ÷ 50 meets 98 % despite binary fractions).
    /// </summary>
    public static bool Misses(double value, double target, KpiDirection direction) =>
        direction == KpiDirection.HigherIsBetter ? value < target - 1e-9 : value > target + 1e-9;
}
