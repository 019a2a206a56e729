using GovKpi.Core.Measurement;

namespace GovKpi.Core.DataQuestions;

/// <summary>Who the rows of the answer are.</summary>
public enum SubjectLevel
{
    /// <summary>UBND xã / phường / đặc khu, each with its whole subtree.</summary>
    Commune,
    /// <summary>Sở, ban, ngành of the province, each with its whole subtree.</summary>
    Agency,
    /// <summary>Every unit that has records of its own.</summary>
    Unit,
    /// <summary>Each staff member (handler).</summary>
    Staff,
}

public enum Ranking
{
    Highest,
    Lowest,
}

/// <summary>
/// A measure the user can ask about: a KPI formula of the engine, or the complement of the
/// on-time rate (<c>tỷ lệ trễ hạn</c> is 1 − <c>on_time_rate</c>, over the same denominator).
/// </summary>
public sealed record DataMeasure(string Kpi, bool Complement)
{
    /// <summary>The code shown to users and used for localised names: the KPI code, or <c>late_rate</c>.</summary>
    public string Code => Complement ? "late_rate" : Kpi;

    /// <summary>Whether a higher value is better (decides what "best" and "worst" mean).</summary>
    public bool HigherIsBetter => Complement != Kpi switch
    {
        KpiFormula.ErrorReturnRate or KpiFormula.ComplaintRate => false,
        _ => true,
    };

    /// <summary>The measure's value from the KPI's numerator and denominator; null when the denominator is zero.</summary>
    public double? Of(KpiValue value) => value.Value is not { } v ? null : Complement ? 1 - v : v;

    /// <summary>The records the measure counts: for the complement, the denominator's records not in the numerator.</summary>
    public decimal Numerator(KpiValue value) => Complement ? value.Denominator - value.Numerator : value.Numerator;
}

/// <summary>
/// A question on the data, mapped to one whitelisted query over the KPI engine: one measure,
/// per subject of one level, over one period, ranked. Nothing else can be asked, so nothing else
/// can be run (issue 5, item 7: never generated SQL).
/// </summary>
public sealed record DataQuestion(DataMeasure Measure, SubjectLevel Level, ReportingPeriod Period, PeriodKind PeriodKind, Ranking Ranking, int Top)
{
    public const int DefaultTop = 10;
    public const int MaximumTop = 50;
}

public enum PeriodKind
{
    Month,
    Quarter,
    Year,
}

/// <summary>What a question lacks to be answered, or what it asks that cannot be answered.</summary>
public enum DataQuestionProblem
{
    /// <summary>No measure the engine computes was named.</summary>
    NoMeasure,
    /// <summary>A period was named that does not exist (month 13, quarter 5).</summary>
    InvalidPeriod,
}

/// <summary>The result of <see cref="DataQuestionParser.Parse"/>: a question, or the problems that stop it.</summary>
public sealed record DataQuestionParse(DataQuestion? Question, IReadOnlyList<DataQuestionProblem> Problems, bool PeriodAssumed);
