using System.Net;
using System.Net.Http.Json;
using GovKpi.Core.Notifications;
using GovKpi.Web.Features.DelegatedTasks;
using GovKpi.Web.Features.Notifications;
using GovKpi.Web.Tests.Infrastructure;

namespace GovKpi.Web.Tests.Notifications;

/// <summary>
/// Delegated-task report dates and inspection follow-ups reach the inbox of the receiving commune's
/// head (the test province's <c>manager</c>, S003, head of C1) through the same inbox as alerts, once each.
/// </summary>
public abstract class DelegatedTaskNoticeTests<TApp>(TApp app) where TApp : GovKpiApp
{
    private readonly string _code = "TB" + Guid.NewGuid().ToString("N")[..6];

    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private List<NotificationResponse> Mine(List<NotificationResponse> inbox) => [.. inbox.Where(n => n.Subject.Contains(_code, StringComparison.Ordinal))];

    [SkippableFact]
    public async Task A_missed_report_date_and_a_follow_up_coming_due_reach_the_commune_heads_inbox_once_each()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        // Monthly reports from 5 January: by 15 March the reports due on 31 January and 28 February are missing.
        var registered = await hr.PostAsJsonAsync("/api/delegated-tasks", new RegisterTaskRequest(_code, "Cấp giấy phép hoạt động dịch vụ khoa học",
            "Bộ Khoa học và Công nghệ", "Nghị định 133/2025/NĐ-CP", "delegated", "province", "commune", ["C1"], "2026-01-05", "2026-06-30", "monthly"));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var inspected = await hr.PostAsJsonAsync($"/api/delegated-tasks/{_code}/inspections", new InspectionRequest("inspection", "Thanh tra tỉnh", "2026-03-02",
            [new FindingRequest("Hồ sơ lưu trữ chưa đầy đủ.", [new FollowUpRequest("Bổ sung hồ sơ lưu trữ.", "2026-03-17")])]));
        Assert.Equal(HttpStatusCode.Created, inspected.StatusCode);
        using var manager = await app.SignedInAsync("manager");

        var inbox = await app.InboxWhenAsync(manager, i => i.Count >= 3, Mine);
        // The rounds go on: nothing is told twice.
        app.Clock.Advance(TimeSpan.FromHours(2));
        using var later = await app.SignedInAsync("manager");
        var again = Mine((await later.GetFromJsonAsync<List<NotificationResponse>>("/api/notifications", ApiJson.Options))!);

        Assert.Equal(
        [
            $"Hạn khắc phục sau kiểm tra nhiệm vụ {_code}: ngày 17/03/2026",
            $"Quá hạn báo cáo nhiệm vụ {_code} (hạn ngày 28/02/2026)",
            $"Quá hạn báo cáo nhiệm vụ {_code} (hạn ngày 31/01/2026)",
        ], inbox.Select(n => n.Subject).Order(StringComparer.Ordinal));
        Assert.All(inbox, n => Assert.Equal($"/delegated-tasks/task?code={_code}", n.Link));
        Assert.Equal([NotificationKind.DelegatedTaskReportDate, NotificationKind.DelegatedTaskReportDate, NotificationKind.InspectionFollowUp],
            inbox.Select(n => n.Kind).Order());
        Assert.Equal(inbox.Select(n => n.Id).Order(), again.Select(n => n.Id).Order());
    }
}

public sealed class SqliteDelegatedTaskNoticeTests(SqliteApp app) : DelegatedTaskNoticeTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresDelegatedTaskNoticeTests(PostgresApp app) : DelegatedTaskNoticeTests<PostgresApp>(app), IClassFixture<PostgresApp>;
