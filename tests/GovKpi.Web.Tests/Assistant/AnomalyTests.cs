using System.Net;
using System.Net.Http.Json;
using GovKpi.Core.Anomalies;
using GovKpi.Core.Calendar;
using GovKpi.Data;
using GovKpi.Web.Features.Assistant;
using GovKpi.Web.Tests.Infrastructure;
using GovKpi.Web.Tests.KpiValues;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Assistant;

/// <summary>Signs of gaming over real HTTP: a burst planted through the measurement API is found with its dossiers, only by those who may look.</summary>
public abstract class AnomalyTests<TApp>(TApp app) : KpiTestRecords<TApp>(app) where TApp : GovKpiApp
{
    /// <summary>
    /// March of <paramref name="year"/>: S002 (C1-TT) closes 8 dossiers within 4 minutes on the
    /// 10th, after 4 ordinary ones on other days; S001 (C1-TT) and S004 (C2-TT) finish one a day.
    /// Returns the ids of the burst.
    /// </summary>
    private async Task<List<string>> PushBurstAsync(HttpClient hr, int year)
    {
        string At(int day, int hour, int minute = 0) => $"{year}-03-{day:00}T{hour:00}:{minute:00}:00+07:00";
        var dossiers = new List<Dictionary<string, object?>>();
        for (var i = 0; i < 8; i++)
        {
            dossiers.Add(Dossier($"burst{i}", "C1-TT", "S002", At(2, 8), At(20, 17), $"{year}-03-10T09:{i / 2:00}:{i % 2 * 30:00}+07:00", "processed"));
        }

        for (var day = 3; day <= 6; day++)
        {
            dossiers.Add(Dossier($"s2-{day}", "C1-TT", "S002", At(2, 8), At(20, 17), At(day, 14), "processed"));
            dossiers.Add(Dossier($"s1-{day}", "C1-TT", "S001", At(2, 8), At(20, 17), At(day, 10), "processed"));
            dossiers.Add(Dossier($"s4-{day}", "C2-TT", "S004", At(2, 8), At(20, 17), At(day, 11), "processed"));
        }

        await PushAsync(hr, "dossiers", dossiers);
        return [.. Enumerable.Range(0, 8).Select(i => $"{Prefix}burst{i}").Order(StringComparer.Ordinal)];
    }

    private static async Task<AnomalyResponse> AnomaliesAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/assistant/anomalies?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AnomalyResponse>(ApiJson.Options))!;
    }

    [SkippableFact]
    public async Task A_planted_burst_is_found_with_its_dossiers_as_the_core_detector_finds_it()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        var burst = await PushBurstAsync(hr, 2060);
        using var manager = await App.SignedInAsync("manager");

        var report = await AnomaliesAsync(manager, "unit=C1&from=2060-01-01&to=2061-01-01");
        var other = await AnomaliesAsync(hr, "unit=C2&from=2060-01-01&to=2061-01-01");

        var finding = Assert.Single(report.Findings);
        Assert.Equal(("completion_burst", "S002", "Lê Văn Dũng", "C1-TT"), (finding.Rule, finding.Handler, finding.HandlerName, finding.UnitCode));
        Assert.Equal(burst, finding.Dossiers);
        var measure = Assert.Single(finding.Measures);
        Assert.Equal(("in_window", 8, 12), (measure.What, measure.Observed, measure.OutOf));
        Assert.True(measure.PValue <= report.FalseAlarmRate / report.Tested["completion_burst"], $"{measure}");
        Assert.StartsWith("8 hồ sơ giải quyết xong trong vòng 10 phút (trên tổng 12)", finding.Summary);
        Assert.Equal("/kpis/explain?kpi=on_time_rate&scope=staff&code=S002&from=2060-03-10&to=2060-03-11", finding.ExplainUrl);
        Assert.Equal(20, report.Dossiers);
        Assert.Empty(other.Findings);

        // The same records through the Core detector, as `govkpi anomalies` reads them from a file.
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var versions = await db.DossierVersions.AsNoTracking().Where(v => v.DossierId.StartsWith(Prefix)).ToListAsync();
        var core = Assert.Single(AnomalyDetector.Detect(versions, WorkingCalendar.Official).Findings);
        Assert.Equal((core.HandlerCode, core.Measures[0].PValue), (finding.Handler, measure.PValue));
        Assert.Equal(core.DossierIds, finding.Dossiers);
        var log = await db.AssistantExchanges.AsNoTracking().Where(x => x.Kind == "anomalies" && x.UserName == "manager").ToListAsync();
        Assert.Contains(burst[0], Assert.Single(log).Answer);
    }

    [SkippableFact]
    public async Task Only_those_who_oversee_others_may_look_and_only_within_their_scope()
    {
        RequireDatabase();
        using var staff = await App.SignedInAsync("staff");
        using var manager = await App.SignedInAsync("manager");
        using var auditor = await App.SignedInAsync("auditor");
        const string Year = "&from=2061-01-01&to=2062-01-01";

        var byStaff = await staff.GetAsync("/api/assistant/anomalies?unit=C1-TT" + Year);
        var outside = await manager.GetAsync("/api/assistant/anomalies?unit=C2" + Year);
        var province = await manager.GetAsync("/api/assistant/anomalies?unit=KH" + Year);
        var unknown = await auditor.GetAsync("/api/assistant/anomalies?unit=NOPE" + Year);
        var invalid = await auditor.GetAsync("/api/assistant/anomalies?from=2061-02-01&to=2061-01-01");
        var allowed = await auditor.GetAsync("/api/assistant/anomalies?unit=KH" + Year);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.OK),
            (byStaff.StatusCode, outside.StatusCode, province.StatusCode, unknown.StatusCode, invalid.StatusCode, allowed.StatusCode));
        var problem = await invalid.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>();
        Assert.Equal(["to", "unit"], problem!.Errors.Keys.Order());
    }

    [SkippableFact]
    public async Task The_anomalies_page_shows_the_finding_and_its_dossier_ids()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        var burst = await PushBurstAsync(hr, 2062);
        using var manager = await App.SignedInAsync("manager");
        using var staff = await App.SignedInAsync("staff");

        var html = WebUtility.HtmlDecode(await manager.GetStringAsync("/assistant/anomalies?unit=C1&from=2062-01-01&to=2063-01-01"));
        var english = WebUtility.HtmlDecode(await manager.GetStringAsync("/assistant/anomalies?unit=C1&from=2062-01-01&to=2063-01-01&culture=en-US"));
        var byStaff = await staff.GetAsync("/assistant/anomalies");

        Assert.Contains("data-rule=\"completion_burst\" data-handler=\"S002\"", html);
        Assert.Contains("Giải quyết hàng loạt trong vài phút", html);
        Assert.Contains(string.Join(", ", burst), html);
        Assert.Contains("không phải là kết luận vi phạm", html);
        Assert.Contains("Dossiers closed in a burst within minutes", english);
        Assert.Equal("/access-denied", byStaff.RequestMessage!.RequestUri!.AbsolutePath);
    }
}

public sealed class SqliteAnomalyTests(SqliteApp app) : AnomalyTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresAnomalyTests(PostgresApp app) : AnomalyTests<PostgresApp>(app), IClassFixture<PostgresApp>;
