using GovKpi.Core.Calendar;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.Workforce;

/// <summary>What a person did on one day: dossiers finished as handler and standard products submitted.</summary>
public sealed record WorkDone(string StaffCode, DateOnly Day, int Dossiers, decimal StandardProducts);

public enum Capacity
{
    Under,
    Within,
    Over,
}

/// <summary>One person's load in one unit over a period (a secondee has a row in each unit they worked in).</summary>
public sealed record StaffWorkload(
    string StaffCode, string FullName, string PositionCode, string UnitCode, int DaysPresent, int Dossiers, decimal StandardProducts, decimal NormDays)
{
    /// <summary>Norm days of work per day present; 1 is exactly the norm. Null when the person was never present.</summary>
    public decimal? Load => DaysPresent == 0 ? null : Math.Round(NormDays / DaysPresent, 3);
}

public sealed record UnitWorkload(string UnitCode, int People, int DaysPresent, int Dossiers, decimal StandardProducts, decimal NormDays)
{
    /// <summary>Norm days of work per staff day present: the workload per staff member against the norm.</summary>
    public decimal? Load => DaysPresent == 0 ? null : Math.Round(NormDays / DaysPresent, 3);

    public Capacity Capacity => Load switch
    {
        null => Capacity.Within,
        > WorkloadNorms.OverAbove => Capacity.Over,
        < WorkloadNorms.UnderBelow => Capacity.Under,
        _ => Capacity.Within,
    };
}

public sealed record WorkloadPeriod(DateOnly From, DateOnly To, IReadOnlyList<UnitWorkload> Units);

/// <summary>The workload of a period, units ranked from the most over capacity, with the same figures for the periods before.</summary>
public sealed record WorkloadReport(
    DateOnly From, DateOnly To, int WorkingDays, IReadOnlyList<UnitWorkload> Units, IReadOnlyList<StaffWorkload> Staff, IReadOnlyList<WorkloadPeriod> Trend)
{
    public IEnumerable<UnitWorkload> Over => Units.Where(u => u.Capacity == Capacity.Over);

    public IEnumerable<UnitWorkload> Under => Units.Where(u => u.Capacity == Capacity.Under);

    /// <summary>The load of <paramref name="unitCode"/> in each earlier period, oldest first.</summary>
    public IReadOnlyList<decimal?> TrendOf(string unitCode) =>
        [.. Trend.Select(p => p.Units.FirstOrDefault(u => u.UnitCode == unitCode)?.Load)];
}

/// <summary>
/// Workload per staff member and per unit (issue 14): the dossiers and standard products of each
/// working day, counted in the unit where the person worked that day (a secondee's work and days
/// count where they were seconded), against the norm of their position. Days on leave of any
/// kind are not days present: even paid annual leave is a day the unit did without the person.
/// Work recorded on a day off still counts, in the unit of that day.
/// </summary>
public static class Workload
{
    public static WorkloadReport Compute(
        DateOnly from, DateOnly to, IReadOnlyList<StaffMember> staff, IEnumerable<WorkDone> work, IEnumerable<LeaveRecord> leave,
        WorkloadNorms norms, WorkingCalendar calendar, int previousPeriods = 3)
    {
        var workList = work.ToList();
        var leaveList = leave.ToList();
        var (units, people) = Period(from, to, staff, workList, leaveList, norms, calendar);
        var length = to.DayNumber - from.DayNumber;
        var trend = new List<WorkloadPeriod>();
        for (var k = previousPeriods; k >= 1 && length > 0; k--)
        {
            var (f, t) = (from.AddDays(-k * length), to.AddDays(-k * length));
            trend.Add(new WorkloadPeriod(f, t, Period(f, t, staff, workList, leaveList, norms, calendar).Units));
        }

        return new WorkloadReport(from, to, calendar.WorkingDays(from, to), units, people, trend);
    }

    private static (IReadOnlyList<UnitWorkload> Units, IReadOnlyList<StaffWorkload> Staff) Period(
        DateOnly from, DateOnly to, IReadOnlyList<StaffMember> staff, List<WorkDone> work, List<LeaveRecord> leave,
        WorkloadNorms norms, WorkingCalendar calendar)
    {
        var away = new HashSet<(string, DateOnly)>();
        foreach (var record in leave.Where(l => l.From < to && l.To > from))
        {
            for (var day = record.From > from ? record.From : from; day < record.To && day < to; day = day.AddDays(1))
            {
                away.Add((record.StaffCode, day));
            }
        }

        var byCode = staff.ToDictionary(s => s.Code, StringComparer.Ordinal);
        var rows = new Dictionary<(string Staff, string Unit), (int Days, int Dossiers, decimal Products)>();
        foreach (var member in staff)
        {
            for (var day = from; day < to; day = day.AddDays(1))
            {
                if (calendar.IsWorkingDay(day) && !away.Contains((member.Code, day)))
                {
                    var key = (member.Code, member.WorkingUnitOn(day));
                    var row = rows.GetValueOrDefault(key);
                    rows[key] = row with { Days = row.Days + 1 };
                }
            }
        }

        foreach (var done in work.Where(w => w.Day >= from && w.Day < to))
        {
            if (byCode.TryGetValue(done.StaffCode, out var member))
            {
                var key = (member.Code, member.WorkingUnitOn(done.Day));
                var row = rows.GetValueOrDefault(key);
                rows[key] = row with { Dossiers = row.Dossiers + done.Dossiers, Products = row.Products + done.StandardProducts };
            }
        }

        var people = rows
            .Select(r =>
            {
                var member = byCode[r.Key.Staff];
                var norm = norms.For(member.PositionCode);
                return new StaffWorkload(member.Code, member.FullName, member.PositionCode, r.Key.Unit, r.Value.Days, r.Value.Dossiers,
                    r.Value.Products, Math.Round(norm.NormDays(r.Value.Dossiers, r.Value.Products), 3));
            })
            .OrderByDescending(s => s.Load ?? decimal.MinValue).ThenBy(s => s.StaffCode, StringComparer.Ordinal)
            .ToList();
        var units = people.GroupBy(p => p.UnitCode, StringComparer.Ordinal)
            .Select(g => new UnitWorkload(g.Key, g.Count(p => p.DaysPresent > 0), g.Sum(p => p.DaysPresent), g.Sum(p => p.Dossiers),
                g.Sum(p => p.StandardProducts), g.Sum(p => p.NormDays)))
            .OrderByDescending(u => u.Load ?? decimal.MinValue).ThenBy(u => u.UnitCode, StringComparer.Ordinal)
            .ToList();
        return (units, people);
    }
}
