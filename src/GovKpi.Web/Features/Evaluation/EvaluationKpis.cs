using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.KpiLibrary;
using GovKpi.Data;
using GovKpi.Web.Features.KpiValues;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Evaluation;

/// <summary>
/// A person's KPIs for a cycle: the version of their position's set in force at the period's start
/// (<see cref="KpiVersions"/>), the definitions in force then, and the measured values of the
/// period — the same table <c>/api/kpis/values?scope=staff</c> shows. <see cref="Inputs"/> is what
/// Core scores: every KPI of the set that the library defines, quantitative ones with their value.
/// </summary>
public sealed record PersonKpis(KpiSet? Set, IReadOnlyDictionary<string, KpiDefinition> Definitions, KpiTableResponse Values, IReadOnlyList<KpiInput> Inputs);

/// <summary>
/// The one loader of the KPIs evaluated people are scored on, shared by the rating, the
/// transparency page and the calibration cross-check, so the three cannot disagree.
/// </summary>
public sealed class EvaluationKpis(GovKpiDbContext db, KpiValueReader values)
{
    public async Task<PersonKpis> OfAsync(EvaluationCycle cycle, StaffEvaluation person, CancellationToken ct) =>
        (await OfAsync(cycle, [person], ct))[person.Id];

    public async Task<Dictionary<Guid, PersonKpis>> OfAsync(EvaluationCycle cycle, IReadOnlyList<StaffEvaluation> people, CancellationToken ct)
    {
        var positions = people.Select(p => p.PositionCode).Distinct().ToList();
        var sets = KpiVersions.SetsAt(await db.KpiSets.AsNoTracking().Where(s => positions.Contains(s.PositionCode)).ToListAsync(ct), cycle.PeriodFrom);
        var definitions = KpiVersions.DefinitionsAt(await db.KpiDefinitions.AsNoTracking().ToListAsync(ct), d => d.Code, cycle.PeriodFrom);
        var result = new Dictionary<Guid, PersonKpis>();
        foreach (var person in people)
        {
            var set = sets.GetValueOrDefault(person.PositionCode);
            var table = await values.TableAsync(new KpiSubject(KpiSubjectScope.Staff, person.StaffCode, person.StaffName, null, person.StaffCode), cycle.Period.Dates, ct);
            var measured = table.Values.ToDictionary(v => v.Kpi, v => new Core.Measurement.KpiValue(v.Numerator, v.Denominator), StringComparer.Ordinal);
            var inputs = (set?.Items ?? []).Where(i => definitions.ContainsKey(i.KpiCode)).Select(i =>
            {
                var d = definitions[i.KpiCode];
                return d.Kind == KpiKind.Quantitative && measured.TryGetValue(d.MeasuredAs, out var v) ? new KpiInput(i, d, v) : new KpiInput(i, d);
            }).ToList();
            result[person.Id] = new PersonKpis(set, definitions, table, inputs);
        }

        return result;
    }
}
