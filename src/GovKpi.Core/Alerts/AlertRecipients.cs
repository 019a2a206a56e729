using GovKpi.Core.Organisation;

namespace GovKpi.Core.Alerts;

/// <summary>
/// Who an alert is addressed to: <see cref="StaffCode"/> is null when nobody holds the post of
/// <see cref="Role"/> in <see cref="UnitCode"/> on the day, so the alert still stands and a reader
/// can see which post is empty instead of the warning being lost.
/// </summary>
public sealed record AlertRecipient(RecipientRole Role, string? UnitCode, string? StaffCode)
{
    public bool IsVacant => StaffCode is null;
}

/// <summary>
/// Finds the handler, the division head and the agency head in the organisation on a day: a head
/// is the staff member working in the unit (secondments included) with the head role, or, with
/// no head, a deputy standing in; several candidates go by staff code so the answer is stable.
/// </summary>
public sealed class AlertRecipients(OrganisationTree tree, IEnumerable<StaffMember> staff)
{
    private readonly IReadOnlyList<StaffMember> _staff = staff.ToList();

    public AlertRecipient Resolve(RecipientRole role, WatchedItem item, DateOnly day)
    {
        var handler = item.HandlerCode is null ? null : _staff.FirstOrDefault(s => s.Code == item.HandlerCode);
        var unit = handler?.WorkingUnitOn(day) ?? item.UnitCode;
        return role switch
        {
            RecipientRole.Handler when item.HandlerCode is not null => new(role, unit, item.HandlerCode),
            RecipientRole.Handler or RecipientRole.DivisionHead => new(role, unit, HeadOf(unit, day)),
            _ => AgencyOf(unit) is { } agency ? new(role, agency, HeadOf(agency, day)) : new(role, null, null),
        };
    }

    /// <summary>
    /// The nearest unit at or above <paramref name="unitCode"/> that is an agency, a commune or the
    /// province: divisions and service centres belong to the body above them.
    /// </summary>
    public string? AgencyOf(string unitCode) => tree.PathTo(unitCode)
        .LastOrDefault(u => u.Kind is UnitKind.Agency or UnitKind.Commune or UnitKind.Province)?.Code;

    public string? HeadOf(string unitCode, DateOnly day)
    {
        var leaders = _staff.Where(s => s.Leader != LeaderRole.None && s.WorkingUnitOn(day) == unitCode)
            .OrderBy(s => s.Leader == LeaderRole.Head ? 0 : 1).ThenBy(s => s.Code, StringComparer.Ordinal);
        return leaders.FirstOrDefault()?.Code;
    }
}
