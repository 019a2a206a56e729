using GovKpi.Core.Calendar;
using GovKpi.Core.Forecast;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;
using static GovKpi.Core.Tests.Measurement.Dossiers;

namespace GovKpi.Core.Tests.Forecast;

public class KpiForecasterTests
{
    /// <summary>Monday to Friday only, so that working days can be counted by hand: September 2025 has 22.</summary>
    private static readonly WorkingCalendar Weekdays = new([]);

    private static readonly ReportingPeriod September = ReportingPeriod.Month(2025, 9);

    /// <summary>Monday 15 September: 11 of the 22 working days have passed, so as much again is still to come.</summary>
    private static readonly DateOnly Halfway = new(2025, 9, 15);

    private static KpiForecaster Forecaster(int historyDays = 0) => new(Weekdays, BuiltInKpis.Definitions, new ForecastOptions { HistoryDays = historyDays });

    private static ForecastRecords Records(IEnumerable<DossierVersion> dossiers, IEnumerable<SurveyResponse>? surveys = null, IEnumerable<Complaint>? complaints = null) =>
        new([.. dossiers], [.. surveys ?? []], [.. complaints ?? []]);

    /// <summary>A handler's dossiers received on 1 September: <paramref name="onTime"/> finished on the 2nd (due the 10th), the rest on the 5th (due the 3rd).</summary>
    private static IEnumerable<DossierVersion> Finished(string handler, int onTime, int late) =>
        Enumerable.Range(0, onTime + late).Select(i => Dossier($"{handler}-{i:000}", unit: "XA01", handler: handler, received: At(9, 1),
            due: i < onTime ? At(9, 10) : At(9, 3), finished: i < onTime ? At(9, 2) : At(9, 5)));

    private static IEnumerable<DossierVersion> FourHandlers() =>
        [.. Finished("CB1", 9, 1), .. Finished("CB2", 18, 2), .. Finished("CB3", 27, 3), .. Finished("CB4", 1, 0)];

    private static KpiForecast Find(IEnumerable<KpiForecast> forecasts, string scope, string code, string kpi) =>
        forecasts.Single(f => f.Scope == scope && f.ScopeCode == code && f.Kpi == kpi);

    [Fact]
    public void The_rest_of_the_period_comes_at_the_shrunk_rate_and_in_the_volume_so_far()
    {
        var forecasts = Forecaster().Forecast(September, Halfway, Records(FourHandlers()));

        // Peers' pooled on-time rate 55/61; the four handlers differ less than chance alone
        // explains, so the peers count as PeerPrior.MaximumWeight dossiers against each one's own.
        const double pooled = 55.0 / 61;
        var small = Find(forecasts, KpiScope.Staff, "CB4", KpiFormula.OnTimeRate);
        Assert.Equal(new KpiValue(1, 1), small.SoFar);
        Assert.Equal(11, small.Basis.ElapsedWorkingDays);
        Assert.Equal(22, small.Basis.TotalWorkingDays);
        Assert.Equal(1, small.Basis.RemainingVolume);
        Assert.Equal(pooled, small.Basis.PeerValue, 12);
        Assert.Equal(PeerPrior.MaximumWeight, small.Basis.PeerWeight);
        var rest = (1 + PeerPrior.MaximumWeight * pooled) / (1 + PeerPrior.MaximumWeight);
        Assert.Equal(rest, small.Basis.RestValue, 12);
        Assert.Equal((1 + rest) / 2, small.Projected, 9);
        // One dossier to come: the end value is 1/2 or 2/2, and 1/2 is less likely than one in ten,
        // so the 80% interval is 2/2 alone, widened down to hold the expected value.
        Assert.Equal(small.Projected, small.Low, 12);
        Assert.Equal(1, small.High, 12);

        var large = Find(forecasts, KpiScope.Staff, "CB3", KpiFormula.OnTimeRate);
        Assert.Equal(30, large.Basis.RemainingVolume);
        var largeRest = (27 + PeerPrior.MaximumWeight * pooled) / (30 + PeerPrior.MaximumWeight);
        Assert.Equal((27 + 30 * largeRest) / 60, large.Projected, 9);
    }

    [Fact]
    public void A_forecast_against_the_target_says_how_likely_and_by_how_much_it_misses()
    {
        var forecasts = Forecaster().Forecast(September, Halfway, Records(FourHandlers()));

        var f = Find(forecasts, KpiScope.Staff, "CB3", KpiFormula.OnTimeRate);
        Assert.Equal(0.98, f.Target);
        Assert.Equal(KpiDirection.HigherIsBetter, f.Direction);
        // 27 of 30 so far: even 30 of the 30 still to come would end at 57/60 = 95%, short of 98%.
        Assert.Equal(1, f.MissProbability!.Value, 12);
        Assert.True(f.LikelyToMiss);
        Assert.Equal(ForecastConfidence.High, f.Confidence);
        Assert.Equal(0.98 - f.Projected, f.Shortfall!.Value, 12);
        Assert.True(f.High < 0.98);
    }

