using GovKpi.Core.Measurement;
using GovKpi.Core.Statistics;

namespace GovKpi.Core.Anomalies;

/// <summary>
/// An on-time rate well above peers bought with refusals: over all the records or in a quarter
/// (<see cref="AnomalyRecords.Stretches"/>), a handler finishes far fewer dossiers late than peers
/// would with the same procedures (lower tail, at most <see cref="AnomalyOptions.OnTimeAbovePeers"/>)
/// and refuses far more (upper tail, corrected for the number of stretches tested). A good
/// handler is late less often; only one who also refuses much more than peers is flagged.
/// </summary>
internal static class OnTimeWithRefusals
{
    public static IEnumerable<AnomalyFinding> Find(AnomalyRecords records, out int tested)
    {
        var options = records.Options;
        var finishedAll = records.Latest
            .Where(d => d is { FinishedAt: not null, HandlerCode.Length: > 0 } && d.Status != DossierStatus.Withdrawn)
            .ToList();
        var candidates = new List<(string Handler, List<DossierVersion> Finished, PeerRates Refusals, PeerRates Late)>();
        foreach (var stretch in AnomalyRecords.Stretches(finishedAll, d => d.FinishedAt!.Value))
        {
            var refusals = new PeerRates(stretch.Select(d => (d.HandlerCode!, d.ProcedureCode, d.Status == DossierStatus.Refused)));
            var late = new PeerRates(stretch.Select(d => (d.HandlerCode!, d.ProcedureCode, d.FinishedAt > d.DueAt)));
            candidates.AddRange(stretch.GroupBy(d => d.HandlerCode!, StringComparer.Ordinal)
                .Where(g => g.Count() >= options.MinimumFinished)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, g.ToList(), refusals, late)));
        }

        tested = candidates.Count;
        var threshold = options.FalseAlarmRate / Math.Max(tested, 1);
        var findings = new List<(AnomalyFinding, double)>();
        foreach (var (handler, finished, refusalRates, lateRates) in candidates)
        {
            var refusedProbabilities = finished.Select(d => refusalRates.Rate(handler, d.ProcedureCode)).ToList();
            var refused = finished.Where(d => d.Status == DossierStatus.Refused).ToList();
            var refusedChance = Probability.PoissonBinomialUpperTail(refusedProbabilities, refused.Count);
            if (refused.Count <= refusedProbabilities.Sum() || refusedChance > threshold)
            {
                continue;
            }

            var lateProbabilities = finished.Select(d => lateRates.Rate(handler, d.ProcedureCode)).ToList();
            var late = finished.Count(d => d.FinishedAt > d.DueAt);
            var lateChance = Probability.PoissonBinomialLowerTail(lateProbabilities, late);
            if (late >= lateProbabilities.Sum() || lateChance > options.OnTimeAbovePeers)
            {
                continue;
            }

            findings.Add((new AnomalyFinding(
                AnomalyRule.OnTimeWithRefusals, handler, records.UnitOf.GetValueOrDefault(handler, ""),
                refused.Min(d => d.FinishedAt!.Value), refused.Max(d => d.FinishedAt!.Value),
                [
                    new AnomalyMeasure("late", late, lateProbabilities.Sum(), finished.Count, lateChance),
                    new AnomalyMeasure("refused", refused.Count, refusedProbabilities.Sum(), finished.Count, refusedChance),
                ],
                [.. refused.Select(d => d.DossierId).Order(StringComparer.Ordinal)]), refusedChance));
        }

        return AnomalyRecords.MostTellingPerHandler(findings);
    }
}
