using GovKpi.Core.Notifications;

namespace GovKpi.Web.Features.Alerts;

/// <summary>Where the notifications of saved alert changes go.</summary>
public interface IAlertNoticeSink
{
    Task AddAsync(IReadOnlyList<Notification> notices, CancellationToken ct);
}

/// <summary>
/// Only logs the notices. The notifications inbox and mail are built on another branch (d13-mail):
/// at the merge this is replaced by the sink that stores them in the inbox, so that the recipients
/// see them and get their mail or digest.
/// </summary>
public sealed class LoggedAlertNotices(ILogger<LoggedAlertNotices> log) : IAlertNoticeSink
{
    public Task AddAsync(IReadOnlyList<Notification> notices, CancellationToken ct)
    {
        foreach (var notice in notices)
        {
            log.LogInformation("Alert notice to {Staff}: {Subject} ({Arguments})", notice.RecipientStaffCode, notice.Subject.Key,
                string.Join(", ", notice.Subject.Arguments));
        }

        return Task.CompletedTask;
    }
}
