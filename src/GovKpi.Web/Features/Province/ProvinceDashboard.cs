using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;
using GovKpi.Core.Organisation;
using GovKpi.Core.ServiceQuality;
using GovKpi.Data;
using GovKpi.Data.Measurement;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.DelegatedTasks;
using GovKpi.Web.Features.KpiValues;
using GovKpi.Web.Features.Workforce;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Province;

/// <summary>One of the service-quality KPIs of a row: its value, as shown, and its traffic light against the library's target.</summary>
public sealed record QualityValue(string Kpi, double? Value, string Display, KpiStatus Status);

/// <summary>
/// The service quality of a unit (with its sub-units), a person or a procedure in the period: the
/// UK's digital-service KPIs that the records hold (completion rate, satisfaction, digital take-up
/// as the online share) with the on-time rate, and the Decision 766 index on them.
/// </summary>
public sealed record QualityRow(string Code, string Name, long Received, IReadOnlyList<QualityValue> Values, IndexScore Index, string? Link)
{
    public QualityValue Of(string kpi) => Values.Single(v => v.Kpi == kpi);
}

/// <summary>A table of <see cref="QualityRow"/>s as the page shows it (<c>_QualityTable</c>): rows named and linked, or procedures named by code.</summary>
public sealed record QualityTable(IReadOnlyList<QualityRow> Rows, string Title, string NameHeader, bool Linked);

public sealed record DelegatedSummary(int Tasks, IReadOnlyList<OverdueTaskResponse> Overdue, IReadOnlyList<MissingReportResponse> MissingReports);

public sealed record OverNormUnit(string Code, string Name, decimal? Load);

public sealed record StaffingSummary(int Units, IReadOnlyList<OverNormUnit> Over);

/// <summary>A commune (or any unit in scope) opened from the province view: its own quality and its people's.</summary>
public sealed record CommuneDetail(QualityRow Unit, IReadOnlyList<QualityRow> People);

public sealed record ProvinceView(
    ReportingPeriod Period, QualityRow Province, IReadOnlyList<QualityRow> Agencies, IReadOnlyList<QualityRow> Communes,
    IReadOnlyList<QualityRow> Procedures, DelegatedSummary Delegated, StaffingSummary? Staffing, CommuneDetail? Commune);

/// <summary>
/// Loads the province operations view (<c>/province</c>) for the caller's unit scope: the stored
/// tallies of every unit in scope in one read (<see cref="KpiTallyReader.ReadEachAsync"/>), summed
/// up each agency's and commune's subtree here; the people of an opened commune in one more read;
/// the procedures counted from the records (no stored procedure scope). Values, targets and
/// traffic lights are those of <c>/kpis/values</c>; the index is Core's <see cref="ServiceIndex"/>.
/// </summary>
public sealed class ProvinceDashboard(GovKpiDbContext db, KpiValueReader values, DelegatedTaskRegistry registry, WorkforceDesk workforce)
{
    /// <summary>The KPIs of the view, in the order of its columns.</summary>
    public static readonly string[] Kpis = [KpiFormula.OnTimeRate, KpiFormula.OnlineShare, KpiFormula.CompletionRate, KpiFormula.SatisfactionAvg];

    public static ServiceIndexDefinition Index => Decision766.Definition;

