namespace GovKpi.Core.Audit;

/// <summary>
/// Seals what a change adds to a trail and moves the trail's checkpoint. A change must continue the
/// checkpoint: a trail cut or rewritten since then is refused rather than sealed over, so a later
/// honest change can never hide an earlier tampering.
/// </summary>
public static class SealedTrail
{
    /// <summary>
    /// Numbers, chains and seals entries that arrive unnumbered (organisation, accounts, KPI
    /// library), after the checkpoint's head. Returns the checkpoint, new when the trail had none.
    /// </summary>
    public static AuditCheckpoint Append(string scope, AuditCheckpoint? checkpoint, IEnumerable<ISealedAuditEntry> added, AuditKeyRing ring)
    {
        var (sequence, head) = checkpoint is null ? (0L, Evaluation.Cycles.AuditChain.Genesis) : (checkpoint.LastSequence, checkpoint.HeadHash);
        var at = checkpoint?.At ?? DateTimeOffset.MinValue;
        foreach (var entry in added)
        {
            entry.Sequence = ++sequence;
            entry.Hash = entry.HashAfter(head);
            entry.Seal = TrailSeal.Seal(ring.Current, scope, entry.Sequence, entry.Hash);
            head = entry.Hash;
            at = entry.At > at ? entry.At : at;
        }

        return Move(scope, checkpoint, sequence, head, at, ring);
    }

    /// <summary>
    /// Seals entries already numbered and chained by their trail (a cycle's <c>AuditTrail</c>), in
    /// order. Throws when they do not continue the checkpoint.
    /// </summary>
    public static AuditCheckpoint SealChained(string scope, AuditCheckpoint? checkpoint, IReadOnlyList<ISealedAuditEntry> added, AuditKeyRing ring)
    {
        var (sequence, head) = checkpoint is null ? (0L, Evaluation.Cycles.AuditChain.Genesis) : (checkpoint.LastSequence, checkpoint.HeadHash);
        var at = checkpoint?.At ?? DateTimeOffset.MinValue;
        foreach (var entry in added)
        {
            if (entry.Sequence != sequence + 1 || entry.HashAfter(head) != entry.Hash)
            {
                throw new InvalidOperationException(
                    $"The audit trail {scope} does not continue its signed checkpoint (entry #{entry.Sequence} after #{sequence}): it was changed outside GovKpi; run 'govkpi audit verify'.");
            }

            entry.Seal = TrailSeal.Seal(ring.Current, scope, entry.Sequence, entry.Hash);
            (sequence, head) = (entry.Sequence, entry.Hash);
            at = entry.At > at ? entry.At : at;
        }

        return Move(scope, checkpoint, sequence, head, at, ring);
    }

    /// <summary>Seals a whole trail written before trails were sealed (once, when upgrading), keeping its hashes.</summary>
    public static AuditCheckpoint SealExisting(string scope, IReadOnlyList<ISealedAuditEntry> entriesInOrder, AuditKeyRing ring)
    {
        var (sequence, head, at) = (0L, Evaluation.Cycles.AuditChain.Genesis, DateTimeOffset.MinValue);
        foreach (var entry in entriesInOrder)
        {
            entry.Seal = TrailSeal.Seal(ring.Current, scope, entry.Sequence, entry.Hash);
            (sequence, head) = (entry.Sequence, entry.Hash);
            at = entry.At > at ? entry.At : at;
        }

        return Move(scope, null, sequence, head, at, ring);
    }

    private static AuditCheckpoint Move(string scope, AuditCheckpoint? checkpoint, long sequence, string head, DateTimeOffset at, AuditKeyRing ring)
    {
        checkpoint ??= new AuditCheckpoint { Scope = scope };
        checkpoint.LastSequence = sequence;
        checkpoint.HeadHash = head;
        // The instant of the change itself: the trail's own time, so sealing needs no clock.
        checkpoint.At = at;
        TrailSeal.Sign(ring.Current, checkpoint);
        return checkpoint;
    }
}
