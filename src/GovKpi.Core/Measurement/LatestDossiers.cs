namespace GovKpi.Core.Measurement;

/// <summary>Two versions of a dossier with the same <c>updated_at</c> and different content.</summary>
public sealed record DossierConflict(string DossierId, DateTimeOffset UpdatedAt, long FirstLine, long SecondLine);

/// <summary>
/// Keeps, for each dossier id, the version with the latest <c>updated_at</c> (CONTRACTS.md).
/// Identical repeats are ignored so re-reading the same data changes nothing; two different
/// versions with the same <c>updated_at</c> are a conflict, reported and never guessed —
/// whichever versions they are and in whatever order the rows come, so older versions are kept
/// too (a fifth of the dossiers have two or three).
/// </summary>
public sealed class LatestDossiers
{
    private readonly Dictionary<string, Entry> _latest;

    public LatestDossiers(int capacity = 0) => _latest = new(capacity, StringComparer.Ordinal);

    private record struct Entry(DossierVersion Version, long Line, Older? Older);

    /// <summary>A superseded version, kept to recognise a conflicting row that comes later.</summary>
    private sealed record Older(DossierVersion Version, long Line, Older? Next);

    public int Count => _latest.Count;

    public IEnumerable<DossierVersion> Versions => _latest.Values.Select(v => v.Version);

    public DossierVersion? Find(string dossierId) => _latest.TryGetValue(dossierId, out var v) ? v.Version : null;

    /// <summary>Offers a version read at <paramref name="line"/>; returns the conflict it makes, if any.</summary>
    public DossierConflict? Offer(DossierVersion version, long line)
    {
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_latest, version.DossierId, out var exists);
        if (!exists)
        {
            slot = new Entry(version, line, null);
            return null;
        }

        if (version.UpdatedAt == slot.Version.UpdatedAt)
        {
            return Compare(slot.Version, slot.Line, version, line);
        }

        for (var older = slot.Older; older is not null; older = older.Next)
        {
            if (version.UpdatedAt == older.Version.UpdatedAt)
            {
                return Compare(older.Version, older.Line, version, line);
            }
        }

        slot = version.UpdatedAt > slot.Version.UpdatedAt
            ? new Entry(version, line, new Older(slot.Version, slot.Line, slot.Older))
            : slot with { Older = new Older(version, line, slot.Older) };
        return null;
    }

    private static DossierConflict? Compare(DossierVersion kept, long keptLine, DossierVersion offered, long line) =>
        kept == offered ? null : new DossierConflict(offered.DossierId, offered.UpdatedAt, keptLine, line);
}
