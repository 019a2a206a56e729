using System.Globalization;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.Evaluation.Cycles;

/// <summary>Why a unit asked for gets no new cycle.</summary>
public enum OpeningSkip
{
    /// <summary>The unit already has a cycle for the period.</summary>
    AlreadyOpen,
    /// <summary>Nobody is evaluated in the unit for the period.</summary>
    NoStaff,
    /// <summary>The unit is no longer (or not yet) in force.</summary>
    UnitEnded,
    /// <summary>The unit lies outside the opener's unit scope.</summary>
    OutOfScope,
}

/// <summary>Which units a request for many cycles names.</summary>
public enum OpeningTarget
{
    /// <summary>The units listed one by one.</summary>
    Units,
    /// <summary>Every commune (xã, phường, đặc khu) in force in the opener's scope.</summary>
    Communes,
    /// <summary>Every unit of one agency's subtree that has someone to evaluate.</summary>
    Agency,
    /// <summary>Every unit of the opener's scope that has someone to evaluate.</summary>
    Province,
}

/// <summary>One person to evaluate in a new cycle, as they stand at opening. <see cref="HomeUnitCode"/> is set for a secondee only.</summary>
public sealed record CycleMember(string StaffCode, string StaffName, string PositionCode, PositionGroup Group, LeaderRole Leader, string? HomeUnitCode);

/// <summary>One line of a new cycle's audit trail; <see cref="StaffCode"/> names the evaluation it belongs to.</summary>
public sealed record PlannedAudit(string Action, string? StaffCode, string Field, string OldValue, string NewValue, string Reason);

/// <summary>A cycle to open: the unit, its agency (the HTXS quota is counted per agency), the people and the audit lines of the opening.</summary>
public sealed record PlannedCycle(string UnitCode, string UnitName, string AgencyCode, IReadOnlyList<CycleMember> Members, IReadOnlyList<PlannedAudit> Audit);

public sealed record SkippedUnit(string UnitCode, string UnitName, OpeningSkip Reason);

public sealed record OpeningPlan(IReadOnlyList<PlannedCycle> Cycles, IReadOnlyList<SkippedUnit> Skipped);

/// <summary>A cycle opened: its record, its people's evaluations and the first entries of its audit trail.</summary>
public sealed record OpenedCycle(EvaluationCycle Cycle, IReadOnlyList<StaffEvaluation> Evaluations, IReadOnlyList<AuditEntry> Audit);

/// <summary>
/// What opening cycles needs to know, loaded once for any number of units: the tree, the opener's
/// scope, every staff member (secondments decide where a person is evaluated), the position
/// groups and the units that already have a cycle for the period.
/// </summary>
public sealed record OpeningFacts(
    OrganisationTree Tree,
    IReadOnlySet<string> Scope,
    IReadOnlyList<StaffMember> Staff,
    IReadOnlyDictionary<string, PositionGroup> Groups,
    IReadOnlySet<string> UnitsWithCycle,
    EvaluationPeriod Period,
    string PolicyCode,
    StageDeadlines Deadlines,
    DateOnly Today);

/// <summary>The period, policy and deadlines of cycles being opened, checked once for every unit.</summary>
public sealed record OpeningTerms(EvaluationPeriod Period, EvaluationPolicy Policy, StageDeadlines Deadlines);

/// <summary>
/// The one rule for opening cycles, whether one unit is asked for or a whole province: which units
/// are eligible, who is evaluated in each, and what the audit trail records. A person is evaluated
/// in the unit they work in for most of the period: a secondee (biệt phái) seconded to another unit
/// for more than half of the period's days is evaluated there, and their home unit is remembered so
/// that its managers can read the result.
/// </summary>
public static class CycleOpening
{
    public const string CycleOpened = "CycleOpened";
    public const string DeadlinesSet = "DeadlinesSet";
    public const string EvaluationOpened = "EvaluationOpened";

