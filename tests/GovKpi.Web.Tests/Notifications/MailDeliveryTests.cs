using System.Net;
using System.Net.Http.Json;
using GovKpi.Core.Notifications;
using GovKpi.Data;
using GovKpi.Data.Accounts;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Notifications;

/// <summary>
/// The app with mail on: a real SMTP server on 127.0.0.1 that the fixture starts first, the digest at
/// 12:00 Vietnam time (the test clock starts at 09:00), and e-mail addresses on the staff and manager accounts.
/// </summary>
public abstract class MailApp(DatabaseProvider provider) : GovKpiApp(provider)
{
    public const int DigestHour = 12;
    public const string StaffAddress = "tran.thi.hong@ninhhoa.khanhhoa.gov.vn";
    public const string ManagerAddress = "nguyen.van.hai@ninhhoa.khanhhoa.gov.vn";

    private TestSmtpServer? _smtp;

    public TestSmtpServer Smtp => _smtp ?? throw new InvalidOperationException("The SMTP server starts with the app.");

    protected override async Task BeforeServerStartsAsync() => _smtp = await TestSmtpServer.StartAsync();

    protected override async Task AfterServerStoppedAsync()
    {
        if (_smtp is not null)
            await _smtp.DisposeAsync();
    }

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Notifications:Smtp:Host"] = "127.0.0.1",
        ["Notifications:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Smtp:Tls"] = "None",
        ["Notifications:Smtp:FromAddress"] = "govkpi@khanhhoa.gov.vn",
        ["Notifications:DigestHour"] = DigestHour.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:PublicBaseUrl"] = "https://govkpi.khanhhoa.gov.vn",
    };

    protected override async Task SeedAsync(IServiceProvider services)
    {
        await base.SeedAsync(services);
        var db = services.GetRequiredService<GovKpiDbContext>();
        (await db.Accounts.SingleAsync(a => a.UserName == "staff")).Email = StaffAddress;
        (await db.Accounts.SingleAsync(a => a.UserName == "manager")).Email = ManagerAddress;
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Moves the clock on a minute at a time until a node has claimed and released the mail round
    /// at least once more, so that everything a round would send has been sent.
    /// </summary>
    public async Task RoundAsync()
    {
        var before = await LeaseAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(100);
            var now = await LeaseAsync();
            if (now.Version >= before.Version + 2 && now.Holder is null)
                return;
            Assert.True(DateTime.UtcNow < deadline, "no mail round ran within a minute");
        }
    }

    private async Task<MailRoundLease> LeaseAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GovKpiDbContext>().NotificationMailLease.AsNoTracking().SingleAsync(l => l.Name == MailRoundLease.Mail);
    }

    public IReadOnlyList<TestSmtpServer.Received> MailsTo(string address) =>
        Smtp.Messages.Where(m => m.EnvelopeTo.Contains(address)).ToList();
}

public sealed class SqliteMailApp() : MailApp(DatabaseProvider.Sqlite);

public sealed class PostgresMailApp() : MailApp(DatabaseProvider.Postgres);

