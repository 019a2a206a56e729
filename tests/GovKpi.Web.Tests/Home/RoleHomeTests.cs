using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.Measurement;
using GovKpi.Data;
using GovKpi.Data.Caching;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.DemoData;
using GovKpi.Web.Features.Evaluation;
using GovKpi.Web.Features.Home;
using GovKpi.Web.Features.KpiValues;
using GovKpi.Web.Tests.Evaluation;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Home;

/// <summary>
/// Each role's home page (<c>/home</c>) over real HTTP on the demo province: where signing in
/// lands, and what staff, a manager, HR, the leader and an auditor find there. Each test that
/// opens a cycle uses its own period, so the tests share one database.
/// </summary>
public abstract partial class RoleHomeTests<TApp>(TApp app) where TApp : DemoProvinceApp
{
    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private sealed record Account(HttpClient Client, UserResponse Me)
    {
        public string Staff => Me.StaffCode!;
    }

    private async Task<Account> As(string userName)
    {
        var client = await app.SignedInAsync(userName);
        return new Account(client, (await client.GetFromJsonAsync<UserResponse>("/api/auth/me", ApiJson.Options))!);
    }

    private static async Task<T> Read<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, ApiJson.Options)!;
    }

    private static async Task<CycleResponse> Open(Account manager, int year, int quarter) =>
        await Read<CycleResponse>(await manager.Client.PostAsJsonAsync("/api/evaluation/cycles",
            new { unitCode = await StaffUnit(manager), periodKind = nameof(PeriodKind.Quarter), year, number = quarter }),
            HttpStatusCode.Created);

    /// <summary>The unit the demo manager heads (where `staff` and the colleagues work).</summary>
    private static async Task<string> StaffUnit(Account manager) =>
        (await manager.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/staff/{manager.Staff}")).GetProperty("unitCode").GetString()!;

    private static Task<HttpResponseMessage> Advance(Account who, Guid cycle, CycleStage to) =>
        who.Client.PostAsJsonAsync($"/api/evaluation/cycles/{cycle}/advance", new { to = to.ToString(), reason = "Đã nhắc, quá hạn", confirm = true });

    private static async Task<List<EvaluationSummary>> People(Account manager, Guid cycle) =>
        [.. (await Read<CycleDetailResponse>(await manager.Client.GetAsync($"/api/evaluation/cycles/{cycle}"))).Evaluations];

    private static async Task<HttpResponseMessage> Rate(Account manager, Guid evaluation)
    {
        var url = $"/api/evaluation/evaluations/{evaluation}/rating";
        var explanation = await manager.Client.GetAsync($"/api/evaluation/evaluations/{evaluation}/explanation");
        var computed = explanation.IsSuccessStatusCode && (await explanation.Content.ReadFromJsonAsync<ExplanationResponse>(ApiJson.Options))!.TaskScore is not null;
        const string reason = "Theo kết quả KPI và nhận xét của tập thể";
        return computed
            ? await manager.Client.PutAsJsonAsync(url, new { generalPoints = 25, adjustment = new { taskPoints = 55, reason }, reason })
            : await manager.Client.PutAsJsonAsync(url, new { generalPoints = 25, taskPoints = 55, reason });
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [SkippableFact]
    public async Task Signing_in_on_the_form_lands_on_the_home_page_and_the_front_door_sends_a_signed_in_person_there()
    {
        RequireDatabase();
        using var browser = app.CreateClientWithoutRedirects();
        var form = await browser.GetStringAsync("/");
        var response = await browser.PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = DemoAccounts.Staff, ["Password"] = DemoAccounts.Password,
            ["__RequestVerificationToken"] = AntiforgeryField().Match(form).Groups[1].Value,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(RoleHomeModel.Path, response.Headers.Location?.OriginalString);
        using var signedIn = await app.SignedInAsync(DemoAccounts.Manager);
        var front = await signedIn.GetAsync("/");
        Assert.Equal(RoleHomeModel.Path, front.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [SkippableFact]
    public async Task Staff_find_their_KPIs_with_a_six_month_trend_their_evaluation_to_dos_and_why_their_score_is_what_it_is()
    {
        RequireDatabase();
        var manager = await As(DemoAccounts.Manager);
        var staff = await As(DemoAccounts.Staff);
        await Open(manager, 2024, 1);

        var html = await staff.Client.GetStringAsync(RoleHomeModel.Path);

        Assert.Contains("KPI của tôi tháng 03/2026", html);
        Assert.Contains("data-testid=\"home-trend\"", html);
        foreach (var month in new[] { "10/2025", "11/2025", "12/2025", "01/2026", "02/2026", "03/2026" })
        {
            Assert.Contains($"<th>{month}</th>", html);
        }

        Assert.Contains("data-chart=\"home-trend-data\"", html);
        Assert.Matches($"<a href=\"/kpis/explain\\?kpi=[^&\"]+&amp;scope=staff&amp;code={staff.Staff}&amp;from=2026-03-01&amp;to=2026-04-01\" data-testid=\"home-why\">Vì sao điểm của tôi như vậy\\?</a>", html);
        Assert.Contains("Việc cần làm trong kỳ đánh giá", html);
        Assert.Contains("2024-Q1", html);
        Assert.Contains("Nhiệm vụ được giao", html);
        Assert.Contains("Cảnh báo của tôi", html);
        Assert.DoesNotContain("Đội ngũ của tôi", html);
        Assert.DoesNotContain("SelfAssessment", html);
    }

    [SkippableFact]
    public async Task A_manager_sees_who_has_not_self_assessed_then_a_next_person_path_through_the_rating()
    {
        RequireDatabase();
        var manager = await As(DemoAccounts.Manager);
        var staff = await As(DemoAccounts.Staff);
        var cycle = await Open(manager, 2024, 2);
        var people = await People(manager, cycle.Id);
        var mine = people.Single(p => p.StaffCode == staff.Staff);
        await Read<EvaluationResponse>(await staff.Client.PutAsJsonAsync($"/api/evaluation/evaluations/{mine.Id}/self-assessment",
            new { generalPoints = 27, taskPoints = 60, text = "Hoàn thành đúng hạn các hồ sơ được giao." }));

        var before = await manager.Client.GetStringAsync(RoleHomeModel.Path);

        var article = Regex.Match(before, $"<h3><a href=\"/evaluation/cycles/{cycle.Id}\">(.*?)</article>", RegexOptions.Singleline).Groups[1].Value;
        var notSelfAssessed = Regex.Match(article, "data-testid=\"home-not-self-assessed\">(.*?)</p>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains($"Chưa tự đánh giá ({people.Count - 1}):", notSelfAssessed);
        Assert.DoesNotContain(mine.StaffName, notSelfAssessed);
        Assert.Contains(people.First(p => p.StaffCode != staff.Staff).StaffName, notSelfAssessed);
        Assert.Contains("Đội ngũ của tôi — KPI tháng 03/2026", before);
        Assert.Contains(staff.Me.DisplayName, before);
        Assert.Contains("Có nguy cơ không đạt chỉ tiêu", before);
        Assert.Contains("href=\"/assistant/warnings\"", before);

        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.Feedback360));
        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.ManagerRating));
        // Nobody rates themselves: the path goes through the others, in the cycle's order.
        var toRate = people.Where(p => p.StaffCode != manager.Staff).ToList();
        var first = await manager.Client.GetStringAsync(RoleHomeModel.Path);
        var next = toRate[0];
        Assert.Contains($"href=\"/evaluation/{next.Id}\" data-testid=\"home-rate-next\">Chấm điểm người tiếp theo: {next.StaffName}</a>", first);

        await Read<EvaluationResponse>(await Rate(manager, next.Id));
        var then = await manager.Client.GetStringAsync(RoleHomeModel.Path);
        var second = toRate[1];
        Assert.Contains($"href=\"/evaluation/{second.Id}\" data-testid=\"home-rate-next\">Chấm điểm người tiếp theo: {second.StaffName}</a>", then);
        Assert.Contains($"href=\"/evaluation/cycles/{cycle.Id}\" data-testid=\"home-calibration\"", then);
    }

    [SkippableFact]
    public async Task HR_sees_cycle_progress_per_agency_the_latest_imports_the_quarantine_and_the_exports()
    {
        RequireDatabase();
        var manager = await As(DemoAccounts.Manager);
        var hr = await As(DemoAccounts.Hr);
        await Open(manager, 2024, 3);

        var html = await hr.Client.GetStringAsync(RoleHomeModel.Path);

        Assert.Contains("Các kỳ đánh giá đang chạy theo cơ quan, đơn vị", html);
        Assert.Matches("Tự đánh giá: \\d+", html);
        Assert.Contains("data-chart=\"home-progress-data\"", html);
        Assert.Contains("Các lần nhập dữ liệu gần đây", html);
        Assert.Contains("<td>Dữ liệu mẫu</td>", html);
        Assert.Matches("Đang chờ xử lý: \\d+ dòng số liệu và \\d+ dòng nhiệm vụ bị cách ly.", html);
        Assert.Contains("href=\"/api/audit/export.xlsx\"", html);
        Assert.Contains("href=\"/api/delegated-tasks/export.xlsx\"", html);
        Assert.DoesNotContain("SelfAssessment", html);
        Assert.Equal(HttpStatusCode.OK, (await hr.Client.GetAsync("/api/delegated-tasks/export.xlsx")).StatusCode);
    }

    [SkippableFact]
    public async Task The_leader_is_led_to_the_province_operations_view()
    {
        RequireDatabase();
        var leader = await As(DemoAccounts.Leader);

        var html = await leader.Client.GetStringAsync(RoleHomeModel.Path);

        Assert.Contains($"href=\"{RoleHomeModel.ProvinceViewPath}\" data-testid=\"home-province-view\"", html);
        // The province view's own tiles, and the communes furthest behind leading into the view.
        Assert.Contains("data-testid=\"province-index\"", html);
        var behind = Regex.Match(html, "data-testid=\"home-communes-behind\">(.*?)</ol>", RegexOptions.Singleline).Groups[1].Value;
        Assert.InRange(Regex.Matches(behind, "<li>").Count, 1, RoleHomeModel.BehindCount);
        Assert.Contains("href=\"/province?unit=", behind);
    }

    [SkippableFact]
    public async Task The_team_read_at_once_equals_each_persons_own_values()
    {
        RequireDatabase();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var reader = scope.ServiceProvider.GetRequiredService<KpiValueReader>();
        var handlers = await db.Dossiers.AsNoTracking().Where(d => d.HandlerCode != null).Select(d => d.HandlerCode!).Distinct()
            .OrderBy(h => h).Take(12).ToListAsync();
        var people = await db.Staff.AsNoTracking().Where(p => handlers.Contains(p.Code)).OrderBy(p => p.Code).ToListAsync();
        var subjects = people.Select(p => new KpiSubject(KpiSubjectScope.Staff, p.Code, p.FullName, null, p.Code)).ToList();
        // The demo's records cover the twelve months up to yesterday.
        var last = GovKpi.Core.VietnamTime.Today(scope.ServiceProvider.GetRequiredService<TimeProvider>());
        var month = ReportingPeriod.Month(last.AddMonths(-1).Year, last.AddMonths(-1).Month);
        // A stored month, and a range across a month boundary (stored month plus records at each end).
        foreach (var period in new[] { month, new ReportingPeriod(month.From.AddDays(9), month.To.AddDays(4)) })
        {
            var together = await reader.StaffTablesAsync(subjects, period, CancellationToken.None);
            Assert.Equal(subjects.Count, together.Count);
            foreach (var (subject, table) in subjects.Zip(together))
            {
                var alone = await reader.TableAsync(subject, period, CancellationToken.None);
                Assert.Equal(alone.Values.Select(v => (v.Kpi, v.Numerator, v.Denominator, v.Status)),
                    table.Values.Select(v => (v.Kpi, v.Numerator, v.Denominator, v.Status)));
            }
        }

        Assert.NotEmpty(subjects);
    }

    [SkippableFact]
    public async Task A_home_page_is_drawn_once_then_read_from_the_node_until_a_change_moves_its_stamps()
    {
        RequireDatabase();
        var hr = await As(DemoAccounts.Hr);
        static string Imports(string html) => Regex.Match(html, "data-testid=\"home-imports\">(.*?)</section>", RegexOptions.Singleline).Groups[1].Value;
        var drawn = Imports(await hr.Client.GetStringAsync(RoleHomeModel.Path));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var batches = await db.ImportBatches.AsNoTracking().Select(b => new { b.Id, b.FileName }).ToListAsync();
        Assert.Contains(batches, b => drawn.Contains(b.FileName, StringComparison.Ordinal));
        const string renamed = "doi-ten-sau-khi-ve.csv";
        try
        {
            // Behind the stamps' back (no SaveChanges): a page drawn again would show the new name at once.
            await db.ImportBatches.ExecuteUpdateAsync(u => u.SetProperty(b => b.FileName, renamed));
            Assert.Equal(drawn, Imports(await hr.Client.GetStringAsync(RoleHomeModel.Path)));

            CacheStamps.Touch(db, CacheArea.Measurement);
            await db.SaveChangesAsync();
            Assert.Contains(renamed, Imports(await hr.Client.GetStringAsync(RoleHomeModel.Path)));
        }
        finally
        {
            foreach (var batch in batches)
            {
                await db.ImportBatches.Where(b => b.Id == batch.Id).ExecuteUpdateAsync(u => u.SetProperty(b => b.FileName, batch.FileName));
            }

            CacheStamps.Touch(db, CacheArea.Measurement);
            await db.SaveChangesAsync();
        }
    }

    [SkippableFact]
    public async Task A_home_page_kept_by_the_node_shows_a_change_made_after_it_was_drawn()
    {
        RequireDatabase();
        var manager = await As(DemoAccounts.Manager);
        var auditor = await As(DemoAccounts.Auditor);
        static string Trail(string html) => Regex.Match(html, "data-testid=\"home-audit\">(.*?)</section>", RegexOptions.Singleline).Groups[1].Value;
        var first = Trail(await auditor.Client.GetStringAsync(RoleHomeModel.Path));
        Assert.Equal(first, Trail(await auditor.Client.GetStringAsync(RoleHomeModel.Path)));

        await Open(manager, 2023, 2);

        Assert.NotEqual(first, Trail(await auditor.Client.GetStringAsync(RoleHomeModel.Path)));
    }

    [SkippableFact]
    public async Task An_auditor_sees_the_latest_trail_entries_in_words_and_the_way_to_the_whole_trail()
    {
        RequireDatabase();
        var manager = await As(DemoAccounts.Manager);
        var auditor = await As(DemoAccounts.Auditor);
        await Open(manager, 2024, 4);

        var html = await auditor.Client.GetStringAsync(RoleHomeModel.Path);

        var table = Regex.Match(html, "data-testid=\"home-audit\">(.*?)</section>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("Nhật ký kiểm toán mới nhất", table);
        Assert.Matches("<tbody>\\s*<tr>", table);
        Assert.Contains("href=\"/audit\"", table);
        Assert.DoesNotContain("EvaluationOpened", table);
    }
}

public sealed class SqliteRoleHomeTests(SqliteDemoProvinceApp app) : RoleHomeTests<SqliteDemoProvinceApp>(app), IClassFixture<SqliteDemoProvinceApp>;

public sealed class PostgresRoleHomeTests(PostgresDemoProvinceApp app) : RoleHomeTests<PostgresDemoProvinceApp>(app), IClassFixture<PostgresDemoProvinceApp>;
