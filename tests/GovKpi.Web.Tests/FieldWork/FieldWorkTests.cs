using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using GovKpi.Data;
using GovKpi.Web.Features.Alerts;
using GovKpi.Web.Features.Collective;
using GovKpi.Web.Features.FieldWork;
using GovKpi.Web.Features.Measurement;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GovKpi.Web.Tests.FieldWork;

/// <summary>The small test province; the alert worker's own round is set far away, the tests evaluate through the API.</summary>
public abstract class FieldWorkApp(DatabaseProvider provider) : GovKpiApp(provider)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Alerts:Every"] = "49.00:00:00" };
}

public sealed class SqliteFieldWorkApp() : FieldWorkApp(DatabaseProvider.Sqlite);

public sealed class PostgresFieldWorkApp() : FieldWorkApp(DatabaseProvider.Postgres);

/// <summary>
/// Issue 14, item 5 over real HTTP: a field session with its cases and mobile dossiers and a
/// meeting with its issues show in the unit's result; a late follow-up is warned about to its
/// owner and the warning closes with the follow-up; recording is limited to the caller's units;
/// wrong input is refused keyed by field.
/// </summary>
public abstract class FieldWorkTests<TApp>(TApp app) where TApp : FieldWorkApp
{
    private readonly string _prefix = "FW" + Guid.NewGuid().ToString("N")[..6] + "-";

    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    /// <summary>Monday 09:00 (Vietnam) of a week after the fixture's clock, so every test has a week of its own.</summary>
    private DateTimeOffset NextMonday()
    {
        var now = app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7));
        var day = now.Date.AddDays(1);
        while (day.DayOfWeek != DayOfWeek.Monday)
        {
            day = day.AddDays(1);
        }

        var monday = new DateTimeOffset(day.AddHours(9), TimeSpan.FromHours(7));
        app.Clock.SetUtcNow(monday);
        return monday;
    }

    private static string Text(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<string> PushDossierAsync(HttpClient hr, string id, string channel, DateTimeOffset received, string unit = "C1-TT")
    {
        var dossier = new Dictionary<string, object?>
        {
            ["dossier_id"] = _prefix + id, ["procedure_code"] = "1.001193", ["unit_code"] = unit, ["handler_code"] = "S001",
            ["channel"] = channel, ["received_at"] = Text(received), ["due_at"] = Text(received.AddDays(5)), ["finished_at"] = null,
            ["status"] = "processing", ["supplement_count"] = 0, ["staff_error_return"] = false, ["updated_at"] = Text(received),
        };
        var response = await hr.PostAsJsonAsync("/api/measurement/dossiers", new[] { dossier });
        response.EnsureSuccessStatusCode();
        Assert.Empty((await response.Content.ReadFromJsonAsync<PushResponse>(ApiJson.Options))!.Errors);
        return _prefix + id;
    }

    private static SessionRequest Session(DateTimeOffset on, string unit = "C1-TT", IReadOnlyList<string>? dossiers = null) => new(
        unit, "Thôn Suối Mơ", Day(on), "07:30", "11:00", ["S001", "S002"], new CaseCountsRequest(5, 2, 1, 0), dossiers ?? []);

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(ApiJson.Options))!;
    }

    private static async Task<FieldWorkSummaryResponse> FieldWorkOfAsync(HttpClient client, string unit, DateTimeOffset on) =>
        (await ReadAsync<UnitResultResponse>(await client.GetAsync($"/api/units/{unit}/result?period={on:yyyy-MM}"), HttpStatusCode.OK)).FieldWork!;

    private static async Task<List<AlertChangeResponse>> EvaluateAsync(HttpClient hr) =>
        await ReadAsync<List<AlertChangeResponse>>(await hr.PostAsync("/api/alerts/evaluate", null), HttpStatusCode.OK);

    [SkippableFact]
    public async Task A_field_session_with_its_cases_and_mobile_dossiers_and_a_meeting_with_its_issues_show_in_the_units_result()
    {
        RequireDatabase();
        var monday = NextMonday();
        using var hr = await app.SignedInAsync("hr");
        using var manager = await app.SignedInAsync("manager");
        var before = await FieldWorkOfAsync(manager, "C1", monday);
        var mobile = await PushDossierAsync(hr, "M1", "mobile", monday.AddHours(-1));

        var session = await ReadAsync<SessionResponse>(await manager.PostAsJsonAsync("/api/field-work/sessions", Session(monday, dossiers: [mobile])), HttpStatusCode.Created);
        var meeting = await ReadAsync<MeetingResponse>(await manager.PostAsJsonAsync("/api/field-work/meetings", new MeetingRequest(
            "C1", "Nhà văn hóa thôn Suối Mơ", Day(monday), "Nguyễn Văn Hải", 64,
            [new("Đường vào thôn xuống cấp", "S003", Day(monday.AddDays(14))), new("Chậm cấp giấy chứng nhận quyền sử dụng đất", "S001", Day(monday.AddDays(7)))])),
            HttpStatusCode.Created);
        var after = await FieldWorkOfAsync(manager, "C1", monday);

        Assert.Equal((8, mobile, "07:30", "11:00"), (session.Cases.Total, string.Join(",", session.DossierIds), session.StartsAt, session.EndsAt));
        Assert.Equal([(1, "S003", "open"), (2, "S001", "open")], meeting.Issues.Select(i => (i.Number, i.OwnerCode, i.State)));
        Assert.Equal((1, 8, 5, 2, 1, 1, 1, 64, 2, 0, 2, 0), (
            after.Sessions - before.Sessions, after.CasesHandled - before.CasesHandled, after.Cases.Advice - before.Cases.Advice,
            after.Cases.DossierReceived - before.Cases.DossierReceived, after.Cases.ResultReturned - before.Cases.ResultReturned,
            after.MobileDossiers - before.MobileDossiers, after.Meetings - before.Meetings, after.Attendance - before.Attendance,
            after.IssuesRaised - before.IssuesRaised, after.IssuesClosed - before.IssuesClosed, after.IssuesOpen - before.IssuesOpen, after.IssuesLate - before.IssuesLate));
        var ranking = await ReadAsync<UnitRankingResponse>(await manager.GetAsync($"/api/units/results?kind=commune&period={monday:yyyy-MM}"), HttpStatusCode.OK);
        Assert.Equal(after, ranking.Units.Single(u => u.UnitCode == "C1").FieldWork);
        var rankingPage = await manager.GetStringAsync($"/units/results?kind=commune&period={monday:yyyy-MM}");
        Assert.Contains($"{after.Sessions} buổi lưu động, {after.CasesHandled} việc, {after.MobileDossiers} hồ sơ lưu động; {after.Meetings} buổi tiếp xúc", rankingPage);
        using var staff = await app.SignedInAsync("staff");
        Assert.Contains(await ReadAsync<List<SessionResponse>>(await staff.GetAsync("/api/field-work/sessions"), HttpStatusCode.OK), s => s.Id == session.Id);
        Assert.Contains(await ReadAsync<List<IssueResponse>>(await staff.GetAsync("/api/field-work/follow-ups"), HttpStatusCode.OK),
            i => i.Key == $"{meeting.Id}/2" && i.MayClose);
    }

    [SkippableFact]
    public async Task A_follow_up_past_its_due_date_raises_one_alert_to_its_owner_which_closes_when_the_owner_closes_it()
    {
        RequireDatabase();
        var monday = NextMonday();
        using var hr = await app.SignedInAsync("hr");
        using var manager = await app.SignedInAsync("manager");
        // The late level goes to the follow-up's owner in this province.
        (await hr.PutAsJsonAsync("/api/alerts/policy", new AlertPolicyRequest(24, 48, "handler", "handler", "agency_head", [new("07:30", "11:30"), new("13:00", "17:00")])))
            .EnsureSuccessStatusCode();
        var friday = monday.AddDays(-3);
        // Recorded on Monday: the meeting was on Friday and its issue was due that day.
        var meeting = await ReadAsync<MeetingResponse>(await manager.PostAsJsonAsync("/api/field-work/meetings", new MeetingRequest(
            "C1", "Thôn Đồng Dầu", Day(friday), "Nguyễn Văn Hải", 40, [new("Thiếu đèn chiếu sáng đường thôn", "S001", Day(friday))])), HttpStatusCode.Created);
        var key = $"{meeting.Id}/1";

        var first = await EvaluateAsync(hr);
        var second = await EvaluateAsync(hr);

        var raised = Assert.Single(first, c => c.Alert.ItemId == key);
        Assert.Equal(("Raised", "yellow", "citizen_issue", "S001"), (raised.Kind, raised.Alert.Level, raised.Alert.ItemKind, raised.Alert.RecipientStaffCode));
        Assert.DoesNotContain(second, c => c.Alert.ItemId == key);
        using var staff = await app.SignedInAsync("staff");
        Assert.Single((await staff.GetFromJsonAsync<List<AlertResponse>>("/api/alerts/mine", ApiJson.Options))!, a => a.ItemId == key);
        Assert.Equal("late", Assert.Single(await ReadAsync<List<IssueResponse>>(await staff.GetAsync("/api/field-work/follow-ups?state=late"), HttpStatusCode.OK), i => i.Key == key).State);

        app.Clock.Advance(TimeSpan.FromHours(1));
        var closed = await ReadAsync<IssueResponse>(await staff.PostAsJsonAsync($"/api/field-work/meetings/{meeting.Id}/issues/1/close",
            new CloseIssueRequest("Đã lắp 12 bóng đèn")), HttpStatusCode.OK);
        var again = await staff.PostAsJsonAsync($"/api/field-work/meetings/{meeting.Id}/issues/1/close", new CloseIssueRequest("Lần nữa"));
        var closing = Assert.Single(await EvaluateAsync(hr), c => c.Alert.ItemId == key);

        Assert.Equal(("closed_late", "Đã lắp 12 bóng đèn"), (closed.State, closed.ClosureNote));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(("Closed", "ItemDone"), (closing.Kind, closing.Alert.CloseReason));
        Assert.DoesNotContain((await staff.GetFromJsonAsync<List<AlertResponse>>("/api/alerts/mine", ApiJson.Options))!, a => a.ItemId == key);
    }

    [SkippableFact]
    public async Task Sessions_and_meetings_are_recorded_and_read_only_for_units_in_the_callers_scope()
    {
        RequireDatabase();
        var monday = NextMonday();
        using var hr = await app.SignedInAsync("hr");
        using var manager = await app.SignedInAsync("manager");
        using var staff = await app.SignedInAsync("staff");
        var elsewhere = await ReadAsync<SessionResponse>(await hr.PostAsJsonAsync("/api/field-work/sessions", Session(monday, unit: "C2-TT")), HttpStatusCode.Created);
        var meeting = await ReadAsync<MeetingResponse>(await hr.PostAsJsonAsync("/api/field-work/meetings", new MeetingRequest(
            "C2", "Tổ dân phố 3", Day(monday), "Phạm Thị Lan", 30, [new("Ngập nước khi mưa lớn", "S004", Day(monday.AddDays(3)))])), HttpStatusCode.Created);

        var byManager = await manager.PostAsJsonAsync("/api/field-work/sessions", Session(monday, unit: "C2-TT"));
        var meetingByManager = await manager.PostAsJsonAsync("/api/field-work/meetings", new MeetingRequest("C2", "Tổ dân phố 3", Day(monday), "X", 1, []));
        var byStaff = await staff.PostAsJsonAsync("/api/field-work/sessions", Session(monday));
        var readOther = await manager.GetAsync($"/api/field-work/sessions/{elsewhere.Id}");
        var meetingOther = await manager.GetAsync($"/api/field-work/meetings/{meeting.Id}");
        var closeOther = await staff.PostAsJsonAsync($"/api/field-work/meetings/{meeting.Id}/issues/1/close", new CloseIssueRequest("Xong"));
        var summaryOther = await manager.GetAsync($"/api/field-work/summary?unit=C2&period={monday:yyyy-MM}");

        Assert.Equal(
            (HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.Forbidden),
            (byManager.StatusCode, meetingByManager.StatusCode, byStaff.StatusCode, readOther.StatusCode, meetingOther.StatusCode, closeOther.StatusCode, summaryOther.StatusCode));
        Assert.DoesNotContain(await ReadAsync<List<SessionResponse>>(await manager.GetAsync("/api/field-work/sessions"), HttpStatusCode.OK), s => s.Id == elsewhere.Id);
        Assert.Contains(await ReadAsync<List<SessionResponse>>(await hr.GetAsync("/api/field-work/sessions?unit=C2"), HttpStatusCode.OK), s => s.Id == elsewhere.Id);
    }

    [SkippableFact]
    public async Task Wrong_sessions_and_meetings_are_refused_with_messages_keyed_by_field()
    {
        RequireDatabase();
        var monday = NextMonday();
        using var hr = await app.SignedInAsync("hr");
        using var manager = await app.SignedInAsync("manager");
        var counter = await PushDossierAsync(hr, "P1", "in_person", monday.AddHours(-1));
        var otherUnit = await PushDossierAsync(hr, "O1", "mobile", monday.AddHours(-1), unit: "C2-TT");

        var session = await manager.PostAsJsonAsync("/api/field-work/sessions", new SessionRequest(
            "C1-TT", " ", Day(monday), "11:00", "07:30", ["S001", "S999", "S001"], new CaseCountsRequest(-1, 1, 0, 0), [counter, otherUnit, _prefix + "NONE"]));
        var meeting = await manager.PostAsJsonAsync("/api/field-work/meetings", new MeetingRequest(
            "C1", "Thôn 5", "15/03/2026", "", 10, [new("Trạm y tế thiếu thuốc", "S999", Day(monday)), new("", "S001", "2020-01-01")]));

        var sessionErrors = (await session.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        var meetingErrors = (await meeting.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (session.StatusCode, meeting.StatusCode));
        Assert.Equal(["cases.advice", "cases.dossier_received", "dossier_ids[0]", "dossier_ids[1]", "dossier_ids[2]", "ends_at", "member_codes[1]", "member_codes[2]", "place"],
            sessionErrors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal($"Hồ sơ {counter} không được tiếp nhận qua kênh lưu động.", sessionErrors["dossier_ids[0]"][0]);
        Assert.Equal("Không có cán bộ mã S999.", sessionErrors["member_codes[1]"][0]);
        Assert.Equal(["chair", "held_on", "issues[0].owner_code", "issues[1].text"], meetingErrors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Ngày “15/03/2026” không đúng dạng yyyy-MM-dd.", meetingErrors["held_on"][0]);
    }
}

public sealed class SqliteFieldWorkTests(SqliteFieldWorkApp app) : FieldWorkTests<SqliteFieldWorkApp>(app), IClassFixture<SqliteFieldWorkApp>;

public sealed class PostgresFieldWorkTests(PostgresFieldWorkApp app) : FieldWorkTests<PostgresFieldWorkApp>(app), IClassFixture<PostgresFieldWorkApp>;
