namespace GovKpi.Core.Audit;

/// <summary>What is wrong with a trail, at which entry.</summary>
public enum AuditFindingKind
{
    /// <summary>The entry's hash does not match its content: the entry was edited.</summary>
    EditedEntry,
    /// <summary>Entries <c>From</c>–<c>To</c> are missing between two that remain.</summary>
    MissingEntries,
    /// <summary>The hash matches the content but the seal does not: the chain was recomputed from here without the key.</summary>
    ChainRecomputed,
    /// <summary>The entry carries no seal.</summary>
    Unsealed,
    /// <summary>The entry is sealed with a key that is not in the key directory.</summary>
    UnknownKey,
    /// <summary>The checkpoint names entries <c>From</c>–<c>To</c> that are no longer there.</summary>
    CutFromEnd,
    /// <summary>Entries <c>From</c>–<c>To</c> come after the signed checkpoint.</summary>
    BeyondCheckpoint,
    /// <summary>The checkpoint's head hash is not the hash of the entry it names.</summary>
    CheckpointHeadDiffers,
    /// <summary>The trail has entries but no checkpoint.</summary>
    CheckpointMissing,
    /// <summary>The checkpoint's signature does not match its fields.</summary>
    CheckpointForged,
    /// <summary>The checkpoint is signed with a key that is not in the key directory.</summary>
    CheckpointUnknownKey,
    /// <summary>A stored result (score, level, version) differs from what the trail last recorded for it.</summary>
    ResultDisagrees,
}

/// <summary>One finding: the entry (sequence) it is about, or a range of sequences, and for results the person and detail.</summary>
public sealed record AuditFinding(AuditFindingKind Kind, long? Sequence, long? From = null, long? To = null, string? StaffCode = null, string? Detail = null)
{
    /// <summary>The first entry the finding concerns (the API's <c>firstBrokenSequence</c>).</summary>
    public long? FirstSequence => Sequence ?? From;
}

/// <summary>
/// Checks a sealed trail: each entry's hash against its content and the hash before it, each
/// seal against the keys, and the signed checkpoint against the entries that remain. One rule for
/// the command line (<c>govkpi audit verify</c>) and the API's <c>chainIntact</c>.
/// </summary>
public static class TrailVerification
{
    public static List<AuditFinding> Verify(string scope, IReadOnlyList<ISealedAuditEntry> entriesInOrder, AuditCheckpoint? checkpoint, AuditKeyRing ring)
    {
        var findings = new List<AuditFinding>();
        var previous = Evaluation.Cycles.AuditChain.Genesis;
        var expected = 1L;
        var sealFailed = false;
        foreach (var entry in entriesInOrder)
        {
            // After a gap the hash before this entry is gone with the missing ones: only its seal can be checked.
            var afterGap = entry.Sequence > expected;
            if (afterGap)
            {
                findings.Add(new(AuditFindingKind.MissingEntries, null, expected, entry.Sequence - 1));
            }

            if (!afterGap && entry.HashAfter(previous) != entry.Hash)
            {
                findings.Add(new(AuditFindingKind.EditedEntry, entry.Sequence));
            }
            else if (!sealFailed)
            {
                // Only the first: every seal after a recomputed entry fails too, and says nothing more.
                var check = TrailSeal.Check(ring, scope, entry.Sequence, entry.Hash, entry.Seal);
                if (check != SealCheck.Valid)
                {
                    sealFailed = true;
                    findings.Add(new(check switch
                    {
                        SealCheck.Missing => AuditFindingKind.Unsealed,
                        SealCheck.UnknownKey => AuditFindingKind.UnknownKey,
                        _ => AuditFindingKind.ChainRecomputed,
                    }, entry.Sequence));
                }
            }

            previous = entry.Hash;
            expected = entry.Sequence + 1;
        }

        var last = entriesInOrder.Count == 0 ? 0 : entriesInOrder[^1].Sequence;
        if (checkpoint is null)
        {
            if (entriesInOrder.Count > 0)
            {
                findings.Add(new(AuditFindingKind.CheckpointMissing, null));
            }

            return findings;
        }

        var signature = TrailSeal.Check(ring, checkpoint);
        if (signature != SealCheck.Valid)
        {
            findings.Add(new(signature == SealCheck.UnknownKey ? AuditFindingKind.CheckpointUnknownKey : AuditFindingKind.CheckpointForged, null));
            return findings;
        }

        if (checkpoint.LastSequence > last)
        {
            findings.Add(new(AuditFindingKind.CutFromEnd, null, last + 1, checkpoint.LastSequence));
        }
        else if (checkpoint.LastSequence < last)
        {
            findings.Add(new(AuditFindingKind.BeyondCheckpoint, null, checkpoint.LastSequence + 1, last));
        }

        var named = entriesInOrder.FirstOrDefault(e => e.Sequence == checkpoint.LastSequence);
        if (named is not null && named.Hash != checkpoint.HeadHash)
        {
            findings.Add(new(AuditFindingKind.CheckpointHeadDiffers, named.Sequence));
        }

        return findings;
    }
}
