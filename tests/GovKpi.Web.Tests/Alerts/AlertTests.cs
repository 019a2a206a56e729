using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using GovKpi.Core.Alerts;
using GovKpi.Core.Notifications;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Data.Alerts;
using GovKpi.Web.Features.Alerts;
using GovKpi.Web.Features.Measurement;
using GovKpi.Web.Features.Tasks;
using GovKpi.Web.Tests.Infrastructure;
using GovKpi.Web.Tests.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Alerts;

/// <summary>
/// The small test province with a head of the service centre C1-TT (the handlers' division), so the
/// yellow level has someone to reach. The worker's own round is set as far away as it goes (49
/// days, longer than the weeks the tests move the clock through): the tests evaluate through
/// <c>POST /api/alerts/evaluate</c>, as an outside tester would, without waiting.
/// </summary>
public abstract class AlertApp(DatabaseProvider provider) : GovKpiApp(provider)
{
    public const string CentreHead = "S007";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Alerts:Every"] = "49.00:00:00" };

    protected override async Task SeedAsync(IServiceProvider services)
    {
        await base.SeedAsync(services);
        AddCentreHead(services.GetRequiredService<GovKpiDbContext>());
        await services.GetRequiredService<GovKpiDbContext>().SaveChangesAsync();
    }

    /// <summary>The head of the service centre C1-TT, the division of the test province's handlers.</summary>
    public static void AddCentreHead(GovKpiDbContext db) => db.Staff.Add(new StaffMember
    {
        Code = CentreHead, FullName = "Huỳnh Thị Mai", Type = StaffType.CongChuc, UnitCode = "C1-TT", PositionCode = "LD-XA", Leader = LeaderRole.Head,
    });
}

public sealed class SqliteAlertApp() : AlertApp(DatabaseProvider.Sqlite);

public sealed class PostgresAlertApp() : AlertApp(DatabaseProvider.Postgres);

/// <summary>
/// The acceptance for early warnings, over real HTTP: an item due within 24 working hours
/// gets exactly one green alert to its handler, closed when the item is done; an item a working day
/// late gets one yellow alert to the head of the handler's division; two nodes evaluating at the
/// same instant raise each level once.
/// </summary>
public abstract class AlertTests<TApp>(TApp app) where TApp : AlertApp
{
    private readonly string _prefix = "AL" + Guid.NewGuid().ToString("N")[..6] + "-";

    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    /// <summary>
    /// Monday 09:00 (Vietnam) of a plain working week after the fixture's clock: the clock only goes
    /// forward, and every test of the fixture starts in a week of its own.
    /// </summary>
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

    private Dictionary<string, object?> Dossier(string id, DateTimeOffset received, DateTimeOffset due, DateTimeOffset updated, DateTimeOffset? finished = null,
        string unit = "C1-TT", string handler = "S001") => new()
    {
        ["dossier_id"] = _prefix + id, ["procedure_code"] = "1.001193", ["unit_code"] = unit, ["handler_code"] = handler,
        ["channel"] = "in_person", ["received_at"] = Text(received), ["due_at"] = Text(due), ["finished_at"] = finished is { } f ? Text(f) : null,
        ["status"] = finished is null ? "processing" : "processed", ["supplement_count"] = 0, ["staff_error_return"] = false, ["updated_at"] = Text(updated),
    };

    private static async Task PushAsync(HttpClient hr, Dictionary<string, object?> dossier)
    {
        var response = await hr.PostAsJsonAsync("/api/measurement/dossiers", new[] { dossier });
        response.EnsureSuccessStatusCode();
        Assert.Empty((await response.Content.ReadFromJsonAsync<PushResponse>(ApiJson.Options))!.Errors);
    }

    private static async Task<List<AlertChangeResponse>> EvaluateAsync(HttpClient hr)
    {
        var response = await hr.PostAsync("/api/alerts/evaluate", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<AlertChangeResponse>>(ApiJson.Options))!;
    }

    private static async Task<List<AlertResponse>> AlertsOfAsync(HttpClient client, string itemId, string query = "state=all") =>
        [.. (await client.GetFromJsonAsync<List<AlertResponse>>($"/api/alerts?{query}", ApiJson.Options))!.Where(a => a.ItemId == itemId)];

