using GovKpi.Core.Measurement;

namespace GovKpi.Core.Calendar;

/// <summary>The public holidays (ngày nghỉ lễ, tết) of Article 112 of the Labour Code 2019.</summary>
public enum PublicHoliday
{
    /// <summary>Tết Dương lịch, 1/1.</summary>
    NewYear,
    /// <summary>Tết Nguyên đán, around 1/1 lunar.</summary>
    LunarNewYear,
    /// <summary>Giỗ Tổ Hùng Vương, 10/3 lunar.</summary>
    HungKings,
    /// <summary>Ngày Chiến thắng, 30/4.</summary>
    ReunificationDay,
    /// <summary>Ngày Quốc tế Lao động, 1/5.</summary>
    LabourDay,
    /// <summary>Quốc khánh, 2/9 and one adjacent day.</summary>
    NationalDay,
}

/// <summary>
/// The government's decision for one holiday in one year: the whole break
/// (<see cref="BreakFrom"/>–<see cref="BreakTo"/>, inclusive, weekends included) and the
/// weekend days worked instead of a swapped weekday. It replaces the statutory days and
/// their compensatory days for that holiday.
/// </summary>
public sealed record HolidayDecision(
    PublicHoliday Holiday,
    int Year,
    DateOnly BreakFrom,
    DateOnly BreakTo,
    IReadOnlyList<DateOnly> MakeUpWorkdays,
    string Source);

/// <summary>
/// The statutory rules as data: which days each holiday takes when the government has not
/// decided otherwise. Tết is "one day at the end of the lunar year and four at the start" by
/// default; the government may choose 2 + 3 in a given year, which is why the split is a rule
/// and not a constant.
/// </summary>
public sealed record HolidayRules
{
    public int LunarNewYearDaysBefore { get; init; } = 1;
    public int LunarNewYearDaysFrom { get; init; } = 4;
    /// <summary>The day of National Day's second day off relative to 2/9: −1 is 1/9, as decided for 2025.</summary>
    public int NationalDayAdjacentOffset { get; init; } = -1;
    /// <summary>A holiday on a weekend gives a compensatory day off on the next working day (Labour Code, art. 111(3)).</summary>
    public bool CompensateWeekendHolidays { get; init; } = true;

    public static HolidayRules Statutory { get; } = new();
}

/// <summary>
/// The official Vietnamese calendar of days off for civil servants (cán bộ, công chức, viên
/// chức): statutory holidays computed from the rules (Tết and Hùng Kings from the lunar
/// calendar), compensatory days for holidays on a weekend, and the government's yearly
/// decisions on swapped days, kept as data in <see cref="Decisions"/>.
/// </summary>
public static class PublicHolidays
{
    /// <summary>The years the built-in calendar covers; a calendar file is needed outside them.</summary>
    public const int FirstKnownYear = 2025;
    public const int LastKnownYear = 2027;

    /// <summary>
    /// Decisions published so far. 2027 has none yet: its days come from the statutory rules
    /// until the decision is added here.
    /// </summary>
    public static IReadOnlyList<HolidayDecision> Decisions { get; } =
    [
        // Tết Ất Tỵ: 9 days, 26 tháng Chạp to mùng 5 (Bộ LĐ-TB&XH notice, approved by the PM, 2024).
        new(PublicHoliday.LunarNewYear, 2025, new(2025, 1, 25), new(2025, 2, 2), [],
            "Thông báo của Bộ LĐ-TB&XH về lịch nghỉ Tết Ất Tỵ 2025"),
        // 30/4–1/5/2025: Friday 2/5 swapped with Saturday 26/4 for a 5-day break (30/4 itself follows the rule).
        new(PublicHoliday.LabourDay, 2025, new(2025, 5, 1), new(2025, 5, 4), [new(2025, 4, 26)],
            "Phương án nghỉ lễ 30/4–1/5/2025 được Thủ tướng đồng ý"),
        // New Year 2026: Friday 2/1 swapped with Saturday 10/1 (công văn 12729/VPCP-KGVX, 25/12/2025).
        new(PublicHoliday.NewYear, 2026, new(2026, 1, 1), new(2026, 1, 4), [new(2026, 1, 10)],
            "Công văn 12729/VPCP-KGVX ngày 25/12/2025"),
        // Tết Bính Ngọ: 9 days, 27 tháng Chạp to mùng 6 (decision of late 2025).
        new(PublicHoliday.LunarNewYear, 2026, new(2026, 2, 14), new(2026, 2, 22), [],
            "Phương án nghỉ Tết Bính Ngọ 2026 của Bộ Nội vụ được Thủ tướng đồng ý"),
    ];

