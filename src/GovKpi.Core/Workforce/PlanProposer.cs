using GovKpi.Core.Organisation;

namespace GovKpi.Core.Workforce;

public enum ProposalReason
{
    /// <summary>The receiving unit is over capacity and the sending one under.</summary>
    Overload,
    /// <summary>No one in the receiving unit holds a skill it needs.</summary>
    SkillGap,
}

public sealed record ProposedLine(string StaffCode, string FullName, string FromUnitCode, string ToUnitCode, ProposalReason Reason,
    string? Skill, decimal? FromLoad, decimal? ToLoad);

/// <summary>
/// "The assistant proposes" a plan, by fixed rules (offline, the same answer every time):
/// first, while a unit is over capacity, it takes a person from the least loaded unit under
/// capacity that stays at or below the norm without them and keeps two people, preferring one
/// who holds a skill the receiving unit misses, then the least loaded, then by code; second, for
/// each skill a unit misses and no line brings, it takes a holder from a unit not over capacity
/// that does not need the skill or keeps another holder. Leaders and people already seconded
/// during the plan are never proposed; each person appears once.
/// </summary>
public static class PlanProposer
{
    public static IReadOnlyList<ProposedLine> Propose(WorkloadReport reference, CoverageReport coverage, IReadOnlyList<StaffMember> staff, DateOnly from, DateOnly to)
    {
        var units = reference.Units.ToDictionary(u => u.UnitCode, StringComparer.Ordinal);
        var gapsOf = coverage.Units.ToDictionary(u => u.UnitCode, u => u.Gaps.Select(g => g.Skill).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var loadOf = reference.Staff.GroupBy(s => s.StaffCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(s => s.Load) ?? 0m, StringComparer.Ordinal);
        var free = staff
            .Where(s => s.Leader == LeaderRole.None && !s.Secondments.Any(x => x.From < to && (x.To is null || x.To > from)))
            .ToDictionary(s => s.Code, StringComparer.Ordinal);
        var lines = new List<ProposedLine>();

        void Take(StaffMember member, string toUnit, ProposalReason reason, string? skill)
        {
            var fromUnit = member.WorkingUnitOn(from);
            var line = new SecondmentPlanLine { StaffCode = member.Code, FromUnitCode = fromUnit, ToUnitCode = toUnit, From = from, To = to };
            var before = (units.GetValueOrDefault(fromUnit)?.Load, units.GetValueOrDefault(toUnit)?.Load);
            var replayed = PlanEffect.Replay(reference with { Units = [.. units.Values] }, [line]);
            units[fromUnit] = replayed[fromUnit];
            units[toUnit] = replayed[toUnit];
            free.Remove(member.Code);
            lines.Add(new ProposedLine(member.Code, member.FullName, fromUnit, toUnit, reason, skill, before.Item1, before.Item2));
        }

        IEnumerable<StaffMember> In(string unit) => free.Values.Where(s => s.WorkingUnitOn(from) == unit);

        foreach (var over in reference.Over.Select(u => u.UnitCode).ToList())
        {
            for (var guard = 0; guard < 50 && units[over].Load > WorkloadNorms.OverAbove; guard++)
            {
                var missing = gapsOf.GetValueOrDefault(over) ?? [];
                var pick = units.Values
                    .Where(u => u.UnitCode != over && u.Capacity == Capacity.Under && u.People > 2)
                    .OrderBy(u => u.Load).ThenBy(u => u.UnitCode, StringComparer.Ordinal)
                    .SelectMany(u => In(u.UnitCode)
                        .Where(s => StaysWithinNorm(units[u.UnitCode], reference.Staff.FirstOrDefault(r => r.StaffCode == s.Code && r.UnitCode == u.UnitCode)?.DaysPresent ?? reference.WorkingDays))
                        .OrderByDescending(s => s.Skills.Any(missing.Contains))
                        .ThenBy(s => loadOf.GetValueOrDefault(s.Code))
                        .ThenBy(s => s.Code, StringComparer.Ordinal))
                    .FirstOrDefault();
                if (pick is null)
                {
                    break;
                }

                Take(pick, over, ProposalReason.Overload, pick.Skills.FirstOrDefault(missing.Contains));
            }
        }

        foreach (var unit in coverage.Units)
        {
            foreach (var gap in unit.Gaps)
            {
                if (lines.Any(l => l.ToUnitCode == unit.UnitCode && staff.First(s => s.Code == l.StaffCode).Skills.Contains(gap.Skill, StringComparer.Ordinal)))
                {
                    continue;
                }

                var pick = coverage.HoldersElsewhere(unit.UnitCode, gap.Skill)
                    .Where(h => free.ContainsKey(h.StaffCode) && units.GetValueOrDefault(h.UnitCode)?.Capacity != Capacity.Over && KeepsSkill(coverage, h.UnitCode, gap.Skill))
                    .OrderBy(h => units.GetValueOrDefault(h.UnitCode)?.Load ?? 0m)
                    .ThenBy(h => loadOf.GetValueOrDefault(h.StaffCode))
                    .ThenBy(h => h.StaffCode, StringComparer.Ordinal)
                    .FirstOrDefault();
                if (pick is not null)
                {
                    Take(free[pick.StaffCode], unit.UnitCode, ProposalReason.SkillGap, gap.Skill);
                }
            }
        }

        return lines;
    }

    private static bool StaysWithinNorm(UnitWorkload unit, int days) =>
        unit.DaysPresent - days > 0 && unit.NormDays / (unit.DaysPresent - days) <= WorkloadNorms.OverAbove;

    /// <summary>Whether the holder's unit does without the skill or keeps another holder of it.</summary>
    private static bool KeepsSkill(CoverageReport coverage, string unitCode, string skill) =>
        coverage.Units.FirstOrDefault(u => u.UnitCode == unitCode)?.Needs.FirstOrDefault(n => n.Skill == skill) is not { } need || need.Holders.Count >= 2;
}