    /// <summary>
    /// The terms of an opening request: a period that has begun, a built-in policy (Decree 335 when
    /// none is named) and deadlines in stage order, none in the past. <paramref name="deadlines"/>
    /// turns the defaults — a few days per stage after the later of today and the period's end —
    /// into those asked for. Problems are keyed <c>period</c>, <c>policy</c>, <c>deadlines.{stage}</c>.
    /// </summary>
    public static OpeningTerms? Terms(
        PeriodKind? kind, int? year, int? number, string? policyCode, Func<StageDeadlines, StageDeadlines> deadlines, DateOnly today, CycleProblems problems)
    {
        var period = kind is { } k && year is { } y ? EvaluationPeriod.Create(k, y, number) : null;
        if (period is null)
        {
            problems.Add("period", "Period");
        }
        else if (period.From > today)
        {
            problems.Add("period", "FuturePeriod", period.Label);
        }

        var code = string.IsNullOrWhiteSpace(policyCode) ? EvaluationPolicy.Decree335.Code : policyCode.Trim();
        var policy = EvaluationPolicy.BuiltIn.FirstOrDefault(p => p.Code == code);
        if (policy is null)
        {
            problems.Add("policy", "Policy", string.Join(", ", EvaluationPolicy.BuiltIn.Select(p => p.Code)));
        }

        var start = period is null || period.To < today ? today : period.To;
        var chosen = deadlines(StageDeadlines.Default(start));
        foreach (var (name, earliest) in chosen.Problems(today))
        {
            problems.Add($"deadlines.{name}", "Deadline", earliest);
        }

        return period is null || policy is null ? null : new OpeningTerms(period, policy, chosen);
    }

    /// <summary>The unit that evaluates <paramref name="member"/> for <paramref name="period"/>.</summary>
    public static string EvaluatingUnit(StaffMember member, EvaluationPeriod period)
    {
        var days = period.To.DayNumber - period.From.DayNumber;
        var seconded = member.Secondments
            .GroupBy(s => s.ToUnitCode, StringComparer.Ordinal)
            .Select(g => (Unit: g.Key, Days: g.Sum(s => Overlap(s, period))))
            .Where(x => x.Unit != member.UnitCode)
            .OrderByDescending(x => x.Days)
            .FirstOrDefault();
        return seconded.Unit is not null && seconded.Days * 2 > days ? seconded.Unit : member.UnitCode;
    }

