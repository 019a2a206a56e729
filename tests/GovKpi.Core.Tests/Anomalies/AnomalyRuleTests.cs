using System.Globalization;
using GovKpi.Core.Anomalies;
using GovKpi.Core.Calendar;
using GovKpi.Core.Measurement;
using static GovKpi.Core.Tests.Measurement.Dossiers;

namespace GovKpi.Core.Tests.Anomalies;

/// <summary>Each rule on a few handlers written out by hand, where the chances can be worked out on paper.</summary>
public class AnomalyRuleTests
{
    private static readonly WorkingCalendar Weekdays = new([]);

    private static AnomalyReport Detect(IEnumerable<DossierVersion> versions) => AnomalyDetector.Detect(versions, Weekdays);

    private static readonly int[] EarlyDays = [2, 3, 4, 5, 8, 9, 2, 3, 4, 5];

    /// <summary>
    /// Ten refusals received on 1 September, due on the 10th at 17:00: <paramref name="onDueDate"/>
    /// refused on that day (40 minutes apart, so that they are no burst), the rest days earlier.
    /// </summary>
    private static IEnumerable<DossierVersion> Refusals(string handler, int onDueDate) =>
        Enumerable.Range(0, 10).Select(i => Dossier($"{handler}-R{i}", handler: handler, received: At(9, 1), due: At(9, 10, 17),
            finished: i < onDueDate ? At(9, 10, 8).AddMinutes(40 * i) : At(9, EarlyDays[i], 10 + i / 6), status: DossierStatus.Refused));

    private static IEnumerable<DossierVersion> Peers() =>
        new[] { "CB1", "CB2", "CB3", "CB4" }.SelectMany(h => Refusals(h, onDueDate: 1));