    [SkippableFact]
    public async Task A_dossier_due_within_24_working_hours_gets_one_green_alert_to_its_handler_which_closes_when_the_dossier_is_finished()
    {
        RequireDatabase();
        var monday = NextMonday();
        using var hr = await app.SignedInAsync("hr");
        // Due Tuesday at 17:00: 6.5 working hours left on Monday and 8 on Tuesday.
        await PushAsync(hr, Dossier("D1", monday.AddHours(-1), monday.AddDays(1).AddHours(8), monday.AddHours(-1)));
        var id = _prefix + "D1";

        var first = await EvaluateAsync(hr);
        var second = await EvaluateAsync(hr);

        var raised = Assert.Single(first, c => c.Alert.ItemId == id);
        Assert.Equal(("Raised", "green", "dossier"), (raised.Kind, raised.Alert.Level, raised.Alert.ItemKind));
        Assert.DoesNotContain(second, c => c.Alert.ItemId == id);
        var alert = Assert.Single(await AlertsOfAsync(hr, id));
        Assert.Equal(("green", "handler", "S001", "Trần Thị Hồng", false), (alert.Level, alert.RecipientRole, alert.RecipientStaffCode, alert.RecipientName, alert.Vacant));
        Assert.Equal(("Xanh — sắp đến hạn", monday, (DateTimeOffset?)null), (alert.LevelName, alert.RaisedAt, alert.ClosedAt));
        using var staff = await app.SignedInAsync("staff");
        Assert.Equal(id, Assert.Single((await staff.GetFromJsonAsync<List<AlertResponse>>("/api/alerts/mine", ApiJson.Options))!, a => a.ItemId == id).ItemId);

        // The dossier is finished at 10:00; the evaluation at 10:30 closes the alert.
        app.Clock.Advance(TimeSpan.FromMinutes(90));
        await PushAsync(hr, Dossier("D1", monday.AddHours(-1), monday.AddDays(1).AddHours(8), monday.AddHours(1), finished: monday.AddHours(1)));
        var closing = Assert.Single(await EvaluateAsync(hr), c => c.Alert.ItemId == id);

        Assert.Equal(("Closed", "ItemDone"), (closing.Kind, closing.Alert.CloseReason));
        var closed = Assert.Single(await AlertsOfAsync(hr, id));
        Assert.Equal((monday.AddMinutes(90), "ItemDone"), (closed.ClosedAt, closed.CloseReason));
        Assert.Empty(await AlertsOfAsync(hr, id, "state=open"));
        Assert.DoesNotContain(await EvaluateAsync(hr), c => c.Alert.ItemId == id);
    }