    /// <summary>The statutory dates of each holiday in <paramref name="year"/>, before any compensation or swap.</summary>
    public static IReadOnlyList<(PublicHoliday Holiday, DateOnly Date)> StatutoryDays(int year, HolidayRules rules)
    {
        var days = new List<(PublicHoliday, DateOnly)> { (PublicHoliday.NewYear, new DateOnly(year, 1, 1)) };
        var tet = VietnameseLunarCalendar.NewYear(year);
        for (var i = -rules.LunarNewYearDaysBefore; i < rules.LunarNewYearDaysFrom; i++)
        {
            days.Add((PublicHoliday.LunarNewYear, tet.AddDays(i)));
        }

        days.Add((PublicHoliday.HungKings, VietnameseLunarCalendar.ToSolar(new LunarDate(year, 3, 10))));
        days.Add((PublicHoliday.ReunificationDay, new DateOnly(year, 4, 30)));
        days.Add((PublicHoliday.LabourDay, new DateOnly(year, 5, 1)));
        var nationalDay = new DateOnly(year, 9, 2);
        var adjacent = nationalDay.AddDays(rules.NationalDayAdjacentOffset);
        days.Add((PublicHoliday.NationalDay, adjacent < nationalDay ? adjacent : nationalDay));
        days.Add((PublicHoliday.NationalDay, adjacent < nationalDay ? nationalDay : adjacent));
        return days;
    }

    /// <summary>
    /// The exceptions to the Monday-to-Friday week in <paramref name="year"/>: weekdays off
    /// (holidays, compensatory and swapped days) and make-up working Saturdays, sorted by date.
    /// </summary>
    public static IReadOnlyList<CalendarException> ExceptionsFor(int year, HolidayRules? rules = null, IReadOnlyList<HolidayDecision>? decisions = null)
    {
        rules ??= HolidayRules.Statutory;
        decisions ??= Decisions;
        var daysOff = new SortedSet<DateOnly>();
        var workdays = new SortedSet<DateOnly>();

        foreach (var decision in decisions.Where(d => d.Year == year))
        {
            for (var day = decision.BreakFrom; day <= decision.BreakTo; day = day.AddDays(1))
            {
                daysOff.Add(day);
            }

            workdays.UnionWith(decision.MakeUpWorkdays);
        }

        var decided = decisions.Where(d => d.Year == year).Select(d => d.Holiday).ToHashSet();
        var statutory = StatutoryDays(year, rules).Where(d => !decided.Contains(d.Holiday)).Select(d => d.Date).ToList();
        daysOff.UnionWith(statutory);

        if (rules.CompensateWeekendHolidays)
        {
            // In date order, so that two weekend holidays in a row get two different days.
            foreach (var holiday in statutory.Where(IsWeekend).Order())
            {
                var day = holiday.AddDays(1);
                while (IsWeekend(day) || daysOff.Contains(day))
                {
                    day = day.AddDays(1);
                }

                daysOff.Add(day);
            }
        }

        return daysOff.Where(d => !IsWeekend(d)).Select(d => new CalendarException(d, CalendarDayKind.Holiday))
            .Concat(workdays.Where(IsWeekend).Select(d => new CalendarException(d, CalendarDayKind.Workday)))
            .OrderBy(e => e.Date)
            .ToList();
    }

    internal static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
