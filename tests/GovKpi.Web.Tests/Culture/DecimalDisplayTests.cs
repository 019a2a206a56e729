using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using GovKpi.Web.Features.DelegatedTasks;
using GovKpi.Web.Features.Tasks;
using GovKpi.Web.Tests.Infrastructure;
using GovKpi.Web.Tests.Tasks;

namespace GovKpi.Web.Tests.Culture;

/// <summary>
/// Decimals on the pages are written in the request's culture — vi-VN "1,5", en-US "1.5" — while
/// the number inputs and the sort keys of the tables keep the invariant form the browser reads.
/// </summary>
public abstract class DecimalDisplayTests<TApp>(TApp app) where TApp : GovKpiApp
{
    /// <summary>Codes of this test: the class shares one database.</summary>
    private readonly string _prefix = "DD" + Guid.NewGuid().ToString("N")[..6] + "-";

    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private static string English(string path) => path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "culture=en-US";

    /// <summary>The table row (<c>&lt;tr …&gt;…&lt;/tr&gt;</c>) of <paramref name="html"/> that holds <paramref name="marker"/>.</summary>
    private static string RowWith(string html, string marker)
    {
        var at = html.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{marker} is not on the page");
        var start = html.LastIndexOf("<tr", at, StringComparison.Ordinal);
        return html[start..(html.IndexOf("</tr>", at, StringComparison.Ordinal) + 5)];
    }

    [SkippableFact]
    public async Task The_task_catalogue_shows_its_factors_with_a_decimal_comma_in_Vietnamese_and_a_point_in_English()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        Assert.Equal(HttpStatusCode.Created, (await hr.PostAsJsonAsync("/api/task-types",
            new TaskTypeRequest(_prefix + "T", "KH", "B", "Thẩm định hồ sơ đất đai", "hồ sơ", 1.5m, 1.2m, "2026-01-01", null))).StatusCode);

        var vietnamese = RowWith(await hr.GetStringAsync("/tasks/types"), _prefix + "T");
        var english = RowWith(await hr.GetStringAsync(English("/tasks/types")), _prefix + "T");

        Assert.Contains("<td>1,5</td>", vietnamese);
        Assert.Contains("<td>1,8</td>", vietnamese);
        Assert.Contains("<td>1.5</td>", english);
        Assert.Contains("<td>1.8</td>", english);
    }

    [SkippableFact]
    public async Task Task_quantities_and_the_staffing_views_standard_products_follow_the_request_culture()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var manager = await app.SignedInAsync("manager");
        using var staff = await app.SignedInAsync("staff");
        var type = await TaskStory.TypeAsync(hr, _prefix + "Q", factor: 1m);
        var task = await TaskStory.AssignAsync(manager, TaskStory.Order(type, dueOn: "2026-12-31", quantity: 1.5m));
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/tasks/{task.Id}/submit", new SubmitRequest(1.5m))).StatusCode);

        var tasks = await manager.GetStringAsync("/tasks");
        var tasksEnglish = await manager.GetStringAsync(English("/tasks"));
        Assert.Contains("1,5 báo cáo", tasks);
        Assert.Contains("1.5 báo cáo", tasksEnglish);

        var month = "/workforce?from=2026-03-01&to=2026-04-01";
        var products = RowWith(await hr.GetStringAsync(month), $"data-staff=\"{task.StaffCode}\"");
        var productsEnglish = RowWith(await hr.GetStringAsync(English(month)), $"data-staff=\"{task.StaffCode}\"");
        // The sort key keeps the stored scale (1.500): tables.js reads a data-sort number invariantly.
        Assert.Matches("data-sort=\"1\\.50*\">1,5</td>", products);
        Assert.Matches("data-sort=\"1\\.50*\">1\\.5</td>", productsEnglish);
    }

    [SkippableFact]
    public async Task The_delegated_task_averages_show_a_decimal_comma_in_Vietnamese_and_a_point_in_English()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var manager = await app.SignedInAsync("manager");
        foreach (var (code, percent) in new[] { ("A", 30), ("B", 15) })
        {
            Assert.Equal(HttpStatusCode.Created, (await hr.PostAsJsonAsync("/api/delegated-tasks", new RegisterTaskRequest(_prefix + code,
                "Cấp giấy chứng nhận quyền sử dụng đất lần đầu", "Sở Nông nghiệp và Môi trường", "Nghị định 151/2025/NĐ-CP", "decentralised",
                "province", "commune", ["C1-KT"], "2026-03-02", "2026-03-27", "monthly"))).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await manager.PostAsJsonAsync($"/api/delegated-tasks/{_prefix}{code}/reports",
                new ReportRequest(null, null, percent, "Đã tiếp nhận hồ sơ."))).StatusCode);
        }

        var unit = RowWith(await manager.GetStringAsync("/delegated-tasks"), "Phòng Kinh tế</td>");
        var unitEnglish = RowWith(await manager.GetStringAsync(English("/delegated-tasks")), "Phòng Kinh tế</td>");

        Assert.Contains(">22,5 %</td>", unit);
        Assert.Contains(">22.5 %</td>", unitEnglish);
        Assert.Contains("data-sort=\"22.5\"", unit);
    }
}

public sealed class SqliteDecimalDisplayTests(SqliteApp app) : DecimalDisplayTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresDecimalDisplayTests(PostgresApp app) : DecimalDisplayTests<PostgresApp>(app), IClassFixture<PostgresApp>;
