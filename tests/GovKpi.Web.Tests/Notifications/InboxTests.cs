using System.Net;
using System.Net.Http.Json;
using GovKpi.Core.Notifications;
using GovKpi.Data;
using GovKpi.Web.Features.Notifications;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Notifications;

/// <summary>The in-app inbox over real HTTP: one's own notifications, unread counts, read marks and mail choice; no SMTP configured.</summary>
public abstract class InboxTests<TApp>(TApp app) where TApp : GovKpiApp
{
    /// <summary>Marks of this test in the stored texts: the class shares one database.</summary>
    private readonly string _mark = Guid.NewGuid().ToString("N")[..8];

    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    internal static Notification Notice(string staff, string mark, string? key, DateTimeOffset at, string link = "/evaluation") => new()
    {
        SourceKey = key,
        RecipientStaffCode = staff,
        Kind = NotificationKind.EvaluationDeadline,
        Subject = LocalisableText.Of("Notifications.EvaluationDeadline.Subject", mark, "20/03/2026"),
        Body = LocalisableText.Of("Notifications.EvaluationDeadline.Body", mark, "20/03/2026"),
        Link = link,
        CreatedAt = at,
    };

    internal static async Task AddAsync(GovKpiApp app, params Notification[] notifications)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NotificationInbox>().AddAsync(notifications, CancellationToken.None);
    }

    private async Task<List<NotificationResponse>> MineAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<List<NotificationResponse>>("/api/notifications", ApiJson.Options))!
        .Where(n => n.Subject.Contains(_mark, StringComparison.Ordinal)).ToList();

    private static async Task<int> UnreadAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<NotificationEndpoints.UnreadCountResponse>("/api/notifications/unread-count", ApiJson.Options))!.Unread;

    [SkippableFact]
    public async Task Each_person_reads_only_their_own_inbox_newest_first_and_the_unread_count_follows_the_read_marks()
    {
        RequireDatabase();
        using var staff = await app.SignedInAsync("staff");
        using var manager = await app.SignedInAsync("manager");
        await staff.PostAsync("/api/notifications/read-all", null);
        await manager.PostAsync("/api/notifications/read-all", null);
        var at = app.Clock.GetUtcNow();
        await AddAsync(app,
            Notice("S001", _mark, $"t:{_mark}:1", at.AddMinutes(-3)),
            Notice("S001", _mark, $"t:{_mark}:2", at.AddMinutes(-2)),
            Notice("S001", _mark, $"t:{_mark}:3", at.AddMinutes(-1)),
            Notice("S003", _mark, $"t:{_mark}:4", at));

        var mine = await MineAsync(staff);
        var theirs = await MineAsync(manager);
        Assert.Equal(3, mine.Count);
        Assert.Equal(mine.OrderByDescending(n => n.CreatedAt).Select(n => n.Id), mine.Select(n => n.Id));
        Assert.Equal($"Hạn tự đánh giá kỳ {_mark}: ngày 20/03/2026", mine[0].Subject);
        Assert.Single(theirs);
        Assert.Equal((3, 1), (await UnreadAsync(staff), await UnreadAsync(manager)));

        var readOwn = await staff.PostAsync($"/api/notifications/{mine[0].Id}/read", null);
        var readOthers = await staff.PostAsync($"/api/notifications/{theirs[0].Id}/read", null);
        var readNone = await staff.PostAsync("/api/notifications/999999999/read", null);
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (readOwn.StatusCode, readOthers.StatusCode, readNone.StatusCode));
        Assert.Equal((2, 1), (await UnreadAsync(staff), await UnreadAsync(manager)));
        Assert.NotNull((await MineAsync(staff))[0].ReadAt);

        var all = await staff.PostAsync("/api/notifications/read-all", null);
        Assert.Equal(2, (await all.Content.ReadFromJsonAsync<NotificationEndpoints.ReadAllResponse>(ApiJson.Options))!.Marked);
        Assert.Equal((0, 1), (await UnreadAsync(staff), await UnreadAsync(manager)));
        Assert.Null((await MineAsync(manager))[0].ReadAt);
    }

    [SkippableFact]
    public async Task The_inbox_page_lists_unread_notifications_marks_them_read_and_the_header_counts_them()
    {
        RequireDatabase();
        using var staff = await app.SignedInAsync("staff");
        await staff.PostAsync("/api/notifications/read-all", null);
        await AddAsync(app, Notice("S001", _mark, $"p:{_mark}:1", app.Clock.GetUtcNow(), "/evaluation"));

        var page = WebUtility.HtmlDecode(await staff.GetStringAsync("/notifications"));
        var other = WebUtility.HtmlDecode(await staff.GetStringAsync("/kpis"));

        Assert.Contains("<h1>Thông báo</h1>", page);
        Assert.Contains($"Hạn tự đánh giá kỳ {_mark}: ngày 20/03/2026", page);
        Assert.Contains("data-unread=\"true\"", page);
        Assert.Contains("1 chưa đọc trong", page);
        Assert.Contains("Thư tổng hợp mỗi ngày lúc 07:00 (giờ Việt Nam)", page);
        Assert.Contains("Máy chủ chưa cấu hình gửi thư (SMTP)", page);
        Assert.Contains("data-testid=\"unread-count\">1</span>", other);
        Assert.Contains("aria-label=\"Thông báo: 1 chưa đọc\"", other);
    }

    [SkippableFact]
    public async Task The_preference_endpoint_changes_only_the_callers_own_choice()
    {
        RequireDatabase();
        using var staff = await app.SignedInAsync("staff");
        using var manager = await app.SignedInAsync("manager");
        using var hr = await app.SignedInAsync("hr");

        var before = (await manager.GetFromJsonAsync<PreferenceResponse>("/api/notifications/preference", ApiJson.Options))!;
        var set = await staff.PutAsJsonAsync("/api/notifications/preference", new { preference = "Immediate" });
        var bad = await staff.PutAsJsonAsync("/api/notifications/preference", new { preference = "1" });
        var noStaff = await hr.PutAsJsonAsync("/api/notifications/preference", new { preference = "Immediate" });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Conflict), (set.StatusCode, bad.StatusCode, noStaff.StatusCode));
        var problem = (await bad.Content.ReadFromJsonAsync<ValidationProblemDetails>(ApiJson.Options))!;
        Assert.Contains("Digest (thư tổng hợp hằng ngày) hoặc Immediate", Assert.Single(problem.Errors["preference"]));
        var mine = (await staff.GetFromJsonAsync<PreferenceResponse>("/api/notifications/preference", ApiJson.Options))!;
        var theirs = (await manager.GetFromJsonAsync<PreferenceResponse>("/api/notifications/preference", ApiJson.Options))!;
        Assert.Equal((DeliveryPreference.Digest, DeliveryPreference.Immediate, DeliveryPreference.Digest), (before.Preference, mine.Preference, theirs.Preference));
        Assert.Equal((7, false), (mine.DigestHour, mine.MailConfigured));
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync("/api/notifications/preference", new { preference = "digest" })).StatusCode);
    }

    [SkippableFact]
    public async Task Notifications_added_twice_with_the_same_key_are_stored_once_even_by_two_writers_at_once()
    {
        RequireDatabase();
        var at = app.Clock.GetUtcNow();
        Notification[] Batch() => [.. Enumerable.Range(0, 20).Select(i => Notice("S002", _mark, $"d:{_mark}:{i % 10}", at))];

        await AddAsync(app, Batch());
        await AddAsync(app, Batch());
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => AddAsync(app, [.. Batch(), Notice("S002", _mark, $"d:{_mark}:new", at)])));

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var keys = await db.Notifications.Where(n => n.SourceKey!.StartsWith($"d:{_mark}:")).Select(n => n.SourceKey!).ToListAsync();
        Assert.Equal(11, keys.Count);
        Assert.Equal(11, keys.Distinct().Count());
    }
}

public sealed class SqliteInboxTests(SqliteApp app) : InboxTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresInboxTests(PostgresApp app) : InboxTests<PostgresApp>(app), IClassFixture<PostgresApp>;