    [Fact]
    public void A_lower_is_better_KPI_misses_when_the_value_ends_above_its_target()
    {
        var dossiers = Enumerable.Range(0, 40).Select(i => Dossier($"E{i:00}", handler: "CB1", received: At(9, 1), due: At(9, 10),
            finished: At(9, 2), staffError: i < 8));

        var f = Find(Forecaster().Forecast(September, Halfway, Records(dossiers)), KpiScope.Staff, "CB1", KpiFormula.ErrorReturnRate);

        Assert.Equal(0.02, f.Target);
        Assert.Equal(KpiDirection.LowerIsBetter, f.Direction);
        Assert.Equal(0.2, f.SoFar.Value!.Value, 12);
        Assert.True(f.MissProbability > 0.99);
        Assert.Equal(f.Projected - 0.02, f.Shortfall!.Value, 12);
    }

    [Fact]
    public void On_the_last_day_of_the_period_every_projection_is_the_value_computed_by_the_KPI_engine()
    {
        var dossiers = FourHandlers().Concat([
            Dossier("OPEN-LATE", unit: "XA02", handler: "CB5", received: At(9, 1), due: At(9, 5), open: true),
            Dossier("WITHDRAWN", unit: "XA02", handler: "CB5", received: At(9, 1), finished: At(9, 8), status: DossierStatus.Withdrawn),
            Dossier("REFUSED", unit: "XA02", handler: "CB5", channel: DossierChannel.InPerson, received: At(9, 2), finished: At(9, 9), status: DossierStatus.Refused, staffError: true),
        ]).ToList();
        var surveys = new[] { new SurveyResponse("S1", "CB1-000", At(9, 3), 5), new SurveyResponse("S2", "REFUSED", At(9, 10), 2) };
        var complaints = new[] { new Complaint("C1", "XA02", "CB5", "REFUSED", At(9, 12), ComplaintCategory.Process, true) };
        var lastDay = new DateOnly(2025, 9, 30);

        var forecasts = Forecaster(historyDays: 30).Forecast(September, lastDay, Records(dossiers, surveys, complaints));

        var computation = new KpiComputation(September, 22);
        dossiers.ForEach(computation.AddDossier);
        computation.AddSurvey(surveys[0], dossiers.Single(d => d.DossierId == "CB1-000"));
        computation.AddSurvey(surveys[1], dossiers.Single(d => d.DossierId == "REFUSED"));
        computation.AddComplaint(complaints[0]);
        var engine = computation.Rows().Where(r => r.Scope != KpiScope.All).ToList();
        Assert.Equal(engine.Select(r => (r.Scope, r.ScopeCode, r.Kpi)), forecasts.Select(f => (f.Scope, f.ScopeCode, f.Kpi)));
        foreach (var (row, forecast) in engine.Zip(forecasts))
        {
            Assert.Equal(row.Value, forecast.SoFar);
            Assert.Equal(row.Value.Value!.Value, forecast.Projected, 12);
            Assert.Equal(forecast.Projected, forecast.Low, 12);
            Assert.Equal(forecast.Projected, forecast.High, 12);
            Assert.Equal(0, forecast.Basis.RemainingVolume);
        }
    }

    [Fact]
    public void Dossiers_open_and_already_late_stay_late_and_are_not_scaled_with_the_volume()
    {
        var dossiers = new[]
        {
            Dossier("L1", unit: "XA09", handler: "CB9", received: At(8, 20), due: At(9, 5), open: true),
            Dossier("L2", unit: "XA09", handler: "CB9", received: At(8, 20), due: At(9, 8), open: true),
        };

        var f = Find(Forecaster().Forecast(September, Halfway, Records(dossiers)), KpiScope.Unit, "XA09", KpiFormula.OnTimeRate);

        Assert.Equal(new KpiValue(0, 2), f.SoFar);
        Assert.Equal(2, f.Basis.CarriedLate);
        Assert.Equal(0, f.Basis.RemainingVolume);
        Assert.Equal(0, f.Projected);
        Assert.Equal(1, f.MissProbability);
    }

