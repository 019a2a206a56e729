using GovKpi.Core.Evaluation;
using GovKpi.Core.Measurement;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.Tests.Evaluation;

public class YearScoreTests
{
    private const int Year = 2026;

    private static PeriodResult Month(int month, decimal score, string agency = "SO-NV") => new(ReportingPeriod.Month(Year, month), agency, score);

    private static List<PeriodResult> Months(int from, int to, decimal score, string agency = "SO-NV") =>
        Enumerable.Range(from, to - from + 1).Select(m => Month(m, score, agency)).ToList();

    private static Absence Leave(int fromMonth, int toMonthExclusive, AbsenceKind kind = AbsenceKind.Sick) =>
        new(new DateOnly(Year, fromMonth, 1), toMonthExclusive == 13 ? new DateOnly(Year + 1, 1, 1) : new DateOnly(Year, toMonthExclusive, 1), kind);

    private static YearScore Compute(IReadOnlyList<PeriodResult> periods, StaffType type = StaffType.CongChuc, params Absence[] absences) =>
        YearScore.Compute("S1", type, Year, periods, absences, EvaluationPolicy.Decree335);

    [Fact]
    public void The_year_score_is_the_mean_of_the_quarters()
    {
        var quarters = new[] { 80m, 90m, 70m, 100m }.Select((s, i) => new PeriodResult(ReportingPeriod.Quarter(Year, i + 1), "SO-NV", s)).ToList();

        var year = Compute(quarters);

        Assert.Equal(85m, year.Score);
        Assert.Equal(12m, year.WorkedMonths);
        Assert.Equal("(80 × 3 + 90 × 3 + 70 × 3 + 100 × 3) ÷ 12 = 85", year.Explanations.Single(e => e.Key == "YearScore").Formula);
    }

    [Fact]
    public void A_transferred_person_combines_both_agencies_by_the_time_spent_in_each()
    {
        var periods = Months(1, 5, 82, "SO-TC").Concat(Months(6, 12, 88, "SO-NV")).ToList();

        var year = Compute(periods);

        // (82 × 5 + 88 × 7) ÷ 12 = 85.5
        Assert.Equal(85.5m, year.Score);
        Assert.Equal("SO-NV", year.AgencyCode);
        Assert.Equal([("SO-TC", 5m, 82m), ("SO-NV", 7m, 88m)], year.Agencies.Select(a => (a.AgencyCode, a.WorkedMonths, a.MeanScore)));
        Assert.Equal("(82 × 5 [SO-TC] + 88 × 7 [SO-NV]) ÷ 12 = 85.5", year.Explanations.Single(e => e.Key == "YearScoreAgencies").Formula);
    }

    [Fact]
    public void A_month_on_leave_counts_for_nothing_and_a_half_month_for_half()
    {
        var periods = Months(1, 12, 80);
        periods[2] = Month(3, 20);
        periods[3] = Month(4, 50);
        var absences = new[] { Leave(3, 4), new Absence(new DateOnly(Year, 4, 1), new DateOnly(Year, 4, 16), AbsenceKind.Sick) };

        var year = Compute(periods, StaffType.CongChuc, absences);

        // March is excluded; April counts for 15/30 of a month: (80 × 10 + 50 × 0.5) ÷ 10.5
        Assert.Equal(10.5m, year.WorkedMonths);
        Assert.Equal(1.5m, year.AbsentMonths);
        Assert.Equal(Math.Round((800m + 25m) / 10.5m, 2), year.Score);
        Assert.Null(year.AtMost);
    }

    [Fact]
    public void A_public_employee_who_worked_under_6_months_is_not_classified()
    {
        var year = Compute(Months(8, 12, 90), StaffType.VienChuc);

        Assert.True(year.NotClassified);
        Assert.Null(year.Score);
        Assert.False(Compute(Months(8, 12, 90), StaffType.CongChuc).NotClassified);
    }

    [Fact]
    public void Maternity_leave_does_not_stop_the_classification()
    {
        var year = Compute(Months(1, 12, 90), StaffType.VienChuc, Leave(1, 8, AbsenceKind.Maternity));

        Assert.False(year.NotClassified);
        Assert.Equal(5m, year.WorkedMonths);
        Assert.Equal(90m, year.Score);
        Assert.Null(year.AtMost);
    }

    [Theory]
    [InlineData(2.5, null)]
    [InlineData(3, ClassificationLevel.Ht)]
    [InlineData(5, ClassificationLevel.Ht)]
    [InlineData(6, null)]
    public void A_public_employee_absent_3_to_under_6_months_is_at_most_HT(double absentMonths, ClassificationLevel? cap)
    {
        // Whole months of sick leave from January, plus the fraction as days of the next month.
        var months = (int)absentMonths;
        var end = new DateOnly(Year, months + 1, 1);
        var extraDays = (int)Math.Round((absentMonths - months) * DateTime.DaysInMonth(Year, months + 1));
        var year = Compute(Months(1, 12, 95), StaffType.VienChuc, new Absence(new DateOnly(Year, 1, 1), end.AddDays(extraDays), AbsenceKind.Sick));

        Assert.Equal(cap, year.AtMost);
        Assert.False(year.NotClassified);
    }

    [Fact]
    public void Periods_outside_the_year_or_overlapping_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Compute([new PeriodResult(ReportingPeriod.Month(Year + 1, 1), "A", 80)]));
        Assert.Throws<ArgumentException>(() => Compute([new PeriodResult(ReportingPeriod.Quarter(Year, 1), "A", 80), Month(2, 80)]));
    }
}
