using System.Net;
using System.Net.Http.Json;
using GovKpi.Web.Features.Assistant;
using GovKpi.Web.Features.DelegatedTasks;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GovKpi.Web.Tests.DelegatedTasks;

/// <summary>The delegated-task register over real HTTP: HR registers, the receiving unit reports, people see only their scope, and the summary becomes a draft.</summary>
public abstract class DelegatedTaskTests<TApp>(TApp app) where TApp : GovKpiApp
{
    /// <summary>Codes of this test: the class shares one database.</summary>
    private readonly string _prefix = "NV" + Guid.NewGuid().ToString("N")[..6] + "-";

    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    /// <summary>Assigned Monday 2 March 2026, due Friday 27 March: 20 working days, 10 of them gone by the app's today (Sunday 15 March).</summary>
    private RegisterTaskRequest Task(string code, string unit) => new(_prefix + code, "Cấp giấy chứng nhận quyền sử dụng đất lần đầu",
        "Sở Nông nghiệp và Môi trường", "Nghị định 151/2025/NĐ-CP", "decentralised", "province", "commune", [unit], "2026-03-02", "2026-03-27", "monthly");

    [SkippableFact]
    public async Task Hr_registers_the_receiving_unit_reports_and_the_list_shows_the_pace_with_its_numbers()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var manager = await app.SignedInAsync("manager");

