using System.Globalization;
using GovKpi.Core.Collective;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.Evaluation;
using GovKpi.Web.Features.KpiValues;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Collective;

/// <summary>
/// The cascade read both ways: an objective down to its units' targets (with each unit's measured
/// value and achievement over the objective's year) and its positions' set targets, and a unit's
/// targets up to the objectives they serve. Also turns unit results into their responses.
/// </summary>
public sealed class GoalReader(GovKpiDbContext db, UnitResultReader results, IStringLocalizer<SharedResource> l)
{
    private static bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);

    public async Task<IReadOnlyList<ObjectiveResponse>> ListAsync(int? year, CancellationToken ct)
    {
        var objectives = await db.Objectives.AsNoTracking().Where(o => year == null || o.Year == year).ToListAsync(ct);
        var definitions = await LatestDefinitionsAsync(ct);
        return [.. objectives.OrderBy(o => o.Year).ThenBy(o => o.Code, StringComparer.Ordinal)
            .Select(o => ObjectiveResponse.Of(o, definitions.GetValueOrDefault(o.KpiCode), English))];
    }

    /// <summary>The tree of one objective as <paramref name="scope"/> may see it: the units outside it are left out, the province's value needs the province's scope.</summary>
    public async Task<GoalTreeResponse?> TreeAsync(string code, UnitScope scope, bool seesProvince, CancellationToken ct)
    {
        var objective = await db.Objectives.AsNoTracking().SingleOrDefaultAsync(o => o.Code == code, ct);
        if (objective is null)
        {
            return null;
        }

        var year = ReportingPeriod.Year(objective.Year);
        var definition = KpiVersions.DefinitionsAt(await db.KpiDefinitions.AsNoTracking().Where(d => d.Code == objective.KpiCode).ToListAsync(ct), d => d.Code, year.From)
            .GetValueOrDefault(objective.KpiCode) ?? (await LatestDefinitionsAsync(ct))[objective.KpiCode];
        var targets = await db.UnitTargets.AsNoTracking().Where(t => t.ObjectiveCode == code).ToListAsync(ct);
        var tree = GoalTree.Of(objective, targets, await db.KpiSets.AsNoTracking().ToListAsync(ct));

        var units = new List<GoalUnitResponse>();
        foreach (var target in tree.Units.Where(t => scope.Contains(t.UnitCode)))
        {
            var value = await results.ValueAsync(scope.Tree, target.UnitCode, objective.KpiCode, year, ct);
            var line = GoalCascade.Achievement(definition, target.Target, value);
            units.Add(new(target.UnitCode, scope.Tree.Find(target.UnitCode)?.NameVi ?? target.UnitCode, target.Target, line.Value, Display(line.Value, definition), line.Achievement));
        }

        decimal? provinceValue = null;
        decimal? provinceAchievement = null;
        if (seesProvince)
        {
            var line = GoalCascade.Achievement(definition, objective.ProvinceTarget, await results.ValueAsync(scope.Tree, null, objective.KpiCode, year, ct));
            (provinceValue, provinceAchievement) = (line.Value, line.Achievement);
        }

        // A reader below the province sees the warnings about their own units only.
        var warnings = GoalCascade.Warnings(objective, definition, targets)
            .Where(w => w.UnitCode is { } unit ? scope.Contains(unit) : seesProvince)
            .Select(w => new GoalWarningResponse(w.Kind, w.UnitCode, w.Target, w.ProvinceTarget,
                l[$"Goals.Warning.{w.Kind}", w.UnitCode is { } unit ? scope.Tree.Find(unit)?.NameVi ?? unit : "", Number(w.Target), Number(w.ProvinceTarget)]))
            .ToList();
        return new(ObjectiveResponse.Of(objective, definition, English), provinceValue, Display(provinceValue, definition), provinceAchievement,
            units, tree.Positions, warnings);
    }

    /// <summary>The unit's targets and the objectives they serve.</summary>
    public async Task<IReadOnlyList<UnitTargetResponse>> TargetsOfAsync(string unitCode, int? year, CancellationToken ct)
    {
        var targets = await db.UnitTargets.AsNoTracking().Where(t => t.UnitCode == unitCode).ToListAsync(ct);
        var codes = targets.Select(t => t.ObjectiveCode).ToList();
        var objectives = await db.Objectives.AsNoTracking().Where(o => codes.Contains(o.Code) && (year == null || o.Year == year)).ToDictionaryAsync(o => o.Code, ct);
        var definitions = await LatestDefinitionsAsync(ct);
        return [.. targets.Where(t => objectives.ContainsKey(t.ObjectiveCode))
            .Select(t => new UnitTargetResponse(t.UnitCode, t.Target, ObjectiveResponse.Of(objectives[t.ObjectiveCode], definitions.GetValueOrDefault(objectives[t.ObjectiveCode].KpiCode), English)))
            .OrderBy(t => t.Objective.Year).ThenBy(t => t.Objective.Code, StringComparer.Ordinal)];
    }

    /// <summary>A unit result as the API and the pages show it, in the reader's language.</summary>
    public async Task<UnitResultResponse> ResponseAsync(RankedUnit ranked, UnitScope scope, ReportingPeriod period, CancellationToken ct)
    {
        var definitions = KpiVersions.DefinitionsAt(await db.KpiDefinitions.AsNoTracking().ToListAsync(ct), d => d.Code, period.From);
        return Response(ranked, scope, period, definitions);
    }

    public async Task<IReadOnlyList<UnitResultResponse>> ResponsesAsync(IReadOnlyList<RankedUnit> ranked, UnitScope scope, ReportingPeriod period, CancellationToken ct)
    {
        var definitions = KpiVersions.DefinitionsAt(await db.KpiDefinitions.AsNoTracking().ToListAsync(ct), d => d.Code, period.From);
        return [.. ranked.Select(r => Response(r, scope, period, definitions))];
    }

    private UnitResultResponse Response(RankedUnit ranked, UnitScope scope, ReportingPeriod period, Dictionary<string, KpiDefinition> definitions)
    {
        var r = ranked.Result;
        var unit = scope.Tree.Find(r.UnitCode)!;
        var lines = r.Lines.Select(line =>
        {
            var definition = definitions.GetValueOrDefault(line.KpiCode);
            return new UnitResultLineResponse(line.KpiCode, definition is null ? line.KpiCode : English ? definition.NameEn : definition.NameVi,
                line.WeightPercent, line.Value, Display(line.Value, definition), line.Target, Display(line.Target, definition), line.Achievement,
                line.ObjectiveCode, ExplanationText.Render(line.Explanation, l));
        }).ToList();
        return new(ranked.Rank, r.UnitCode, English ? unit.NameEn : unit.NameVi, unit.Kind, period.From, period.To, r.SetHolder, r.SetCode, r.SetVersion,
            r.Source, r.Ratio, ExplanationText.Render(r.Explanation, l), lines, KpiValueReader.ValuesUrl(KpiSubjectScope.Subtree, r.UnitCode, period));
    }

    /// <summary>A value or target in its KPI's unit: <c>72,5 %</c>, <c>4,5</c>.</summary>
    public static string Display(decimal? value, KpiDefinition? definition) => value is not { } v ? "—"
        : KpiDisplay.FormatTarget(v, definition?.UnitOfMeasure.Trim() == "%");

    private static string Number(decimal value) => KpiDisplay.FormatTarget(value, false);

    private async Task<Dictionary<string, KpiDefinition>> LatestDefinitionsAsync(CancellationToken ct) =>
        (await db.KpiDefinitions.AsNoTracking().ToListAsync(ct)).GroupBy(d => d.Code).ToDictionary(g => g.Key, g => g.MaxBy(d => d.Version)!, StringComparer.Ordinal);
}
