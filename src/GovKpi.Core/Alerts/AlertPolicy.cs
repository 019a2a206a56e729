namespace GovKpi.Core.Alerts;

/// <summary>Colours of the warning ladder, in the order an item climbs them.</summary>
public enum AlertLevel
{
    /// <summary>Xanh: due soon, the handler is reminded.</summary>
    Green = 1,
    /// <summary>Vàng: late, the division head is told.</summary>
    Yellow = 2,
    /// <summary>Đỏ: seriously late, the agency head is told.</summary>
    Red = 3,
}

/// <summary>Whom a level of the ladder is addressed to, found in the organisation when the alert is raised.</summary>
public enum RecipientRole
{
    /// <summary>The item's handler; without one (a delegated task), the head of the item's unit.</summary>
    Handler,
    /// <summary>The head of the handler's unit (trưởng phòng), or of the item's unit without a handler.</summary>
    DivisionHead,
    /// <summary>The head of the agency, commune or province above that unit (thủ trưởng cơ quan).</summary>
    AgencyHead,
}

/// <summary>
/// The warning ladder as data, editable by a province. The default is Ho Chi Minh City's
/// (DOMAIN.md, "Provincial practice"): green while due within 24 working hours, to the handler;
/// yellow once late by up to 48 working hours, to the division head; red beyond that, to the
/// agency head. Hours are working hours of <see cref="Hours"/> on the working-day calendar.
/// </summary>
public sealed record AlertPolicy
{
    public static AlertPolicy HoChiMinhCity { get; } = new();

    /// <summary>An unfinished item due within this much working time (and not yet late) is green.</summary>
    public TimeSpan GreenWithin { get; init; } = TimeSpan.FromHours(24);
    /// <summary>An item late by more than nothing and up to this much working time is yellow; later, red.</summary>
    public TimeSpan YellowUpTo { get; init; } = TimeSpan.FromHours(48);
    public RecipientRole GreenTo { get; init; } = RecipientRole.Handler;
    public RecipientRole YellowTo { get; init; } = RecipientRole.DivisionHead;
    public RecipientRole RedTo { get; init; } = RecipientRole.AgencyHead;
    public WorkingHours Hours { get; init; } = WorkingHours.Office;

    public RecipientRole RecipientOf(AlertLevel level) => level switch
    {
        AlertLevel.Green => GreenTo,
        AlertLevel.Yellow => YellowTo,
        _ => RedTo,
    };
}
