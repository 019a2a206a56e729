namespace GovKpi.Core.Organisation;

/// <summary>Kinds of unit in the two-level local government (no district level since 2025-07-01).</summary>
public enum UnitKind
{
    Province,
    /// <summary>Sở, ban, ngành of the province.</summary>
    Agency,
    /// <summary>UBND xã / phường / đặc khu.</summary>
    Commune,
    /// <summary>Phòng (division) or office inside an agency or commune.</summary>
    Division,
    /// <summary>Trung tâm Phục vụ hành chính công, at province or commune level.</summary>
    ServiceCentre,
}

/// <summary>
/// An organisational unit valid over <c>[EffectiveFrom, EffectiveTo)</c>. A unit that stops
/// existing keeps its row: its history is reached through <see cref="UnitLineage"/>.
/// </summary>
public sealed record Unit
{
    public required string Code { get; init; }
    public required string NameVi { get; init; }
    public required string NameEn { get; init; }
    public required UnitKind Kind { get; init; }
    public string? ParentCode { get; init; }
    public required DateOnly EffectiveFrom { get; init; }
    public DateOnly? EffectiveTo { get; init; }

    public bool IsActiveOn(DateOnly day) => EffectiveFrom <= day && (EffectiveTo is null || day < EffectiveTo);
}

public enum LineageKind
{
    /// <summary>Several predecessors became one successor (e.g. three communes merged).</summary>
    Merge,
    /// <summary>One predecessor was divided among several successors.</summary>
    Split,
    /// <summary>Same unit, new code or name.</summary>
    Rename,
}

/// <summary>One edge of unit history: <see cref="PredecessorCode"/> continues as <see cref="SuccessorCode"/>.</summary>
public sealed record UnitLineage
{
    public required string PredecessorCode { get; init; }
    public required string SuccessorCode { get; init; }
    public required LineageKind Kind { get; init; }
    public required DateOnly EffectiveOn { get; init; }
}
