using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using GovKpi.Data.Tasks;
using GovKpi.Web.Features.Tasks;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GovKpi.Web.Tests.Tasks;

/// <summary>Helpers of the assigned-task stories: a catalogue type of the province and the manager's order.</summary>
internal static class TaskStory
{
    /// <summary>Monday 16 March 2026, 09:00 in Vietnam (the fixture's clock starts on Sunday the 15th).</summary>
    public static readonly DateTimeOffset Monday = new(2026, 3, 16, 9, 0, 0, TimeSpan.FromHours(7));

    public static async Task<string> TypeAsync(HttpClient hr, string code, decimal factor = 2m)
    {
        var created = await hr.PostAsJsonAsync("/api/task-types",
            new TaskTypeRequest(code, "KH", "B", "Soạn thảo báo cáo chuyên đề", "báo cáo", factor, 1m, "2026-01-01", null));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return code;
    }

    public static AssignTaskRequest Order(string type, string dueOn = "2026-03-20", decimal quantity = 2, string staff = "S001") =>
        new(staff, type, quantity, dueOn, "Báo cáo tình hình giải quyết hồ sơ tháng 3", "Đúng mẫu, số liệu khớp hệ thống một cửa");

    public static async Task<TaskResponse> AssignAsync(HttpClient manager, AssignTaskRequest order)
    {
        var response = await manager.PostAsJsonAsync("/api/tasks", order);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TaskResponse>(ApiJson.Options))!;
    }

    public static async Task<TaskScoreResponse> ScoreAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<TaskScoreResponse>($"/api/tasks/score?{query}", ApiJson.Options))!;
}

/// <summary>
/// The issue's acceptance, through the API exactly as it reads: a manager assigns a task with a
/// deadline; the staff member submits it late; that month's task-result score shows the 25 %
/// progress deduction traced to the task; recording an objective cause removes it.
/// </summary>
public abstract class TaskLateSubmissionTests<TApp>(TApp app) where TApp : GovKpiApp
{
    [SkippableFact]
    public async Task A_task_submitted_late_loses_a_quarter_of_its_progress_points_until_an_objective_cause_is_recorded()
    {
        Skip.If(app.SkipReason is not null, app.SkipReason);
        app.Clock.SetUtcNow(TaskStory.Monday);
        using var hr = await app.SignedInAsync("hr");
        var type = await TaskStory.TypeAsync(hr, "BC-LATE");

        // A manager assigns a task with a deadline (Friday 20 March)…
        using (var assigning = await app.SignedInAsync("manager"))
        {
            await TaskStory.AssignAsync(assigning, TaskStory.Order(type, dueOn: "2026-03-20"));
        }

        // …the staff member submits it late (Monday 23 March; a week on, sessions are signed in anew)…
        app.Clock.Advance(TimeSpan.FromDays(7));
        using var manager = await app.SignedInAsync("manager");
        using var staff = await app.SignedInAsync("staff");
        var task = Assert.Single((await staff.GetFromJsonAsync<List<TaskResponse>>("/api/tasks", ApiJson.Options))!);
        Assert.Equal(new DateOnly(2026, 3, 20), task.DueOn);
        var submitted = await staff.PostAsJsonAsync($"/api/tasks/{task.Id}/submit", new SubmitRequest(null));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.True((await submitted.Content.ReadFromJsonAsync<TaskResponse>(ApiJson.Options))!.Late);

        // …that month's task-result score shows the 25 % progress deduction traced to the task…
        var late = await TaskStory.ScoreAsync(manager, "staff=S001&month=2026-03");
        var line = Assert.Single(late.Tasks);
        var deduction = Assert.Single(line.Deductions);
        Assert.Equal((task.Id, "delay", 1m, (string?)null), (deduction.TaskId, deduction.Kind, deduction.Points, deduction.WaivedBecause));
        Assert.Equal((4m, 4m, 3m), (line.PlannedStandard, line.CompletedStandard, line.ProgressPoints));
        Assert.Equal((1m, 1m, 0.75m), (late.Quantity, late.Quality, late.Progress));
        Assert.Equal(64.17m, late.Points);

        // …recording an objective cause removes it.
        var cause = await manager.PostAsJsonAsync($"/api/tasks/{task.Id}/objective-cause",
            new ObjectiveCauseRequest("delay", "Bão số 3: UBND tỉnh cho nghỉ làm việc ngày 19–20/3"));
        Assert.Equal(HttpStatusCode.OK, cause.StatusCode);
        var waived = await TaskStory.ScoreAsync(manager, "staff=S001&month=2026-03");
        var after = Assert.Single(Assert.Single(waived.Tasks).Deductions);
        Assert.Equal((task.Id, 0m, "Bão số 3: UBND tỉnh cho nghỉ làm việc ngày 19–20/3"), (after.TaskId, after.Points, after.WaivedBecause));
        Assert.Equal((1m, 70m), (waived.Progress, waived.Points));
        Assert.Equal(waived.Points, (await TaskStory.ScoreAsync(staff, "staff=S001&from=2026-03-01&to=2026-04-01")).Points);
    }
}

