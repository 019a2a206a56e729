using System.Net;
using System.Net.Http.Json;
using GovKpi.Core.Calendar;
using GovKpi.Core.Forecast;
using GovKpi.Core.Measurement;
using GovKpi.Data;
using GovKpi.Web.Features.Assistant;
using GovKpi.Web.Tests.Infrastructure;
using GovKpi.Web.Tests.KpiValues;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Assistant;

/// <summary>Forecasts and early warnings over real HTTP: the Core forecaster's numbers on the stored records, within the caller's scope.</summary>
public abstract class ForecastTests<TApp>(TApp app) : KpiTestRecords<TApp>(app) where TApp : GovKpiApp
{
    /// <summary>
    /// May of <paramref name="year"/> up to the 15th, with April as history (a year of each test's
    /// own: the class shares one database). S001 (C1-TT) finishes 10, 5 of them late, and has an
    /// upheld complaint; S002 (C1-TT) finishes 8 on time, one rated 5, and has one open (finished in June); S004
    /// (C2-TT) finishes 6, 1 late.
    /// </summary>
    private async Task PushMayAsync(HttpClient hr, int year)
    {
        string At(int month, int day, int hour) => $"{year}-{month:00}-{day:00}T{hour:00}:00:00+07:00";
        var dossiers = new List<object>();
        for (var i = 0; i < 10; i++)
        {
            dossiers.Add(Dossier($"A{i}", "C1-TT", "S001", At(5, 2 + i % 5, 8), At(5, 9, 17), i < 5 ? At(5, 8, 10) : At(5, 12, 10), "processed",
                i % 2 == 0 ? "online" : "in_person"));
        }

        for (var i = 0; i < 4; i++)
        {
            dossiers.Add(Dossier($"H{i}", "C1-TT", "S001", At(4, 6 + i, 8), At(4, 20, 17), At(4, 15, 10), "result_returned"));
        }

        for (var i = 0; i < 8; i++)
        {
            dossiers.Add(Dossier($"B{i}", "C1-TT", "S002", At(5, 2, 8), At(5, 12, 17), At(5, 10, 9 + i), "processed", "online"));
        }

        // Finished after the as-of date: open then. (Left open for ever, it would be late in every later year's test.)
        dossiers.Add(Dossier("B-open", "C1-TT", "S002", At(5, 13, 8), At(6, 5, 17), At(6, 3, 10), "processed"));
        for (var i = 0; i < 6; i++)
        {
            dossiers.Add(Dossier($"C{i}", "C2-TT", "S004", At(5, 2, 8), At(5, 9, 17), i == 0 ? At(5, 11, 10) : At(5, 8, 10), "processed"));
        }

        await PushAsync(hr, "dossiers", dossiers);
        await PushAsync(hr, "surveys", [Survey("R1", "B0", At(5, 11, 9), 5)]);
        await PushAsync(hr, "complaints", [Complaint("P1", "C1-TT", "S001", At(5, 11, 9), upheld: true)]);
    }

