using GovKpi.Core;
using GovKpi.Data.Resources;

namespace GovKpi.Data.Files;

/// <summary>
/// Parses the scalar values of the contract files (CONTRACTS.md) from spans, without allocating:
/// times, dates, booleans and whole numbers. Each parser either gives the value or a reason
/// that quotes the text and says what was expected (<see cref="DataText"/>, formatted only then).
/// </summary>
public static class ContractValues
{
    /// <summary>The time layout as the English refusal names it (the Vietnamese one spells it in its own words).</summary>
    public const string TimeFormat = "YYYY-MM-DDTHH:MM:SS with an optional fraction and an optional offset (Z or ±HH:MM; none means +07:00)";

    private const long MaxOffsetMinutes = 14 * 60;

    /// <summary>
    /// An ISO 8601 time in extended format: <c>2025-07-03T08:15:00+07:00</c>, <c>…Z</c>, any
    /// offset up to ±14:00, or no offset (read as Asia/Ho_Chi_Minh, +07:00); seconds may carry a
    /// fraction (<c>08:15:00.250</c>, digits beyond the 100 ns tick are dropped) and may be left
    /// out (<c>08:15</c>). Anything else, such as a space instead of <c>T</c> or a date alone, is
    /// rejected.
    /// </summary>
    public static bool TryParseTime(ReadOnlySpan<char> text, out DateTimeOffset value, out string? reason)
    {
        reason = null;
        if (text.Length == 25 && TryParseWithSecondsAndOffset(text, out value))
        {
            return true;
        }

        value = default;
        if (text.Length < 16 || !TryDate(text[..10], out var year, out var month, out var day) || text[10] != 'T'
            || !TwoDigits(text, 11, out var hour) || text[13] != ':' || !TwoDigits(text, 14, out var minute))
        {
            reason = NotATime(text);
            return false;
        }

        var position = 16;
        var second = 0;
        long fractionTicks = 0;
        if (position < text.Length && text[position] == ':')
        {
            if (!TwoDigits(text, position + 1, out second))
            {
                reason = NotATime(text);
                return false;
            }

            position += 3;
            if (position < text.Length && text[position] == '.')
            {
                position++;
                var start = position;
                long scale = TimeSpan.TicksPerSecond;
                while (position < text.Length && IsDigit(text[position]))
                {
                    if (scale > 1)
                    {
                        scale /= 10;
                        fractionTicks += (text[position] - '0') * scale;
                    }

                    position++;
                }

                if (position == start)
                {
                    reason = NotATime(text);
                    return false;
                }
            }
        }

        TimeSpan offset;
        var rest = text[position..];
        if (rest.IsEmpty)
        {
            offset = VietnamTime.Offset;
        }
        else if (rest is "Z")
        {
            offset = TimeSpan.Zero;
        }
        else if (rest.Length == 6 && rest[0] is '+' or '-' && TwoDigits(rest, 1, out var offsetHours) && rest[3] == ':'
            && TwoDigits(rest, 4, out var offsetMinutes) && offsetMinutes < 60)
        {
            var minutes = offsetHours * 60 + offsetMinutes;
            if (minutes > MaxOffsetMinutes)
            {
                reason = DataText.Get("Record.OffsetTooLarge", text.ToString(), rest.ToString());
                return false;
            }

            offset = TimeSpan.FromMinutes(rest[0] == '-' ? -minutes : minutes);
        }
        else
        {
            reason = NotATime(text);
            return false;
        }

        if (!ValidDate(year, month, day) || hour > 23 || minute > 59 || second > 59)
        {
            reason = DataText.Get("Record.NoSuchTime", text.ToString());
            return false;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second).Ticks + fractionTicks;
        var utcTicks = ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            reason = DataText.Get("Record.TimeOutOfRange", text.ToString());
            return false;
        }

