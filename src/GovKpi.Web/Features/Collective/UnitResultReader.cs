using GovKpi.Core.Collective;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Data.Collective;
using GovKpi.Web.Features.KpiValues;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Collective;

/// <summary>
/// Units' results (ADR 0017): each unit's collective set in force at the period's start, judged
/// against the targets cascaded to it for the period's year, on the values the measurement engine
/// gives for the unit's subtree (<see cref="KpiValueReader"/>, the values the KPI pages show).
/// <see cref="ResultAsync"/> is what a head's "unit result" reads, <see cref="FieldResultAsync"/> a
/// deputy's.
/// </summary>
public sealed class UnitResultReader(GovKpiDbContext db, KpiValueReader kpis)
{
    /// <summary>
    /// Tables already read in this request, by subject and period: the goals page reads each unit's
    /// table once for all of a year's objectives.
    /// </summary>
    private readonly Dictionary<(string Scope, string Code, string Units, ReportingPeriod Period), KpiTableResponse> _tables = [];

    /// <summary>The unit's result over <c>[from, toExclusive)</c>; null for an unknown unit or a kind without a set (the province).</summary>
    public async Task<UnitResult?> ResultAsync(string unitCode, DateOnly from, DateOnly toExclusive, CancellationToken ct)
    {
        var period = new ReportingPeriod(from, toExclusive);
        var facts = await FactsAsync(period, ct);
        return facts.Tree.Find(unitCode) is { } unit ? await ResultAsync(facts, unit, [unit.Code], null, ct) : null;
    }

    /// <summary>
    /// A deputy's field result: their unit's set and targets on the records of the sub-units in
    /// their charge, counting only the KPIs in their charge (<see cref="DeputyFields.ScopeOf"/>);
    /// without a recorded field, their unit's result. Null for someone who is not a deputy.
    /// </summary>
    public async Task<UnitResult?> FieldResultAsync(string staffCode, DateOnly from, DateOnly toExclusive, CancellationToken ct)
    {
        var deputy = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Code == staffCode, ct);
        if (deputy is not { Leader: LeaderRole.Deputy })
        {
            return null;
        }

        var field = await db.DeputyFields.AsNoTracking().SingleOrDefaultAsync(f => f.StaffCode == staffCode, ct);
        var scope = DeputyFields.ScopeOf(deputy, field);
        var facts = await FactsAsync(new ReportingPeriod(from, toExclusive), ct);
        return facts.Tree.Find(scope.UnitCode) is { } unit ? await ResultAsync(facts, unit, scope.RecordUnits, scope.Kpis, ct) : null;
    }

    /// <summary>The units of <paramref name="kind"/> that exist during the period and that <paramref name="visible"/> allows, ranked.</summary>
    public async Task<IReadOnlyList<RankedUnit>> RankingAsync(UnitKind kind, ReportingPeriod period, Func<string, bool> visible, CancellationToken ct)
    {
        var facts = await FactsAsync(period, ct);
        var results = new List<UnitResult>();
        foreach (var unit in facts.Tree.Units.Where(u => u.Kind == kind && Overlaps(u, period) && visible(u.Code)).OrderBy(u => u.Code, StringComparer.Ordinal))
        {
            if (await ResultAsync(facts, unit, [unit.Code], null, ct) is { } result)
            {
                results.Add(result);
            }
        }

        return UnitResults.Rank(results);
    }

    /// <summary>The value of one KPI for a unit's subtree (or the province, for null), as the KPI pages show it.</summary>
    public async Task<KpiValue?> ValueAsync(OrganisationTree tree, string? unitCode, string kpiCode, ReportingPeriod period, CancellationToken ct)
    {
        var subject = unitCode is null
            ? new KpiSubject(KpiSubjectScope.All, "", "", null, null)
            : new KpiSubject(KpiSubjectScope.Subtree, unitCode, unitCode, [.. tree.SubtreeOf(unitCode).Order(StringComparer.Ordinal)], null);
        var table = await TableAsync(subject, period, ct);
        var definitions = KpiVersions.DefinitionsAt(await db.KpiDefinitions.AsNoTracking().Where(d => d.Code == kpiCode).ToListAsync(ct), d => d.Code, period.From);
        return ByKpi(table, definitions).GetValueOrDefault(kpiCode) is { Denominator: not 0 } value ? value : null;
    }

    private async Task<KpiTableResponse> TableAsync(KpiSubject subject, ReportingPeriod period, CancellationToken ct)
    {
        var key = (subject.Scope, subject.Code, string.Join(",", subject.UnitCodes ?? []), period);
        if (!_tables.TryGetValue(key, out var table))
        {
            _tables[key] = table = await kpis.TableAsync(subject, period, ct);
        }

        return table;
    }

    /// <summary>The table's values (by formula) under the codes of the KPIs computed by those formulas.</summary>
    private static Dictionary<string, KpiValue> ByKpi(KpiTableResponse table, IReadOnlyDictionary<string, KpiDefinition> definitions)
    {
        var byFormula = table.Values.ToDictionary(v => v.Kpi, v => new KpiValue(v.Numerator, v.Denominator), StringComparer.Ordinal);
        return definitions.Values
            .Where(d => d.FormulaRef is { } f && byFormula.ContainsKey(f))
            .ToDictionary(d => d.Code, d => byFormula[d.FormulaRef!], StringComparer.Ordinal);
    }

    public static bool Overlaps(Unit unit, ReportingPeriod period) =>
        unit.EffectiveFrom < period.To && (unit.EffectiveTo is null || unit.EffectiveTo > period.From);

    private sealed record Facts(ReportingPeriod Period, OrganisationTree Tree, List<KpiSet> Sets, Dictionary<string, KpiDefinition> Definitions,
        List<Objective> Objectives, List<UnitTarget> Targets);

    private async Task<Facts> FactsAsync(ReportingPeriod period, CancellationToken ct)
    {
        var tree = await Accounts.UnitScope.TreeAsync(db, ct);
        var definitions = KpiVersions.DefinitionsAt(await db.KpiDefinitions.AsNoTracking().ToListAsync(ct), d => d.Code, period.From);
        var year = period.From.Year;
        var objectives = await db.Objectives.AsNoTracking().Where(o => o.Year == year).ToListAsync(ct);
        var codes = objectives.Select(o => o.Code).ToList();
        var targets = await db.UnitTargets.AsNoTracking().Where(t => codes.Contains(t.ObjectiveCode)).ToListAsync(ct);
        return new(period, tree, await db.CollectiveSets().AsNoTracking().ToListAsync(ct), definitions, objectives, targets);
    }

    private async Task<UnitResult?> ResultAsync(Facts facts, Unit unit, IReadOnlyList<string> recordUnits, IReadOnlyCollection<string>? onlyKpis, CancellationToken ct)
    {
        if (UnitKpiSets.SetFor(unit, facts.Sets, facts.Period.From) is not { } set)
        {
            return null;
        }

        var units = recordUnits.SelectMany(facts.Tree.SubtreeOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var table = await TableAsync(new KpiSubject(KpiSubjectScope.Subtree, unit.Code, unit.NameVi, units, null), facts.Period, ct);
        var values = ByKpi(table, facts.Definitions);
        var cascaded = GoalCascade.TargetsOf(unit.Code, facts.Period.From.Year, facts.Objectives, facts.Targets);
        return UnitResults.Of(unit.Code, set, facts.Definitions, values, cascaded, onlyKpis);
    }
}
