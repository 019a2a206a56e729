using GovKpi.Core.Measurement;
using GovKpi.Core.Statistics;

namespace GovKpi.Core.Anomalies;

/// <summary>
/// Dossiers finished in implausible bursts: at least <see cref="AnomalyOptions.MinimumBurst"/>
/// completions by one handler within <see cref="AnomalyOptions.BurstWindow"/>, where the handler's
/// own pace (completions spread over <see cref="AnomalyOptions.WorkingMinutesPerDay"/> of each day
/// they finished anything) makes that many in so short a time practically impossible. The chance
/// is a Poisson upper tail multiplied by the number of windows in the handler's working time (a
/// scan over every window of the year would find the luckiest one).
/// </summary>
internal static class CompletionBursts
{
    public static IEnumerable<AnomalyFinding> Find(AnomalyRecords records, out int tested)
    {
        var options = records.Options;
        var byHandler = records.Latest
            .Where(d => d is { FinishedAt: not null, HandlerCode.Length: > 0 } && d.Status != DossierStatus.Withdrawn)
            .GroupBy(d => d.HandlerCode!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        tested = byHandler.Count;
        var threshold = options.FalseAlarmRate / Math.Max(tested, 1);
        var findings = new List<AnomalyFinding>();
        foreach (var handler in byHandler)
        {
            var done = handler.OrderBy(d => d.FinishedAt).ThenBy(d => d.DossierId, StringComparer.Ordinal).ToList();
            var days = done.Select(d => AnomalyRecords.LocalDate(d.FinishedAt!.Value)).Distinct().Count();
            var minutes = days * options.WorkingMinutesPerDay;
            var expected = done.Count / minutes * options.BurstWindow.TotalMinutes;
            var windows = Math.Max(minutes / options.BurstWindow.TotalMinutes, 1);
            for (var first = 0; first < done.Count;)
            {
                var last = first;
                while (last + 1 < done.Count && done[last + 1].FinishedAt - done[first].FinishedAt <= options.BurstWindow)
                {
                    last++;
                }

                var count = last - first + 1;
                var chance = count >= options.MinimumBurst ? Math.Min(1, Probability.PoissonUpperTail(count, expected) * windows) : 1;
                if (chance > threshold)
                {
                    first++;
                    continue;
                }

                var burst = done.GetRange(first, count);
                findings.Add(new AnomalyFinding(
                    AnomalyRule.CompletionBurst, handler.Key, records.UnitOf.GetValueOrDefault(handler.Key, ""),
                    burst[0].FinishedAt!.Value, burst[^1].FinishedAt!.Value,
                    [new AnomalyMeasure("in_window", count, expected, done.Count, chance)],
                    [.. burst.Select(d => d.DossierId).Order(StringComparer.Ordinal)]));
                first = last + 1;
            }
        }

        return findings;
    }
}
