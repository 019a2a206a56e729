using System.Globalization;
using GovKpi.Core.Calendar;
using GovKpi.Core.Measurement;

namespace GovKpi.Core.Tests.Calendar;

public class WorkingCalendarTests
{
    private static readonly WorkingCalendar Official = WorkingCalendar.Official;

    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    [Fact]
    public void July_2025_has_23_working_days()
    {
        // 31 days, 8 of them Saturdays or Sundays, no holiday.
        Assert.Equal(23, Official.WorkingDays(D("2025-07-01"), D("2025-08-01")));
    }

    [Fact]
    public void Working_days_of_an_empty_or_reversed_period_are_zero()
    {
        Assert.Equal(0, Official.WorkingDays(D("2025-07-01"), D("2025-07-01")));
        Assert.Equal(0, Official.WorkingDays(D("2025-08-01"), D("2025-07-01")));
    }

    [Theory]
    [InlineData("2025-01-01")]
    // Tết Ất Tỵ: the weekdays of the 9-day break 25/1–2/2/2025.
    [InlineData("2025-01-27")]
    [InlineData("2025-01-28")]
    [InlineData("2025-01-29")]
    [InlineData("2025-01-30")]
    [InlineData("2025-01-31")]
    [InlineData("2025-04-07")]
    [InlineData("2025-04-30")]
    [InlineData("2025-05-01")]
    [InlineData("2025-05-02")]
    [InlineData("2025-09-01")]
    [InlineData("2025-09-02")]
    [InlineData("2026-01-01")]
    [InlineData("2026-01-02")]
    // Tết Bính Ngọ: the weekdays of the break 14/2–22/2/2026.
    [InlineData("2026-02-16")]
    [InlineData("2026-02-17")]
    [InlineData("2026-02-18")]
    [InlineData("2026-02-19")]
    [InlineData("2026-02-20")]
    // Hùng Kings 2026 falls on Sunday 26/4: the next Monday is off instead.
    [InlineData("2026-04-27")]
    [InlineData("2026-04-30")]
    [InlineData("2026-05-01")]
    [InlineData("2026-09-01")]
    [InlineData("2026-09-02")]
    public void Official_holidays_on_weekdays_are_days_off(string day)
    {
        Assert.False(Official.IsWorkingDay(D(day)));
    }

    [Theory]
    [InlineData("2025-04-26")]
    [InlineData("2026-01-10")]
    public void Make_up_Saturdays_are_working_days(string day)
    {
        Assert.True(Official.IsWorkingDay(D(day)));
    }

    [Theory]
    [InlineData("2025-02-03")]
    [InlineData("2025-07-01")]
    [InlineData("2026-02-23")]
    public void Ordinary_weekdays_are_working_days(string day)
    {
        Assert.True(Official.IsWorkingDay(D(day)));
    }

    [Fact]
    public void Tet_2027_without_a_decision_takes_the_statutory_days_and_compensates_the_weekend_ones()
    {
        // Tết Đinh Mùi is Saturday 6/2/2027: 5/2 and 6–9/2 by law, Saturday and Sunday made up on 10 and 11/2.
        string[] off = ["2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11"];
        Assert.All(off, day => Assert.False(Official.IsWorkingDay(D(day)), day));
        Assert.True(Official.IsWorkingDay(D("2027-02-12")));
        Assert.True(Official.IsWorkingDay(D("2027-02-04")));
    }

    [Fact]
    public void Labour_Day_2027_on_a_Saturday_gives_Monday_off()
    {
        Assert.False(Official.IsWorkingDay(D("2027-05-03")));
    }

    [Fact]
    public void The_official_calendar_of_2025_has_twelve_weekdays_off_and_one_make_up_Saturday()
    {
        var exceptions = PublicHolidays.ExceptionsFor(2025);

        // 1/1, five days of Tết, Hùng Kings, 30/4, 1/5 and the swapped 2/5, and 1–2/9.
        Assert.Equal(12, exceptions.Count(e => e.Kind == CalendarDayKind.Holiday));
        Assert.Equal([D("2025-04-26")], exceptions.Where(e => e.Kind == CalendarDayKind.Workday).Select(e => e.Date));
        Assert.Equal(exceptions.OrderBy(e => e.Date), exceptions);
    }

    [Fact]
    public void A_calendar_file_replaces_the_built_in_calendar()
    {
        var fromFile = new WorkingCalendar(
        [
            new CalendarException(D("2025-07-02"), CalendarDayKind.Holiday),
            new CalendarException(D("2025-07-05"), CalendarDayKind.Workday),
        ]);

        Assert.False(fromFile.IsWorkingDay(D("2025-07-02")));
        Assert.True(fromFile.IsWorkingDay(D("2025-07-05")));
        // The built-in Tết break is not part of the file's calendar.
        Assert.True(fromFile.IsWorkingDay(D("2025-01-29")));
        Assert.Equal(23, fromFile.WorkingDays(D("2025-07-01"), D("2025-08-01")));
    }

    [Fact]
    public void A_date_listed_as_both_holiday_and_workday_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new WorkingCalendar(
        [
            new CalendarException(D("2025-07-02"), CalendarDayKind.Holiday),
            new CalendarException(D("2025-07-02"), CalendarDayKind.Workday),
        ]));
    }

    [Fact]
    public void Working_days_agrees_with_counting_day_by_day()
    {
        var from = D("2024-12-15");
        for (var to = from; to < D("2027-03-01"); to = to.AddDays(17))
        {
            var counted = 0;
            for (var day = from; day < to; day = day.AddDays(1))
            {
                counted += Official.IsWorkingDay(day) ? 1 : 0;
            }

            Assert.Equal(counted, Official.WorkingDays(from, to));
        }
    }

    [Fact]
    public void Adding_working_days_skips_the_Tet_break()
    {
        // Friday 24/1/2025 plus one working day is Monday 3/2, after the whole break.
        Assert.Equal(D("2025-02-03"), Official.AddWorkingDays(D("2025-01-24"), 1));
    }
}