    [Fact]
    public void A_unit_that_no_longer_receives_dossiers_finishes_no_more_than_it_still_holds()
    {
        // Ten finished so far, nothing received this month and one dossier still open: the pace of
        // the first half cannot go on, only the one open dossier can still finish.
        var dossiers = Enumerable.Range(0, 10)
            .Select(i => Dossier($"F{i}", unit: "XA07", handler: "CB7", received: At(8, 25), due: At(9, 20), finished: At(9, 3)))
            .Append(Dossier("OPEN", unit: "XA07", handler: "CB7", received: At(8, 28), due: At(9, 26), open: true));

        var f = Find(Forecaster().Forecast(September, Halfway, Records(dossiers)), KpiScope.Unit, "XA07", KpiFormula.OnTimeRate);

        Assert.Equal(0.1, f.Basis.PipelineShare, 12);
        Assert.Equal(1, f.Basis.RemainingVolume);
    }

    [Fact]
    public void Nothing_recorded_after_the_as_of_date_changes_the_forecast()
    {
        var known = FourHandlers().Append(Dossier("LATER", unit: "XA01", handler: "CB2", received: At(9, 12), due: At(9, 25), open: true)).ToList();
        var withFuture = FourHandlers()
            .Append(Dossier("LATER", unit: "XA01", handler: "CB2", received: At(9, 12), due: At(9, 25), finished: At(9, 18), status: DossierStatus.Refused))
            .Append(Dossier("NEW", unit: "XA01", handler: "CB1", received: At(9, 16), finished: At(9, 17)))
            .ToList();
        var surveys = new[] { new SurveyResponse("S9", "CB1-000", At(9, 20), 1) };
        var complaints = new[] { new Complaint("C9", "XA01", "CB1", null, At(9, 16), ComplaintCategory.Attitude, true) };

        Assert.Equal(
            Forecaster(historyDays: 60).Forecast(September, Halfway, Records(known)),
            Forecaster(historyDays: 60).Forecast(September, Halfway, Records(withFuture, surveys, complaints)));
    }

    [Fact]
    public void History_before_the_period_informs_the_rate_for_the_rest_but_not_the_value_so_far()
    {
        var august = Enumerable.Range(0, 20).Select(i => Dossier($"A{i:00}", unit: "XA01", handler: "CB4",
            received: At(8, 4), due: At(8, 5), finished: At(8, 6)));
        var records = Records(FourHandlers().Concat(august));

        var without = Find(Forecaster().Forecast(September, Halfway, records), KpiScope.Staff, "CB4", KpiFormula.OnTimeRate);
        var with = Find(Forecaster(historyDays: 60).Forecast(September, Halfway, records), KpiScope.Staff, "CB4", KpiFormula.OnTimeRate);

        Assert.Equal(without.SoFar, with.SoFar);
        Assert.Equal(new KpiValue(1, 1), without.Basis.Own);
        // Twenty late dossiers in August: 1 on time of 21 finished.
        Assert.Equal(new KpiValue(1, 21), with.Basis.Own);
        Assert.True(with.Projected < without.Projected);
    }

    [Fact]
    public void The_same_records_always_give_the_same_forecasts()
    {
        var records = Records(FourHandlers());

        Assert.Equal(Forecaster(30).Forecast(September, Halfway, records), Forecaster(30).Forecast(September, Halfway, records));
    }

    [Fact]
    public void An_as_of_date_outside_the_period_or_before_its_first_working_day_is_refused()
    {
        var records = Records(FourHandlers());

        Assert.Throws<ArgumentOutOfRangeException>(() => Forecaster().Forecast(September, new DateOnly(2025, 8, 31), records));
        Assert.Throws<ArgumentOutOfRangeException>(() => Forecaster().Forecast(September, new DateOnly(2025, 10, 1), records));
        // November 2025 starts on a Saturday: by the 2nd no working day has passed.
        Assert.Throws<ArgumentOutOfRangeException>(() => Forecaster().Forecast(ReportingPeriod.Month(2025, 11), new DateOnly(2025, 11, 2), records));
    }

    [Fact]
    public void Satisfaction_is_projected_inside_the_score_range()
    {
        var dossiers = FourHandlers().ToList();
        var surveys = dossiers.Take(12).Select((d, i) => new SurveyResponse($"S{i}", d.DossierId, At(9, 3), i % 2 == 0 ? 5 : 4));

        var f = Find(Forecaster().Forecast(September, Halfway, Records(dossiers, surveys)), KpiScope.Unit, "XA01", KpiFormula.SatisfactionAvg);

        Assert.Equal(new KpiValue(54, 12), f.SoFar);
        Assert.Equal(12, f.Basis.RemainingVolume);
        Assert.InRange(f.Low, 1, f.Projected);
        Assert.InRange(f.High, f.Projected, 5);
        Assert.Equal(4.5, f.Target);
    }
}
