using System.Globalization;
using GovKpi.Core.Audit;

namespace GovKpi.Core.Evaluation.Cycles;

/// <summary>
/// Checks every published result against its cycle's trail: the last publication entry of an
/// evaluation (<see cref="AuditActions.ResultPublished"/> or <see cref="AuditActions.ResultRepublished"/>,
/// <c>vN: score LEVEL</c>) must name the stored latest result version with its score and level,
/// and a published evaluation must hold that same score and level. A row edited in the database
/// without the trail disagrees; a trail edited to match is caught by its seals.
/// </summary>
public static class ResultReconciliation
{
    public static List<AuditFinding> Check(IReadOnlyList<StaffEvaluation> evaluations, IReadOnlyList<EvaluationResult> results, IReadOnlyList<AuditEntry> entriesInOrder)
    {
        var findings = new List<AuditFinding>();
        var latest = results.GroupBy(r => r.EvaluationId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Version)!);
        var published = entriesInOrder
            .Where(e => e.EvaluationId is not null && e.Action is AuditActions.ResultPublished or AuditActions.ResultRepublished)
            .GroupBy(e => e.EvaluationId!.Value)
            .ToDictionary(g => g.Key, g => g.Last());
        foreach (var evaluation in evaluations.OrderBy(e => e.StaffCode, StringComparer.Ordinal))
        {
            var result = latest.GetValueOrDefault(evaluation.Id);
            var entry = published.GetValueOrDefault(evaluation.Id);
            if (result is null && entry is null && evaluation.ResultVersion == 0)
            {
                continue;
            }

            if (entry is null)
            {
                findings.Add(new(AuditFindingKind.ResultDisagrees, null, StaffCode: evaluation.StaffCode,
                    Detail: $"result v{evaluation.ResultVersion} has no publication entry in the trail"));
                continue;
            }

            var recorded = entry.NewValue;
            if (result is null)
            {
                findings.Add(new(AuditFindingKind.ResultDisagrees, entry.Sequence, StaffCode: evaluation.StaffCode,
                    Detail: $"the trail records {recorded} but no result row is stored"));
                continue;
            }

            var stored = Describe(result.Version, result.Score, result.Level);
            if (stored != recorded)
            {
                findings.Add(new(AuditFindingKind.ResultDisagrees, entry.Sequence, StaffCode: evaluation.StaffCode,
                    Detail: $"the result row holds {stored}, the trail records {recorded}"));
            }

            if (evaluation.State == ResultState.Published && evaluation.Score is { } score && evaluation.Level is { } level
                && Describe(evaluation.ResultVersion, score, level) is var current && current != recorded)
            {
                findings.Add(new(AuditFindingKind.ResultDisagrees, entry.Sequence, StaffCode: evaluation.StaffCode,
                    Detail: $"the evaluation holds {current}, the trail records {recorded}"));
            }
        }

        return findings;
    }

    /// <summary>How a publication entry records a result version: <c>v2: 76 HTT</c>.</summary>
    public static string Describe(int version, decimal score, ClassificationLevel level) =>
        string.Create(CultureInfo.InvariantCulture, $"v{version}: {AuditTrail.Number(score)} {level.ToString().ToUpperInvariant()}");
}
