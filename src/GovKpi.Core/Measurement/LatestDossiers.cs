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
    public DossierConflict? Offer(DossierVersion version, long line) => Offer(version, line, out _, out _);

    /// <summary>
    /// Offers a version read at <paramref name="line"/>; returns the conflict it makes, if any.
    /// <paramref name="isLatest"/> says whether it is now the latest version of its dossier and
    /// <paramref name="replaced"/> which version it replaced as such, so that counts kept along
    /// (<see cref="KpiComputation.RemoveDossier"/>) can follow.
    /// </summary>
    public DossierConflict? Offer(DossierVersion version, long line, out bool isLatest, out DossierVersion? replaced)
    {
        isLatest = false;
        replaced = null;
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_latest, version.DossierId, out var exists);
        if (!exists)
        {
            slot = new Entry(version, line, null);
            isLatest = true;
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

        if (version.UpdatedAt > slot.Version.UpdatedAt)
        {
            (isLatest, replaced) = (true, slot.Version);
            slot = new Entry(version, line, new Older(slot.Version, slot.Line, slot.Older));
        }
        else
        {
            slot = slot with { Older = new Older(version, line, slot.Older) };
        }

        return null;
    }

    /// <summary>
    /// The ids of <paramref name="other"/> that this table holds too: those whose position in
    /// <paramref name="other"/> is <paramref name="slice"/> modulo <paramref name="slices"/>, so
    /// that several threads can look at once (neither table changes).
    /// </summary>
    public List<string> Shared(LatestDossiers other, int slice = 0, int slices = 1)
    {
        var shared = new List<string>();
        var position = 0;
        foreach (var id in other._latest.Keys)
        {
            if (position++ % slices == slice && _latest.ContainsKey(id))
            {
                shared.Add(id);
            }
        }

        return shared;
    }

    /// <summary>
    /// For tables filled from parts of one file at the same time: moves a dossier of
    /// <paramref name="later"/> (read from later lines) here, offering all its versions,
    /// superseded ones included, as one table reading both parts would have. Returns the conflict
    /// on the lowest line, if any.
    /// </summary>
    public DossierConflict? Take(LatestDossiers later, string dossierId)
    {
        if (!later._latest.Remove(dossierId, out var entry))
        {
            return null;
        }

        var first = Offer(entry.Version, entry.Line);
        for (var older = entry.Older; older is not null; older = older.Next)
        {
            if (Offer(older.Version, older.Line) is { } conflict && (first is null || conflict.SecondLine < first.SecondLine))
            {
                first = conflict;
            }
        }

        return first;
    }

    private static DossierConflict? Compare(DossierVersion kept, long keptLine, DossierVersion offered, long line) =>
        kept == offered ? null : new DossierConflict(offered.DossierId, offered.UpdatedAt, keptLine, line);
}
