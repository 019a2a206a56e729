using System.Net;
using System.Net.Http.Json;
using System.Text;
using ClosedXML.Excel;
using GovKpi.Web.Features.Audit;
using GovKpi.Web.Features.DelegatedTasks;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GovKpi.Web.Tests.DelegatedTasks;

/// <summary>
/// Issue 13's register end to end over real HTTP: the ministry list imported from .xlsx, the
/// province view with each commune's progress and the reports not given, ceased units refused,
/// status following the latest reports, extensions, hand-on, and inspections read by the auditor.
/// The app's today is Sunday 15 March 2026.
/// </summary>
public abstract class DelegatedTaskRegisterTests<TApp>(TApp app) where TApp : GovKpiApp
{
    private readonly string _prefix = "DK" + Guid.NewGuid().ToString("N")[..6] + "-";

    private static readonly string[] Header =
        ["code", "title", "source_body", "legal_basis", "kind", "from_level", "to_level", "receiving_unit_codes", "start_on", "due_on", "report_rhythm"];

    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private RegisterTaskRequest Task(string code, string toLevel, params string[] units) => new(_prefix + code, "Cấp giấy phép hoạt động dịch vụ khoa học",
        "Bộ Khoa học và Công nghệ", "Nghị định 133/2025/NĐ-CP", "decentralised", toLevel == "province" ? "ministry" : "province", toLevel, units,
        "2026-01-05", "2026-06-30", "monthly");

    private static byte[] Workbook(params string[][] rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("delegated_tasks");
        var all = new[] { Header }.Concat(rows).ToList();
        for (var r = 0; r < all.Count; r++)
        {
            for (var c = 0; c < all[r].Length; c++)
            {
                sheet.Cell(r + 1, c + 1).SetValue(all[r][c]);
            }
        }

        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        return buffer.ToArray();
    }

