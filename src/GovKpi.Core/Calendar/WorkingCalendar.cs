using System.Globalization;
using GovKpi.Core.Measurement;

namespace GovKpi.Core.Calendar;

/// <summary>
/// Which days are working days: Monday to Friday, minus weekday holidays, plus make-up
/// working weekend days. The product ships <see cref="Official"/>; a calendar file passed by
/// the user replaces it entirely (CONTRACTS.md, calendar.csv), so a province can follow a
/// decision the built-in data does not know yet.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly Dictionary<DateOnly, CalendarDayKind> _exceptions;

    /// <exception cref="ArgumentException">The same date is listed both as a holiday and as a workday.</exception>
    public WorkingCalendar(IEnumerable<CalendarException> exceptions)
    {
        _exceptions = [];
        foreach (var exception in exceptions)
        {
            if (_exceptions.TryGetValue(exception.Date, out var kind) && kind != exception.Kind)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{exception.Date:yyyy-MM-dd} is listed both as a holiday and as a workday."), nameof(exceptions));
            }

            _exceptions[exception.Date] = exception.Kind;
        }

        Exceptions = _exceptions.Select(e => new CalendarException(e.Key, e.Value)).OrderBy(e => e.Date).ToList();
    }

    /// <summary>The official calendar for <see cref="PublicHolidays.FirstKnownYear"/>–<see cref="PublicHolidays.LastKnownYear"/>.</summary>
    public static WorkingCalendar Official { get; } = new(
        Enumerable.Range(PublicHolidays.FirstKnownYear, PublicHolidays.LastKnownYear - PublicHolidays.FirstKnownYear + 1)
            .SelectMany(year => PublicHolidays.ExceptionsFor(year)));

    /// <summary>The exceptions this calendar was built from, sorted by date.</summary>
    public IReadOnlyList<CalendarException> Exceptions { get; }

    public bool IsWorkingDay(DateOnly day) => _exceptions.TryGetValue(day, out var kind)
        ? kind == CalendarDayKind.Workday
        : !PublicHolidays.IsWeekend(day);

    /// <summary>Working days in <c>[fromInclusive, toExclusive)</c>; zero when the range is empty.</summary>
    public int WorkingDays(DateOnly fromInclusive, DateOnly toExclusive)
    {
        if (toExclusive <= fromInclusive)
        {
            return 0;
        }

        // Whole weeks hold five weekdays each; only the remainder and the exceptions are walked.
        var days = toExclusive.DayNumber - fromInclusive.DayNumber;
        var count = days / 7 * 5;
        for (var day = fromInclusive.AddDays(days / 7 * 7); day < toExclusive; day = day.AddDays(1))
        {
            if (!PublicHolidays.IsWeekend(day))
            {
                count++;
            }
        }

        foreach (var (date, kind) in _exceptions)
        {
            if (date >= fromInclusive && date < toExclusive && PublicHolidays.IsWeekend(date) == (kind == CalendarDayKind.Workday))
            {
                count += kind == CalendarDayKind.Workday ? 1 : -1;
            }
        }

        return count;
    }

    /// <summary>
    /// The working day <paramref name="workingDays"/> working days after <paramref name="start"/>
    /// (an appointment date counted in working days). Zero returns <paramref name="start"/>.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = start;
        for (var added = 0; added < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                added++;
            }
        }

        return day;
    }
}
