using System.Globalization;

namespace GovKpi.Core.Measurement;

/// <summary>
/// A period <c>[From, To)</c> in local (Vietnam, UTC+7) dates: <c>2025-07-01 → 2025-10-01</c> is
/// Q3 2025. Record times are compared as instants against its local midnight bounds.
/// </summary>
public readonly record struct ReportingPeriod
{
    public ReportingPeriod(DateOnly from, DateOnly to)
    {
        if (to <= from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), string.Create(CultureInfo.InvariantCulture, $"The period must end after it starts ({from:yyyy-MM-dd} → {to:yyyy-MM-dd})."));
        }

        From = from;
        To = to;
        Start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), VietnamTime.Offset);
        End = new DateTimeOffset(to.ToDateTime(TimeOnly.MinValue), VietnamTime.Offset);
    }

    public DateOnly From { get; }
    public DateOnly To { get; }
    public DateTimeOffset Start { get; }
    public DateTimeOffset End { get; }

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    public static ReportingPeriod Month(int year, int month) => new(new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1));

    public static ReportingPeriod Quarter(int year, int quarter) => new(new DateOnly(year, quarter * 3 - 2, 1), new DateOnly(year, quarter * 3 - 2, 1).AddMonths(3));

    public static ReportingPeriod Year(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{From:yyyy-MM-dd}/{To:yyyy-MM-dd}");
}
