namespace GovKpi.Core.Measurement;

/// <summary>Two versions of a dossier with the same <c>updated_at</c> and different content.</summary>
public sealed record DossierConflict(string DossierId, DateTimeOffset UpdatedAt, long FirstLine, long SecondLine);

/// <summary>
/// Keeps, for each dossier id, the version with the latest <c>updated_at</c> (CONTRACTS.md).
/// Identical repeats are ignored so re-reading the same data changes nothing; two different
/// versions with the same <c>updated_at</c> are a conflict, reported and never guessed.
/// </summary>
public sealed class LatestDossiers
{
    private readonly Dictionary<string, (DossierVersion Version, long Line)> _latest;

    public LatestDossiers(int capacity = 0) => _latest = new(capacity, StringComparer.Ordinal);

    public int Count => _latest.Count;

    public IEnumerable<DossierVersion> Versions => _latest.Values.Select(v => v.Version);

    public DossierVersion? Find(string dossierId) => _latest.TryGetValue(dossierId, out var v) ? v.Version : null;

    /// <summary>Offers a version read at <paramref name="line"/>; returns the conflict it makes, if any.</summary>
    public DossierConflict? Offer(DossierVersion version, long line)
    {
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_latest, version.DossierId, out var exists);
        if (!exists || version.UpdatedAt > slot.Version.UpdatedAt)
        {
            slot = (version, line);
            return null;
        }

        if (version.UpdatedAt == slot.Version.UpdatedAt && version != slot.Version)
        {
            return new DossierConflict(version.DossierId, version.UpdatedAt, slot.Line, line);
        }

        return null;
    }
}