    [Fact]
    public void Refusals_bunched_on_the_due_date_are_found_with_the_dossiers_behind_them()
    {
        var report = Detect(Peers().Concat(Refusals("CB9", onDueDate: 8)));

        // Peers refuse one in ten on the due date; 8 of 10 has a chance of about 3.7e-7.
        var finding = Assert.Single(report.Findings);
        Assert.Equal(AnomalyRule.DeadlineBunching, finding.Rule);
        Assert.Equal("CB9", finding.HandlerCode);
        Assert.Equal("XA01", finding.UnitCode);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"CB9-R{i}"), finding.DossierIds);
        var all = finding.Measures[0];
        Assert.Equal(("near_deadline", 8, 10), (all.What, all.Observed, all.OutOf));
        Assert.Equal(1.0, all.Expected, 9);
        Assert.InRange(all.PValue, 3e-7, 4e-7);
        Assert.Equal("refusals_near_deadline", finding.Measures[1].What);
        // Five handlers, one stretch of time (all records fall in one quarter).
        Assert.Equal(5, report.Tested[AnomalyRule.DeadlineBunching]);
    }

    [Fact]
    public void Fewer_bunched_events_than_the_minimum_are_no_finding()
    {
        var report = Detect(Peers().Concat(Refusals("CB9", onDueDate: new AnomalyOptions().MinimumBunchedEvents - 1)));

        Assert.Empty(report.Findings);
    }

    [Fact]
    public void A_supplement_request_counts_at_the_time_of_the_version_that_shows_it()
    {
        // Each of CB9's dossiers was sent back on its due date, then finished on time with a new appointment.
        var versions = Peers().Concat(Enumerable.Range(0, 6).SelectMany(i => new[]
        {
            Dossier($"S{i}", handler: "CB9", received: At(9, 1), due: At(9, 10, 17), open: true, updated: At(9, 10, 8 + i)) with { Status = DossierStatus.SupplementRequested },
            Dossier($"S{i}", handler: "CB9", received: At(9, 1), due: At(9, 20, 17), finished: At(9, 19, 8 + i), updated: At(9, 19, 8 + i)),
        }));

        var finding = Assert.Single(Detect(versions).Findings);

        Assert.Equal("CB9", finding.HandlerCode);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"S{i}"), finding.DossierIds);
        Assert.Contains(finding.Measures, m => m is { What: "supplement_requests_near_deadline", Observed: 6, OutOf: 6 });
    }

    /// <summary>100 completions over 20 working days at a steady pace (five a day, hours apart).</summary>
    private static IEnumerable<DossierVersion> SteadyWork(string handler)
    {
        var days = Enumerable.Range(1, 30).Select(d => new DateOnly(2025, 9, d)).Where(Weekdays.IsWorkingDay).Take(20);
        return days.SelectMany(day => new[] { 8, 10, 13, 15, 16 }.Select(hour => Dossier(string.Create(CultureInfo.InvariantCulture, $"{handler}-{day:MMdd}-{hour}"), handler: handler,
            received: At(9, 1, 7), due: At(10, 30), finished: At(9, day.Day, hour))));
    }

    private static IEnumerable<DossierVersion> Burst(string handler, int count) =>
        Enumerable.Range(0, count).Select(i => Dossier($"{handler}-B{i}", handler: handler, received: At(9, 1, 7), due: At(10, 30),
            finished: At(9, 10, 9).AddSeconds(30 * i)));

    [Fact]
    public void Completions_within_minutes_far_beyond_the_handler_pace_are_a_burst()
    {
        var report = Detect(SteadyWork("CB1").Concat(Burst("CB1", 8)));

        // 108 completions over 20 days of 480 minutes: 0.11 expected in ten minutes; 8 has a
        // chance of about 6e-13 in one window, 6e-10 over the 960 windows of those days.
        var finding = Assert.Single(report.Findings);
        Assert.Equal(AnomalyRule.CompletionBurst, finding.Rule);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"CB1-B{i}"), finding.DossierIds);
        var measure = Assert.Single(finding.Measures);
        Assert.Equal(("in_window", 8, 108), (measure.What, measure.Observed, measure.OutOf));
        Assert.Equal(108 / (20 * 480.0) * 10, measure.Expected, 9);
        Assert.Equal(At(9, 10, 9), finding.From);
        Assert.Equal(At(9, 10, 9).AddSeconds(210), finding.To);
    }

    [Fact]
    public void A_few_completions_together_are_ordinary()
    {
        var report = Detect(SteadyWork("CB1").Concat(Burst("CB1", new AnomalyOptions().MinimumBurst - 1)));

        Assert.Empty(report.Findings);
        Assert.Equal(1, report.Tested[AnomalyRule.CompletionBurst]);
    }

    /// <summary>Sixty dossiers finished in September: <paramref name="late"/> after their due time, <paramref name="refused"/> refused on time.</summary>
    private static IEnumerable<DossierVersion> Quarter(string handler, int late, int refused) =>
        Enumerable.Range(0, 60).Select(i => Dossier($"{handler}-Q{i:00}", handler: handler, received: At(9, 1), due: At(9, 20),
            finished: i < late ? At(9, 24) : At(9, 2 + i % 15), status: i >= 60 - refused ? DossierStatus.Refused : DossierStatus.ResultReturned));

    private static IEnumerable<DossierVersion> QuarterPeers() =>
        new[] { "CB1", "CB2", "CB3", "CB4" }.SelectMany(h => Quarter(h, late: 6, refused: 2));

    [Fact]
    public void An_on_time_rate_above_peers_with_many_more_refusals_is_found()
    {
        var report = Detect(QuarterPeers().Concat(Quarter("CB9", late: 0, refused: 10)));

        // Peers: 1 in 10 late, 1 in 30 refused. CB9: none late of 60 (0.9⁶⁰ ≈ 0.0018), 10 refused where 2 were expected.
        var finding = Assert.Single(report.Findings, f => f.Rule == AnomalyRule.OnTimeWithRefusals);
        Assert.Equal("CB9", finding.HandlerCode);
        Assert.Equal(Enumerable.Range(50, 10).Select(i => $"CB9-Q{i}"), finding.DossierIds);
        var late = finding.Measures.Single(m => m.What == "late");
        Assert.Equal((0, 60), (late.Observed, late.OutOf));
        Assert.Equal(6, late.Expected, 9);
        Assert.Equal(Math.Pow(0.9, 60), late.PValue, 9);
        var refused = finding.Measures.Single(m => m.What == "refused");
        Assert.Equal((10, 60), (refused.Observed, refused.OutOf));
        Assert.Equal(2, refused.Expected, 9);
    }

    [Theory]
    [InlineData(0, 2)] // a good handler: rarely late, refusing as peers do
    [InlineData(6, 10)] // a strict one: late as peers are, refusing more
    public void Only_both_together_make_a_finding(int late, int refused)
    {
        var report = Detect(QuarterPeers().Concat(Quarter("CB9", late, refused)));

        Assert.DoesNotContain(report.Findings, f => f.Rule == AnomalyRule.OnTimeWithRefusals);
    }
}
