using System.Collections.Concurrent;
using GovKpi.Core.Notifications;
using GovKpi.Web.Features.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace GovKpi.Web.Tests.Notifications;

public class SmtpMailTests
{
    internal static SmtpSettings Settings(int port) => new(
        "127.0.0.1", port, "govkpi@tinh.gov.vn", "GovKpi Tỉnh", null, null, SmtpTls.None, 7, "https://govkpi.tinh.gov.vn");

    internal static (SmtpMailSender Sender, NotificationMailComposer Composer, LogSink Log) Build(SmtpSettings settings)
    {
        var log = new LogSink();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(log))
            .AddLocalization(o => o.ResourcesPath = "Resources")
            .AddSingleton(settings)
            .AddSingleton<SmtpMailSender>()
            .AddSingleton<NotificationMailComposer>()
            .BuildServiceProvider();
        return (services.GetRequiredService<SmtpMailSender>(), services.GetRequiredService<NotificationMailComposer>(), log);
    }

    internal static Notification Deadline(string staff, DateTimeOffset at) => new()
    {
        Id = 1,
        RecipientStaffCode = staff,
        Kind = NotificationKind.EvaluationDeadline,
        Subject = LocalisableText.Of("Notifications.EvaluationDeadline.Subject", "Quý IV/2026", "15/12/2026"),
        Body = LocalisableText.Of("Notifications.EvaluationDeadline.Body", "Quý IV/2026", "15/12/2026"),
        Link = "/evaluation/self",
        CreatedAt = at,
    };

    [Fact]
    public async Task A_notification_mail_arrives_at_the_SMTP_server_in_Vietnamese_with_its_link()
    {
        await using var server = await TestSmtpServer.StartAsync();
        var (sender, composer, _) = Build(Settings(server.Port));
        var mail = composer.Immediate(Deadline("CB001", DateTimeOffset.UnixEpoch), "nguyen.van.an@tinh.gov.vn", "Nguyễn Văn An");

        var sent = await sender.SendAsync(mail, CancellationToken.None);

        Assert.True(sent);
        var received = Assert.Single(server.Messages);
        Assert.Equal(["nguyen.van.an@tinh.gov.vn"], received.EnvelopeTo);
        var to = Assert.Single(received.Message.To.Mailboxes);
        Assert.Equal("Nguyễn Văn An", to.Name);
        Assert.Equal("govkpi@tinh.gov.vn", Assert.Single(received.Message.From.Mailboxes).Address);
        Assert.Equal("Hạn tự đánh giá kỳ Quý IV/2026: ngày 15/12/2026", received.Message.Subject);
        Assert.Contains("Kỳ đánh giá Quý IV/2026 hết hạn tự đánh giá vào ngày 15/12/2026.", received.Message.TextBody);
        Assert.Equal("utf-8", Assert.IsType<MimeKit.TextPart>(received.Message.Body).ContentType.Charset, ignoreCase: true);
        Assert.Contains("Xem chi tiết: https://govkpi.tinh.gov.vn/evaluation/self", received.Message.TextBody);
        Assert.Contains("vui lòng không trả lời", received.Message.TextBody);
    }

    [Fact]
    public async Task A_digest_mail_lists_every_notification_it_carries_under_one_subject()
    {
        await using var server = await TestSmtpServer.StartAsync();
        var (sender, composer, _) = Build(Settings(server.Port));
        var now = new DateTimeOffset(2026, 12, 7, 0, 5, 0, TimeSpan.Zero);
        var digest = new Digest("CB002", [Deadline("CB002", now.AddHours(-20)), Deadline("CB002", now.AddHours(-2))]);

        var sent = await sender.SendAsync(composer.DigestOf(digest, now, "tran.thi.binh@tinh.gov.vn", null), CancellationToken.None);

        Assert.True(sent);
        var received = Assert.Single(server.Messages);
        Assert.Equal("GovKpi: 2 thông báo mới ngày 07/12/2026", received.Message.Subject);
        var body = Assert.IsType<string>(received.Message.TextBody);
        Assert.StartsWith("Các thông báo mới trên GovKpi kể từ thư tổng hợp trước:", body);
        Assert.Equal(2, body.Split("• Hạn tự đánh giá kỳ Quý IV/2026").Length - 1);
    }

    [Fact]
    public async Task A_server_refusing_the_connection_is_a_logged_failure_not_a_crash()
    {
        var port = TestSmtpServer.FreePort();
        var (sender, composer, log) = Build(Settings(port));
        var mail = composer.Immediate(Deadline("CB001", DateTimeOffset.UnixEpoch), "nguyen.van.an@tinh.gov.vn", null);

        var sent = await sender.SendAsync(mail, CancellationToken.None);

        Assert.False(sent);
        var error = Assert.Single(log.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("nguyen.van.an@tinh.gov.vn", error.Message);
        Assert.Contains($"127.0.0.1:{port}", error.Message);
    }

    internal sealed class LogSink : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(LogSink sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Entries.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