    [SkippableFact]
    public async Task An_assigned_task_due_within_24_working_hours_gets_one_green_alert_to_its_assignee_which_closes_when_it_is_submitted()
    {
        RequireDatabase();
        var monday = NextMonday();
        using var hr = await app.SignedInAsync("hr");
        using var manager = await app.SignedInAsync("manager");
        using var staff = await app.SignedInAsync("staff");
        var type = await TaskStory.TypeAsync(hr, _prefix + "T");
        // Due Tuesday: at the close of office that day.
        var task = await TaskStory.AssignAsync(manager, TaskStory.Order(type, dueOn: monday.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

        await EvaluateAsync(hr);
        await EvaluateAsync(hr);

        var alert = Assert.Single(await AlertsOfAsync(hr, task.Id));
        Assert.Equal(("green", "assigned_task", "S001", (DateTimeOffset?)null), (alert.Level, alert.ItemKind, alert.RecipientStaffCode, alert.ClosedAt));
        Assert.Single((await staff.GetFromJsonAsync<List<AlertResponse>>("/api/alerts/mine", ApiJson.Options))!, a => a.ItemId == task.Id);

        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/tasks/{task.Id}/submit", new SubmitRequest(null))).StatusCode);
        await EvaluateAsync(hr);

        var closed = Assert.Single(await AlertsOfAsync(hr, task.Id));
        Assert.Equal((monday.AddHours(2), "ItemDone"), (closed.ClosedAt, closed.CloseReason));
        Assert.DoesNotContain((await staff.GetFromJsonAsync<List<AlertResponse>>("/api/alerts/mine", ApiJson.Options))!, a => a.ItemId == task.Id);
    }

    [SkippableFact]
    public async Task A_dossier_and_a_task_one_working_day_late_get_one_yellow_alert_each_to_the_head_of_the_handlers_division_or_to_the_vacant_post()
    {
        RequireDatabase();
        var monday = NextMonday();
        using var hr = await app.SignedInAsync("hr");
        var type = await TaskStory.TypeAsync(hr, _prefix + "Y");
        TaskResponse task;
        using (var manager = await app.SignedInAsync("manager"))
        {
            task = await TaskStory.AssignAsync(manager, TaskStory.Order(type, dueOn: monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        // Both due Monday at 17:00; it is Tuesday 17:00, a full working day (8 hours) later.
        await PushAsync(hr, Dossier("Y1", monday.AddHours(-1), monday.AddHours(8), monday.AddHours(-1)));
        // C2-TT has no head: its alert still stands, addressed to the vacant post.
        await PushAsync(hr, Dossier("Y2", monday.AddHours(-1), monday.AddHours(8), monday.AddHours(-1), unit: "C2-TT", handler: "S004"));
        app.Clock.SetUtcNow(monday.AddDays(1).AddHours(8));
        using var hrLater = await app.SignedInAsync("hr");
        await EvaluateAsync(hrLater);
        await EvaluateAsync(hrLater);

        foreach (var id in new[] { _prefix + "Y1", task.Id })
        {
            // First seen late, the item raises yellow only: the green it skipped is not raised after the fact.
            var alert = Assert.Single(await AlertsOfAsync(hrLater, id));
            Assert.Equal(("yellow", "division_head", AlertApp.CentreHead, "Huỳnh Thị Mai", "C1-TT"),
                (alert.Level, alert.RecipientRole, alert.RecipientStaffCode, alert.RecipientName, alert.RecipientUnitCode));
        }

        var vacant = Assert.Single(await AlertsOfAsync(hrLater, _prefix + "Y2"));
        Assert.Equal(("yellow", true, (string?)null, "Vị trí đang trống (chưa có người)", "C2-TT"),
            (vacant.Level, vacant.Vacant, vacant.RecipientStaffCode, vacant.RecipientName, vacant.RecipientUnitCode));
    }

    [SkippableFact]
    public async Task Two_nodes_evaluating_at_the_same_instant_raise_each_level_once()
    {
        RequireDatabase();
        var monday = NextMonday();
        await using var second = app.StartSecondNode();
        using var hr = await app.SignedInAsync("hr");
        await PushAsync(hr, Dossier("N1", monday.AddHours(-1), monday.AddDays(1).AddHours(8), monday.AddHours(-1)));
        var id = _prefix + "N1";

        var green = await BothAsync(second);
        // Wednesday 17:00: a working day late.
        app.Clock.SetUtcNow(monday.AddDays(2).AddHours(8));
        var yellow = await BothAsync(second);

        Assert.Single(green.SelectMany(c => c), c => c.Alert.ItemId == id && c.Kind == "Raised");
        Assert.Single(yellow.SelectMany(c => c), c => c.Alert.ItemId == id && c.Kind == "Climbed");
        Assert.Single(yellow.SelectMany(c => c), c => c.Alert.ItemId == id && c.Kind == "Closed");
        using var reader = await app.SignedInAsync("hr");
        var alerts = await AlertsOfAsync(reader, id);
        Assert.Equal([("green", "Climbed"), ("yellow", (string?)null)], alerts.OrderBy(a => a.Level, StringComparer.Ordinal).Select(a => (a.Level, a.CloseReason)));

        // Whichever node lost the race above, this is what it met: the database refusing a level raised twice.
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var stored = await db.Alerts.AsNoTracking().SingleAsync(a => a.ItemId == id && a.Level == AlertLevel.Yellow);
        db.Alerts.Add(AlertRecord.From(stored.ToAlert(), stored.ItemUnitCode));
        var twice = await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.True(AlertModel.LostToAnotherNode(twice));
    }

    /// <summary>HR on each node asks for an evaluation at the same moment (signed in anew: sessions lapse as the clock moves on).</summary>
    private async Task<List<AlertChangeResponse>[]> BothAsync(WebApplicationFactory<Program> second)
    {
        using var first = await app.SignedInAsync("hr");
        using var other = second.CreateClient();
        (await other.PostAsJsonAsync("/api/auth/sign-in", new { userName = "hr", password = app.Password })).EnsureSuccessStatusCode();
        return await Task.WhenAll(EvaluateAsync(first), EvaluateAsync(other));
    }

    [SkippableFact]
    public async Task A_node_evaluates_on_its_own_every_Alerts_Every_and_puts_the_alert_in_the_handlers_inbox()
    {
        RequireDatabase();
        var monday = NextMonday();
        await using var node = app.StartSecondNode(new Dictionary<string, string?> { ["Alerts:Every"] = "00:10:00" });
        using var hr = await app.SignedInAsync("hr");
        await PushAsync(hr, Dossier("W1", monday.AddHours(-1), monday.AddDays(1).AddHours(8), monday.AddHours(-1)));
        var id = _prefix + "W1";

        // Nobody asks for an evaluation: ten minutes on, the node's worker runs one.
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var notice = await InboxNoticeAsync(id);

        Assert.Equal(("S001", NotificationKind.Alert, "Notifications.Alert.Subject.Green", "Notifications.Alert.Body.Dossier"),
            (notice.RecipientStaffCode, notice.Kind, notice.Subject.Key, notice.Body.Key));
        Assert.Equal(["Green", "Dossier", id, monday.AddDays(1).AddHours(8).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)], notice.Body.Arguments);
        Assert.Equal("green", Assert.Single(await AlertsOfAsync(hr, id)).Level);
    }

    /// <summary>The inbox entry the worker stored for the alert on <paramref name="itemId"/>, waited for (the worker runs on its own thread).</summary>
    private async Task<Notification> InboxNoticeAsync(string itemId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var stored = await scope.ServiceProvider.GetRequiredService<GovKpiDbContext>().Notifications.AsNoTracking()
                    .Where(n => n.Kind == NotificationKind.Alert).ToListAsync();
                if (stored.FirstOrDefault(n => n.Body.Arguments.Count > 2 && n.Body.Arguments[2] == itemId) is { } found)
                {
                    return found;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, "no alert reached the inbox within a minute");
            await Task.Delay(100);
        }
    }


    [SkippableFact]
    public async Task Only_HR_changes_the_policy_each_change_is_kept_and_a_wrong_one_is_refused_keyed_by_field()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var manager = await app.SignedInAsync("manager");
        var before = (await manager.GetFromJsonAsync<AlertPolicyResponse>("/api/alerts/policy", ApiJson.Options))!;
        var valid = new AlertPolicyRequest(24, 48, "handler", "division_head", "agency_head", [new("07:30", "11:30"), new("13:00", "17:00")]);
        var wrong = new AlertPolicyRequest(0, null, "boss", "division_head", "agency_head", [new("07:30", "11:30"), new("11:00", "10:00"), new("1pm", "17:00")]);

        var byManager = await manager.PutAsJsonAsync("/api/alerts/policy", valid);
        var refused = await hr.PutAsJsonAsync("/api/alerts/policy", wrong);
        var staffList = await (await app.SignedInAsync("staff")).GetAsync("/api/alerts");
        var badFilter = await hr.GetAsync("/api/alerts?level=purple&state=closed");
        var saved = await hr.PutAsJsonAsync("/api/alerts/policy", valid with { GreenWithinHours = 16 });

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden, HttpStatusCode.BadRequest, HttpStatusCode.OK],
            new[] { byManager, refused, staffList, badFilter, saved }.Select(r => r.StatusCode));
        var errors = (await refused.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        Assert.Equal(["greenTo", "greenWithinHours", "periods[1].end", "periods[2].start", "yellowUpToHours"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Phải là một trong: handler, division_head, agency_head.", Assert.Single(errors["greenTo"]));
        Assert.Equal(["level", "state"], (await badFilter.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys.Order(StringComparer.Ordinal));
        var policy = (await saved.Content.ReadFromJsonAsync<AlertPolicyResponse>(ApiJson.Options))!;
        Assert.Equal((16m, 48m, "hr", app.Clock.GetUtcNow()), (policy.GreenWithinHours, policy.YellowUpToHours, policy.ChangedBy, policy.ChangedAt));
        Assert.Equal(before.History.Count + (before.ChangedBy is null ? 0 : 1), policy.History.Count);
        Assert.Equal([("07:30", "11:30"), ("13:00", "17:00")], policy.Periods.Select(p => (p.Start, p.End)));
        Assert.Equal(("handler", "division_head", "agency_head"), (policy.GreenTo, policy.YellowTo, policy.RedTo));
        Assert.Equal(policy.GreenWithinHours, (await manager.GetFromJsonAsync<AlertPolicyResponse>("/api/alerts/policy", ApiJson.Options))!.GreenWithinHours);

        // The page writes the hours in the reader's language; HR's form keeps the number as its parser reads it.
        Assert.Equal(HttpStatusCode.OK, (await hr.PutAsJsonAsync("/api/alerts/policy", valid with { GreenWithinHours = 2.5m })).StatusCode);
        Assert.Contains("<dd>2,5</dd>", await manager.GetStringAsync("/alerts"));
        Assert.Contains("<dd>2.5</dd>", await manager.GetStringAsync("/alerts?culture=en-US"));
        Assert.Contains("name=\"greenWithinHours\" inputmode=\"decimal\" value=\"2.5\"", await hr.GetStringAsync("/alerts"));

        // Back to the default ladder, for the other tests of the fixture.
        Assert.Equal(HttpStatusCode.OK, (await hr.PutAsJsonAsync("/api/alerts/policy", valid)).StatusCode);
    }
}

public sealed class SqliteAlertTests(SqliteAlertApp app) : AlertTests<SqliteAlertApp>(app), IClassFixture<SqliteAlertApp>;

public sealed class PostgresAlertTests(PostgresAlertApp app) : AlertTests<PostgresAlertApp>(app), IClassFixture<PostgresAlertApp>;
