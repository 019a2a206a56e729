using GovKpi.Core.Organisation;

namespace GovKpi.Core.Workforce;

/// <summary>A skill every holder of a position needs in their unit.</summary>
public sealed record PositionSkill(string PositionCode, string Skill);

/// <summary>A skill a unit needs when it handles dossiers of a procedure.</summary>
public sealed record ProcedureSkill(string ProcedureCode, string Skill);

/// <summary>One skill a unit needs: why (positions and procedures) and who in the unit holds it.</summary>
public sealed record SkillNeed(string Skill, IReadOnlyList<string> Positions, IReadOnlyList<string> Procedures, IReadOnlyList<string> Holders)
{
    public bool Gap => Holders.Count == 0;
}

public sealed record UnitCoverage(string UnitCode, int People, IReadOnlyList<SkillNeed> Needs)
{
    public IEnumerable<SkillNeed> Gaps => Needs.Where(n => n.Gap);

    /// <summary>The share of needed skills someone in the unit holds; 1 when the unit needs none.</summary>
    public decimal Covered => Needs.Count == 0 ? 1m : Math.Round((decimal)Needs.Count(n => !n.Gap) / Needs.Count, 3);
}

/// <summary>Someone who holds a skill, and the unit they work in.</summary>
public sealed record SkillHolder(string StaffCode, string FullName, string UnitCode);

/// <summary>A skill missing somewhere in the province: the units that lack it and the people elsewhere who hold it.</summary>
public sealed record SkillGap(string Skill, IReadOnlyList<string> Units, IReadOnlyList<SkillHolder> Holders);

public sealed record CoverageReport(DateOnly Day, IReadOnlyList<UnitCoverage> Units, IReadOnlyList<SkillGap> Skills)
{
    /// <summary>The people outside <paramref name="unitCode"/> who hold <paramref name="skill"/>.</summary>
    public IEnumerable<SkillHolder> HoldersElsewhere(string unitCode, string skill) =>
        Skills.FirstOrDefault(s => s.Skill == skill)?.Holders.Where(h => h.UnitCode != unitCode) ?? [];
}

/// <summary>
/// Skill coverage (issue 14): a unit needs the skills its people's positions require and those
/// of the procedures it handled; it holds the skills of the people working in it on the day
/// (secondees where they are seconded). A need no one there holds is a gap.
/// </summary>
public static class SkillCoverage
{
    /// <param name="handled">The procedures each unit handled in the period read (unit code, procedure code).</param>
    /// <param name="workingUnit">Where a person works on the day; a plan's "after" passes its own placement.</param>
    public static CoverageReport Compute(
        DateOnly day, IReadOnlyList<StaffMember> staff, IEnumerable<PositionSkill> positionSkills, IEnumerable<ProcedureSkill> procedureSkills,
        IEnumerable<(string UnitCode, string ProcedureCode)> handled, Func<StaffMember, string>? workingUnit = null)
    {
        workingUnit ??= s => s.WorkingUnitOn(day);
        var byPosition = positionSkills.ToLookup(p => p.PositionCode, p => p.Skill, StringComparer.Ordinal);
        var byProcedure = procedureSkills.ToLookup(p => p.ProcedureCode, p => p.Skill, StringComparer.Ordinal);
        var placed = staff.Select(s => (Member: s, Unit: workingUnit(s))).ToList();
        var handledByUnit = handled.Distinct().ToLookup(h => h.UnitCode, h => h.ProcedureCode, StringComparer.Ordinal);
        var unitCodes = placed.Select(p => p.Unit).Concat(handledByUnit.Select(g => g.Key)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

        var units = new List<UnitCoverage>();
        foreach (var unit in unitCodes)
        {
            var people = placed.Where(p => p.Unit == unit).Select(p => p.Member).ToList();
            var needs = new Dictionary<string, (SortedSet<string> Positions, SortedSet<string> Procedures)>(StringComparer.Ordinal);
            foreach (var position in people.Select(p => p.PositionCode).Distinct(StringComparer.Ordinal))
            {
                foreach (var skill in byPosition[position])
                {
                    Need(needs, skill).Positions.Add(position);
                }
            }

            foreach (var procedure in handledByUnit[unit])
            {
                foreach (var skill in byProcedure[procedure])
                {
                    Need(needs, skill).Procedures.Add(procedure);
                }
            }

            units.Add(new UnitCoverage(unit, people.Count, [.. needs.OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => new SkillNeed(
                n.Key, [.. n.Value.Positions], [.. n.Value.Procedures],
                [.. people.Where(p => p.Skills.Contains(n.Key, StringComparer.Ordinal)).Select(p => p.Code).Order(StringComparer.Ordinal)]))]));
        }

        var skills = units.SelectMany(u => u.Gaps.Select(g => (Unit: u.UnitCode, g.Skill)))
            .GroupBy(g => g.Skill, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SkillGap(g.Key, [.. g.Select(x => x.Unit)],
                [.. placed.Where(p => p.Member.Skills.Contains(g.Key, StringComparer.Ordinal))
                    .Select(p => new SkillHolder(p.Member.Code, p.Member.FullName, p.Unit)).OrderBy(h => h.StaffCode, StringComparer.Ordinal)]))
            .ToList();
        return new CoverageReport(day, units, skills);
    }

    private static (SortedSet<string> Positions, SortedSet<string> Procedures) Need(
        Dictionary<string, (SortedSet<string> Positions, SortedSet<string> Procedures)> needs, string skill)
    {
        if (!needs.TryGetValue(skill, out var need))
        {
            need = (new SortedSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal));
            needs[skill] = need;
        }

        return need;
    }
}