        var created = await hr.PostAsJsonAsync("/api/delegated-tasks", Task("A", "C1-KT"));
        var again = await hr.PostAsJsonAsync("/api/delegated-tasks", Task("A", "C1"));
        var first = await manager.PostAsJsonAsync($"/api/delegated-tasks/{_prefix}A/reports", new ReportRequest(null, "2026-03-06", 10, "Đã phân công cán bộ địa chính."));
        var second = await manager.PostAsJsonAsync($"/api/delegated-tasks/{_prefix}A/reports", new ReportRequest(null, null, 30, "Đã tiếp nhận 12 hồ sơ."));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.Created, HttpStatusCode.Created),
            (created.StatusCode, again.StatusCode, first.StatusCode, second.StatusCode));
        var task = (await manager.GetFromJsonAsync<DelegatedTaskResponse>($"/api/delegated-tasks/{_prefix}A", ApiJson.Options))!;
        Assert.Equal(("AtRisk", 30, 10, 20, 50.0), (task.Progress, task.PercentDone, task.WorkingDaysElapsed, task.WorkingDaysTotal, task.ExpectedPercent));
        Assert.Equal([(new DateOnly(2026, 3, 6), 10), (new DateOnly(2026, 3, 15), 30)], task.Reports.Select(r => (r.ReportedOn, r.PercentDone)));
        Assert.Equal(("Phòng Kinh tế", "manager"), (Assert.Single(task.Units).UnitName, task.Reports[0].Reporter));

        var page = WebUtility.HtmlDecode(await manager.GetStringAsync("/delegated-tasks"));
        Assert.Contains(_prefix + "A", page);
        Assert.Contains("Có nguy cơ chậm", page);
        Assert.Contains("10/20 ngày làm việc", page);
    }

    [SkippableFact]
    public async Task A_manager_sees_and_reports_only_on_tasks_of_units_in_scope_and_may_not_register()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var manager = await app.SignedInAsync("manager");
        using var staff = await app.SignedInAsync("staff");
        Assert.Equal(HttpStatusCode.Created, (await hr.PostAsJsonAsync("/api/delegated-tasks", Task("IN", "C1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await hr.PostAsJsonAsync("/api/delegated-tasks", Task("OUT", "C2"))).StatusCode);

        var list = (await manager.GetFromJsonAsync<List<DelegatedTaskResponse>>("/api/delegated-tasks", ApiJson.Options))!;
        var hrList = (await hr.GetFromJsonAsync<List<DelegatedTaskResponse>>("/api/delegated-tasks", ApiJson.Options))!;
        var read = await manager.GetAsync($"/api/delegated-tasks/{_prefix}OUT");
        var report = await manager.PostAsJsonAsync($"/api/delegated-tasks/{_prefix}OUT/reports", new ReportRequest(null, null, 50, "Báo cáo hộ."));
        var summary = await manager.PostAsJsonAsync("/api/assistant/drafts/delegated-task-summary", new DelegatedTaskSummaryRequest(_prefix + "OUT"));
        var register = await manager.PostAsJsonAsync("/api/delegated-tasks", Task("M", "C1"));
        var staffList = await staff.GetAsync("/api/delegated-tasks");
        var unknown = await manager.GetAsync("/api/delegated-tasks/NO-SUCH");

        Assert.Equal([_prefix + "IN"], list.Select(t => t.Code).Where(c => c.StartsWith(_prefix, StringComparison.Ordinal)));
        Assert.Equal([_prefix + "IN", _prefix + "OUT"], hrList.Select(t => t.Code).Where(c => c.StartsWith(_prefix, StringComparison.Ordinal)).Order());
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NotFound),
            (read.StatusCode, report.StatusCode, summary.StatusCode, register.StatusCode, staffList.StatusCode, unknown.StatusCode));
    }

    [SkippableFact]
    public async Task Registrations_and_reports_are_validated_with_located_messages()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        Assert.Equal(HttpStatusCode.Created, (await hr.PostAsJsonAsync("/api/delegated-tasks", Task("V", "C1"))).StatusCode);

        var badTask = await hr.PostAsJsonAsync("/api/delegated-tasks", Task("W", "NO-UNIT") with { DueOn = "2026-02-01" });
        var noBasis = await hr.PostAsJsonAsync("/api/delegated-tasks", Task("W", "C1") with { LegalBasis = " " });
        var badReport = await hr.PostAsJsonAsync($"/api/delegated-tasks/{_prefix}V/reports", new ReportRequest("C1", "2026-03-01", 120, ""));
        var futureReport = await hr.PostAsJsonAsync($"/api/delegated-tasks/{_prefix}V/reports", new ReportRequest("C1", "2026-03-20", 10, "Sớm."));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest),
            (badTask.StatusCode, noBasis.StatusCode, badReport.StatusCode, futureReport.StatusCode));
        var taskErrors = (await badTask.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        Assert.Equal("Thời hạn 01/02/2026 phải sau ngày bắt đầu 02/03/2026.", Assert.Single(taskErrors["due_on"]));
        Assert.Equal("Không có đơn vị mã NO-UNIT.", Assert.Single(taskErrors["receiving_unit_codes[0]"]));
        Assert.True((await noBasis.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.ContainsKey("legal_basis"));
        var reportErrors = (await badReport.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        Assert.Equal("Ngày báo cáo 01/03/2026 không được trước ngày bắt đầu 02/03/2026.", Assert.Single(reportErrors["reported_on"]));
        Assert.Equal("Tỷ lệ hoàn thành phải từ 0 đến 100, không phải 120.", Assert.Single(reportErrors["percent_done"]));
        Assert.Equal("Ngày báo cáo không được sau hôm nay 15/03/2026.",
            Assert.Single((await futureReport.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors["reported_on"]));
        Assert.True(reportErrors.ContainsKey("text"));
    }

    [SkippableFact]
    public async Task The_summary_becomes_an_editable_draft_written_from_the_reports()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var leader = await app.SignedInAsync("leader");
        Assert.Equal(HttpStatusCode.Created, (await hr.PostAsJsonAsync("/api/delegated-tasks", Task("S", "C1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await hr.PostAsJsonAsync($"/api/delegated-tasks/{_prefix}S/reports",
            new ReportRequest(null, "2026-03-13", 45, "Đã tiếp nhận 12 hồ sơ."))).StatusCode);

        var created = await leader.PostAsJsonAsync("/api/assistant/drafts/delegated-task-summary", new DelegatedTaskSummaryRequest(_prefix + "S"));
        var empty = await leader.PostAsJsonAsync("/api/assistant/drafts/delegated-task-summary", new DelegatedTaskSummaryRequest(" "));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.BadRequest), (created.StatusCode, empty.StatusCode));
        var draft = (await created.Content.ReadFromJsonAsync<DraftResponse>(ApiJson.Options))!;
        Assert.Equal(("DelegatedTaskSummary", "Draft", $"task:{_prefix}S", "C1"), (draft.Kind, draft.Status, draft.Subject, draft.UnitCode));
        Assert.Contains("- Căn cứ pháp lý: Nghị định 151/2025/NĐ-CP.", draft.Text);
        Assert.Contains("1. Ngày 13/03/2026 (hr): đạt 45 % — Đã tiếp nhận 12 hồ sơ.", draft.Text);
        Assert.Contains("đã qua 10/20 ngày làm việc của thời hạn (50,0 % thời gian)", draft.Text);
        Assert.Contains("- Đánh giá: đúng tiến độ: khối lượng đạt thấp hơn 5,0 điểm phần trăm so với thời gian đã qua, trong ngưỡng 15 điểm phần trăm.", draft.Text);
        Assert.Contains("- Kiến nghị, đề xuất: ……", draft.Text);

        var edited = await leader.PutAsJsonAsync($"/api/assistant/drafts/{draft.Id}", new DraftTextRequest(draft.Text.Replace("- Kiến nghị, đề xuất: ……………………………………", "- Kiến nghị, đề xuất: bổ sung 01 cán bộ địa chính.", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Contains("bổ sung 01 cán bộ địa chính", (await edited.Content.ReadFromJsonAsync<DraftResponse>(ApiJson.Options))!.Text);
        var list = WebUtility.HtmlDecode(await leader.GetStringAsync("/assistant/drafts"));
        Assert.Contains("Báo cáo tiến độ nhiệm vụ được phân cấp", list);
    }
}

public sealed class SqliteDelegatedTaskTests(SqliteApp app) : DelegatedTaskTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresDelegatedTaskTests(PostgresApp app) : DelegatedTaskTests<PostgresApp>(app), IClassFixture<PostgresApp>;
