using System.Globalization;
using GovKpi.Core.Measurement;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.Evaluation;

public enum AbsenceKind
{
    Sick,
    Maternity,
    Other,
}

/// <summary>Leave over <c>[From, To)</c>. Time on leave is not time worked.</summary>
public sealed record Absence(DateOnly From, DateOnly To, AbsenceKind Kind);

/// <summary>A month's or quarter's final score in the agency the person then worked for.</summary>
public sealed record PeriodResult(ReportingPeriod Period, string AgencyCode, decimal Score);

/// <summary>
/// Rules on time worked (Decree 90/2020 + 48/2023 for public employees, <see cref="AppliesTo"/>):
/// fewer than <see cref="MinimumWorkedMonths"/> worked → not classified (maternity leave counts as
/// worked for this rule); absent from <see cref="CapFromAbsentMonths"/> to under
/// <see cref="CapBelowAbsentMonths"/> months → at most <see cref="CapLevel"/>.
/// </summary>
public sealed record AnnualPolicy(IReadOnlyList<StaffType> AppliesTo, decimal MinimumWorkedMonths, decimal CapFromAbsentMonths, decimal CapBelowAbsentMonths, ClassificationLevel CapLevel)
{
    public static AnnualPolicy Decree335 { get; } = new([StaffType.VienChuc], 6, 3, 6, ClassificationLevel.Ht);
}

/// <summary>Months worked in one agency during the year and the mean score there.</summary>
public sealed record AgencyTime(string AgencyCode, decimal WorkedMonths, decimal MeanScore);

/// <summary>
/// The year score: the mean of the period scores weighted by the months actually worked in each
/// period, so a month on leave counts for nothing and a transferred person's two agencies count
/// by the time spent in each. <see cref="Score"/> is null when no time was worked.
/// <see cref="AgencyCode"/> is the agency of the latest period: the one that classifies.
/// </summary>
public sealed record YearScore(string StaffCode, int Year, decimal? Score, string AgencyCode, decimal WorkedMonths, decimal AbsentMonths,
    bool NotClassified, ClassificationLevel? AtMost, IReadOnlyList<AgencyTime> Agencies, IReadOnlyList<Explanation> Explanations)
{
    public static YearScore Compute(string staffCode, StaffType type, int year, IReadOnlyList<PeriodResult> periods, IReadOnlyList<Absence> absences, EvaluationPolicy policy)
    {
        if (periods.Count == 0)
        {
            throw new ArgumentException($"{staffCode}: no period result in {year}.", nameof(periods));
        }

        var ordered = periods.OrderBy(p => p.Period.From).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var period = ordered[i].Period;
            if (period.From.Year != year || period.To > new DateOnly(year + 1, 1, 1))
            {
                throw new ArgumentException($"{staffCode}: the period {period} is not inside {year}.", nameof(periods));
            }

            if (i > 0 && ordered[i - 1].Period.To > period.From)
            {
                throw new ArgumentException($"{staffCode}: the periods {ordered[i - 1].Period} and {period} overlap.", nameof(periods));
            }
        }

        var leave = new Dictionary<DateOnly, AbsenceKind>();
        foreach (var absence in absences)
        {
            for (var day = absence.From; day < absence.To; day = day.AddDays(1))
            {
                leave.TryAdd(day, absence.Kind);
            }
        }

        var lines = ordered.Select(p =>
        {
            var days = Days(p.Period.From, p.Period.To).ToList();
            var worked = Months(days.Where(d => !leave.ContainsKey(d)));
            return (Result: p, Months: Months(days), Worked: worked, Absent: Months(days.Where(leave.ContainsKey)),
                Maternity: Months(days.Where(d => leave.TryGetValue(d, out var k) && k == AbsenceKind.Maternity)));
        }).ToList();

        var workedMonths = lines.Sum(l => l.Worked);
        var absentMonths = lines.Sum(l => l.Absent);
        var agency = ordered[^1].AgencyCode;
        var agencies = lines.Where(l => l.Worked > 0).GroupBy(l => l.Result.AgencyCode)
            .Select(g => new AgencyTime(g.Key, g.Sum(l => l.Worked), Show.Round(g.Sum(l => l.Result.Score * l.Worked) / g.Sum(l => l.Worked), policy.ScoreDecimals)))
            .ToList();
        var explanations = new List<Explanation>
        {
            Explanation.Of("TimeWorked", $"{Show.N(lines.Sum(l => l.Months))} − {Show.N(absentMonths)} = {Show.N(workedMonths)}",
                Show.N(lines.Sum(l => l.Months)), Show.N(absentMonths), Show.N(workedMonths)),
        };

        var rules = policy.Annual;
        var ruled = rules.AppliesTo.Contains(type);
        // Maternity leave counts as time worked for the minimum, not for the score.
        var countedMonths = workedMonths + lines.Sum(l => l.Maternity);
        var minimum = ruled ? rules.MinimumWorkedMonths : 0;
        if (workedMonths == 0 || countedMonths < minimum)
        {
            explanations.Add(Explanation.Of("NotClassified", workedMonths == 0 ? "0" : $"{Show.N(countedMonths)} < {Show.N(minimum)}",
                Show.N(countedMonths), Show.N(minimum)));
            return new(staffCode, year, null, agency, workedMonths, absentMonths, true, null, agencies, explanations);
        }

        var counted = lines.Where(l => l.Worked > 0).ToList();
        var score = Show.Round(counted.Sum(l => l.Result.Score * l.Worked) / workedMonths, policy.ScoreDecimals);
        var terms = agencies.Count > 1
            ? agencies.Select(a => $"{Show.N(a.MeanScore)} × {Show.N(a.WorkedMonths)} [{a.AgencyCode}]")
            : counted.Select(l => $"{Show.N(l.Result.Score)} × {Show.N(l.Worked)}");
        explanations.Add(Explanation.Of(agencies.Count > 1 ? "YearScoreAgencies" : "YearScore",
            $"({string.Join(" + ", terms)}) ÷ {Show.N(workedMonths)} = {Show.N(score)}",
            Show.N(score), Show.N(workedMonths), agencies.Count.ToString(CultureInfo.InvariantCulture)));

        ClassificationLevel? cap = null;
        if (ruled && absentMonths >= rules.CapFromAbsentMonths && absentMonths < rules.CapBelowAbsentMonths)
        {
            cap = rules.CapLevel;
            explanations.Add(Explanation.Of("AbsenceCap", $"{Show.N(rules.CapFromAbsentMonths)} ≤ {Show.N(absentMonths)} < {Show.N(rules.CapBelowAbsentMonths)} → ≤ {cap.Value.ToString().ToUpperInvariant()}",
                Show.N(absentMonths), cap.Value.ToString().ToUpperInvariant()));
        }

        return new(staffCode, year, score, agency, workedMonths, absentMonths, false, cap, agencies, explanations);
    }

    private static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var day = from; day < to; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    /// <summary>Days as months: each calendar month's days ÷ its length, so a whole month is exactly 1.</summary>
    private static decimal Months(IEnumerable<DateOnly> days) =>
        Math.Round(days.GroupBy(d => (d.Year, d.Month)).Sum(g => (decimal)g.Count() / DateTime.DaysInMonth(g.Key.Year, g.Key.Month)), 4, MidpointRounding.AwayFromZero);
}
