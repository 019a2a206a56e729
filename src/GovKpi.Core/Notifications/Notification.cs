namespace GovKpi.Core.Notifications;

/// <summary>What a notification is about; the inbox and the mails group by it.</summary>
public enum NotificationKind
{
    Alert,
    EvaluationDeadline,
    EvaluationReminder,
    DelegatedTaskReportDate,
    InspectionFollowUp,
}

/// <summary>
/// A text kept as a resource key and its arguments, so that it is rendered in the reader's
/// language when shown or mailed, not frozen in the language of the moment it was raised.
/// </summary>
public sealed record LocalisableText(string Key, IReadOnlyList<string> Arguments)
{
    public static LocalisableText Of(string key, params string[] arguments) => new(key, arguments);
}

/// <summary>
/// One message to one person (by staff code). <see cref="MailedAt"/> is when it left by mail,
/// alone or in a digest: a notification is mailed at most once.
/// </summary>
public sealed class Notification
{
    public long Id { get; init; }
    /// <summary>
    /// What raised it, unique among all notifications (<c>alert:{kind}:{id}:{level}:{staff}</c>,
    /// <c>cycle-deadline:{cycle}:{staff}:{date}</c>): the inbox stores a key once however often, and
    /// by however many nodes, it is raised. Null for a one-off message that needs no such guard.
    /// </summary>
    public string? SourceKey { get; init; }
    public required string RecipientStaffCode { get; init; }
    public required NotificationKind Kind { get; init; }
    public required LocalisableText Subject { get; init; }
    public required LocalisableText Body { get; init; }
    /// <summary>Application-relative path of the page where the person acts on it.</summary>
    public string? Link { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ReadAt { get; set; }
    public DateTimeOffset? MailedAt { get; set; }
}

/// <summary>How a person wants mail: each notification at once, or one digest a day.</summary>
public enum DeliveryPreference
{
    /// <summary>The default: one mail a day keeps the inbox quiet.</summary>
    Digest,
    Immediate,
}
