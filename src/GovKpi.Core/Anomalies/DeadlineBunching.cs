using GovKpi.Core.Measurement;
using GovKpi.Core.Statistics;

namespace GovKpi.Core.Anomalies;

/// <summary>
/// Refusals and supplement requests bunched just before the appointment: refusing a dossier that
/// is about to be late ends it "on time", and a supplement request stops its clock. For each
/// handler, over all the records and over each quarter (<see cref="AnomalyRecords.Stretches"/>), the
/// number of such events on the due date (or within <see cref="AnomalyOptions.DeadlineWorkingDays"/>
/// before it) is compared with what peers' timing over the same stretch for the same procedure and
/// kind of event gives (a Poisson–binomial upper tail).
/// </summary>
internal static class DeadlineBunching
{
    private sealed record Event(string Handler, string Kind, bool Near, string DossierId, DateTimeOffset At, bool Refusal);

    public static IEnumerable<AnomalyFinding> Find(AnomalyRecords records, out int tested)
    {
        var candidates = new List<(string Handler, List<Event> Events, PeerRates Peers)>();
        foreach (var stretch in AnomalyRecords.Stretches(Events(records), e => e.At))
        {
            var peers = new PeerRates(stretch.Select(e => (e.Handler, e.Kind, e.Near)));
            candidates.AddRange(stretch.GroupBy(e => e.Handler, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, g.ToList(), peers)));
        }

        tested = candidates.Count;
        var threshold = records.Options.FalseAlarmRate / Math.Max(tested, 1);
        var findings = new List<(AnomalyFinding, double)>();
        foreach (var (handler, events, peers) in candidates)
        {
            var near = events.Where(e => e.Near).ToList();
            if (near.Count == 0 || near.Count < records.Options.MinimumBunchedEvents)
            {
                continue;
            }

            var all = Measure("near_deadline", events, peers);
            if (all.PValue > threshold)
            {
                continue;
            }

            List<AnomalyMeasure> measures = [all];
            foreach (var (what, refusal) in new[] { ("refusals_near_deadline", true), ("supplement_requests_near_deadline", false) })
            {
                var ofKind = events.Where(e => e.Refusal == refusal).ToList();
                if (ofKind.Count > 0)
                {
                    measures.Add(Measure(what, ofKind, peers));
                }
            }

            findings.Add((new AnomalyFinding(
                AnomalyRule.DeadlineBunching, handler, records.UnitOf.GetValueOrDefault(handler, ""),
                near.Min(e => e.At), near.Max(e => e.At), measures,
                [.. near.Select(e => e.DossierId).Distinct().Order(StringComparer.Ordinal)]), all.PValue));
        }

        return AnomalyRecords.MostTellingPerHandler(findings);
    }

    private static AnomalyMeasure Measure(string what, List<Event> events, PeerRates peers)
    {
        var probabilities = events.Select(e => peers.Rate(e.Handler, e.Kind)).ToList();
        var observed = events.Count(e => e.Near);
        return new AnomalyMeasure(what, observed, probabilities.Sum(), events.Count, Probability.PoissonBinomialUpperTail(probabilities, observed));
    }

    /// <summary>
    /// Refusals from the latest versions (refused at finished_at), supplement requests from the
    /// versions that show one (asked at that version's updated_at, due then at its due_at); the
    /// first request of a dossier only, as later ones repeat the same appointment.
    /// </summary>
    private static List<Event> Events(AnomalyRecords records)
    {
        var handlerOf = records.Latest.ToDictionary(d => d.DossierId, d => d.HandlerCode, StringComparer.Ordinal);
        var events = new List<Event>();
        foreach (var d in records.Latest)
        {
            if (d is { Status: DossierStatus.Refused, FinishedAt: { } refused, HandlerCode: { Length: > 0 } handler })
            {
                events.Add(new Event(handler, "refused " + d.ProcedureCode, Near(records, refused, d.DueAt), d.DossierId, refused, Refusal: true));
            }
        }

        var requests = records.Versions.Where(v => v.Status == DossierStatus.SupplementRequested)
            .GroupBy(v => v.DossierId, StringComparer.Ordinal)
            .Select(g => g.MinBy(v => v.UpdatedAt)!)
            .OrderBy(v => v.DossierId, StringComparer.Ordinal);
        foreach (var v in requests)
        {
            var handler = string.IsNullOrEmpty(v.HandlerCode) ? handlerOf.GetValueOrDefault(v.DossierId) : v.HandlerCode;
            if (!string.IsNullOrEmpty(handler))
            {
                events.Add(new Event(handler, "supplement " + v.ProcedureCode, Near(records, v.UpdatedAt, v.DueAt), v.DossierId, v.UpdatedAt, Refusal: false));
            }
        }

        return events;
    }

    /// <summary>Not after the due time, and on the due date or within the configured working days before it.</summary>
    private static bool Near(AnomalyRecords records, DateTimeOffset at, DateTimeOffset due)
    {
        if (at > due)
        {
            return false;
        }

        var left = records.Calendar.WorkingDays(AnomalyRecords.LocalDate(at).AddDays(1), AnomalyRecords.LocalDate(due).AddDays(1));
        return left <= records.Options.DeadlineWorkingDays;
    }
}
