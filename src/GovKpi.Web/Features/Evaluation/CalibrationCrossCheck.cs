using System.Globalization;
using GovKpi.Core.Evaluation;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Evaluation.Cycles;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Evaluation;

/// <summary>A calibration flag as the meeting reads it: the sentence with its numbers, and the computation in symbols.</summary>
public sealed record CalibrationFlagResponse(CalibrationFlagKind Kind, string Subject, IReadOnlyList<string> StaffCodes, string Text, string Formula);

/// <summary>
/// The cross-checks of calibration (issue 4, item 5) over the people calibrated together: each
/// person's manager score against the objective score of their KPI set (the values the measurement
/// engine gives for the period, loaded by <see cref="EvaluationKpis"/> as the rating and the
/// transparency page load them), the HTXS share per unit, flat scores ("cào bằng"), and every
/// manual adjustment of computed task-result points. The rater of a score is its manager.
/// </summary>
public sealed class CalibrationCrossCheck(EvaluationKpis kpis, IStringLocalizer<SharedResource> l)
{
    /// <summary>The flags, and each person's objective score (null without a measured KPI value) by evaluation id.</summary>
    public async Task<(List<CalibrationFlagResponse> Flags, Dictionary<Guid, decimal?> ObjectiveScores)> FlagsAsync(
        EvaluationCycle cycle, IReadOnlyList<StaffEvaluation> population, IReadOnlyDictionary<Guid, ClassificationLevel> levels, CancellationToken ct)
    {
        var measured = await kpis.OfAsync(cycle, population, ct);
        var objective = population.ToDictionary(e => e.Id, e => ObjectiveScore(measured[e.Id], cycle.Policy));
        var entries = population.Select(e => new CalibrationEntry(e.StaffCode, e.UnitCode, cycle.AgencyCode, e.Group.ToString(), e.RatedBy ?? "—",
                e.Score!.Value, objective[e.Id], levels[e.Id])
            {
                Adjustment = e.TaskScore?.Adjustment,
            }).ToList();
        var flags = CalibrationFlags.Find(entries, cycle.Policy.Calibration)
            .Select(f => new CalibrationFlagResponse(f.Kind, f.Subject, f.StaffCodes, ExplanationText.Render(f.Explanation, l), f.Explanation.Formula))
            .ToList();
        return (flags, objective);
    }

    /// <summary>KPI achievement × 100 over the measured KPIs of the person's set (behavioural ratings are the manager's, not objective); null when none has a value.</summary>
    private static decimal? ObjectiveScore(PersonKpis person, EvaluationPolicy policy)
    {
        var achievement = KpiAchievement.Of(person.Inputs.Where(i => i.Definition.Kind == KpiKind.Quantitative).ToList(), policy.KpiScoring);
        return achievement.Ratio is { } ratio ? Math.Round(ratio * 100, 2, MidpointRounding.AwayFromZero) : null;
    }
}

/// <summary>
/// An <see cref="Explanation"/> in the reader's language: the resource <c>Evaluation.Explanation.{Key}</c>
/// filled with its arguments, the codes among them (incident kinds, rating levels) in words and the
/// numbers as the reader's culture writes them (<see cref="ExplanationNumbers"/>).
/// </summary>
public static class ExplanationText
{
    public static string Render(Explanation x, IStringLocalizer l)
    {
        var arguments = x.Arguments.Select(a => ExplanationNumbers.InCulture(a, CultureInfo.CurrentCulture)).ToArray();
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
        return text.ResourceNotFound ? ExplanationNumbers.InCulture(x.Formula, CultureInfo.CurrentCulture) : text.Value;
    }

    /// <summary>A step of the general criteria rated one by one (they are stored with the task lines' steps).</summary>
    public static bool IsGeneralCriteria(Explanation x) => Rating.IsGeneralCriteria(x);
}