    /// <summary>
    /// The units a target names, before eligibility: for <see cref="OpeningTarget.Communes"/> every
    /// commune in force in the scope; for <see cref="OpeningTarget.Agency"/> and
    /// <see cref="OpeningTarget.Province"/> every unit in force with someone to evaluate (a unit
    /// without staff is not asked for, so it is not reported as skipped either).
    /// </summary>
    public static IReadOnlyList<string> Candidates(OpeningTarget target, string? agencyCode, IReadOnlyList<string> unitCodes, OpeningFacts facts)
    {
        var staffed = Members(facts).Keys.ToHashSet(StringComparer.Ordinal);
        IEnumerable<Unit> units = target switch
        {
            OpeningTarget.Units => [],
            OpeningTarget.Communes => facts.Tree.Units.Where(u => u.Kind == UnitKind.Commune && facts.Scope.Contains(u.Code) && u.IsActiveOn(facts.Today)),
            OpeningTarget.Agency => facts.Tree.SubtreeOf(agencyCode!).Select(c => facts.Tree.Find(c)!).Where(u => u.IsActiveOn(facts.Today) && staffed.Contains(u.Code)),
            _ => facts.Tree.Units.Where(u => facts.Scope.Contains(u.Code) && u.IsActiveOn(facts.Today) && staffed.Contains(u.Code)),
        };
        return target == OpeningTarget.Units
            ? unitCodes.Distinct(StringComparer.Ordinal).ToList()
            : units.Select(u => u.Code).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Decides, for each unit asked for, whether a cycle opens and with whom. Every code must name a
    /// unit of the tree (the caller reports unknown codes as input errors).
    /// </summary>
    public static OpeningPlan Plan(IReadOnlyList<string> unitCodes, OpeningFacts facts)
    {
        var members = Members(facts);
        var cycles = new List<PlannedCycle>();
        var skipped = new List<SkippedUnit>();
        foreach (var code in unitCodes.Distinct(StringComparer.Ordinal))
        {
            var unit = facts.Tree.Find(code) ?? throw new ArgumentException($"Unknown unit {code}.", nameof(unitCodes));
            OpeningSkip? skip = !facts.Scope.Contains(code) ? OpeningSkip.OutOfScope
                : !unit.IsActiveOn(facts.Today) ? OpeningSkip.UnitEnded
                : facts.UnitsWithCycle.Contains(code) ? OpeningSkip.AlreadyOpen
                : !members.ContainsKey(code) ? OpeningSkip.NoStaff
                : null;
            if (skip is { } reason)
            {
                skipped.Add(new SkippedUnit(code, unit.NameVi, reason));
                continue;
            }

            var people = members[code];
            var path = facts.Tree.PathTo(code);
            var audit = new List<PlannedAudit>
            {
                new(CycleOpened, null, "cycle", "", $"{code} {facts.Period.Label} {facts.PolicyCode}", ""),
                new(DeadlinesSet, null, "deadlines", "",
                    string.Join("; ", StageDeadlines.Names.Zip(facts.Deadlines.InOrder, (n, d) => string.Create(CultureInfo.InvariantCulture, $"{n}={d:yyyy-MM-dd}"))), ""),
            };
            foreach (var p in people)
            {
                audit.Add(new PlannedAudit(EvaluationOpened, p.StaffCode, "person", "", p.StaffName, ""));
                if (p.HomeUnitCode is { } home)
                {
                    audit.Add(new PlannedAudit(EvaluationOpened, p.StaffCode, "homeUnit", "", home, ""));
                }
            }

            cycles.Add(new PlannedCycle(code, unit.NameVi, path.Count > 1 ? path[1].Code : path[0].Code, people, audit));
        }

        return new OpeningPlan(cycles, skipped);
    }

    /// <summary>
    /// Opens the cycles of <paramref name="plan"/>: each in the self-assessment stage under
    /// <paramref name="policy"/>, with an evaluation per member and the plan's audit lines written
    /// to its new trail.
    /// </summary>
    public static IReadOnlyList<OpenedCycle> Open(OpeningPlan plan, EvaluationPeriod period, EvaluationPolicy policy, StageDeadlines deadlines, AuditActor opener, DateTimeOffset at)
    {
        var opened = new List<OpenedCycle>();
        foreach (var planned in plan.Cycles)
        {
            var cycle = new EvaluationCycle
            {
                Id = Guid.NewGuid(),
                UnitCode = planned.UnitCode,
                UnitName = planned.UnitName,
                AgencyCode = planned.AgencyCode,
                PeriodKind = period.Kind,
                PeriodFrom = period.From,
                PeriodTo = period.To,
                Policy = policy,
                Stage = CycleStage.SelfAssessment,
                Deadlines = deadlines,
                OpenedBy = opener.UserName,
                OpenedAt = at,
            };
            var evaluations = planned.Members.ToDictionary(m => m.StaffCode, m => new StaffEvaluation
            {
                Id = Guid.NewGuid(),
                CycleId = cycle.Id,
                StaffCode = m.StaffCode,
                StaffName = m.StaffName,
                UnitCode = planned.UnitCode,
                HomeUnitCode = m.HomeUnitCode,
                PositionCode = m.PositionCode,
                Group = m.Group,
                Leader = m.Leader,
            }, StringComparer.Ordinal);
            var audit = new AuditTrail(cycle, opener, at);
            foreach (var line in planned.Audit)
            {
                audit.Write(line.Action, line.StaffCode is { } code ? evaluations[code] : null, line.Field, line.OldValue, line.NewValue, line.Reason);
            }

            opened.Add(new OpenedCycle(cycle, [.. evaluations.Values], audit.Entries));
        }

        return opened;
    }

    /// <summary>Everyone to evaluate for the period, by the unit that evaluates them, in staff-code order.</summary>
    private static Dictionary<string, List<CycleMember>> Members(OpeningFacts facts)
    {
        var byUnit = new Dictionary<string, List<CycleMember>>(StringComparer.Ordinal);
        foreach (var member in facts.Staff.OrderBy(s => s.Code, StringComparer.Ordinal))
        {
            var unit = EvaluatingUnit(member, facts.Period);
            if (!byUnit.TryGetValue(unit, out var list))
            {
                byUnit[unit] = list = [];
            }

            list.Add(new CycleMember(member.Code, member.FullName, member.PositionCode,
                facts.Groups.GetValueOrDefault(member.PositionCode, PositionGroup.Professional),
                unit == member.UnitCode ? member.Leader : LeaderRole.None,
                unit == member.UnitCode ? null : member.UnitCode));
        }

        return byUnit;
    }

    private static int Overlap(Secondment s, EvaluationPeriod period)
    {
        var from = s.From > period.From ? s.From : period.From;
        var to = s.To is { } end && end < period.To ? end : period.To;
        return Math.Max(0, to.DayNumber - from.DayNumber);
    }
}
