using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MimeKit.Text;

namespace GovKpi.Web.Features.Notifications;

/// <summary>One mail to one person, already rendered in their language.</summary>
public sealed record OutgoingMail(string ToAddress, string? ToName, string Subject, string Body);

/// <summary>
/// Sends mails through the configured SMTP server with MailKit. A failure (server down, refused,
/// rejected recipient) is logged with the server and the reason and reported as <c>false</c>: the
/// notification stays unmailed and the next round tries again, the web app goes on.
/// </summary>
public sealed class SmtpMailSender(SmtpSettings settings, ILogger<SmtpMailSender> log)
{
    public async Task<bool> SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        if (!settings.IsConfigured)
        {
            log.LogWarning("Mail to {To} not sent: no Notifications:Smtp:Host is configured.", mail.ToAddress);
            return false;
        }
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        message.To.Add(new MailboxAddress(mail.ToName ?? string.Empty, mail.ToAddress));
        message.Subject = mail.Subject;
        message.Body = new TextPart(TextFormat.Plain) { Text = mail.Body };

        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, SocketOptions(settings.Tls), ct);
            if (settings.User is not null)
                await client.AuthenticateAsync(settings.User, settings.Password ?? string.Empty, ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
            return true;
        }
        // Whatever went wrong on the way to the server, the caller only needs to know the mail did not leave.
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Mail to {To} not sent through SMTP server {Host}:{Port}: {Reason}",
                mail.ToAddress, settings.Host, settings.Port, e.Message);
            return false;
        }
    }

    private static SecureSocketOptions SocketOptions(SmtpTls tls) => tls switch
    {
        SmtpTls.None => SecureSocketOptions.None,
        SmtpTls.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };
}
