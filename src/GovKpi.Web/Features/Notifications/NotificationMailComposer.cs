using System.Globalization;
using System.Text;
using GovKpi.Core.Notifications;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Notifications;

/// <summary>
/// Renders notifications as mails in Vietnamese, whatever the culture of the thread that sends
/// them (a background service has none of a request's).
/// </summary>
public sealed class NotificationMailComposer(IStringLocalizer<SharedResource> l, SmtpSettings settings)
{
    private static readonly CultureInfo Vietnamese = Startup.Cultures[0];

    public OutgoingMail Immediate(Notification notification, string toAddress, string? toName) =>
        InVietnamese(() =>
        {
            var body = new StringBuilder();
            AppendNotification(body, notification);
            AppendFooter(body);
            return new OutgoingMail(toAddress, toName, Render(notification.Subject), body.ToString());
        });

    public OutgoingMail DigestOf(Digest digest, DateTimeOffset now, string toAddress, string? toName) =>
        InVietnamese(() =>
        {
            var date = now.ToOffset(GovKpi.Core.VietnamTime.Offset).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
            var body = new StringBuilder().AppendLine(l["Notifications.Digest.Intro"]).AppendLine();
            foreach (var notification in digest.Notifications)
            {
                body.Append("• ").AppendLine(Render(notification.Subject));
                AppendNotification(body, notification);
                body.AppendLine();
            }
            AppendFooter(body);
            var subject = l["Notifications.Digest.Subject",
                digest.Notifications.Count.ToString(CultureInfo.InvariantCulture), date].Value;
            return new OutgoingMail(toAddress, toName, subject, body.ToString());
        });

    private void AppendNotification(StringBuilder body, Notification notification)
    {
        body.AppendLine(Render(notification.Body));
        if (notification.Link is { } link)
            body.AppendLine(l["Notifications.Open", (settings.PublicBaseUrl ?? string.Empty) + link].Value);
    }

    private void AppendFooter(StringBuilder body) => body.AppendLine().Append("-- ").AppendLine().AppendLine(l["Notifications.Footer"]);

    private string Render(LocalisableText text) => l[text.Key, [.. text.Arguments]].Value;

    private static T InVietnamese<T>(Func<T> render)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Vietnamese;
        try
        {
            return render();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}
