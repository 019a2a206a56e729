using GovKpi.Web.Features.KpiValues;

namespace GovKpi.Web.Tests.KpiValues;

public sealed class PeriodPickerTests
{
    [Fact]
    public void The_default_period_is_the_current_month_once_it_has_had_a_working_day()
    {
        Assert.Equal(("2026-12-01", "2027-01-01"), new PeriodPicker().Resolve(new DateOnly(2026, 12, 8)));
    }

    [Theory]
    [InlineData("2027-01-01", "2026-12-01")] // New Year's Day: no working day of January yet
    [InlineData("2026-11-02", "2026-10-01")] // Monday the 2nd after a Sunday the 1st
    [InlineData("2026-08-01", "2026-07-01")]
    public void Before_the_months_first_working_day_is_over_the_default_is_the_month_just_ended(string today, string from)
    {
        var (start, _) = new PeriodPicker().Resolve(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(from, start);
    }

    [Fact]
    public void A_month_asked_for_is_given_even_before_its_first_working_day()
    {
        Assert.Equal(("2027-01-01", "2027-02-01"), new PeriodPicker { MonthNumber = 1, YearNumber = 2027 }.Resolve(new DateOnly(2027, 1, 1)));
    }
}
