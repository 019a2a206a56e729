using System.Globalization;
using GovKpi.Core.Calendar;

namespace GovKpi.Core.Tests.Calendar;

public class VietnameseLunarCalendarTests
{
    [Theory]
    [InlineData(2025, "2025-01-29")]
    [InlineData(2026, "2026-02-17")]
    [InlineData(2027, "2027-02-06")]
    // Years where the UTC+7 computation matters: Vietnamese and Chinese Tết differ in 1985 and 2007.
    [InlineData(1985, "1985-01-21")]
    [InlineData(2007, "2007-02-17")]
    [InlineData(2024, "2024-02-10")]
    public void Tet_is_computed_from_the_new_moon_at_UTC_plus_7(int year, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), VietnameseLunarCalendar.NewYear(year));
    }

    [Theory]
    [InlineData(2025, "2025-04-07")]
    [InlineData(2026, "2026-04-26")]
    [InlineData(2024, "2024-04-18")]
    public void Hung_Kings_commemoration_is_the_tenth_day_of_the_third_lunar_month(int year, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), VietnameseLunarCalendar.ToSolar(new LunarDate(year, 3, 10)));
    }

    [Fact]
    public void The_last_day_of_the_lunar_year_before_Tet_2025_is_the_29th_of_the_twelfth_month()
    {
        Assert.Equal(new LunarDate(2024, 12, 29), VietnameseLunarCalendar.FromSolar(new DateOnly(2025, 1, 28)));
    }

    [Fact]
    public void Year_2025_has_a_leap_sixth_month()
    {
        // Ất Tỵ has 13 months: the leap 6th month runs from 25/7 to 22/8/2025.
        Assert.Equal(new LunarDate(2025, 6, 1, IsLeapMonth: true), VietnameseLunarCalendar.FromSolar(new DateOnly(2025, 7, 25)));
        Assert.Equal(new DateOnly(2025, 7, 25), VietnameseLunarCalendar.ToSolar(new LunarDate(2025, 6, 1, IsLeapMonth: true)));
        Assert.Equal(new DateOnly(2025, 6, 25), VietnameseLunarCalendar.ToSolar(new LunarDate(2025, 6, 1)));
    }

    [Fact]
    public void A_leap_month_the_year_does_not_have_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.ToSolar(new LunarDate(2026, 3, 1, IsLeapMonth: true)));
    }

    [Fact]
    public void Every_day_from_2020_to_2030_round_trips_through_the_lunar_calendar()
    {
        var previous = VietnameseLunarCalendar.FromSolar(new DateOnly(2019, 12, 31));
        for (var day = new DateOnly(2020, 1, 1); day < new DateOnly(2031, 1, 1); day = day.AddDays(1))
        {
            var lunar = VietnameseLunarCalendar.FromSolar(day);

            Assert.Equal(day, VietnameseLunarCalendar.ToSolar(lunar));
            // Consecutive solar days are consecutive lunar days, or day 1 of the next month.
            Assert.True(lunar.Day == previous.Day + 1 || (lunar.Day == 1 && previous.Day is 29 or 30), $"{day}: {previous} → {lunar}");
            previous = lunar;
        }
    }
}
