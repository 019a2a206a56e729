namespace GovKpi.Core.Anomalies;

/// <summary>
/// How often peers show an outcome for the same kind of event (a procedure, a refusal or a
/// supplement request), leaving the handler under test out so that their own behaviour does not
/// set the bar. Procedures differ a lot (a land dossier is refused far more often than a
/// certification), so each event is compared with peers' events of its own kind.
/// </summary>
internal sealed class PeerRates
{
    /// <summary>
    /// A kind few peers handle borrows this many events' worth of the peers' rate over all kinds,
    /// so that one peer's luck with a rare procedure is not taken as the bar.
    /// </summary>
    private const double Borrowed = 5;

    private readonly Dictionary<string, (int Events, int Outcomes)> _byKind = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Handler, string Kind), (int Events, int Outcomes)> _byHandlerKind = [];
    private readonly Dictionary<string, (int Events, int Outcomes)> _byHandler = new(StringComparer.Ordinal);
    private (int Events, int Outcomes) _all;

    public PeerRates(IEnumerable<(string Handler, string Kind, bool Outcome)> events)
    {
        foreach (var (handler, kind, outcome) in events)
        {
            var add = outcome ? 1 : 0;
            _all = (_all.Events + 1, _all.Outcomes + add);
            _byKind[kind] = Plus(_byKind.GetValueOrDefault(kind), add);
            _byHandler[handler] = Plus(_byHandler.GetValueOrDefault(handler), add);
            _byHandlerKind[(handler, kind)] = Plus(_byHandlerKind.GetValueOrDefault((handler, kind)), add);
        }
    }

    private static (int, int) Plus((int Events, int Outcomes) counts, int outcome) => (counts.Events + 1, counts.Outcomes + outcome);

    /// <summary>The chance peers of <paramref name="handler"/> show the outcome on an event of <paramref name="kind"/>.</summary>
    public double Rate(string handler, string kind)
    {
        var own = _byHandler.GetValueOrDefault(handler);
        var peerEvents = _all.Events - own.Events;
        if (peerEvents == 0)
        {
            // Nobody to compare with: the handler's own rate, so that nothing stands out.
            return own.Events == 0 ? 0 : (double)own.Outcomes / own.Events;
        }

        // Half an event away from 0 and 1: an outcome peers never showed is rare, not impossible.
        var overall = Math.Clamp((_all.Outcomes - own.Outcomes) / (double)peerEvents, 0.5 / peerEvents, 1 - 0.5 / peerEvents);
        var kindAll = _byKind.GetValueOrDefault(kind);
        var ownKind = _byHandlerKind.GetValueOrDefault((handler, kind));
        return (kindAll.Outcomes - ownKind.Outcomes + Borrowed * overall) / (kindAll.Events - ownKind.Events + Borrowed);
    }
}
