using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using GovKpi.Core.Access;
using GovKpi.Core.Notifications;
using GovKpi.Data;
using GovKpi.Data.Accounts;
using GovKpi.Web.Features.Alerts;
using GovKpi.Web.Features.Measurement;
using GovKpi.Web.Features.Notifications;
using GovKpi.Web.Tests.Infrastructure;
using GovKpi.Web.Tests.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Alerts;

/// <summary>
/// The app with mail on (a real SMTP server on 127.0.0.1) and a head of the service centre C1-TT who
/// signs in as <c>centrehead</c> with an address of his own; alerts are evaluated on request only.
/// </summary>
public abstract class AlertMailApp(DatabaseProvider provider) : MailApp(provider)
{
    public const string CentreHeadAddress = "huynh.thi.mai@ninhhoa.khanhhoa.gov.vn";

    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?>(base.Settings) { ["Alerts:Every"] = "49.00:00:00" };

    protected override async Task SeedAsync(IServiceProvider services)
    {
        await base.SeedAsync(services);
        var db = services.GetRequiredService<GovKpiDbContext>();
        AlertApp.AddCentreHead(db);
        var account = new UserAccount
        {
            UserName = "centrehead", DisplayName = "Huỳnh Thị Mai", Role = Role.Manager, ScopeUnitCode = "C1-TT", StaffCode = AlertApp.CentreHead,
            Email = CentreHeadAddress, PasswordHash = "",
        };
        account.PasswordHash = services.GetRequiredService<IPasswordHasher<UserAccount>>().HashPassword(account, Password);
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
    }
}

public sealed class SqliteAlertMailApp() : AlertMailApp(DatabaseProvider.Sqlite);

public sealed class PostgresAlertMailApp() : AlertMailApp(DatabaseProvider.Postgres);

/// <summary>
/// The acceptance end to end: the alerts the engine raises land in their recipients' inboxes,
/// and each recipient who chose immediate mail gets exactly one e-mail per alert at the SMTP server.
/// </summary>
public abstract class AlertMailTests<TApp>(TApp app) where TApp : AlertMailApp
{
    private readonly string _prefix = "AM" + Guid.NewGuid().ToString("N")[..6] + "-";

    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private static string Text(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private Dictionary<string, object?> Dossier(string id, DateTimeOffset received, DateTimeOffset due, string handler) => new()
    {
        ["dossier_id"] = _prefix + id, ["procedure_code"] = "1.001193", ["unit_code"] = "C1-TT", ["handler_code"] = handler,
        ["channel"] = "in_person", ["received_at"] = Text(received), ["due_at"] = Text(due), ["finished_at"] = null,
        ["status"] = "processing", ["supplement_count"] = 0, ["staff_error_return"] = false, ["updated_at"] = Text(received),
    };

    private async Task<HttpClient> ImmediateAsync(string userName)
    {
        var client = await app.SignedInAsync(userName);
        var response = await client.PutAsJsonAsync("/api/notifications/preference", new { preference = "Immediate" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    private async Task EvaluateAsync()
    {
        using var hr = await app.SignedInAsync("hr");
        (await hr.PostAsync("/api/alerts/evaluate", null)).EnsureSuccessStatusCode();
    }

    private List<string> SubjectsTo(string address, string id) =>
        [.. app.MailsTo(address).Select(m => m.Message.Subject ?? "").Where(s => s.Contains(id, StringComparison.Ordinal))];

    [SkippableFact]
    public async Task A_green_alert_to_the_handler_and_a_yellow_one_to_the_division_head_each_arrive_once_by_mail_for_those_who_chose_immediate()
    {
        RequireDatabase();
        // Monday 09:00 in Vietnam, a plain working week after the fixture's clock.
        var local = app.Clock.GetUtcNow().ToOffset(Core.VietnamTime.Offset);
        var day = local.Date.AddDays(1);
        while (day.DayOfWeek != DayOfWeek.Monday)
        {
            day = day.AddDays(1);
        }

        var monday = new DateTimeOffset(day.AddHours(9), Core.VietnamTime.Offset);
        app.Clock.SetUtcNow(monday);
        using var staff = await ImmediateAsync("staff");
        using var head = await ImmediateAsync("centrehead");
        using (var hr = await app.SignedInAsync("hr"))
        {
            // Due tomorrow at 17:00 (green, to its handler S001), and due last Friday at 09:00: one
            // working day late on Monday at 09:00 (yellow, to the head of the handler S002's division).
            var response = await hr.PostAsJsonAsync("/api/measurement/dossiers", new[]
            {
                Dossier("SOON", monday.AddDays(-1), monday.AddDays(1).AddHours(8), "S001"),
                Dossier("LATE", monday.AddDays(-10), monday.AddDays(-3), "S002"),
            });
            response.EnsureSuccessStatusCode();
            Assert.Empty((await response.Content.ReadFromJsonAsync<PushResponse>(ApiJson.Options))!.Errors);
        }

        await EvaluateAsync();
        await EvaluateAsync();
        await app.RoundAsync();
        await app.RoundAsync();

        Assert.Equal([$"Cảnh báo xanh: {_prefix}SOON sắp đến hạn"], SubjectsTo(MailApp.StaffAddress, _prefix));
        Assert.Equal([$"Cảnh báo vàng: {_prefix}LATE đã trễ hạn"], SubjectsTo(AlertMailApp.CentreHeadAddress, _prefix));
        Assert.Empty(SubjectsTo(MailApp.ManagerAddress, _prefix));
        var inbox = (await head.GetFromJsonAsync<List<NotificationResponse>>("/api/notifications", ApiJson.Options))!;
        var notice = Assert.Single(inbox, n => n.Subject.Contains(_prefix, StringComparison.Ordinal));
        Assert.Equal(("/alerts", NotificationKind.Alert), (notice.Link, notice.Kind));
        Assert.NotNull(notice.MailedAt);

        // Later evaluations and mail rounds tell nobody again.
        await EvaluateAsync();
        await app.RoundAsync();
        Assert.Single(SubjectsTo(MailApp.StaffAddress, _prefix));
        Assert.Single(SubjectsTo(AlertMailApp.CentreHeadAddress, _prefix));
    }
}

public sealed class SqliteAlertMailTests(SqliteAlertMailApp app) : AlertMailTests<SqliteAlertMailApp>(app), IClassFixture<SqliteAlertMailApp>;

public sealed class PostgresAlertMailTests(PostgresAlertMailApp app) : AlertMailTests<PostgresAlertMailApp>(app), IClassFixture<PostgresAlertMailApp>;
