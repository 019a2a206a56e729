using GovKpi.Core.Alerts;
using GovKpi.Core.Notifications;

namespace GovKpi.Core.Tests.Alerts;

public class AlertNoticesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 3, 8, 0, 0, TimeSpan.FromHours(7));
    private static readonly DateTimeOffset Due = new(2026, 3, 5, 10, 0, 0, TimeSpan.Zero);

    private static Alert Alert(AlertLevel level, string? staff, WatchedKind kind = WatchedKind.Dossier) =>
        new(kind, "HS-1", level, new AlertRecipient(RecipientRole.Handler, "U1", staff), Now);

    private static DateTimeOffset? DueOf(WatchedKind kind, string id) => Due;

    [Fact]
    public void A_raised_alert_tells_its_recipient_with_the_level_the_item_and_its_due_time_in_Vietnam_time()
    {
        var notice = Assert.Single(AlertNotices.For([new AlertChange(AlertChangeKind.Raised, Alert(AlertLevel.Green, "S001"))], DueOf));

        Assert.Equal(("S001", NotificationKind.Alert, "/alerts", Now), (notice.RecipientStaffCode, notice.Kind, notice.Link, notice.CreatedAt));
        Assert.Equal("Notifications.Alert.Subject.Green", notice.Subject.Key);
        Assert.Equal("Notifications.Alert.Body.Dossier", notice.Body.Key);
        Assert.Equal(["Green", "Dossier", "HS-1", "2026-03-05 17:00"], notice.Subject.Arguments);
        Assert.Equal(notice.Subject.Arguments, notice.Body.Arguments);
        Assert.Null(notice.ReadAt);
        Assert.Null(notice.MailedAt);
    }

    [Fact]
    public void A_climb_tells_the_new_recipient_and_the_closing_of_the_lower_alert_tells_nobody()
    {
        var closed = Alert(AlertLevel.Green, "S001") with { ClosedAt = Now, CloseReason = AlertCloseReason.Climbed };
        var yellow = new Alert(WatchedKind.AssignedTask, "T-9", AlertLevel.Yellow, new AlertRecipient(RecipientRole.DivisionHead, "U1", "S003"), Now);

        var notices = AlertNotices.For([new AlertChange(AlertChangeKind.Closed, closed), new AlertChange(AlertChangeKind.Climbed, yellow)], DueOf);

        var notice = Assert.Single(notices);
        Assert.Equal(("S003", "Notifications.Alert.Subject.Yellow", "Notifications.Alert.Body.AssignedTask"),
            (notice.RecipientStaffCode, notice.Subject.Key, notice.Body.Key));
    }

    [Fact]
    public void An_alert_to_a_vacant_post_makes_no_notification()
    {
        Assert.Empty(AlertNotices.For([new AlertChange(AlertChangeKind.Raised, Alert(AlertLevel.Red, null))], DueOf));
    }
}
