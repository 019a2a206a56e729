using GovKpi.Core.Organisation;

namespace GovKpi.Core.Workforce;

/// <summary>What skill coverage reads: the day, the people, the requirements and the procedures each unit handled.</summary>
public sealed record CoverageInputs(
    DateOnly Day, IReadOnlyList<StaffMember> Staff, IReadOnlyList<PositionSkill> PositionSkills, IReadOnlyList<ProcedureSkill> ProcedureSkills,
    IReadOnlyList<(string UnitCode, string ProcedureCode)> Handled)
{
    public CoverageReport Compute(Func<StaffMember, string>? workingUnit = null) =>
        SkillCoverage.Compute(Day, Staff, PositionSkills, ProcedureSkills, Handled, workingUnit);
}

public sealed record UnitEffect(
    string UnitCode, int PeopleBefore, int PeopleAfter, decimal? LoadBefore, decimal? LoadAfter,
    decimal CoveredBefore, decimal CoveredAfter, IReadOnlyList<string> GapsBefore, IReadOnlyList<string> GapsAfter);

/// <summary>
/// The effect of a plan before it is approved, for every unit it sends people from or to. The
/// workload replays the reference period (the last one of the plan's length) with the plan's
/// people present in the receiving unit instead: each unit keeps its own work, so the sending
/// unit's load per person rises and the receiving unit's falls. Coverage is read on the day with
/// the plan's people counted where they are sent.
/// </summary>
public static class PlanEffect
{
    public static IReadOnlyList<UnitEffect> Of(IReadOnlyList<SecondmentPlanLine> lines, WorkloadReport reference, CoverageInputs coverage)
    {
        var moved = lines.GroupBy(l => l.StaffCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var after = Replay(reference, moved.Values);
        var coverageBefore = coverage.Compute();
        var coverageAfter = coverage.Compute(s => moved.TryGetValue(s.Code, out var line) ? line.ToUnitCode : s.WorkingUnitOn(coverage.Day));
        var units = lines.SelectMany(l => new[] { l.FromUnitCode, l.ToUnitCode }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return [.. units.Select(unit =>
        {
            var before = reference.Units.FirstOrDefault(u => u.UnitCode == unit);
            var changed = after.GetValueOrDefault(unit);
            var cb = coverageBefore.Units.FirstOrDefault(u => u.UnitCode == unit);
            var ca = coverageAfter.Units.FirstOrDefault(u => u.UnitCode == unit);
            return new UnitEffect(unit, before?.People ?? 0, changed?.People ?? 0, before?.Load, changed?.Load,
                cb?.Covered ?? 1m, ca?.Covered ?? 1m, [.. cb?.Gaps.Select(g => g.Skill) ?? []], [.. ca?.Gaps.Select(g => g.Skill) ?? []]);
        })];
    }

    /// <summary>The units of <paramref name="reference"/> with each moved person's days present counted in the receiving unit.</summary>
    public static Dictionary<string, UnitWorkload> Replay(WorkloadReport reference, IEnumerable<SecondmentPlanLine> moved)
    {
        var units = reference.Units.ToDictionary(u => u.UnitCode, StringComparer.Ordinal);
        foreach (var line in moved)
        {
            var days = reference.Staff.FirstOrDefault(s => s.StaffCode == line.StaffCode && s.UnitCode == line.FromUnitCode)?.DaysPresent ?? reference.WorkingDays;
            units[line.FromUnitCode] = Shift(units.GetValueOrDefault(line.FromUnitCode) ?? Empty(line.FromUnitCode), -1, -days);
            units[line.ToUnitCode] = Shift(units.GetValueOrDefault(line.ToUnitCode) ?? Empty(line.ToUnitCode), 1, days);
        }

        return units;
    }

    private static UnitWorkload Empty(string unit) => new(unit, 0, 0, 0, 0, 0);

    private static UnitWorkload Shift(UnitWorkload unit, int people, int days) =>
        unit with { People = Math.Max(0, unit.People + people), DaysPresent = Math.Max(0, unit.DaysPresent + days) };
}
