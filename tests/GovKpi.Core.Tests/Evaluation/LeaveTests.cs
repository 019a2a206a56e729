using GovKpi.Core.Evaluation;
using GovKpi.Core.Measurement;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.Tests.Evaluation;

public class LeaveTests
{
    private static LeaveRecord L(LeaveKind kind, int fromMonth, int toMonth) => new("S1", kind, new(2025, fromMonth, 1), new(2025, toMonth, 1));

    private static YearScore Year(params LeaveRecord[] leave) => YearScore.Compute("S1", StaffType.VienChuc, 2025,
        [.. Enumerable.Range(1, 12).Select(m => new PeriodResult(ReportingPeriod.Month(2025, m), "A", 80))], Leave.Absences(leave), EvaluationPolicy.Decree335);

    [Fact]
    public void Annual_leave_is_time_worked()
    {
        var year = Year(L(LeaveKind.Annual, 3, 4));

        Assert.Equal((12m, 0m), (year.WorkedMonths, year.AbsentMonths));
    }

    [Theory]
    [InlineData(LeaveKind.Sick)]
    [InlineData(LeaveKind.Training)]
    [InlineData(LeaveKind.Unpaid)]
    public void Sick_training_and_unpaid_leave_reduce_the_time_worked_and_four_months_cap_the_level(LeaveKind kind)
    {
        var year = Year(L(kind, 3, 7));

        Assert.Equal((8m, 4m, ClassificationLevel.Ht), (year.WorkedMonths, year.AbsentMonths, year.AtMost));
    }

    [Fact]
    public void Seven_months_of_unpaid_leave_leave_the_year_unclassified_but_maternity_leave_does_not()
    {
        Assert.True(Year(L(LeaveKind.Unpaid, 2, 9)).NotClassified);
        var maternity = Year(L(LeaveKind.Maternity, 2, 9));
        Assert.False(maternity.NotClassified);
        Assert.Equal(5m, maternity.WorkedMonths);
    }

    [Fact]
    public void Overlapping_leave_counts_each_day_once_and_a_whole_period_away_is_recognised()
    {
        LeaveRecord[] leave = [L(LeaveKind.Sick, 3, 5), L(LeaveKind.Unpaid, 4, 6), L(LeaveKind.Annual, 6, 7)];

        Assert.Equal(92, Leave.DaysAway(new(2025, 3, 1), new(2025, 7, 1), leave));
        Assert.True(Leave.AwayAll(new(2025, 4, 1), new(2025, 5, 1), leave));
        Assert.False(Leave.AwayAll(new(2025, 6, 1), new(2025, 7, 1), leave));
    }

    [Fact]
    public void A_year_cycle_holds_a_public_employee_away_four_months_at_ht_but_not_a_civil_servant_nor_annual_leave()
    {
        Assert.Equal(ClassificationLevel.Ht, Leave.YearCap("S1", StaffType.VienChuc, 2025, [L(LeaveKind.Sick, 2, 6)], EvaluationPolicy.Decree335));
        Assert.Null(Leave.YearCap("S1", StaffType.CongChuc, 2025, [L(LeaveKind.Sick, 2, 6)], EvaluationPolicy.Decree335));
        Assert.Null(Leave.YearCap("S1", StaffType.VienChuc, 2025, [L(LeaveKind.Annual, 2, 6)], EvaluationPolicy.Decree335));
    }
}
