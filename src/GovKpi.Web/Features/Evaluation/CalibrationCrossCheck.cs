using GovKpi.Core.Evaluation;
using GovKpi.Core.KpiLibrary;
using GovKpi.Data;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Data.Evaluation;
using GovKpi.Web.Features.KpiValues;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Evaluation;

/// <summary>A calibration flag as the meeting reads it: the sentence with its numbers, and the computation in symbols.</summary>
public sealed record CalibrationFlagResponse(CalibrationFlagKind Kind, string Subject, IReadOnlyList<string> StaffCodes, string Text, string Formula);

/// <summary>
/// The cross-checks of calibration (issue 4, item 5) over the people calibrated together: each
/// person's manager score against the objective score of their KPI set (the values the measurement
/// engine gives for the period, as <see cref="KpiValueReader"/> shows them), the HTXS share per unit,
/// and flat scores ("cào bằng"). The rater of a score is its manager.
/// </summary>
public sealed class CalibrationCrossCheck(GovKpiDbContext db, KpiValueReader kpis, IStringLocalizer<SharedResource> l)
{
    public async Task<List<CalibrationFlagResponse>> FlagsAsync(
        EvaluationCycle cycle, IReadOnlyList<StaffEvaluation> population, IReadOnlyDictionary<Guid, ClassificationLevel> levels, CancellationToken ct)
    {
        var entries = new List<CalibrationEntry>();
        var sets = KpiVersions.SetsAt(await db.KpiSets.AsNoTracking().ToListAsync(ct), cycle.PeriodFrom);
        var definitions = KpiVersions.DefinitionsAt(await db.KpiDefinitions.AsNoTracking().ToListAsync(ct), d => d.Code, cycle.PeriodFrom);
        foreach (var e in population)
        {
            entries.Add(new CalibrationEntry(e.StaffCode, e.UnitCode, cycle.AgencyCode, e.Group.ToString(), e.RatedBy ?? "—",
                e.Score!.Value, await ObjectiveScoreAsync(cycle, e, sets.GetValueOrDefault(e.PositionCode), definitions, ct), levels[e.Id]));
        }

        return CalibrationFlags.Find(entries, cycle.Policy.Calibration)
            .Select(f => new CalibrationFlagResponse(f.Kind, f.Subject, f.StaffCodes, ExplanationText.Render(f.Explanation, l), f.Explanation.Formula))
            .ToList();
    }

    /// <summary>KPI achievement × 100 over the KPIs of the person's set that have a target and a value in the period; null when none has.</summary>
    private async Task<decimal?> ObjectiveScoreAsync(EvaluationCycle cycle, StaffEvaluation e, KpiSet? set, Dictionary<string, KpiDefinition> definitions, CancellationToken ct)
    {
        var items = set?.Items.Where(i => definitions.TryGetValue(i.KpiCode, out var d) && (i.TargetOverride ?? d.Target) is not null).ToList() ?? [];
        if (items.Count == 0)
        {
            return null;
        }

        var table = await kpis.TableAsync(new KpiSubject(KpiSubjectScope.Staff, e.StaffCode, e.StaffName, null, e.StaffCode), cycle.Period.Dates, ct);
        var values = table.Values.ToDictionary(v => v.Kpi, v => new Core.Measurement.KpiValue(v.Numerator, v.Denominator));
        var achievement = KpiAchievement.Of(items.Select(i => new KpiInput(i, definitions[i.KpiCode], values.TryGetValue(i.KpiCode, out var v) ? v : null)).ToList());
        return achievement.Ratio is { } ratio ? Math.Round(ratio * 100, 2, MidpointRounding.AwayFromZero) : null;
    }
}

/// <summary>
/// An <see cref="Explanation"/> in the reader's language: the resource <c>Evaluation.Explanation.{Key}</c>
/// filled with its arguments, the codes among them (incident kinds, rating levels) in words.
/// </summary>
public static class ExplanationText
{
    public static string Render(Explanation x, IStringLocalizer l)
    {
        var arguments = x.Arguments.ToArray();
        switch (x.Key)
        {
            case "Deduction" or "DeductionWaived" when arguments.Length > 1:
                arguments[1] = l[$"Evaluation.Incident.{arguments[1]}"];
                break;
            case "Organising" when arguments.Length > 0:
                arguments[0] = l[$"Rating.{arguments[0]}"];
                break;
            case "Criterion" when arguments.Length > 1:
                arguments[1] = l[$"Rating.{arguments[1]}"];
                break;
        }

        var text = l[$"Evaluation.Explanation.{x.Key}", arguments];
        return text.ResourceNotFound ? x.Formula : text.Value;
    }

    /// <summary>A step of the general criteria rated one by one (they are stored with the task lines' steps).</summary>
    public static bool IsGeneralCriteria(Explanation x) => x.Key is "Criterion" or "Section" or "GeneralCriteria";
}
