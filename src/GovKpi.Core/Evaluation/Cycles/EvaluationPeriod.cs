using GovKpi.Core.Measurement;

namespace GovKpi.Core.Evaluation.Cycles;

/// <summary>A month, quarter or year that a cycle evaluates, as local dates <c>[From, To)</c>.</summary>
public sealed record EvaluationPeriod
{
    private EvaluationPeriod(PeriodKind kind, int year, int number, ReportingPeriod dates)
    {
        Kind = kind;
        Year = year;
        Number = number;
        Dates = dates;
    }

    public PeriodKind Kind { get; }
    public int Year { get; }
    /// <summary>Month 1–12, quarter 1–4, or 1 for a year.</summary>
    public int Number { get; }
    public ReportingPeriod Dates { get; }
    public DateOnly From => Dates.From;
    public DateOnly To => Dates.To;

    /// <summary><c>2026-03</c>, <c>2026-Q1</c> or <c>2026</c>.</summary>
    public string Label => Kind switch
    {
        PeriodKind.Month => $"{Year:0000}-{Number:00}",
        PeriodKind.Quarter => $"{Year:0000}-Q{Number}",
        _ => $"{Year:0000}",
    };

    /// <summary>The period, or null when the number does not fit the kind or the year is out of 2000–2100.</summary>
    public static EvaluationPeriod? Create(PeriodKind kind, int year, int? number)
    {
        if (year is < 2000 or > 2100)
        {
            return null;
        }

        return kind switch
        {
            PeriodKind.Month when number is >= 1 and <= 12 => new(kind, year, number.Value, ReportingPeriod.Month(year, number.Value)),
            PeriodKind.Quarter when number is >= 1 and <= 4 => new(kind, year, number.Value, ReportingPeriod.Quarter(year, number.Value)),
            PeriodKind.Year when number is null or 1 => new(kind, year, 1, ReportingPeriod.Year(year)),
            _ => null,
        };
    }

    /// <summary>The period that starts on <paramref name="from"/>, as stored with a cycle.</summary>
    public static EvaluationPeriod Of(PeriodKind kind, DateOnly from) => Create(kind, from.Year, kind switch
    {
        PeriodKind.Month => from.Month,
        PeriodKind.Quarter => (from.Month + 2) / 3,
        _ => 1,
    }) ?? throw new ArgumentOutOfRangeException(nameof(from), from, "Not the start of a period.");
}