    private static async Task<ForecastResponse> ForecastAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/assistant/forecast?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ForecastResponse>(ApiJson.Options))!;
    }

    /// <summary>The Core forecaster over every stored current record, as <c>govkpi forecast</c> runs it over the same records in files.</summary>
    private async Task<IReadOnlyList<KpiForecast>> CoreForecastAsync(ReportingPeriod period, DateOnly asOf)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var records = new ForecastRecords(
            await db.Dossiers.AsNoTracking().ToListAsync(), await db.Surveys.AsNoTracking().ToListAsync(), await db.Complaints.AsNoTracking().ToListAsync());
        var definitions = await db.KpiDefinitions.AsNoTracking().Where(d => d.FormulaRef != null).ToListAsync();
        return new KpiForecaster(WorkingCalendar.Official, definitions).Forecast(period, asOf, records);
    }

    private static void AssertAgree(IEnumerable<KpiForecast> expected, IReadOnlyList<ForecastValue> actual)
    {
        var core = expected.ToDictionary(f => f.Kpi);
        Assert.Equal(core.Keys.Order(), actual.Select(v => v.Kpi).Order());
        foreach (var v in actual)
        {
            var f = core[v.Kpi];
            Assert.Equal((f.SoFar.Numerator, f.SoFar.Denominator), (v.SoFarNumerator, v.SoFarDenominator));
            // The same computation; the peers' sums may add up in another order.
            Assert.Equal(f.Projected, v.Projected, 9);
            Assert.Equal(f.Low, v.Low, 9);
            Assert.Equal(f.High, v.High, 9);
            Assert.Equal(f.Target, v.Target);
            Assert.Equal(f.MissProbability ?? -1, v.MissProbability ?? -1, 9);
            Assert.Equal(f.Shortfall ?? -1, v.Shortfall ?? -1, 9);
            Assert.Equal((f.LikelyToMiss, f.Confidence), (v.LikelyToMiss, v.Confidence));
        }
    }

    [SkippableFact]
    public async Task A_persons_and_a_units_forecasts_are_the_core_forecasters_on_the_stored_records()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        await PushMayAsync(hr, 2050);
        var (period, asOf) = (ReportingPeriod.Month(2050, 5), new DateOnly(2050, 5, 15));
        var core = await CoreForecastAsync(period, asOf);

        var person = await ForecastAsync(hr, "scope=staff&code=S001&period=2050-05&asOf=2050-05-15");
        var unit = await ForecastAsync(hr, "scope=unit&code=C1-TT&period=2050-05&asOf=2050-05-15");

        AssertAgree(core.Where(f => f is { Scope: KpiScope.Staff, ScopeCode: "S001" }), person.Values);
        AssertAgree(core.Where(f => f is { Scope: KpiScope.Unit, ScopeCode: "C1-TT" }), unit.Values);
        Assert.Equal(("offline", "Trần Thị Hồng", asOf), (person.Mode, person.Name, person.AsOf));
        var onTime = Assert.Single(person.Values, v => v.Kpi == KpiFormula.OnTimeRate);
        Assert.Equal((5m, 10m, 0.98), (onTime.SoFarNumerator, onTime.SoFarDenominator, onTime.Target));
        Assert.True(onTime is { LikelyToMiss: true, Confidence: ForecastConfidence.High, Shortfall: > 0.3 }, $"{onTime}");
        Assert.Equal(onTime.Target!.Value - onTime.Projected, onTime.Shortfall!.Value, 9);
        Assert.Equal("/kpis/explain?kpi=on_time_rate&scope=staff&code=S001&from=2050-05-01&to=2050-05-16", onTime.ExplainUrl);
        Assert.Contains("5 / 10 = 50,0 %", onTime.Explanation);
        // The person's own forecast is the warning about them.
        Assert.Contains(person.LikelyToMiss, w => w.StaffCode == "S001" && w.Value.Kpi == KpiFormula.OnTimeRate);
        // C1-TT's people: S001 and S002, whose KPIs agree with the Core forecaster's too.
        Assert.Equal(["S001", "S002"], unit.People.Select(p => p.StaffCode));
        AssertAgree(core.Where(f => f is { Scope: KpiScope.Staff, ScopeCode: "S002" }), unit.People[1].Values);

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var log = await db.AssistantExchanges.AsNoTracking().Where(x => x.Kind == "forecast" && x.Question.Contains("S001 2050-05")).ToListAsync();
        Assert.Contains("S001 on_time_rate", Assert.Single(log).Answer);
    }

    [SkippableFact]
    public async Task A_subtree_forecast_lists_who_is_likely_to_miss_most_likely_first_and_a_staff_account_sees_only_themselves()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        await PushMayAsync(hr, 2051);
        using var manager = await App.SignedInAsync("manager");
        using var staff = await App.SignedInAsync("staff");

        var subtree = await ForecastAsync(manager, "scope=subtree&code=C1&period=2051-05&asOf=2051-05-15");
        var own = await ForecastAsync(staff, "scope=unit&code=C1-TT&period=2051-05&asOf=2051-05-15");
        var province = await ForecastAsync(hr, "period=2051-05&asOf=2051-05-15");

        Assert.Equal(["S001", "S002"], subtree.People.Select(p => p.StaffCode));
        Assert.DoesNotContain(subtree.LikelyToMiss, w => w.StaffCode == "S004");
        Assert.Equal(subtree.LikelyToMiss.OrderByDescending(w => w.Value.MissProbability).Select(w => w.Value.MissProbability),
            subtree.LikelyToMiss.Select(w => w.Value.MissProbability));
        Assert.Contains(subtree.LikelyToMiss, w => w.StaffCode == "S001" && w.Value.Kpi == KpiFormula.OnTimeRate);
        // The subtree counts its units' records as one: 13 of 18 finished on time, as /api/kpis/values gives.
        var onTime = Assert.Single(subtree.Values, v => v.Kpi == KpiFormula.OnTimeRate);
        Assert.Equal((13m, 18m), (onTime.SoFarNumerator, onTime.SoFarDenominator));
        Assert.Equal(["S001"], own.People.Select(p => p.StaffCode));
        Assert.All(own.LikelyToMiss, w => Assert.Equal("S001", w.StaffCode));
        Assert.Equal(["S001", "S002", "S004"], province.People.Select(p => p.StaffCode));
        Assert.Equal((18m, 24m), Assert.Single(province.Values, v => v.Kpi == KpiFormula.OnTimeRate) is var p ? (p.SoFarNumerator, p.SoFarDenominator) : default);
    }

    [SkippableFact]
    public async Task Subjects_outside_the_callers_scope_are_refused_and_bad_periods_are_located()
    {
        RequireDatabase();
        using var manager = await App.SignedInAsync("manager");
        using var staff = await App.SignedInAsync("staff");
        const string When = "&period=2026-Q1&asOf=2026-03-13";

        var refused = new[]
        {
            await staff.GetAsync("/api/assistant/forecast?scope=staff&code=S002" + When),
            await staff.GetAsync("/api/assistant/forecast?scope=subtree&code=C1" + When),
            await manager.GetAsync("/api/assistant/forecast?scope=staff&code=S004" + When),
            await manager.GetAsync("/api/assistant/forecast?scope=unit&code=C2" + When),
            await manager.GetAsync("/api/assistant/forecast?scope=all" + When),
        };
        var badPeriod = await manager.GetAsync("/api/assistant/forecast?scope=unit&code=C1&period=2026-Q5");
        var outside = await manager.GetAsync("/api/assistant/forecast?scope=unit&code=C1&period=2026-Q3&asOf=2026-03-13");
        // The app's clock says 2026-03-15: the current quarter is forecast as of today.
        var today = await manager.GetAsync("/api/assistant/forecast?scope=unit&code=C1&period=2026-Q1");

        Assert.All(refused, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.OK), (badPeriod.StatusCode, outside.StatusCode, today.StatusCode));
        var problem = await badPeriod.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>();
        Assert.StartsWith("Kỳ \"2026-Q5\" không phải là một năm", Assert.Single(problem!.Errors["period"]));
        problem = await outside.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>();
        Assert.StartsWith("Ngày 2026-03-13 không nằm trong kỳ 2026-Q3", Assert.Single(problem!.Errors["asOf"]));
        Assert.Equal(new DateOnly(2026, 3, 15), (await today.Content.ReadFromJsonAsync<ForecastResponse>(ApiJson.Options))!.AsOf);
    }

    [SkippableFact]
    public async Task The_warnings_page_lists_who_is_likely_to_miss_by_how_much_and_how_sure_linked_to_the_explanation()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        await PushMayAsync(hr, 2052);
        using var manager = await App.SignedInAsync("manager");
        const string Query = "/assistant/warnings?scope=subtree&code=C1&period=2052-05&asOf=2052-05-15";

        var html = WebUtility.HtmlDecode(await manager.GetStringAsync(Query));
        var english = WebUtility.HtmlDecode(await manager.GetStringAsync(Query + "&culture=en-US"));
        var bad = WebUtility.HtmlDecode(await manager.GetStringAsync("/assistant/warnings?scope=subtree&code=C1&period=2052"));
        var forbidden = await manager.GetAsync("/assistant/warnings?scope=unit&code=C2&period=2052-05&asOf=2052-05-15");

        Assert.Contains("Những người có khả năng không đạt chỉ tiêu", html);
        Assert.Contains("data-staff=\"S001\" data-kpi=\"on_time_rate\"", html);
        Assert.Contains("/kpis/explain?kpi=on_time_rate&scope=staff&code=S001&from=2052-05-01&to=2052-05-16", html);
        Assert.Contains("độ chắc chắn cao", html);
        Assert.Contains("điểm phần trăm", html);
        Assert.Contains("People likely to miss a target", english);
        Assert.Contains("high confidence", english);
        Assert.Contains("Ngày 2026-03-15 không nằm trong kỳ 2052", bad);
        // A page sends the browser to the access-denied page.
        Assert.Equal("/access-denied", forbidden.RequestMessage!.RequestUri!.AbsolutePath);
    }
}

public sealed class SqliteForecastTests(SqliteApp app) : ForecastTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresForecastTests(PostgresApp app) : ForecastTests<PostgresApp>(app), IClassFixture<PostgresApp>;