    private static MultipartFormDataContent File(byte[] content, string name)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(content), "file", name);
        return form;
    }

    [SkippableFact]
    public async Task An_imported_xlsx_task_list_shows_in_the_province_view_with_its_communes_and_the_commune_that_did_not_report_is_listed()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var manager = await app.SignedInAsync("manager");
        var xlsx = Workbook([_prefix + "KHCN-01", "Cấp giấy phép hoạt động dịch vụ khoa học", "Bộ Khoa học và Công nghệ", "Nghị định 133/2025/NĐ-CP",
            "decentralised", "ministry", "commune", "C1;C2", "2026-01-05", "2026-06-30", "monthly"]);

        var imported = await hr.PostAsync("/api/delegated-tasks/import", File(xlsx, "bo-khcn.xlsx"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal([_prefix + "KHCN-01"], (await imported.Content.ReadFromJsonAsync<ImportResponse>(ApiJson.Options))!.Registered);
        // C1 reports by both report dates gone (31 January, 28 February); C2 gives none.
        Assert.Equal(HttpStatusCode.Created, (await manager.PostAsJsonAsync($"/api/delegated-tasks/{_prefix}KHCN-01/reports",
            new ReportRequest("C1", "2026-01-30", 20, "Đã tiếp nhận hồ sơ đầu tiên."))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await manager.PostAsJsonAsync($"/api/delegated-tasks/{_prefix}KHCN-01/reports",
            new ReportRequest(null, "2026-02-27", 40, "Đã cấp 3 giấy phép."))).StatusCode);

        var view = (await hr.GetFromJsonAsync<ProvinceViewResponse>("/api/delegated-tasks/views/province", ApiJson.Options))!;

        var task = Assert.Single(view.Tasks, t => t.Code == _prefix + "KHCN-01");
        Assert.Equal([("C1", "Xã Ninh Hòa Mới", 40), ("C2", "Phường Bắc Nha Trang", 0)], task.Units.Select(u => (u.UnitCode, u.UnitName, u.PercentDone)));
        Assert.Equal([new DateOnly(2026, 1, 31), new DateOnly(2026, 2, 28)], task.Units[1].MissingReportsDue);
        Assert.Empty(task.Units[0].MissingReportsDue);
        var missing = view.MissingReports.Where(m => m.TaskCode == task.Code).ToList();
        Assert.Equal([("C2", "Phường Bắc Nha Trang", new DateOnly(2026, 1, 31)), ("C2", "Phường Bắc Nha Trang", new DateOnly(2026, 2, 28))],
            missing.Select(m => (m.UnitCode, m.UnitName, m.DueOn)));
        Assert.Equal($"/delegated-tasks/task?code={_prefix}KHCN-01", missing[0].Link);
        Assert.Contains(view.ByLevel, l => l.Level == "commune" && l.UnitShares >= 2);
        var ministry = (await hr.GetFromJsonAsync<MinistryViewResponse>("/api/delegated-tasks/views/ministry", ApiJson.Options))!;
        Assert.Contains(task.Code, Assert.Single(ministry.BySourceBody, b => b.SourceBody == "Bộ Khoa học và Công nghệ").TaskCodes);
        var managerMissing = (await manager.GetFromJsonAsync<List<MissingReportResponse>>("/api/delegated-tasks/views/missing-reports", ApiJson.Options))!;
        Assert.DoesNotContain(managerMissing, m => m.TaskCode == task.Code);
    }

    [SkippableFact]
    public async Task The_export_has_the_import_columns_and_an_import_with_one_bad_row_saves_nothing_and_names_the_row_and_column()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        Assert.Equal(HttpStatusCode.Created, (await hr.PostAsJsonAsync("/api/delegated-tasks", Task("EX", "commune", "C1", "C2"))).StatusCode);
        var bad = Encoding.UTF8.GetBytes(string.Join(',', Header) + "\n"
            + $"{_prefix}OK,Tên,Bộ Nội vụ,Nghị định 133/2025/NĐ-CP,delegated,ministry,commune,C1,2026-01-05,2026-06-30,quarterly\n"
            + $"{_prefix}BAD,Tên,Bộ Nội vụ,Nghị định 133/2025/NĐ-CP,delegated,ministry,commune,C1;NO-UNIT,2026-01-05,2026-06-30,fortnightly\n");

        var refused = await hr.PostAsync("/api/delegated-tasks/import", File(bad, "list.csv"));
        var csv = await hr.GetStringAsync("/api/delegated-tasks/export.csv");
        var xlsx = await hr.GetByteArrayAsync("/api/delegated-tasks/export.xlsx");
        var again = await hr.PostAsync("/api/delegated-tasks/import", File(xlsx, "export.xlsx"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        Assert.True(errors.ContainsKey("rows[1].report_rhythm"));
        Assert.DoesNotContain(errors.Keys, k => k.StartsWith("rows[0]", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await hr.GetAsync($"/api/delegated-tasks/{_prefix}OK")).StatusCode);
        Assert.StartsWith(string.Join(',', Header) + "\n", csv, StringComparison.Ordinal);
        Assert.Contains($"{_prefix}EX,Cấp giấy phép hoạt động dịch vụ khoa học,Bộ Khoa học và Công nghệ,Nghị định 133/2025/NĐ-CP,decentralised,province,commune,C1;C2,2026-01-05,2026-06-30,monthly", csv);
        // The exported workbook reads back as the same tasks: importing it again meets only codes already taken.
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var againErrors = (await again.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        Assert.All(againErrors, e => Assert.EndsWith(".code", e.Key, StringComparison.Ordinal));
        Assert.Contains(againErrors.Values, v => v.Contains($"Đã có nhiệm vụ mã {_prefix}EX."));
    }

    [SkippableFact]
    public async Task A_task_for_a_commune_abolished_on_1_July_2025_is_refused_naming_the_unit_and_the_day_it_ceased()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");

        var refused = await hr.PostAsJsonAsync("/api/delegated-tasks", Task("OLD", "commune", "C1", "X1"));
        var imported = await hr.PostAsync("/api/delegated-tasks/import", File(Workbook([_prefix + "OLD2", "Tên", "Bộ Nội vụ", "Nghị định 133/2025/NĐ-CP",
            "delegated", "ministry", "commune", "X2", "2026-01-05", "2026-06-30", "once"]), "list.xlsx"));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (refused.StatusCode, imported.StatusCode));
        Assert.Equal("Đơn vị X1 đã chấm dứt hoạt động từ ngày 01/07/2025.",
            Assert.Single((await refused.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors["receiving_unit_codes[1]"]));
        Assert.Equal("Đơn vị X2 đã chấm dứt hoạt động từ ngày 01/07/2025.",
            Assert.Single((await imported.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors["rows[0].receiving_unit_codes[0]"]));
    }

    [SkippableFact]
    public async Task A_later_lower_report_never_leaves_the_task_completed_and_evidence_downloads_as_sent()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var manager = await app.SignedInAsync("manager");
        Assert.Equal(HttpStatusCode.Created, (await hr.PostAsJsonAsync("/api/delegated-tasks", Task("R", "commune", "C1"))).StatusCode);
        var evidence = Encoding.UTF8.GetBytes("Biên bản nghiệm thu");
        var form = new MultipartFormDataContent
        {
            { new StringContent("2026-03-10"), "reported_on" },
            { new StringContent("100"), "percent_done" },
            { new StringContent("Đã hoàn thành."), "text" },
        };
        form.Add(new ByteArrayContent(evidence), "evidence", "bien-ban.pdf");

        var full = await manager.PostAsync($"/api/delegated-tasks/{_prefix}R/reports", form);
        var completed = (await full.Content.ReadFromJsonAsync<DelegatedTaskResponse>(ApiJson.Options))!;
        var lower = await manager.PostAsJsonAsync($"/api/delegated-tasks/{_prefix}R/reports", new ReportRequest(null, "2026-03-12", 50, "Phát hiện sai sót, làm lại."));
        var after = (await lower.Content.ReadFromJsonAsync<DelegatedTaskResponse>(ApiJson.Options))!;
        var file = Assert.Single(completed.Reports[0].Evidence);
        var downloaded = await manager.GetByteArrayAsync(file.Link);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (full.StatusCode, lower.StatusCode));
        Assert.Equal(("Completed", "Completed"), (completed.Status, completed.Progress));
        Assert.Equal(("InProgress", 50), (after.Status, after.PercentDone));
        Assert.NotEqual("Completed", after.Progress);
        Assert.Equal("bien-ban.pdf", file.FileName);
        Assert.Equal(evidence, downloaded);
    }

    [SkippableFact]
    public async Task A_province_task_is_extended_with_its_reason_and_handed_on_to_its_communes()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var leader = await app.SignedInAsync("leader");
        Assert.Equal(HttpStatusCode.Created, (await hr.PostAsJsonAsync("/api/delegated-tasks", Task("P", "province", "KH"))).StatusCode);

        var noReason = await leader.PostAsJsonAsync($"/api/delegated-tasks/{_prefix}P/extensions", new ExtendRequest("2026-09-30", " "));
        var extended = await leader.PostAsJsonAsync($"/api/delegated-tasks/{_prefix}P/extensions", new ExtendRequest("2026-09-30", "Chờ hướng dẫn của Bộ."));
        var handedOn = await hr.PostAsJsonAsync($"/api/delegated-tasks/{_prefix}P/hand-on", new HandOnRequest(["C1", "C2"]));
        var toCeased = await hr.PostAsJsonAsync($"/api/delegated-tasks/{_prefix}P/hand-on", new HandOnRequest(["X3"]));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.BadRequest),
            (noReason.StatusCode, extended.StatusCode, handedOn.StatusCode, toCeased.StatusCode));
        Assert.Equal("Nêu lý do gia hạn.", Assert.Single((await noReason.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors["reason"]));
        var task = (await extended.Content.ReadFromJsonAsync<DelegatedTaskResponse>(ApiJson.Options))!;
        Assert.Equal(new DateOnly(2026, 9, 30), task.DueOn);
        Assert.Equal(new ExtensionResponse(new(2026, 6, 30), new(2026, 9, 30), "Chờ hướng dẫn của Bộ.", new(2026, 3, 15)), Assert.Single(task.Extensions));
        var children = (await handedOn.Content.ReadFromJsonAsync<List<DelegatedTaskResponse>>(ApiJson.Options))!;
        Assert.Equal([($"{_prefix}P/C1", "commune", "C1"), ($"{_prefix}P/C2", "commune", "C2")],
            children.Select(c => (c.Code, c.ToLevel, Assert.Single(c.Units).UnitCode)));
        Assert.All(children, c => Assert.Equal((_prefix + "P", new DateOnly(2026, 9, 30)), (c.ParentCode, c.DueOn)));
        Assert.Equal("Đơn vị X3 đã chấm dứt hoạt động từ ngày 01/07/2025.",
            Assert.Single((await toCeased.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors["commune_codes[0]"]));
        using var auditor = await app.SignedInAsync("auditor");
        var trail = (await auditor.GetFromJsonAsync<AuditPage>($"/api/audit?source=delegatedtasks&q={Uri.EscapeDataString(_prefix + "P")}", ApiJson.Options))!.Rows;
        var extension = Assert.Single(trail, r => r.Action == "DeadlineExtended");
        Assert.Equal(("Gia hạn nhiệm vụ phân cấp", "2026-06-30", "2026-09-30", "Chờ hướng dẫn của Bộ.", "leader"),
            (extension.What, extension.OldValue, extension.NewValue, extension.Reason, extension.Actor));
        Assert.Contains(trail, r => r.Action == "TaskHandedOn" && r.About == $"{_prefix}P/C2");
    }

    [SkippableFact]
    public async Task The_auditor_reads_inspection_records_and_neither_staff_nor_the_auditor_may_create_one()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var auditor = await app.SignedInAsync("auditor");
        using var staff = await app.SignedInAsync("staff");
        using var manager = await app.SignedInAsync("manager");
        Assert.Equal(HttpStatusCode.Created, (await hr.PostAsJsonAsync("/api/delegated-tasks", Task("I", "commune", "C1"))).StatusCode);
        var inspection = new InspectionRequest("inspection", "Thanh tra Bộ Khoa học và Công nghệ", "2026-03-02",
            [new FindingRequest("Hồ sơ lưu trữ chưa đầy đủ.", [new FollowUpRequest("Bổ sung hồ sơ lưu trữ.", "2026-03-10")])]);

        var recorded = await hr.PostAsJsonAsync($"/api/delegated-tasks/{_prefix}I/inspections", inspection);
        var byAuditor = await auditor.PostAsJsonAsync($"/api/delegated-tasks/{_prefix}I/inspections", inspection);
        var byStaff = await staff.PostAsJsonAsync($"/api/delegated-tasks/{_prefix}I/inspections", inspection);
        var byManager = await manager.PostAsJsonAsync($"/api/delegated-tasks/{_prefix}I/inspections", inspection);
        var read = await auditor.GetAsync($"/api/delegated-tasks/{_prefix}I/inspections");
        var open = (await auditor.GetFromJsonAsync<List<OpenFindingResponse>>("/api/delegated-tasks/views/open-findings", ApiJson.Options))!;
        var closeByAuditor = await auditor.PostAsJsonAsync($"/api/delegated-tasks/{_prefix}I/inspections/1/close", new CloseFollowUpRequest(0, 0, null, "Đã bổ sung."));
        var closed = await hr.PostAsJsonAsync($"/api/delegated-tasks/{_prefix}I/inspections/1/close", new CloseFollowUpRequest(0, 0, null, "Đã bổ sung."));
        var openAfter = (await auditor.GetFromJsonAsync<List<OpenFindingResponse>>("/api/delegated-tasks/views/open-findings", ApiJson.Options))!;

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK),
            (recorded.StatusCode, byAuditor.StatusCode, byStaff.StatusCode, byManager.StatusCode, read.StatusCode));
        var records = (await read.Content.ReadFromJsonAsync<List<InspectionResponse>>(ApiJson.Options))!;
        var finding = Assert.Single(Assert.Single(records).Findings);
        Assert.Equal(("Hồ sơ lưu trữ chưa đầy đủ.", "Bổ sung hồ sơ lưu trữ.", new DateOnly(2026, 3, 10)), (finding.Text, finding.Actions[0].Text, finding.Actions[0].DueOn));
        Assert.True(Assert.Single(open, f => f.TaskCode == _prefix + "I").Overdue);
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK), (closeByAuditor.StatusCode, closed.StatusCode));
        Assert.DoesNotContain(openAfter, f => f.TaskCode == _prefix + "I");
    }
}

public sealed class SqliteDelegatedTaskRegisterTests(SqliteApp app) : DelegatedTaskRegisterTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresDelegatedTaskRegisterTests(PostgresApp app) : DelegatedTaskRegisterTests<PostgresApp>(app), IClassFixture<PostgresApp>;
