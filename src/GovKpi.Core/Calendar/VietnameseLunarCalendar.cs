namespace GovKpi.Core.Calendar;

/// <summary>A date of the Vietnamese lunar calendar (âm lịch). A leap month repeats the number of the month before it.</summary>
public readonly record struct LunarDate(int Year, int Month, int Day, bool IsLeapMonth = false)
{
    public override string ToString() => $"{Day:00}/{Month:00}{(IsLeapMonth ? " (nhuận)" : "")}/{Year}";
}

/// <summary>
/// Converts between solar (Gregorian) and Vietnamese lunar dates, so that Tết (1/1 lunar) and
/// the Hùng Kings' Commemoration (10/3 lunar) are computed rather than typed in every year.
/// </summary>
/// <remarks>
/// Hồ Ngọc Đức's algorithm, the one Vietnamese calendars are printed from: a lunar month starts
/// on the day of the new moon; month 11 is the month that contains the winter solstice; in a
/// year with 13 months the leap month is the first one without a major solar term (the sun
/// does not enter a new 30° sign). Everything is computed at UTC+7, which is why Vietnamese and
/// Chinese Tết differ in some years (e.g. 1985, 2007). Astronomical formulas are from Jean
/// Meeus, "Astronomical Algorithms"; they are accurate to minutes for 1200–2199, and a new moon
/// within minutes of midnight is the only case where the computed day could be wrong.
/// </remarks>
public static class VietnameseLunarCalendar
{
    /// <summary>Vietnam's offset from UTC, in hours; the lunar calendar is defined at this meridian.</summary>
    public const double TimeZone = 7.0;

    private const double SynodicMonth = 29.530588853;
    // Julian day of the new moon of 1900-01-01, the reference of the new moon numbering k.
    private const double NewMoonEpoch = 2415021.076998695;

    public static LunarDate FromSolar(DateOnly date)
    {
        var dayNumber = JulianDayNumber(date);
        var k = (int)Math.Floor((dayNumber - NewMoonEpoch) / SynodicMonth);
        var monthStart = NewMoonDay(k + 1);
        if (monthStart > dayNumber)
        {
            monthStart = NewMoonDay(k);
        }

        var a11 = LunarMonth11(date.Year);
        var b11 = a11;
        int lunarYear;
        if (a11 >= monthStart)
        {
            lunarYear = date.Year;
            a11 = LunarMonth11(date.Year - 1);
        }
        else
        {
            lunarYear = date.Year + 1;
            b11 = LunarMonth11(date.Year + 1);
        }

        var lunarDay = dayNumber - monthStart + 1;
        var diff = (monthStart - a11) / 29;
        var isLeap = false;
        var lunarMonth = diff + 11;
        if (b11 - a11 > 365)
        {
            var leapMonthDiff = LeapMonthOffset(a11);
            if (diff >= leapMonthDiff)
            {
                lunarMonth = diff + 10;
                isLeap = diff == leapMonthDiff;
            }
        }

        if (lunarMonth > 12)
        {
            lunarMonth -= 12;
        }

        if (lunarMonth >= 11 && diff < 4)
        {
            lunarYear -= 1;
        }

        return new LunarDate(lunarYear, lunarMonth, lunarDay, isLeap);
    }

    /// <exception cref="ArgumentOutOfRangeException">The date does not exist (a leap month the year does not have, or day 30 of a 29-day month).</exception>
    public static DateOnly ToSolar(LunarDate lunar)
    {
        if (lunar.Month is < 1 or > 12 || lunar.Day is < 1 or > 30)
        {
            throw new ArgumentOutOfRangeException(nameof(lunar), lunar, "Lunar month must be 1–12 and day 1–30.");
        }

        int a11, b11;
        if (lunar.Month < 11)
        {
            a11 = LunarMonth11(lunar.Year - 1);
            b11 = LunarMonth11(lunar.Year);
        }
        else
        {
            a11 = LunarMonth11(lunar.Year);
            b11 = LunarMonth11(lunar.Year + 1);
        }

        var offset = lunar.Month - 11;
        if (offset < 0)
        {
            offset += 12;
        }

        if (b11 - a11 > 365)
        {
            var leapOffset = LeapMonthOffset(a11);
            var leapMonth = leapOffset - 2;
            if (leapMonth < 0)
            {
                leapMonth += 12;
            }

            if (lunar.IsLeapMonth && lunar.Month != leapMonth)
            {
                throw new ArgumentOutOfRangeException(nameof(lunar), lunar, $"Lunar year {lunar.Year} has no leap month {lunar.Month}.");
            }

            if (lunar.IsLeapMonth || offset >= leapOffset)
            {
                offset += 1;
            }
        }
        else if (lunar.IsLeapMonth)
        {
            throw new ArgumentOutOfRangeException(nameof(lunar), lunar, $"Lunar year {lunar.Year} has no leap month.");
        }

        var k = (int)Math.Floor(0.5 + (a11 - NewMoonEpoch) / SynodicMonth);
        var monthStart = NewMoonDay(k + offset);
        var result = FromJulianDayNumber(monthStart + lunar.Day - 1);
        if (lunar.Day == 30 && FromSolar(result).Day != 30)
        {
            throw new ArgumentOutOfRangeException(nameof(lunar), lunar, "That lunar month has 29 days.");
        }

        return result;
    }

