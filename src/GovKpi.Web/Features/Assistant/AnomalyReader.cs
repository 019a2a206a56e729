using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Anomalies;
using GovKpi.Core.Calendar;
using GovKpi.Core.Measurement;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.KpiValues;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Assistant;

public sealed record AnomalyMeasureResponse(string What, int Observed, double Expected, int OutOf, double PValue, string Text);

/// <summary>
/// One sign of gaming the numbers: the handler, the numbers, and the dossiers behind it the
/// caller may see. <see cref="ExplainUrl"/> lists the handler's finished dossiers of that stretch.
/// </summary>
public sealed record AnomalyFindingResponse(
    string Rule, string RuleName, string Handler, string HandlerName, string UnitCode, DateTimeOffset From, DateTimeOffset To,
    string Summary, IReadOnlyList<AnomalyMeasureResponse> Measures, IReadOnlyList<string> Dossiers, string ExplainUrl);

/// <param name="Dossiers">How many dossiers were looked through (province-wide, see <see cref="AnomalyReader"/>).</param>
/// <param name="Tested">Tests per rule: a finding needs p ≤ <see cref="FalseAlarmRate"/> ÷ tests.</param>
public sealed record AnomalyResponse(
    string Mode, string Unit, string UnitName, DateOnly From, DateOnly To, int Dossiers, double FalseAlarmRate,
    IReadOnlyDictionary<string, int> Tested, IReadOnlyList<AnomalyFindingResponse> Findings);

/// <summary>
/// Runs <see cref="AnomalyDetector"/> (docs/ASSISTANT-FORECAST.md, "Anomalies") over every stored
/// version of the dossiers received before <c>to</c> and not finished before <c>from</c>, and
/// returns the findings of handlers whose unit is in the asked unit's subtree within the caller's scope.
/// </summary>
/// <remarks>
/// Peers are the whole province whoever asks, as for the forecast: a handler compared only with
/// the few colleagues of one centre would be flagged, or not, depending on who looks. Peers enter
/// the numbers only as expected counts. Dossier ids are listed only for dossiers of units in the
/// caller's scope.
/// </remarks>
public sealed class AnomalyReader(GovKpiDbContext db, IStringLocalizer<SharedResource> l)
{
    /// <summary>Who may look for gaming: those who judge or oversee others, not the people being judged.</summary>
    public static readonly string[] Readers = [Core.Access.Roles.Manager, Core.Access.Roles.Hr, Core.Access.Roles.Leader, Core.Access.Roles.Auditor];

    public async Task<AnomalyResponse> FindAsync(Unit unit, ReportingPeriod window, UnitScope scope, CancellationToken ct)
    {
        var (start, end) = (window.Start, window.End);
        var ids = db.Dossiers.Where(d => d.ReceivedAt < end && (d.FinishedAt == null || d.FinishedAt >= start)).Select(d => d.DossierId);
        var versions = await db.DossierVersions.AsNoTracking().Where(v => ids.Contains(v.DossierId)).ToListAsync(ct);
        var exceptions = await db.CalendarExceptions.AsNoTracking().ToListAsync(ct);
        var options = new AnomalyOptions();
        var report = AnomalyDetector.Detect(versions, exceptions.Count == 0 ? WorkingCalendar.Official : new WorkingCalendar(exceptions), options);

        var units = scope.Tree.SubtreeOf(unit.Code).Where(scope.Contains).ToHashSet(StringComparer.Ordinal);
        var unitOf = versions.GroupBy(v => v.DossierId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(v => v.UpdatedAt)!.UnitCode, StringComparer.Ordinal);
        var names = await db.Staff.AsNoTracking().ToDictionaryAsync(s => s.Code, s => s.FullName, ct);
        var findings = report.Findings
            .Where(f => units.Contains(f.UnitCode))
            .Select(f => Describe(f, names.GetValueOrDefault(f.HandlerCode, ""), [.. f.DossierIds.Where(id => scope.Contains(unitOf[id]))]))
            .ToList();
        return new AnomalyResponse(DataAnswers.OfflineMode, unit.Code, unit.NameVi, window.From, window.To, unitOf.Count, options.FalseAlarmRate,
            report.Tested.OrderBy(t => t.Key).ToDictionary(t => Code(t.Key), t => t.Value), findings);
    }

    /// <summary>One line for the assistant's audit trail.</summary>
    public static string Summary(AnomalyResponse r) =>
        r.Findings.Count == 0 ? "no findings"
        : string.Join("; ", r.Findings.Select(f => $"{f.Rule} {f.Handler} ({f.UnitCode}): {string.Join(" ", f.Dossiers)}"));

    /// <summary>Rule names as <c>govkpi anomalies --json</c> spells them.</summary>
    public static string Code(AnomalyRule rule) => rule switch
    {
        AnomalyRule.DeadlineBunching => "deadline_bunching",
        AnomalyRule.CompletionBurst => "completion_burst",
        _ => "on_time_with_refusals",
    };

    private AnomalyFindingResponse Describe(AnomalyFinding f, string handlerName, IReadOnlyList<string> dossiers)
    {
        var (from, to) = (f.From.ToOffset(VietnamTime.Offset), f.To.ToOffset(VietnamTime.Offset));
        var measures = f.Measures.Select(m => new AnomalyMeasureResponse(m.What, m.Observed, m.Expected, m.OutOf, m.PValue,
            l["Assistant.Anomalies.Measure." + m.What, m.Observed, m.OutOf, m.Expected.ToString("N1", CultureInfo.CurrentCulture),
                m.PValue.ToString("0.#E+0", CultureInfo.CurrentCulture)])).ToList();
        var stretch = new ReportingPeriod(DateOnly.FromDateTime(from.DateTime), DateOnly.FromDateTime(to.DateTime).AddDays(1));
        return new AnomalyFindingResponse(Code(f.Rule), l["Assistant.Anomalies.Rule." + Code(f.Rule)], f.HandlerCode, handlerName, f.UnitCode,
            from, to, string.Join("; ", measures.Select(m => m.Text)), measures, dossiers,
            KpiValueReader.ExplainUrl(KpiFormula.OnTimeRate, KpiSubjectScope.Staff, f.HandlerCode, stretch));
    }
}
