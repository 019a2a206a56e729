using GovKpi.Core.Calendar;
using GovKpi.Core.DemoProvince;
using GovKpi.Core.Forecast;
using GovKpi.Core.Measurement;

namespace GovKpi.Core.Tests.Forecast;

public class ForecastBacktestTests
{
    private static readonly WorkingCalendar Weekdays = new([]);

    [Theory]
    [InlineData(1.0 / 3, 9)] // round(22/3) = 7 working days: 1–5, 8, 9 September
    [InlineData(2.0 / 3, 19)] // round(44/3) = 15: three full weeks
    public void The_as_of_date_is_the_day_by_which_that_share_of_working_days_has_passed(double share, int day) =>
        Assert.Equal(new DateOnly(2025, 9, day), ForecastBacktest.AsOfDate(Weekdays, ReportingPeriod.Month(2025, 9), share));

    [Theory]
    [InlineData(0.01)]
    [InlineData(1)]
    public void There_is_no_as_of_date_before_the_first_working_day_or_at_the_end(double share) =>
        Assert.Null(ForecastBacktest.AsOfDate(Weekdays, ReportingPeriod.Month(2025, 9), share));

    [Fact]
    public void On_demo_data_the_on_time_forecast_is_closer_to_the_end_value_than_the_value_so_far()
    {
        var province = DemoProvinceGenerator.Generate(seed: 3, staffCount: 120);
        var dossiers = DemoProvinceGenerator.Dossiers(province, 6000).ToList();
        var records = new ForecastRecords(
            [.. dossiers.Select(d => d.Current)],
            [.. dossiers.Select(d => d.Survey).OfType<SurveyResponse>()],
            [.. dossiers.Select(d => d.Complaint).OfType<Complaint>()]);
        BacktestPeriod[] periods =
        [
            .. Enumerable.Range(1, 12).Select(m => new BacktestPeriod("month", ReportingPeriod.Month(2025, m))),
            .. Enumerable.Range(1, 4).Select(q => new BacktestPeriod("quarter", ReportingPeriod.Quarter(2025, q))),
        ];

        var rows = ForecastBacktest.Run(records, province.Calendar, province.KpiDefinitions, periods, ForecastBacktest.DefaultAsOfShares);

        // Every KPI, both scopes, both kinds of period, both as-of points.
        Assert.Equal(7 * 2 * 2 * 2, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.True(r.Forecasts > 0, $"{r.Scope} {r.Kpi}");
            Assert.InRange(r.Coverage, 0, 1);
            Assert.True(r.Rmse >= r.Mae);
            Assert.True(r.RightWarnings <= Math.Min(r.Warnings, r.Misses));
        });
        var monthly = rows.Single(r => r is { Scope: KpiScope.Staff, Kpi: KpiFormula.OnTimeRate, PeriodKind: "month" } && r.AsOfShare < 0.5);
        Assert.True(monthly.Mae < monthly.NaiveMae, $"MAE {monthly.Mae:0.00} pp, naive {monthly.NaiveMae:0.00} pp");
        Assert.InRange(monthly.Coverage, 0.6, 0.95);
    }
}
