using GovKpi.Core.Calendar;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;

namespace GovKpi.Core.Forecast;

/// <summary>A period to back-test on, and what kind it is (<c>month</c>, <c>quarter</c>): rows are grouped by kind.</summary>
public sealed record BacktestPeriod(string Kind, ReportingPeriod Period);

/// <summary>
/// Accuracy of the forecasts of one KPI for one scope, over every back-tested period of one kind
/// at one as-of point. Errors are on the KPI's display scale: percentage points for rates,
/// dossiers per day, score points.
/// </summary>
/// <param name="AsOfShare">The share of the period's working days that had passed at the as-of date.</param>
/// <param name="NaiveMae">Mean absolute error of taking the value so far as the end value, for comparison.</param>
/// <param name="Coverage">Share of end values inside the forecast interval.</param>
/// <param name="Misses">Forecasts whose subject ended the period missing the target.</param>
/// <param name="Warnings">Forecasts that said the subject was likely to miss.</param>
/// <param name="RightWarnings">Warnings of subjects that did miss.</param>
public sealed record BacktestRow(
    string Scope,
    string Kpi,
    string PeriodKind,
    double AsOfShare,
    int Forecasts,
    double Mae,
    double Rmse,
    double NaiveMae,
    double Coverage,
    int Misses,
    int Warnings,
    int RightWarnings)
{
    /// <summary>Share of warnings that came true; null without warnings.</summary>
    public double? Precision => Warnings == 0 ? null : (double)RightWarnings / Warnings;

    /// <summary>Share of misses that were warned of; null without misses.</summary>
    public double? Recall => Misses == 0 ? null : (double)RightWarnings / Misses;
}

/// <summary>
/// Measures the forecast against what happened: for each period, forecasts at each as-of point
/// (the working day by which the given share of the period's working days has passed) are
/// compared with the KPI values computed over the whole period from the same records.
/// </summary>
public static class ForecastBacktest
{
    public static IReadOnlyList<double> DefaultAsOfShares { get; } = [1.0 / 3, 2.0 / 3];

    public static IReadOnlyList<BacktestRow> Run(
        ForecastRecords records, WorkingCalendar calendar, IReadOnlyList<KpiDefinition> definitions,
        IReadOnlyList<BacktestPeriod> periods, IReadOnlyList<double> asOfShares, ForecastOptions? options = null)
    {
        var forecaster = new KpiForecaster(calendar, definitions, options);
        var outcomes = new List<(string Kind, double Share, KpiForecast Forecast, double Actual)>();
        foreach (var (kind, period) in periods)
        {
            var actual = Actual(records, period, calendar.WorkingDays(period.From, period.To));
            foreach (var share in asOfShares)
            {
                if (AsOfDate(calendar, period, share) is not { } asOf)
                {
                    continue;
                }

                foreach (var forecast in forecaster.Forecast(period, asOf, records))
                {
                    if (actual.TryGetValue((forecast.Scope, forecast.ScopeCode, forecast.Kpi), out var value))
                    {
                        outcomes.Add((kind, share, forecast, value));
                    }
                }
            }
        }

        return outcomes
            .GroupBy(o => (o.Forecast.Scope, o.Forecast.Kpi, o.Kind, o.Share))
            .OrderBy(g => g.Key.Scope, StringComparer.Ordinal).ThenBy(g => g.Key.Kpi, StringComparer.Ordinal)
            .ThenBy(g => periods.First(p => p.Kind == g.Key.Kind).Period.From).ThenBy(g => g.Key.Share)
            .Select(g => Accuracy(g.Key.Scope, g.Key.Kpi, g.Key.Kind, g.Key.Share, g.Select(o => (o.Forecast, o.Actual)).ToList(), definitions))
            .ToList();
    }

    /// <summary>The day by which round(share × working days) working days of the period have passed; null when that is none or all of them.</summary>
    public static DateOnly? AsOfDate(WorkingCalendar calendar, ReportingPeriod period, double share)
    {
        var total = calendar.WorkingDays(period.From, period.To);
        var wanted = (int)Math.Round(share * total, MidpointRounding.AwayFromZero);
        if (wanted <= 0 || wanted >= total)
        {
            return null;
        }

        var day = period.From;
        for (var passed = calendar.IsWorkingDay(day) ? 1 : 0; passed < wanted; passed += calendar.IsWorkingDay(day) ? 1 : 0)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private static Dictionary<(string, string, string), double> Actual(ForecastRecords records, ReportingPeriod period, int workingDays)
    {
        var computation = new KpiComputation(period, workingDays);
        foreach (var dossier in records.Dossiers)
        {
            computation.AddDossier(dossier);
        }

        foreach (var survey in records.Surveys)
        {
            computation.AddSurvey(survey, records.Dossier(survey.DossierId));
        }

        foreach (var complaint in records.Complaints)
        {
            computation.AddComplaint(complaint);
        }

        return computation.Rows()
            .Where(r => r.Value.Value is not null)
            .ToDictionary(r => (r.Scope, r.ScopeCode, r.Kpi), r => r.Value.Value!.Value);
    }

    private static BacktestRow Accuracy(string scope, string kpi, string kind, double share, List<(KpiForecast Forecast, double Actual)> outcomes, IReadOnlyList<KpiDefinition> definitions)
    {
        var scale = ForecastTargets.IsPercent(definitions.FirstOrDefault(d => d.FormulaRef == kpi)) ? 100 : 1;
        var errors = outcomes.Select(o => (o.Forecast.Projected - o.Actual) * scale).ToList();
        var naive = outcomes.Select(o => (o.Forecast.SoFar.Value!.Value - o.Actual) * scale).ToList();
        var withTarget = outcomes.Where(o => o.Forecast.Target is not null).ToList();
        bool Missed((KpiForecast Forecast, double Actual) o) => ForecastTargets.Misses(o.Actual, o.Forecast.Target!.Value, o.Forecast.Direction);
        return new BacktestRow(
            scope, kpi, kind, share, outcomes.Count,
            Mae: errors.Average(Math.Abs),
            Rmse: Math.Sqrt(errors.Average(e => e * e)),
            NaiveMae: naive.Average(Math.Abs),
            // A hair of tolerance at the ends: an end value equal to a bound is inside.
            Coverage: outcomes.Average(o => o.Actual >= o.Forecast.Low - 1e-12 && o.Actual <= o.Forecast.High + 1e-12 ? 1.0 : 0.0),
            Misses: withTarget.Count(Missed),
            Warnings: withTarget.Count(o => o.Forecast.LikelyToMiss),
            RightWarnings: withTarget.Count(o => o.Forecast.LikelyToMiss && Missed(o)));
    }
}
