using System.Globalization;

namespace GovKpi.Core.KpiLibrary;

/// <summary>A KPI of a set with its weight in percent and, optionally, a target that replaces the definition's.</summary>
public sealed record KpiSetItem
{
    public required string KpiCode { get; init; }
    public required decimal WeightPercent { get; init; }
    public decimal? TargetOverride { get; init; }
    /// <summary>The province's yearly objective the target serves (cascading goals), if it was cascaded from one.</summary>
    public string? ObjectiveCode { get; init; }
}

/// <summary>
/// Whose KPI set it is: a job position's (people are scored on it), or a collective one, of every
/// unit of a kind (all communes) or of one unit, that makes the unit's result (ADR 0017).
/// </summary>
public enum KpiSetHolder
{
    Position,
    UnitKind,
    Unit,
}

/// <summary>
/// One version of the KPI set of a job position, of a unit kind or of a unit (<see cref="Holder"/>).
/// Sets are never edited in place: a change makes version N+1 effective from a date, and version N
/// ends the day before.
/// </summary>
public sealed record KpiSet
{
    public KpiSetHolder Holder { get; init; } = KpiSetHolder.Position;
    /// <summary>
    /// The holder's code: a position code, or for a collective set the unit kind's name
    /// (<c>Commune</c>) or the unit's code. The name stays from when sets were positions' only.
    /// </summary>
    public required string PositionCode { get; init; }
    public required int Version { get; init; }
    public required DateOnly EffectiveFrom { get; init; }
    public DateOnly? EffectiveTo { get; init; }
    public string Note { get; init; } = "";
    public required IReadOnlyList<KpiSetItem> Items { get; init; }

    public bool IsActiveOn(DateOnly day) => EffectiveFrom <= day && (EffectiveTo is null || day < EffectiveTo);

    /// <summary>
    /// Adds <paramref name="items"/> as the next version of the position's set, ending the
    /// version that was open. Returns the new version and the closed one (if any).
    /// </summary>
    public static (KpiSet Created, KpiSet? Closed) NextVersion(
        IReadOnlyCollection<KpiSet> existingVersions, string positionCode, DateOnly effectiveFrom,
        IReadOnlyList<KpiSetItem> items, string note, KpiSetHolder holder = KpiSetHolder.Position)
    {
        var open = existingVersions.Where(s => s.EffectiveTo is null).MaxBy(s => s.Version);
        if (open is not null && effectiveFrom <= open.EffectiveFrom)
        {
            throw new ArgumentOutOfRangeException(nameof(effectiveFrom),
                string.Create(CultureInfo.InvariantCulture, $"A new version must start after {open.EffectiveFrom:yyyy-MM-dd}, when version {open.Version} started."));
        }

        var created = new KpiSet
        {
            Holder = holder,
            PositionCode = positionCode,
            Version = existingVersions.Count == 0 ? 1 : existingVersions.Max(s => s.Version) + 1,
            EffectiveFrom = effectiveFrom,
            Note = note,
            Items = items,
        };
        return (created, open is null ? null : open with { EffectiveTo = effectiveFrom });
    }
}