    public async Task<ProvinceView> LoadAsync(UnitScope scope, ReportingPeriod period, string? communeCode, bool readsStaffing, CancellationToken ct)
    {
        var definitions = await values.DefinitionsAsync(period, ct);
        var units = await new KpiTallyReader(db).ReadEachAsync(period, KpiScope.Unit, [.. scope.Codes.Order(StringComparer.Ordinal)], ct);
        var tree = scope.Tree;
        KpiTally SubtreeTally(string code)
        {
            var tally = new KpiTally();
            foreach (var unit in tree.SubtreeOf(code).Where(scope.Contains))
            {
                tally.Add(units.GetValueOrDefault(unit));
            }

            return tally;
        }

        var all = new KpiTally();
        foreach (var tally in units.Values)
        {
            all.Add(tally);
        }

        var inScope = tree.Units.Where(u => scope.Contains(u.Code) && u.IsActiveOn(period.To.AddDays(-1))).ToList();
        var top = inScope.Where(u => u.ParentCode is null || !scope.Contains(u.ParentCode)).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        var province = Row(top.Count == 1 ? top[0].Code : "", top.Count == 1 ? top[0].NameVi : "", all, definitions, null);
        // Agencies and the province's own service units: every unit directly under the top of the scope that is not a commune.
        var agencies = inScope.Where(u => u.Kind is not UnitKind.Commune && top.Any(t => t.Code == u.ParentCode))
            .Select(u => Row(u.Code, u.NameVi, SubtreeTally(u.Code), definitions, Drill(u.Code, period))).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        var communes = inScope.Where(u => u.Kind == UnitKind.Commune)
            .Select(u => Row(u.Code, u.NameVi, SubtreeTally(u.Code), definitions, Drill(u.Code, period))).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();

        // The whole province reads every record; a narrower scope only its units'.
        IReadOnlyList<string>? procedureUnits = null;
        if (!(top.Count == 1 && tree.Roots.Any(r => r.Code == top[0].Code)))
        {
            procedureUnits = [.. scope.Codes.Order(StringComparer.Ordinal)];
        }

        var procedures = (await new KpiTallyReader(db).ReadByProcedureAsync(period, procedureUnits, ct))
            .Select(p => Row(p.Key, p.Key, p.Value, definitions, null)).OrderByDescending(r => r.Received).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();

        var tasks = await registry.ProvinceViewAsync(scope, ct);
        StaffingSummary? staffing = null;
        if (readsStaffing)
        {
            var load = await workforce.WorkloadAsync(period.From, period.To, scope, 0, ct);
            staffing = new StaffingSummary(load.Units.Count,
                [.. load.Over.Select(u => new OverNormUnit(u.UnitCode, tree.Find(u.UnitCode)?.NameVi ?? u.UnitCode, u.Load)).OrderByDescending(u => u.Load)]);
        }

        CommuneDetail? commune = null;
        if (communeCode is not null && tree.Find(communeCode) is { } opened)
        {
            commune = await CommuneAsync(scope, opened, period, definitions, SubtreeTally(opened.Code), ct);
        }

        return new ProvinceView(period, province, agencies, communes, procedures,
            new DelegatedSummary(tasks.Tasks.Count, tasks.Overdue, tasks.MissingReports), staffing, commune);
    }

    private async Task<CommuneDetail> CommuneAsync(UnitScope scope, Unit commune, ReportingPeriod period, Dictionary<string, KpiDefinition> definitions,
        KpiTally tally, CancellationToken ct)
    {
        var subtree = scope.Tree.SubtreeOf(commune.Code).Where(scope.Contains).ToList();
        var people = await db.Staff.AsNoTracking().Where(s => subtree.Contains(s.UnitCode)).Select(s => new { s.Code, s.FullName })
            .OrderBy(s => s.FullName).ThenBy(s => s.Code).ToListAsync(ct);
        var tallies = await new KpiTallyReader(db).ReadEachAsync(period, KpiScope.Staff, [.. people.Select(p => p.Code)], ct);
        return new CommuneDetail(Row(commune.Code, commune.NameVi, tally, definitions, null),
            // Those who handled the most dossiers first: the people whose figures say something come to the leader's eye.
            [.. people.Select(p => Row(p.Code, p.FullName, tallies.GetValueOrDefault(p.Code), definitions,
                KpiValueReader.ValuesUrl(KpiSubjectScope.Staff, p.Code, period))).OrderByDescending(r => r.Received)]);
    }

    /// <summary>The province view opened on a unit, for the same period.</summary>
    public static string Drill(string unitCode, ReportingPeriod period) =>
        FormattableString.Invariant($"/province?unit={Uri.EscapeDataString(unitCode)}&from={period.From:yyyy-MM-dd}&to={period.To:yyyy-MM-dd}#commune");

    private static QualityRow Row(string code, string name, KpiTally tally, Dictionary<string, KpiDefinition> definitions, string? link)
    {
        var row = Kpis.Select(kpi =>
        {
            var definition = definitions.GetValueOrDefault(kpi);
            var value = KpiFormula.Find(kpi)!.Evaluate(tally, 0).Value;
            var percent = KpiDisplay.IsPercent(kpi, definition);
            return new QualityValue(kpi, value, KpiDisplay.Format(value, percent), KpiDisplay.Status(value, percent, definition));
        }).ToList();
        var index = ServiceIndex.Score(Index, row.ToDictionary(v => v.Kpi, v => v.Value));
        return new QualityRow(code, name, tally.Received, row, index, link);
    }
}