        value = new DateTimeOffset(ticks, offset);
        return true;
    }

    /// <summary>
    /// The layout GovKpi and most systems write, <c>2025-07-03T08:15:00+07:00</c>, parsed with
    /// fixed positions: a million-row dossier file holds five million times. False for anything
    /// else, which the general parser then reads or rejects with a reason.
    /// </summary>
    private static bool TryParseWithSecondsAndOffset(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        if (text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[22] != ':'
            || text[19] is not ('+' or '-')
            || !TwoDigits(text, 0, out var century) || !TwoDigits(text, 2, out var yearOfCentury) || !TwoDigits(text, 5, out var month)
            || !TwoDigits(text, 8, out var day) || !TwoDigits(text, 11, out var hour) || !TwoDigits(text, 14, out var minute)
            || !TwoDigits(text, 17, out var second) || !TwoDigits(text, 20, out var offsetHours) || !TwoDigits(text, 23, out var offsetMinutes))
        {
            return false;
        }

        var year = century * 100 + yearOfCentury;
        var offset = offsetHours * 60 + offsetMinutes;
        if (year == 0 || !ValidDate(year, month, day) || hour > 23 || minute > 59 || second > 59 || offsetMinutes > 59 || offset > MaxOffsetMinutes)
        {
            return false;
        }

        var ticks = (long)new DateOnly(year, month, day).DayNumber * TimeSpan.TicksPerDay
            + hour * TimeSpan.TicksPerHour + minute * TimeSpan.TicksPerMinute + second * TimeSpan.TicksPerSecond;
        var offsetTicks = (text[19] == '-' ? -offset : offset) * TimeSpan.TicksPerMinute;
        if (ticks - offsetTicks < DateTime.MinValue.Ticks || ticks - offsetTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(ticks, new TimeSpan(offsetTicks));
        return true;
    }

    /// <summary>A date <c>YYYY-MM-DD</c>.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly value, out string? reason)
    {
        value = default;
        if (text.Length != 10 || !TryDate(text, out var year, out var month, out var day))
        {
            reason = DataText.Get("Record.NotADate", text.ToString());
            return false;
        }

        if (!ValidDate(year, month, day))
        {
            reason = DataText.Get("Record.NoSuchDay", text.ToString());
            return false;
        }

        value = new DateOnly(year, month, day);
        reason = null;
        return true;
    }

    /// <summary><c>true</c>/<c>false</c>, also <c>1</c>/<c>0</c>.</summary>
    public static bool TryParseBoolean(ReadOnlySpan<char> text, out bool value, out string? reason)
    {
        reason = null;
        switch (text)
        {
            case "true" or "1":
                value = true;
                return true;
            case "false" or "0":
                value = false;
                return true;
            default:
                value = false;
                reason = DataText.Get("Record.NotABoolean", text.ToString());
                return false;
        }
    }

    /// <summary>A whole number written with digits only (a leading <c>-</c> when negative), within <c>[minimum, maximum]</c>.</summary>
    public static bool TryParseWholeNumber(ReadOnlySpan<char> text, int minimum, int maximum, out int value, out string? reason)
    {
        if (!int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out value)
            || text[0] == '+')
        {
            reason = DataText.Get("Record.NotAWholeNumber", text.ToString());
            return false;
        }

        if (value < minimum || value > maximum)
        {
            reason = maximum == int.MaxValue ? DataText.Get("Record.NumberAtLeast", value, minimum) : DataText.Get("Record.NumberBetween", value, minimum, maximum);
            return false;
        }

        reason = null;
        return true;
    }

    private static string NotATime(ReadOnlySpan<char> text) => DataText.Get("Record.NotATime", text.ToString(), TimeFormat);

    private static bool TryDate(ReadOnlySpan<char> text, out int year, out int month, out int day)
    {
        month = day = 0;
        year = 0;
        return TwoDigits(text, 0, out var century) && TwoDigits(text, 2, out var yearOfCentury) && text[4] == '-'
            && TwoDigits(text, 5, out month) && text[7] == '-' && TwoDigits(text, 8, out day)
            && (year = century * 100 + yearOfCentury) > 0;
    }

    private static bool ValidDate(int year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    private static bool TwoDigits(ReadOnlySpan<char> text, int at, out int value)
    {
        value = 0;
        if (at + 1 >= text.Length)
        {
            return false;
        }

        var tens = (uint)(text[at] - '0');
        var units = (uint)(text[at + 1] - '0');
        if (tens > 9 || units > 9)
        {
            return false;
        }

        value = (int)(tens * 10 + units);
        return true;
    }

    private static bool IsDigit(char c) => (uint)(c - '0') <= 9;
}
