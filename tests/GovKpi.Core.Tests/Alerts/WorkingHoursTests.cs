using GovKpi.Core.Alerts;
using GovKpi.Core.Calendar;

namespace GovKpi.Core.Tests.Alerts;

public class WorkingHoursTests
{
    private static DateTimeOffset At(int day, int hour, int minute) => new(2026, 3, day, hour, minute, 0, VietnamTime.Offset);

    [Fact]
    public void Working_time_counts_office_periods_only_not_lunch_nights_or_weekends()
    {
        var hours = WorkingHours.Office;

        Assert.Equal(TimeSpan.FromHours(8), hours.PerDay);
        // Thursday 11:00 to 13:30: half an hour before lunch, half an hour after.
        Assert.Equal(TimeSpan.FromHours(1), hours.Between(At(5, 11, 0), At(5, 13, 30), WorkingCalendar.Official));
        // Friday 16:00 to Monday 08:30, read from UTC instants: one hour on Friday, one on Monday.
        Assert.Equal(TimeSpan.FromHours(2), hours.Between(At(6, 16, 0).ToUniversalTime(), At(9, 8, 30).ToUniversalTime(), WorkingCalendar.Official));
        Assert.Equal(TimeSpan.Zero, hours.Between(At(9, 8, 30), At(6, 16, 0), WorkingCalendar.Official));
    }

    [Fact]
    public void A_province_may_keep_other_office_hours_but_not_overlapping_ones()
    {
        var longDay = new WorkingHours([new(new TimeOnly(7, 0), new TimeOnly(11, 0)), new(new TimeOnly(13, 30), new TimeOnly(17, 30))]);

        Assert.Equal(new DateTimeOffset(2026, 3, 5, 17, 30, 0, VietnamTime.Offset), longDay.CloseOf(new DateOnly(2026, 3, 5)));
        Assert.Throws<ArgumentException>(() => new WorkingHours([new(new TimeOnly(7, 0), new TimeOnly(12, 0)), new(new TimeOnly(11, 0), new TimeOnly(17, 0))]));
    }
}
