using System.Net;
using System.Net.Http.Json;
using GovKpi.Core.KpiLibrary;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.DemoData;
using GovKpi.Web.Features.Evaluation;
using GovKpi.Web.Tests.Infrastructure;

namespace GovKpi.Web.Tests.Evaluation;

/// <summary>
/// Transparency after a KPI's target is revised from a date inside a year (issue 10): the
/// explanation of a cycle judges against the definition in force at the cycle's start. The
/// revision changes the library, so the class has a demo province of its own.
/// </summary>
public abstract class KpiRevisionCycleTests<TApp>(TApp app) where TApp : DemoProvinceApp
{
    private static async Task<T> Read<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, ApiJson.Options)!;
    }

    private static async Task<ExplanationResponse> ExplanationOfQuarterAsync(HttpClient manager, HttpClient staff, string unit, string staffCode, int quarter)
    {
        var cycle = await Read<CycleResponse>(await manager.PostAsJsonAsync("/api/evaluation/cycles",
            new { unitCode = unit, periodKind = "Quarter", year = 2025, number = quarter }), HttpStatusCode.Created);
        var detail = await Read<CycleDetailResponse>(await manager.GetAsync($"/api/evaluation/cycles/{cycle.Id}"));
        var evaluation = detail.Evaluations.Single(e => e.StaffCode == staffCode).Id;
        return await Read<ExplanationResponse>(await staff.GetAsync($"/api/evaluation/evaluations/{evaluation}/explanation"));
    }

    /// <summary>Revises on_time_rate's target to 40 from 2025-07-01 (once per database); returns the version before it.</summary>
    private static async Task<KpiDefinition> ReviseOnTimeTargetAsync(HttpClient hr)
    {
        var versions = (await hr.GetFromJsonAsync<List<KpiDefinition>>("/api/kpis/on_time_rate", ApiJson.Options))!;
        var old = versions.Where(v => v.EffectiveFrom < new DateOnly(2025, 7, 1)).MaxBy(v => v.Version)!;
        if (versions.All(v => v.EffectiveFrom != new DateOnly(2025, 7, 1)))
        {
            var revised = await hr.PostAsJsonAsync("/api/kpis", new
            {
                code = "on_time_rate", nameVi = old.NameVi, nameEn = old.NameEn, kind = "Quantitative", formulaRef = "on_time_rate",
                unitOfMeasure = old.UnitOfMeasure, direction = "HigherIsBetter", target = 40, warningThreshold = 35, criticalThreshold = 30,
                dataSource = old.DataSource, period = "Month", effectiveFrom = "2025-07-01",
            });
            Assert.Equal(HttpStatusCode.Created, revised.StatusCode);
        }

        return old;
    }

    /// <summary>Opens a month of the staff's unit, rates everyone (computed where KPI values exist) and moves it to calibration.</summary>
    private static async Task<CalibrationResponse> CalibrationOfMonthAsync(HttpClient manager, HttpClient hr, string unit, string headCode, int month)
    {
        var cycle = await Read<CycleResponse>(await manager.PostAsJsonAsync("/api/evaluation/cycles",
            new { unitCode = unit, periodKind = "Month", year = 2025, number = month }), HttpStatusCode.Created);
        var ids = (await Read<CycleDetailResponse>(await manager.GetAsync($"/api/evaluation/cycles/{cycle.Id}"))).Evaluations.ToDictionary(e => e.StaffCode, e => e.Id);
        await Read<CycleResponse>(await manager.PostAsJsonAsync($"/api/evaluation/cycles/{cycle.Id}/advance", new { to = "Feedback360", reason = "Quá hạn tự đánh giá", confirm = true }));
        await Read<CycleResponse>(await manager.PostAsJsonAsync($"/api/evaluation/cycles/{cycle.Id}/advance", new { to = "ManagerRating" }));
        foreach (var (code, id) in ids.OrderBy(p => p.Key == headCode))
        {
            var rater = code == headCode ? hr : manager;
            var computed = (await Read<ExplanationResponse>(await rater.GetAsync($"/api/evaluation/evaluations/{id}/explanation"))).TaskScore is not null;
            await Read<EvaluationResponse>(await rater.PutAsJsonAsync($"/api/evaluation/evaluations/{id}/rating", new
            {
                generalPoints = 25, taskPoints = computed ? (decimal?)null : 55, organising = "Good", reason = "Theo kết quả tháng",
            }));
        }

        await Read<CycleResponse>(await manager.PostAsJsonAsync($"/api/evaluation/cycles/{cycle.Id}/advance", new { to = "CollectiveReview" }));
        await Read<CycleResponse>(await manager.PostAsJsonAsync($"/api/evaluation/cycles/{cycle.Id}/advance", new { to = "Calibration", reason = "Biên bản họp" }));
        return await Read<CalibrationResponse>(await hr.GetAsync($"/api/evaluation/cycles/{cycle.Id}/calibration"));
    }

    [SkippableFact]
    public async Task After_a_mid_year_target_revision_calibration_judges_a_month_before_the_date_against_the_old_target()
    {
        Skip.If(app.SkipReason is not null, app.SkipReason);
        using var hr = await app.SignedInAsync(DemoAccounts.Hr);
        using var manager = await app.SignedInAsync(DemoAccounts.Manager);
        var me = (await manager.GetFromJsonAsync<UserResponse>("/api/auth/me", ApiJson.Options))!;
        using var staff = await app.SignedInAsync(DemoAccounts.Staff);
        var person = (await staff.GetFromJsonAsync<UserResponse>("/api/auth/me", ApiJson.Options))!;
        var staffCode = person.StaffCode!;
        var old = await ReviseOnTimeTargetAsync(hr);

        foreach (var month in new[] { 6, 7 })
        {
            var calibration = await CalibrationOfMonthAsync(manager, hr, person.ScopeUnitCode, me.StaffCode!, month);
            var period = calibration.Period;
            var set = (await Read<ExplanationResponse>(await hr.GetAsync(
                $"/api/evaluation/evaluations/{(await Read<CycleDetailResponse>(await hr.GetAsync($"/api/evaluation/cycles/{calibration.CycleId}"))).Evaluations.Single(e => e.StaffCode == staffCode).Id}/explanation"))).KpiSet;

            // The objective score, recomputed from the API's values with the target the KPI set shows for that month.
            Assert.Equal(month == 6 ? old.Target : 40m, set.Single(k => k.KpiCode == "on_time_rate").Target);
            var expected = await OutsideChecker.KpiAchievementAsync(hr, staffCode, period, set, new Dictionary<string, int>(), measuredOnly: true);
            Assert.Equal(expected is { } e ? OutsideChecker.Round(e * 100) : null, calibration.People.Single(p => p.StaffCode == staffCode).ObjectiveScore);
        }
    }

    [SkippableFact]
    public async Task After_a_mid_year_target_revision_the_explanation_of_a_quarter_before_the_date_shows_the_old_target_and_after_it_the_new()
    {
        Skip.If(app.SkipReason is not null, app.SkipReason);
        using var hr = await app.SignedInAsync(DemoAccounts.Hr);
        using var manager = await app.SignedInAsync(DemoAccounts.Manager);
        using var staff = await app.SignedInAsync(DemoAccounts.Staff);
        var me = (await staff.GetFromJsonAsync<UserResponse>("/api/auth/me", ApiJson.Options))!;
        var old = await ReviseOnTimeTargetAsync(hr);

        var q2 = await ExplanationOfQuarterAsync(manager, staff, me.ScopeUnitCode, me.StaffCode!, 2);
        var q3 = await ExplanationOfQuarterAsync(manager, staff, me.ScopeUnitCode, me.StaffCode!, 3);

        Assert.Equal(old.Target, q2.KpiSet.Single(k => k.KpiCode == "on_time_rate").Target);
        Assert.Equal(old.Target, q2.KpiValues!.Values.Single(v => v.Kpi == "on_time_rate").Target);
        Assert.Equal(40m, q3.KpiSet.Single(k => k.KpiCode == "on_time_rate").Target);
        Assert.Equal(40m, q3.KpiValues!.Values.Single(v => v.Kpi == "on_time_rate").Target);
    }
}

public sealed class SqliteKpiRevisionCycleTests(SqliteDemoProvinceApp app) : KpiRevisionCycleTests<SqliteDemoProvinceApp>(app), IClassFixture<SqliteDemoProvinceApp>;

public sealed class PostgresKpiRevisionCycleTests(PostgresDemoProvinceApp app) : KpiRevisionCycleTests<PostgresDemoProvinceApp>(app), IClassFixture<PostgresDemoProvinceApp>;
