namespace GovKpi.Core.Organisation;

/// <summary>
/// One dated row of a staff member's history: where they worked, in which position and role,
/// over <c>[EffectiveFrom, EffectiveTo)</c>. A move adds a row and ends the previous one, so
/// what the person did before stays with the unit and position where it was done. An
/// <see cref="EffectiveTo"/> on the latest row is the day the person left.
/// </summary>
public sealed record StaffPlacement
{
    public required string StaffCode { get; init; }
    public required DateOnly EffectiveFrom { get; init; }
    public DateOnly? EffectiveTo { get; init; }
    public required string UnitCode { get; init; }
    public required string PositionCode { get; init; }
    public required StaffType Type { get; init; }
    public LeaderRole Leader { get; init; } = LeaderRole.None;

    /// <summary>
    /// The placement of a person stored before histories existed (the demo province): their
    /// current unit, position and role, counted from <paramref name="from"/> (their unit's start).
    /// </summary>
    public static StaffPlacement AssumedFor(StaffMember member, DateOnly from) => new()
    {
        StaffCode = member.Code,
        EffectiveFrom = from,
        UnitCode = member.UnitCode,
        PositionCode = member.PositionCode,
        Type = member.Type,
        Leader = member.Leader,
    };

    /// <summary>Whether the two rows place the person in the same unit, position, role and category.</summary>
    public bool SamePlaceAs(StaffPlacement other) =>
        UnitCode == other.UnitCode && PositionCode == other.PositionCode && Type == other.Type && Leader == other.Leader;
}