    /// <summary>Mùng 1 Tết: the first day of the lunar year that starts in solar year <paramref name="year"/>.</summary>
    public static DateOnly NewYear(int year) => ToSolar(new LunarDate(year, 1, 1));

    // Day numbers here are Julian day numbers (integer days since 4713 BC), as in the
    // published algorithm; DateOnly.DayNumber counts from 0001-01-01, 1721426 days later.
    private const int JulianDayOfDayNumberZero = 1721426;

    private static int JulianDayNumber(DateOnly date) => date.DayNumber + JulianDayOfDayNumberZero;

    private static DateOnly FromJulianDayNumber(int jd) => DateOnly.FromDayNumber(jd - JulianDayOfDayNumberZero);

    /// <summary>Julian date (in days, fractional, UT) of the k-th new moon after 1900-01-01.</summary>
    private static double NewMoon(int k)
    {
        var t = k / 1236.85;
        var t2 = t * t;
        var t3 = t2 * t;
        const double dr = Math.PI / 180;
        var jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
        jd1 += 0.00033 * Math.Sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
        var m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
        var mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
        var f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
        var c1 = (0.1734 - 0.000393 * t) * Math.Sin(m * dr) + 0.0021 * Math.Sin(2 * dr * m);
        c1 = c1 - 0.4068 * Math.Sin(mpr * dr) + 0.0161 * Math.Sin(dr * 2 * mpr);
        c1 -= 0.0004 * Math.Sin(dr * 3 * mpr);
        c1 = c1 + 0.0104 * Math.Sin(dr * 2 * f) - 0.0051 * Math.Sin(dr * (m + mpr));
        c1 = c1 - 0.0074 * Math.Sin(dr * (m - mpr)) + 0.0004 * Math.Sin(dr * (2 * f + m));
        c1 = c1 - 0.0004 * Math.Sin(dr * (2 * f - m)) - 0.0006 * Math.Sin(dr * (2 * f + mpr));
        c1 = c1 + 0.0010 * Math.Sin(dr * (2 * f - mpr)) + 0.0005 * Math.Sin(dr * (2 * mpr + m));
        // ΔT: the difference between dynamical time and universal time.
        var deltaT = t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2;
        return jd1 + c1 - deltaT;
    }

    /// <summary>Sun's apparent longitude in radians, 0 – 2π, at Julian date <paramref name="jdn"/> (UT).</summary>
    private static double SunLongitude(double jdn)
    {
        var t = (jdn - 2451545.0) / 36525;
        var t2 = t * t;
        const double dr = Math.PI / 180;
        var m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
        var l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * Math.Sin(dr * m);
        dl = dl + (0.019993 - 0.000101 * t) * Math.Sin(dr * 2 * m) + 0.000290 * Math.Sin(dr * 3 * m);
        var l = (l0 + dl) * dr;
        return l - Math.PI * 2 * Math.Floor(l / (Math.PI * 2));
    }

    /// <summary>Local day (Julian day number) on which the k-th new moon falls.</summary>
    private static int NewMoonDay(int k) => (int)Math.Floor(NewMoon(k) + 0.5 + TimeZone / 24);

    /// <summary>Which of the 12 major solar terms (30° sectors, 0–11) the sun is in at the start of a local day.</summary>
    private static int SunSector(int dayNumber) =>
        (int)Math.Floor(SunLongitude(dayNumber - 0.5 - TimeZone / 24) / Math.PI * 6);

    /// <summary>First day of lunar month 11 (the month containing the winter solstice) of solar year <paramref name="year"/>.</summary>
    private static int LunarMonth11(int year)
    {
        var offset = JulianDayNumber(new DateOnly(year, 12, 31)) - 2415021;
        var k = (int)Math.Floor(offset / SynodicMonth);
        var newMoon = NewMoonDay(k);
        // After the solstice (sun past 270°, sector 9) the month found is already month 12.
        return SunSector(newMoon) >= 9 ? NewMoonDay(k - 1) : newMoon;
    }

    /// <summary>How many months after month 11 the leap month falls: the first month without a major solar term.</summary>
    private static int LeapMonthOffset(int a11)
    {
        var k = (int)Math.Floor((a11 - NewMoonEpoch) / SynodicMonth + 0.5);
        var i = 1;
        var arc = SunSector(NewMoonDay(k + i));
        int last;
        do
        {
            last = arc;
            i++;
            arc = SunSector(NewMoonDay(k + i));
        }
        while (arc != last && i < 14);

        return i - 1;
    }
}
