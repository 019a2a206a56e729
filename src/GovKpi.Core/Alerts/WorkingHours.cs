using System.Globalization;
using GovKpi.Core.Calendar;

namespace GovKpi.Core.Alerts;

/// <summary>One stretch of office time in a working day, e.g. 07:30–11:30.</summary>
public sealed record WorkingPeriod(TimeOnly Start, TimeOnly End);

/// <summary>
/// The office hours of a working day, as data: a province that keeps other hours edits the
/// periods. Lateness measured in working hours counts only these periods, on working days of a
/// <see cref="WorkingCalendar"/>, so nights, lunch, weekends and Tết count nothing.
/// </summary>
public sealed record WorkingHours
{
    /// <exception cref="ArgumentException">A period ends before it starts, or periods overlap or are out of order.</exception>
    public WorkingHours(IReadOnlyList<WorkingPeriod> periods)
    {
        if (periods.Count == 0)
        {
            throw new ArgumentException("A working day needs at least one period.", nameof(periods));
        }

        for (var i = 0; i < periods.Count; i++)
        {
            if (periods[i].End <= periods[i].Start || i > 0 && periods[i].Start < periods[i - 1].End)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Working period {i + 1} ({periods[i].Start:HH\\:mm}–{periods[i].End:HH\\:mm}) must end after it starts and after the period before it."), nameof(periods));
            }
        }

        Periods = periods;
    }

    /// <summary>07:30–11:30 and 13:00–17:00: the office day of the state administration, 8 hours.</summary>
    public static WorkingHours Office { get; } = new([
        new(new TimeOnly(7, 30), new TimeOnly(11, 30)),
        new(new TimeOnly(13, 0), new TimeOnly(17, 0)),
    ]);

    public IReadOnlyList<WorkingPeriod> Periods { get; }

    public TimeSpan PerDay => Periods.Aggregate(TimeSpan.Zero, (sum, p) => sum + (p.End - p.Start));

    /// <summary>The close of office on <paramref name="day"/>, Vietnam time: where a deadline given as a date falls.</summary>
    public DateTimeOffset CloseOf(DateOnly day) => new(day.ToDateTime(Periods[^1].End), VietnamTime.Offset);

    /// <summary>
    /// Office time in <c>[from, to)</c> on working days of <paramref name="calendar"/>, read in
    /// Vietnam time; zero when <paramref name="to"/> is not after <paramref name="from"/>.
    /// </summary>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to, WorkingCalendar calendar)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var start = from.ToOffset(VietnamTime.Offset).DateTime;
        var end = to.ToOffset(VietnamTime.Offset).DateTime;
        var total = TimeSpan.Zero;
        for (var day = DateOnly.FromDateTime(start); day <= DateOnly.FromDateTime(end); day = day.AddDays(1))
        {
            if (!calendar.IsWorkingDay(day))
            {
                continue;
            }

            foreach (var period in Periods)
            {
                var periodStart = day.ToDateTime(period.Start);
                var periodEnd = day.ToDateTime(period.End);
                var overlap = (end < periodEnd ? end : periodEnd) - (start > periodStart ? start : periodStart);
                if (overlap > TimeSpan.Zero)
                {
                    total += overlap;
                }
            }
        }

        return total;
    }
}
