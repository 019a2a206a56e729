using GovKpi.Core.Measurement;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.Evaluation;

/// <summary>The kinds of leave HR records (nghỉ phép năm, ốm đau, thai sản, đi học, không lương).</summary>
public enum LeaveKind
{
    Annual,
    Sick,
    Maternity,
    Training,
    Unpaid,
}

/// <summary>One leave of a staff member over <c>[From, To)</c> (the end is exclusive, as in every period of GovKpi).</summary>
public sealed record LeaveRecord(string StaffCode, LeaveKind Kind, DateOnly From, DateOnly To);

/// <summary>
/// How leave reduces the time worked that Decree 335's rules read (<see cref="YearScore"/>: the
/// year score weighted by months worked, the six-month minimum, the cap after three months away).
/// Annual leave is paid working time (Labour Code art. 113, Law on Cadres and Civil Servants): it
/// is time worked. Sick leave and maternity leave are absences of their own kind (maternity counts
/// as worked for the minimum only). Training away from the post and unpaid leave are time not worked.
/// </summary>
public static class Leave
{
    /// <summary>The absence a leave is for the rules on time worked, or null when it is time worked.</summary>
    public static AbsenceKind? AbsenceOf(LeaveKind kind) => kind switch
    {
        LeaveKind.Annual => null,
        LeaveKind.Sick => AbsenceKind.Sick,
        LeaveKind.Maternity => AbsenceKind.Maternity,
        _ => AbsenceKind.Other,
    };

    /// <summary>The absences of <paramref name="records"/> that are not time worked.</summary>
    public static IReadOnlyList<Absence> Absences(IEnumerable<LeaveRecord> records) =>
        records.Where(r => AbsenceOf(r.Kind) is not null).OrderBy(r => r.From).Select(r => new Absence(r.From, r.To, AbsenceOf(r.Kind)!.Value)).ToList();

    /// <summary>Days of <c>[from, to)</c> not worked because of <paramref name="records"/> (overlapping leave counted once).</summary>
    public static int DaysAway(DateOnly from, DateOnly to, IEnumerable<LeaveRecord> records)
    {
        var away = new HashSet<DateOnly>();
        foreach (var absence in Absences(records))
        {
            for (var day = absence.From > from ? absence.From : from; day < absence.To && day < to; day = day.AddDays(1))
            {
                away.Add(day);
            }
        }

        return away.Count;
    }

    /// <summary>Whether the person was away for every day of <c>[from, to)</c>: nothing can be expected of them in that period's cycle.</summary>
    public static bool AwayAll(DateOnly from, DateOnly to, IEnumerable<LeaveRecord> records) =>
        DaysAway(from, to, records) >= to.DayNumber - from.DayNumber;

    /// <summary>
    /// For a cycle over a whole year (the annual evaluation of a unit): the level the rules on time
    /// worked hold the person at, as the annual classification would (e.g. at most HT for a public
    /// employee away from three to under six months); null when they do not.
    /// </summary>
    public static ClassificationLevel? YearCap(string staffCode, StaffType type, int year, IEnumerable<LeaveRecord> records, EvaluationPolicy policy) =>
        YearScore.Compute(staffCode, type, year, [new PeriodResult(ReportingPeriod.Year(year), "", 0)], Absences(records), policy).AtMost;
}
