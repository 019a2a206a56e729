using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using GovKpi.Core.Notifications;
using GovKpi.Data;
using GovKpi.Web.Features.Evaluation;
using GovKpi.Web.Features.Notifications;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Notifications;

/// <summary>Evaluation deadlines and reminders reach the inbox of the people of an open cycle, once each, with no mail server configured.</summary>
public abstract class EvaluationNoticeTests<TApp>(TApp app) where TApp : GovKpiApp
{
    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    [SkippableFact]
    public async Task An_open_cycle_tells_each_person_the_self_assessment_deadline_once_reminds_them_two_days_before_and_at_the_360_stage()
    {
        RequireDatabase();
        using var manager = await app.SignedInAsync("manager");
        using var staff = await app.SignedInAsync("staff");
        var opened = await manager.PostAsJsonAsync("/api/evaluation/cycles", new { unitCode = "C1-TT", periodKind = "Month", year = 2026, number = 2 });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var cycle = (await opened.Content.ReadFromJsonAsync<CycleResponse>(ApiJson.Options))!;
        var due = cycle.Deadlines.SelfAssessment;

        var first = await app.InboxWhenAsync(staff, i => i.Any(n => n.Kind == NotificationKind.EvaluationDeadline));
        var notice = Assert.Single(first);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"Hạn tự đánh giá kỳ 2026-02: ngày {due:dd/MM/yyyy}"), notice.Subject);
        Assert.StartsWith("/evaluation/", notice.Link);

        var local = app.Clock.GetUtcNow().ToOffset(Core.VietnamTime.Offset);
        var reminderDay = new DateTimeOffset(due.AddDays(-EvaluationNotices.ReminderDays).ToDateTime(new TimeOnly(8, 0)), Core.VietnamTime.Offset);
        if (reminderDay > local)
            app.Clock.Advance(reminderDay - local);
        // A day later the session has lapsed: the person signs in again.
        using var nextDay = await app.SignedInAsync("staff");
        var later = await app.InboxWhenAsync(nextDay, i => i.Any(n => n.Kind == NotificationKind.EvaluationReminder));

        Assert.Equal([NotificationKind.EvaluationReminder, NotificationKind.EvaluationDeadline], later.Select(n => n.Kind));
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"Nhắc việc: tự đánh giá kỳ 2026-02 trước ngày {due:dd/MM/yyyy}"), later[0].Subject);

        using var managerNextDay = await app.SignedInAsync("manager");
        var advanced = await managerNextDay.PostAsJsonAsync($"/api/evaluation/cycles/{cycle.Id}/advance",
            new { to = "Feedback360", reason = "Quá hạn tự đánh giá, đã nhắc", confirm = true });
        Assert.True(advanced.IsSuccessStatusCode, await advanced.Content.ReadAsStringAsync());
        var feedback = await app.InboxWhenAsync(nextDay, i => i.Count == 3);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"Nhắc việc: góp ý 360° kỳ 2026-02 trước ngày {cycle.Deadlines.Feedback360:dd/MM/yyyy}"), feedback[0].Subject);
        later = feedback;

        // No SMTP server is configured here: the rounds raised the notices but never claimed the mail round.
        Assert.All(later, n => Assert.Null(n.MailedAt));
        await using var scope = app.Services.CreateAsyncScope();
        var lease = await scope.ServiceProvider.GetRequiredService<GovKpiDbContext>().NotificationMailLease.AsNoTracking().SingleAsync(l => l.Name == MailRoundLease.Mail);
        Assert.Equal((null, 0), (lease.Holder, lease.Version));
    }
}

public sealed class SqliteEvaluationNoticeTests(SqliteApp app) : EvaluationNoticeTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresEvaluationNoticeTests(PostgresApp app) : EvaluationNoticeTests<PostgresApp>(app), IClassFixture<PostgresApp>;
