namespace GovKpi.Core.Measurement;

/// <summary>What an imported row does when its key is already stored.</summary>
public enum StoredKeyOutcome
{
    /// <summary>The same content: a repeat, which changes nothing.</summary>
    Unchanged,
    /// <summary>An earlier row of the same batch has this key and other content: refused, and the first row's content stays.</summary>
    ConflictInBatch,
    /// <summary>A dossier version stored before with the same <c>updated_at</c> and other content: refused, and the stored version stays.</summary>
    ConflictWithStored,
    /// <summary>A survey, complaint or calendar day stored by an earlier batch: the new content replaces it (a complaint is sent again once upheld).</summary>
    Replaces,
}

/// <summary>
/// The import rule for a row whose key is stored (CONTRACTS.md, docs/FILES.md). Within one batch
/// nothing says which of two rows is newer, so the first row of a key is the batch's and a later
/// one with other content is a conflict: it never replaces the first, even when the first found
/// its content already stored. That is what makes importing the same file again change nothing.
/// Between batches, a dossier's versions are told apart by <c>updated_at</c> (a newer version
/// lands as a new row, never through this rule), so the same <c>updated_at</c> with other content
/// is a conflict; the other records have no version time and the later batch wins.
/// </summary>
public static class StoredKeyRule
{
    /// <param name="sameContent">Whether the row's content equals what is stored under its key.</param>
    /// <param name="earlierInBatch">Whether an earlier row of the same batch had this key.</param>
    /// <param name="versioned">Whether the record kind has versions (dossiers).</param>
    public static StoredKeyOutcome Decide(bool sameContent, bool earlierInBatch, bool versioned) =>
        sameContent ? StoredKeyOutcome.Unchanged
        : earlierInBatch ? StoredKeyOutcome.ConflictInBatch
        : versioned ? StoredKeyOutcome.ConflictWithStored
        : StoredKeyOutcome.Replaces;
}