/// <summary>Notifications leave by mail through the real SMTP server, as each person chose, once each, with one node or two.</summary>
public abstract class MailDeliveryTests<TApp>(TApp app) where TApp : MailApp
{
    private readonly string _mark = Guid.NewGuid().ToString("N")[..8];

    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private async Task<HttpClient> ChoosingAsync(string userName, string preference)
    {
        var client = await app.SignedInAsync(userName);
        var response = await client.PutAsJsonAsync("/api/notifications/preference", new { preference });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    private List<string> SubjectsTo(string address) =>
        app.MailsTo(address).Select(m => m.Message.Subject ?? "").Where(s => s.Contains(_mark, StringComparison.Ordinal)).ToList();

    [SkippableFact]
    public async Task A_person_who_chose_immediate_gets_exactly_one_mail_per_notification()
    {
        RequireDatabase();
        using var staff = await ChoosingAsync("staff", "Immediate");
        var at = app.Clock.GetUtcNow();
        await InboxTests<TApp>.AddAsync(app,
            InboxTests<TApp>.Notice("S001", _mark + "-1", $"i:{_mark}:1", at),
            InboxTests<TApp>.Notice("S001", _mark + "-2", $"i:{_mark}:2", at));

        await app.RoundAsync();
        await app.RoundAsync();

        Assert.Equal([$"Hạn tự đánh giá kỳ {_mark}-1: ngày 20/03/2026", $"Hạn tự đánh giá kỳ {_mark}-2: ngày 20/03/2026"], SubjectsTo(MailApp.StaffAddress).Order());
        var mail = app.MailsTo(MailApp.StaffAddress).First(m => (m.Message.Subject ?? "").Contains(_mark + "-1", StringComparison.Ordinal));
        Assert.Contains("Xem chi tiết: https://govkpi.khanhhoa.gov.vn/evaluation", mail.Message.TextBody);
        Assert.Equal("Trần Thị Hồng", Assert.Single(mail.Message.To.Mailboxes).Name);
        var inbox = (await staff.GetFromJsonAsync<List<Features.Notifications.NotificationResponse>>("/api/notifications", ApiJson.Options))!;
        Assert.All(inbox.Where(n => n.Subject.Contains(_mark, StringComparison.Ordinal)), n => Assert.NotNull(n.MailedAt));
    }

    [SkippableFact]
    public async Task A_digest_person_gets_one_mail_at_the_configured_hour_with_everything_since_the_last()
    {
        RequireDatabase();
        using var manager = await ChoosingAsync("manager", "Digest");
        // Half an hour before the next digest hour, Vietnam time, wherever the class's clock stands.
        var local = app.Clock.GetUtcNow().ToOffset(Core.VietnamTime.Offset);
        var hour = new DateTimeOffset(local.Date.AddHours(MailApp.DigestHour), Core.VietnamTime.Offset);
        if (hour <= local.AddMinutes(30))
            hour = hour.AddDays(1);
        app.Clock.Advance(hour.AddMinutes(-30) - local);
        await app.RoundAsync();
        var before = app.MailsTo(MailApp.ManagerAddress).Count;
        var at = app.Clock.GetUtcNow();
        await InboxTests<TApp>.AddAsync(app,
            InboxTests<TApp>.Notice("S003", _mark + "-1", $"g:{_mark}:1", at),
            InboxTests<TApp>.Notice("S003", _mark + "-2", $"g:{_mark}:2", at));

        await app.RoundAsync();
        Assert.Equal(before, app.MailsTo(MailApp.ManagerAddress).Count);

        app.Clock.Advance(hour - app.Clock.GetUtcNow());
        await app.RoundAsync();
        await app.RoundAsync();
        var digest = Assert.Single(app.MailsTo(MailApp.ManagerAddress).Skip(before));
        Assert.StartsWith("GovKpi: 2 thông báo mới ngày", digest.Message.Subject);
        Assert.Contains($"• Hạn tự đánh giá kỳ {_mark}-1", digest.Message.TextBody);
        Assert.Contains($"• Hạn tự đánh giá kỳ {_mark}-2", digest.Message.TextBody);

        await InboxTests<TApp>.AddAsync(app, InboxTests<TApp>.Notice("S003", _mark + "-3", $"g:{_mark}:3", app.Clock.GetUtcNow()));
        await app.RoundAsync();
        Assert.Single(app.MailsTo(MailApp.ManagerAddress).Skip(before));

        app.Clock.Advance(hour.AddDays(1) - app.Clock.GetUtcNow());
        await app.RoundAsync();
        var next = app.MailsTo(MailApp.ManagerAddress).Skip(before + 1).ToList();
        var second = Assert.Single(next);
        Assert.StartsWith("GovKpi: 1 thông báo mới ngày", second.Message.Subject);
        Assert.Contains($"{_mark}-3", second.Message.TextBody);
        Assert.DoesNotContain($"{_mark}-1", second.Message.TextBody);
    }

    [SkippableFact]
    public async Task A_person_without_an_e_mail_address_keeps_the_notification_in_the_inbox_unmailed()
    {
        RequireDatabase();
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Features.Notifications.NotificationInbox>().SetPreferenceAsync("S002", DeliveryPreference.Immediate, CancellationToken.None);
        var key = $"x:{_mark}";
        await InboxTests<TApp>.AddAsync(app, InboxTests<TApp>.Notice("S002", _mark, key, app.Clock.GetUtcNow()));

        await app.RoundAsync();
        await app.RoundAsync();

        Assert.DoesNotContain(app.Smtp.Messages, m => (m.Message.Subject ?? "").Contains(_mark, StringComparison.Ordinal));
        await using var check = app.Services.CreateAsyncScope();
        var stored = await check.ServiceProvider.GetRequiredService<GovKpiDbContext>().Notifications.AsNoTracking().SingleAsync(n => n.SourceKey == key);
        Assert.Equal((null, null), (stored.MailedAt, stored.ReadAt));
    }

    [SkippableFact]
    public async Task Two_app_instances_on_one_database_mail_each_notification_once()
    {
        RequireDatabase();
        using var staff = await ChoosingAsync("staff", "Immediate");
        await using var second = app.StartSecondNode();
        var at = app.Clock.GetUtcNow();
        await InboxTests<TApp>.AddAsync(app,
            [.. Enumerable.Range(1, 12).Select(i => InboxTests<TApp>.Notice("S001", $"{_mark}-{i:00}", $"n:{_mark}:{i}", at))]);

        for (var round = 0; round < 4; round++)
            await app.RoundAsync();

        var subjects = SubjectsTo(MailApp.StaffAddress);
        Assert.Equal(12, subjects.Count);
        Assert.Equal(12, subjects.Distinct().Count());
    }
}

public sealed class SqliteMailDeliveryTests(SqliteMailApp app) : MailDeliveryTests<SqliteMailApp>(app), IClassFixture<SqliteMailApp>;

public sealed class PostgresMailDeliveryTests(PostgresMailApp app) : MailDeliveryTests<PostgresMailApp>(app), IClassFixture<PostgresMailApp>;
