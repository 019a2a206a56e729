using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace GovKpi.Web.Features.Notifications;

/// <summary>How the connection to the mail server is protected.</summary>
public enum SmtpTls
{
    /// <summary>Plain text: only for a relay on the same host or a test server.</summary>
    None,
    /// <summary>Upgrade with STARTTLS and refuse to send if the server does not offer it.</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}

/// <summary>
/// The <c>Notifications:Smtp:*</c> settings and the daily digest hour. No host means mail is off:
/// notifications then stay in the inbox only.
/// </summary>
public sealed record SmtpSettings(
    string? Host, int Port, string FromAddress, string FromName, string? User, string? Password, SmtpTls Tls,
    int DigestHour, string? PublicBaseUrl)
{
    [MemberNotNullWhen(true, nameof(Host))]
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public static SmtpSettings From(IConfiguration configuration)
    {
        var notifications = configuration.GetSection("Notifications");
        var smtp = notifications.GetSection("Smtp");
        var tls = SmtpTls.StartTls;
        if (smtp["Tls"] is { Length: > 0 } text
            && !(Enum.TryParse(text, ignoreCase: true, out tls) && Enum.IsDefined(tls) && !char.IsAsciiDigit(text[0])))
            throw new InvalidOperationException(
                $"Notifications:Smtp:Tls must be one of {string.Join(", ", Enum.GetNames<SmtpTls>())}; it is '{text}'.");
        var digestHour = notifications.GetValue("DigestHour", 7);
        if (digestHour is < 0 or > 23)
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Notifications:DigestHour must be an hour of the day, 0 to 23 (Vietnam time); it is {digestHour}."));
        return new SmtpSettings(
            smtp["Host"],
            smtp.GetValue("Port", tls == SmtpTls.SslOnConnect ? 465 : 587),
            smtp["FromAddress"] is { Length: > 0 } from ? from : "govkpi@localhost",
            smtp["FromName"] is { Length: > 0 } name ? name : "GovKpi",
            smtp["User"] is { Length: > 0 } user ? user : null,
            smtp["Password"] is { Length: > 0 } password ? password : null,
            tls,
            digestHour,
            notifications["PublicBaseUrl"] is { Length: > 0 } url ? url.TrimEnd('/') : null);
    }
}
