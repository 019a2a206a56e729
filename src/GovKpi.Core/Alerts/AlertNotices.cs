using System.Globalization;
using GovKpi.Core.Notifications;

namespace GovKpi.Core.Alerts;

/// <summary>
/// Turns saved alert changes into notifications for the inbox and the mail: one per raised or
/// climbed alert whose recipient holds the post. A closed alert tells nobody (the inbox settles
/// it), and a vacant post has no inbox: such alerts stay visible on the alerts page instead.
/// </summary>
public static class AlertNotices
{
    /// <summary>Where a recipient sees the alert and the others of the unit.</summary>
    public const string Link = "/alerts";

    /// <summary>
    /// The notifications for <paramref name="changes"/>. Their texts are resource keys
    /// <c>Notifications.Alert.Subject.{Level}</c> and <c>Notifications.Alert.Body.{Kind}</c> with the
    /// arguments level, item kind, item id and due time (Vietnam time, <c>yyyy-MM-dd HH:mm</c>), so
    /// that each reader gets them in their own language.
    /// </summary>
    /// <param name="dueOf">The due instant of each watched item the changes are about.</param>
    public static IReadOnlyList<Notification> For(IEnumerable<AlertChange> changes, Func<WatchedKind, string, DateTimeOffset?> dueOf)
    {
        var notices = new List<Notification>();
        foreach (var change in changes)
        {
            var alert = change.Alert;
            if (change.Kind == AlertChangeKind.Closed || alert.Recipient.StaffCode is not { } staff)
            {
                continue;
            }

            var due = dueOf(alert.ItemKind, alert.ItemId) is { } at
                ? at.ToOffset(VietnamTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
                : "";
            string[] arguments = [alert.Level.ToString(), alert.ItemKind.ToString(), alert.ItemId, due];
            notices.Add(new Notification
            {
                // One notice per alert and person however many nodes raise it (the inbox stores a key once).
                SourceKey = $"alert:{alert.ItemKind}:{alert.ItemId}:{alert.Level}:{staff}",
                RecipientStaffCode = staff,
                Kind = NotificationKind.Alert,
                Subject = new LocalisableText("Notifications.Alert.Subject." + alert.Level, arguments),
                Body = new LocalisableText("Notifications.Alert.Body." + alert.ItemKind, arguments),
                Link = Link,
                CreatedAt = alert.RaisedAt,
            });
        }

        return notices;
    }
}