public sealed class SqliteTaskLateSubmissionTests(SqliteApp app) : TaskLateSubmissionTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresTaskLateSubmissionTests(PostgresApp app) : TaskLateSubmissionTests<PostgresApp>(app), IClassFixture<PostgresApp>;

/// <summary>Who may do what to a task, the review loop, the diary flags and the e-office import, over real HTTP.</summary>
public abstract class TaskAssignmentTests<TApp>(TApp app) where TApp : GovKpiApp
{
    private readonly string _prefix = "TA" + Guid.NewGuid().ToString("N")[..6];

    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    [SkippableFact]
    public async Task Each_step_answers_403_to_the_wrong_person_409_in_the_wrong_state_and_400_keyed_by_field()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var manager = await app.SignedInAsync("manager");
        using var staff = await app.SignedInAsync("staff");
        var type = await TaskStory.TypeAsync(hr, _prefix + "R");

        var byStaff = await staff.PostAsJsonAsync("/api/tasks", TaskStory.Order(type));
        var outsideScope = await manager.PostAsJsonAsync("/api/tasks", TaskStory.Order(type, staff: "S004"));
        var badTerms = await manager.PostAsJsonAsync("/api/tasks", new AssignTaskRequest("S001", type, 0, "2020-01-01", "", " "));
        var task = await TaskStory.AssignAsync(manager, TaskStory.Order(type, dueOn: "2026-12-31"));
        var managerSubmits = await manager.PostAsJsonAsync($"/api/tasks/{task.Id}/submit", new SubmitRequest(null));
        var acceptTooEarly = await manager.PostAsJsonAsync($"/api/tasks/{task.Id}/accept", new AcceptRequest(true, null));
        var badDiary = await staff.PostAsJsonAsync($"/api/tasks/{task.Id}/diary", new DiaryRequest("2030-01-01", 30, ""));
        var diary = await staff.PostAsJsonAsync($"/api/tasks/{task.Id}/diary", new DiaryRequest(null, 6, "Tổng hợp số liệu từ hệ thống một cửa"));
        var progress = await staff.PostAsJsonAsync($"/api/tasks/{task.Id}/progress", new ProgressRequest(1, 50));
        var submit = await staff.PostAsJsonAsync($"/api/tasks/{task.Id}/submit", new SubmitRequest(null));
        var staffAccepts = await staff.PostAsJsonAsync($"/api/tasks/{task.Id}/accept", new AcceptRequest(true, null));
        var returnWithoutReason = await manager.PostAsJsonAsync($"/api/tasks/{task.Id}/return", new ReturnRequest(""));
        var returned = await manager.PostAsJsonAsync($"/api/tasks/{task.Id}/return", new ReturnRequest("Thiếu số liệu phường Bắc Nha Trang"));
        var resubmit = await staff.PostAsJsonAsync($"/api/tasks/{task.Id}/submit", new SubmitRequest(2));
        var accepted = await manager.PostAsJsonAsync($"/api/tasks/{task.Id}/accept", new AcceptRequest(false, "Sai số liệu tháng 2"));
        var causeNotLate = await manager.PostAsJsonAsync($"/api/tasks/{task.Id}/objective-cause", new ObjectiveCauseRequest("delay", "x"));
        var diaryAfter = await staff.PostAsJsonAsync($"/api/tasks/{task.Id}/diary", new DiaryRequest(null, 1, "Sửa"));

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden, HttpStatusCode.Conflict,
                HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.BadRequest,
                HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.Conflict],
            new[] { byStaff, outsideScope, badTerms, managerSubmits, acceptTooEarly, badDiary, diary, progress, submit, staffAccepts,
                returnWithoutReason, returned, resubmit, accepted, causeNotLate, diaryAfter }.Select(r => r.StatusCode));
        var termErrors = (await badTerms.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        Assert.Equal(["dueOn", "expectedProduct", "qualityCheck", "quantity"], termErrors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Số lượng phải lớn hơn 0.", Assert.Single(termErrors["quantity"]));
        Assert.Equal(["day", "hours", "text"], (await badDiary.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Nhiệm vụ đang thực hiện, chưa nộp sản phẩm.", (await acceptTooEarly.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);

        var detail = (await staff.GetFromJsonAsync<TaskResponse>($"/api/tasks/{task.Id}", ApiJson.Options))!;
        Assert.Equal(("Accepted", false, 2m, 2), (detail.State, detail.QualityPassed, detail.QuantityDone, detail.Submissions));
        Assert.Equal(["Assigned", "DiaryLogged", "ProgressReported", "Submitted", "Returned", "Submitted", "Accepted"], detail.Audit.Select(a => a.Action));
        Assert.Equal("Thiếu số liệu phường Bắc Nha Trang", detail.Audit[4].Reason);
        var score = await TaskStory.ScoreAsync(manager, "staff=S001&month=2026-12");
        Assert.Equal(("quality", 1m, task.Id), (score.Tasks.Single(t => t.TaskId == task.Id).Deductions[0].Kind, score.Tasks.Single(t => t.TaskId == task.Id).Deductions[0].Points, score.Tasks.Single(t => t.TaskId == task.Id).Deductions[0].TaskId));
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/tasks/score?staff=S002&month=2026-12")).StatusCode);
    }

    [SkippableFact]
    public async Task Staff_see_only_their_own_tasks_and_the_manager_sees_the_units()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var manager = await app.SignedInAsync("manager");
        using var staff = await app.SignedInAsync("staff");
        var type = await TaskStory.TypeAsync(hr, _prefix + "V");
        var mine = await TaskStory.AssignAsync(manager, TaskStory.Order(type, dueOn: "2026-12-30"));
        var colleagues = await TaskStory.AssignAsync(manager, TaskStory.Order(type, dueOn: "2026-12-30", staff: "S002"));

        var staffSees = (await staff.GetFromJsonAsync<List<TaskResponse>>("/api/tasks", ApiJson.Options))!.Select(t => t.Id).ToList();
        var managerSees = (await manager.GetFromJsonAsync<List<TaskResponse>>("/api/tasks", ApiJson.Options))!.Select(t => t.Id).ToList();
        var actOnColleagues = await staff.PostAsJsonAsync($"/api/tasks/{colleagues.Id}/submit", new SubmitRequest(null));

        Assert.Contains(mine.Id, staffSees);
        Assert.DoesNotContain(colleagues.Id, staffSees);
        Assert.Contains(colleagues.Id, managerSees);
        Assert.Equal(HttpStatusCode.Forbidden, actOnColleagues.StatusCode);
    }

    [SkippableFact]
    public async Task Long_days_and_copied_entries_are_flagged_to_the_manager()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var manager = await app.SignedInAsync("manager");
        using var staff = await app.SignedInAsync("staff");
        var type = await TaskStory.TypeAsync(hr, _prefix + "D");
        var task = await TaskStory.AssignAsync(manager, TaskStory.Order(type, dueOn: "2026-12-31"));
        // Two consecutive working days after the assignment, then a week on: the diary is written afterwards.
        var first = Enumerable.Range(0, 7).Select(i => task.AssignedOn.AddDays(i)).First(d => d.DayOfWeek is >= DayOfWeek.Monday and <= DayOfWeek.Thursday);
        var second = first.AddDays(1);
        app.Clock.Advance(TimeSpan.FromDays(7));
        using var writer = await app.SignedInAsync("staff");
        using var reviewer = await app.SignedInAsync("manager");
        foreach (var (day, hours, text) in new[] { (first, 8m, "Đối chiếu số liệu hồ sơ trễ hạn"), (second, 8m, "Đối chiếu số liệu hồ sơ trễ hạn"), (second, 6m, "Họp giao ban") })
        {
            var logged = await writer.PostAsJsonAsync($"/api/tasks/{task.Id}/diary", new DiaryRequest(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), hours, text));
            Assert.Equal(HttpStatusCode.OK, logged.StatusCode);
        }

        var flags = (await reviewer.GetFromJsonAsync<List<DiaryFlagResponse>>("/api/tasks/diary-flags", ApiJson.Options))!.Where(f => f.TaskId == task.Id).ToList();

        Assert.Equal([("TaskHoursOverDay", second, 14m), ("CopiedText", second, 8m)], flags.Select(f => (f.Kind, f.Day, f.Hours)).OrderByDescending(f => f.Item3));
        Assert.Equal("Trần Thị Hồng", flags[0].StaffName);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync("/api/tasks/diary-flags")).StatusCode);
        var page = WebUtility.HtmlDecode(await reviewer.GetStringAsync("/tasks"));
        Assert.Contains("giống hệt ngày", page);
    }

    private static StringContent Csv(string text) => new(text, System.Text.Encoding.UTF8, "text/csv");

    [SkippableFact]
    public async Task An_eoffice_file_lands_its_good_rows_quarantines_the_bad_ones_located_and_a_corrected_row_lands()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var staff = await app.SignedInAsync("staff");
        var type = await TaskStory.TypeAsync(hr, _prefix + "I");
        var header = "source,external_id,version,staff_code,task_type,quantity,assigned_on,due_on,expected_product,quality_check,assigned_by\n";
        var csv = header
            + $"eoffice,{_prefix}-1,1,S001,{type},3,2026-03-02,2026-03-31,Tờ trình,\"Đúng thể thức, đủ căn cứ\",Trưởng phòng\n"
            + $"eoffice,{_prefix}-2,1,S002,{type},1,2026-03-02,2026-03-31,Báo cáo,Đủ số liệu,\n";
        var mixed = header
            + $"eoffice,{_prefix}-3,1,S001,{type},abc,2026-03-02,2026-03-31,Tờ trình,x,\n"
            + $"eoffice,{_prefix}-4,1,S404,NO-TYPE,1,2026-03-02,2026-03-01,Tờ trình,x,\n"
            + $"eoffice,{_prefix}-2,1,S002,{type},7,2026-03-02,2026-03-31,Báo cáo,Đủ số liệu,\n"
            + $"eoffice,{_prefix}-5,1,S002,{type},2,2026-03-02,2026-03-31,Báo cáo,Đủ số liệu,\n";

        var first = await hr.PostAsync("/api/tasks/import?file=vpdt.csv", Csv(csv));
        var again = await hr.PostAsync("/api/tasks/import?file=vpdt.csv", Csv(csv));
        var newer = await hr.PostAsJsonAsync("/api/tasks/import", new[]
        {
            new Dictionary<string, object> { ["source"] = "eoffice", ["external_id"] = $"{_prefix}-1", ["version"] = 2, ["staff_code"] = "S001", ["task_type"] = type,
                ["quantity"] = 5, ["assigned_on"] = "2026-03-02", ["due_on"] = "2026-04-15", ["expected_product"] = "Tờ trình", ["quality_check"] = "Đúng thể thức" },
        });
        var partly = await hr.PostAsync("/api/tasks/import?file=vpdt.csv", Csv(mixed));
        var partlyAgain = await hr.PostAsync("/api/tasks/import?file=vpdt.csv", Csv(mixed));
        var missingColumn = await hr.PostAsync("/api/tasks/import?file=vpdt.csv", Csv("source,external_id\neoffice,1\n"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.BadRequest),
            (first.StatusCode, again.StatusCode, newer.StatusCode, partly.StatusCode, partlyAgain.StatusCode, missingColumn.StatusCode));
        static (int, int, int, int, int) Counts(TaskImportResponse r) => (r.Rows, r.Added, r.Replaced, r.Unchanged, r.Quarantined);
        Assert.Equal((2, 2, 0, 0, 0), Counts((await first.Content.ReadFromJsonAsync<TaskImportResponse>(ApiJson.Options))!));
        Assert.Equal((2, 0, 0, 2, 0), Counts((await again.Content.ReadFromJsonAsync<TaskImportResponse>(ApiJson.Options))!));
        Assert.Equal((1, 0, 1, 0, 0), Counts((await newer.Content.ReadFromJsonAsync<TaskImportResponse>(ApiJson.Options))!));
        var landed = (await partly.Content.ReadFromJsonAsync<TaskImportResponse>(ApiJson.Options))!;
        Assert.Equal((4, 1, 0, 0, 3), Counts(landed));
        Assert.Equal(["vpdt.csv:2:quantity", "vpdt.csv:3:due_on", "vpdt.csv:3:staff_code", "vpdt.csv:4:version"], landed.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Cùng phiên bản nhưng nội dung khác: hệ thống nguồn phải tăng phiên bản (version) khi sửa.", Assert.Single(landed.Errors["vpdt.csv:4:version"]));
        Assert.Equal((4, 0, 0, 1, 3), Counts((await partlyAgain.Content.ReadFromJsonAsync<TaskImportResponse>(ApiJson.Options))!));
        Assert.Contains("vpdt.csv:1:version", (await missingColumn.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
        var task = (await hr.GetFromJsonAsync<TaskResponse>($"/api/tasks/eoffice:{_prefix}-1", ApiJson.Options))!;
        Assert.Equal((2, 5m, new DateOnly(2026, 4, 15), "eoffice"), (task.SourceVersion, task.Quantity, task.DueOn, task.Source));
        Assert.Equal(2m, (await hr.GetFromJsonAsync<TaskResponse>($"/api/tasks/eoffice:{_prefix}-5", ApiJson.Options))!.Quantity);

        async Task<List<TaskQuarantineResponse>> QuarantineAsync() =>
            [.. (await hr.GetFromJsonAsync<List<TaskQuarantineResponse>>("/api/tasks/quarantine", ApiJson.Options))!
                .Where(q => q.Fields.GetValueOrDefault("external_id")?.StartsWith(_prefix, StringComparison.Ordinal) == true)];
        var quarantined = await QuarantineAsync();
        Assert.Equal([("vpdt.csv:2", "abc"), ("vpdt.csv:3", "1"), ("vpdt.csv:4", "7")], quarantined.Select(q => (q.Location, q.Fields["quantity"])));
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/tasks/quarantine")).StatusCode);

        var unreadable = quarantined[0];
        var corrected = new Dictionary<string, string?>(unreadable.Fields) { ["quantity"] = "2" };
        var fixedRow = await hr.PutAsJsonAsync($"/api/tasks/quarantine/{unreadable.Id}", corrected);
        var stillBad = await hr.PutAsJsonAsync($"/api/tasks/quarantine/{quarantined[1].Id}", new Dictionary<string, string?>(quarantined[1].Fields) { ["due_on"] = "2026-03-31" });
        var discarded = await hr.DeleteAsync($"/api/tasks/quarantine/{quarantined[2].Id}");
        var discardedAgain = await hr.DeleteAsync($"/api/tasks/quarantine/{quarantined[2].Id}");

        var imported = (await fixedRow.Content.ReadFromJsonAsync<TaskQuarantineResponse>(ApiJson.Options))!;
        Assert.Equal(("Imported", $"eoffice:{_prefix}-3"), (imported.Status, imported.TaskId));
        Assert.Equal(2m, (await hr.GetFromJsonAsync<TaskResponse>($"/api/tasks/eoffice:{_prefix}-3", ApiJson.Options))!.Quantity);
        var open = (await stillBad.Content.ReadFromJsonAsync<TaskQuarantineResponse>(ApiJson.Options))!;
        Assert.Equal(("Open", "staff_code"), (open.Status, Assert.Single(open.Reasons).Column));
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (discarded.StatusCode, discardedAgain.StatusCode));
        Assert.Equal([quarantined[1].Id], (await QuarantineAsync()).Select(q => q.Id));
        var resent = await hr.PostAsync("/api/tasks/import?file=vpdt.csv", Csv(mixed));
        Assert.Equal((4, 0, 0, 1, 3), Counts((await resent.Content.ReadFromJsonAsync<TaskImportResponse>(ApiJson.Options))!));
        Assert.Equal([quarantined[1].Id], (await QuarantineAsync()).Select(q => q.Id));
        var page = WebUtility.HtmlDecode(await hr.GetStringAsync("/tasks"));
        Assert.Contains("Dòng nhập bị cách ly", page);
        Assert.Contains("staff_code: Không có công chức với mã này.", page);
    }

}

public sealed class SqliteTaskAssignmentTests(SqliteApp app) : TaskAssignmentTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresTaskAssignmentTests(PostgresApp app) : TaskAssignmentTests<PostgresApp>(app), IClassFixture<PostgresApp>;
