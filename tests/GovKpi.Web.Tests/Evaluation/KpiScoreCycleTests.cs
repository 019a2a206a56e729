using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.KpiLibrary;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.Collective;
using GovKpi.Web.Features.DemoData;
using GovKpi.Web.Features.Evaluation;
using GovKpi.Web.Features.KpiValues;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GovKpi.Web.Tests.Evaluation;

/// <summary>
/// What an outside checker does with the API's numbers alone: the KPI set (weights, targets, kinds),
/// the KPI values of the period (<c>/api/kpis/values</c>), each KPI's direction (<c>/api/kpis/{code}</c>)
/// and the behavioural ratings given, recomputed with DOMAIN.md's rule — not with GovKpi's code.
/// </summary>
internal static class OutsideChecker
{
    public static async Task<T> Read<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, ApiJson.Options)!;
    }

    /// <summary>Σ weight × achievement ÷ Σ weight over the KPIs with a value (or a rating); null when none has.</summary>
    public static async Task<decimal?> KpiAchievementAsync(HttpClient client, string staffCode, PeriodResponse period, IReadOnlyList<KpiWeightResponse> set,
        IReadOnlyDictionary<string, int> ratings, bool measuredOnly = false)
    {
        var table = await Read<KpiTableResponse>(await client.GetAsync(
            string.Create(CultureInfo.InvariantCulture, $"/api/kpis/values?scope=staff&code={staffCode}&from={period.From:yyyy-MM-dd}&to={period.To:yyyy-MM-dd}")));
        decimal weights = 0, sum = 0;
        foreach (var item in set)
        {
            decimal? achievement;
            if (item.Kind == KpiKind.Qualitative)
            {
                achievement = measuredOnly || !ratings.TryGetValue(item.KpiCode, out var rating) ? null : rating / 5m;
            }
            else
            {
                var value = table.Values.SingleOrDefault(v => v.Kpi == item.KpiCode);
                var lower = (await Read<List<KpiDefinition>>(await client.GetAsync($"/api/kpis/{item.KpiCode}")))[0].Direction == KpiDirection.LowerIsBetter;
                if (value is null || value.Denominator == 0 || item.Target is not { } target)
                {
                    continue;
                }

                var x = Math.Round(value.Numerator / value.Denominator * (value.UnitOfMeasure.Trim() == "%" ? 100 : 1), 4, MidpointRounding.AwayFromZero);
                achievement = Math.Min(1, lower ? (x == 0 ? 1 : target / x) : x / target);
            }

            if (achievement is { } a)
            {
                weights += item.WeightPercent;
                sum += item.WeightPercent * a;
            }
        }

        return weights == 0 ? null : sum / weights;
    }

    public static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    public static string N(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>
/// Measured KPIs make the task-result points (issue 10, item 2) in the demo province: the manager's
/// form shows them computed, typing them is refused, an adjustment needs a reason and is audited and
/// flagged to calibration, and the published score is the policy's formula applied to the API's numbers.
/// </summary>
public abstract class KpiScoreCycleTests<TApp>(TApp app) where TApp : DemoProvinceApp
{
    private static Task<T> Read<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK) => OutsideChecker.Read<T>(response, expected);

    private static Task<HttpResponseMessage> Advance(HttpClient who, Guid cycle, CycleStage to, string? reason = null, bool confirm = false) =>
        who.PostAsJsonAsync($"/api/evaluation/cycles/{cycle}/advance", new { to = to.ToString(), reason, confirm });

    private static Task<HttpResponseMessage> Rate(HttpClient who, Guid evaluation, object body) =>
        who.PutAsJsonAsync($"/api/evaluation/evaluations/{evaluation}/rating", body);

    [SkippableFact]
    public async Task Measured_KPI_values_make_the_task_points_and_the_published_score_is_the_formula_applied_to_the_APIs_numbers()
    {
        Skip.If(app.SkipReason is not null, app.SkipReason);
        using var hr = await app.SignedInAsync(DemoAccounts.Hr);
        using var manager = await app.SignedInAsync(DemoAccounts.Manager);
        using var staff = await app.SignedInAsync(DemoAccounts.Staff);
        using var staff2 = await app.SignedInAsync(DemoAccounts.Colleagues[0]);
        var me = (await staff.GetFromJsonAsync<UserResponse>("/api/auth/me", ApiJson.Options))!;
        var colleague = (await staff2.GetFromJsonAsync<UserResponse>("/api/auth/me", ApiJson.Options))!;
        var head = (await manager.GetFromJsonAsync<UserResponse>("/api/auth/me", ApiJson.Options))!;
        var cycle = await Read<CycleResponse>(await manager.PostAsJsonAsync("/api/evaluation/cycles",
            new { unitCode = me.ScopeUnitCode, periodKind = "Quarter", year = 2025, number = 4 }), HttpStatusCode.Created);
        var ids = (await Read<CycleDetailResponse>(await manager.GetAsync($"/api/evaluation/cycles/{cycle.Id}"))).Evaluations.ToDictionary(e => e.StaffCode, e => e.Id);
        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.Feedback360, "Quá hạn tự đánh giá, đã nhắc", confirm: true));
        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.ManagerRating));

        // The form shows the computed points before the rating, and no task-points input.
        var mine = ids[me.StaffCode!];
        var before = await Read<ExplanationResponse>(await manager.GetAsync($"/api/evaluation/evaluations/{mine}/explanation"));
        Assert.True(before.TaskScore!.Preview);
        var form = WebUtility.HtmlDecode(await manager.GetStringAsync($"/evaluation/{mine}"));
        Assert.Contains("data-testid=\"computed-task-points\"", form);
        Assert.DoesNotContain("name=\"task\"", form);
        var behavioural = before.KpiSet.Where(k => k.Kind == KpiKind.Qualitative).Select(k => k.KpiCode).ToList();
        Assert.All(behavioural, code => Assert.Contains($"name=\"kpiRatings[{code}]\"", form));

        // Typed points are refused for a person with KPI values, saying how to adjust.
        var typed = (await Read<ValidationProblemDetails>(await Rate(manager, mine, new { generalPoints = 25, taskPoints = 65, reason = "Theo sổ theo dõi" }),
            HttpStatusCode.BadRequest)).Errors;
        Assert.Equal(["taskPoints"], typed.Keys);
        Assert.Contains("adjustment", typed["taskPoints"].Single());

        var ratings = behavioural.Select((code, i) => (code, rating: 3 + i % 3)).ToDictionary(r => r.code, r => r.rating);
        var rated = await Read<EvaluationResponse>(await Rate(manager, mine, new { generalPoints = 25, kpiRatings = ratings, reason = "Theo kết quả KPI quý 4" }));

        // An outside checker recomputes the points from the API's numbers: KPIs only (no task lines) → k = 1.
        var expected = OutsideChecker.Round(70 * (await OutsideChecker.KpiAchievementAsync(manager, me.StaffCode!, cycle.Period, before.KpiSet, ratings))!.Value);
        Assert.Equal((expected, 25 + expected), (rated.Rating.TaskPoints!.Value, rated.Score!.Value));
        var score = rated.TaskScore!;
        Assert.False(score.Preview);
        Assert.Equal((1m, expected, expected), (score.KpiShare, score.ComputedPoints, score.TaskPoints));
        Assert.Equal(before.KpiSet.Select(k => k.KpiCode), score.Kpis.Select(k => k.Code));
        Assert.All(score.Kpis.Where(k => k.Kind == KpiKind.Quantitative && k.Counted), k => Assert.StartsWith("/api/kpis/explain?kpi=", k.ExplainApiUrl));
        // Each line's points are shown rounded; they add up to the total within the rounding.
        Assert.InRange(score.Kpis.Sum(k => k.Points ?? 0), expected - 0.05m, expected + 0.05m);

        // An adjustment without a reason is refused; with one it is stored, shown to the person, audited and flagged.
        var computed2 = (await Read<ExplanationResponse>(await manager.GetAsync($"/api/evaluation/evaluations/{ids[colleague.StaffCode!]}/explanation"))).TaskScore!.ComputedPoints;
        var noReason = (await Read<ValidationProblemDetails>(await Rate(manager, ids[colleague.StaffCode!],
            new { generalPoints = 26, adjustment = new { taskPoints = 66 }, reason = "Theo kết quả KPI quý 4" }), HttpStatusCode.BadRequest)).Errors;
        Assert.Equal(["adjustment.reason"], noReason.Keys);
        const string Why = "Hai tuần hệ thống một cửa lỗi, hồ sơ trễ không do người xử lý";
        var adjusted = await Read<EvaluationResponse>(await Rate(manager, ids[colleague.StaffCode!],
            new { generalPoints = 26, adjustment = new { taskPoints = 66, reason = Why }, reason = "Theo kết quả KPI quý 4" }));
        Assert.Equal((66m, 92m), (adjusted.Rating.TaskPoints!.Value, adjusted.Score!.Value));
        Assert.Equal(new AdjustmentResponse(adjusted.TaskScore!.ComputedPoints, 66, Why), adjusted.TaskScore.Adjustment);
        var ownPage = WebUtility.HtmlDecode(await staff2.GetStringAsync($"/evaluation/{ids[colleague.StaffCode!]}"));
        Assert.Contains(Why, ownPage);
        var trail = await Read<AuditTrailResponse>(await hr.GetAsync($"/api/evaluation/cycles/{cycle.Id}/audit"));
        Assert.Contains(trail.Entries, e => e is { Action: AuditActions.Rated, Field: "taskPointsAdjusted", NewValue: "66", Reason: Why }
            && e.OldValue == OutsideChecker.N(computed2) && e.StaffCode == colleague.StaffCode);

        // Everyone else: computed where they have KPI values, typed where they have none; the head last, by HR.
        foreach (var (code, id) in ids.Where(p => p.Key != me.StaffCode && p.Key != colleague.StaffCode).OrderBy(p => p.Key == head.StaffCode))
        {
            var rater = code == head.StaffCode ? hr : manager;
            var computed = (await Read<ExplanationResponse>(await rater.GetAsync($"/api/evaluation/evaluations/{id}/explanation"))).TaskScore is not null;
            await Read<EvaluationResponse>(await Rate(rater, id, computed
                ? new { generalPoints = (decimal?)24, taskPoints = (decimal?)null, organising = "Good", reason = "Theo kết quả quý 4" }
                : new { generalPoints = (decimal?)24, taskPoints = (decimal?)55, organising = "Good", reason = "Theo kết quả quý 4" }));
        }

        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.CollectiveReview));
        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.Calibration, "Biên bản họp tập thể"));
        var calibration = await Read<CalibrationResponse>(await hr.GetAsync($"/api/evaluation/cycles/{cycle.Id}/calibration"));
        var flag = Assert.Single(calibration.Flags, f => f.Kind == CalibrationFlagKind.ManualAdjustment);
        Assert.Equal([colleague.StaffCode!], flag.StaffCodes);
        Assert.Contains($"{OutsideChecker.N(computed2)} → 66", flag.Formula);
        Assert.Contains(Why, flag.Text);

        await Read<CycleResponse>(await Advance(hr, cycle.Id, CycleStage.HeadApproval));
        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.Approved, "Người đứng đầu phê duyệt"));
        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.Published, "Công bố tại cuộc họp cơ quan"));
        var published = await Read<List<PublishedLine>>(await staff.GetAsync($"/api/evaluation/cycles/{cycle.Id}/published"));
        Assert.Equal(25 + expected, published.Single(p => p.StaffCode == me.StaffCode).Score);
        var own = await Read<EvaluationResponse>(await staff.GetAsync($"/api/evaluation/evaluations/{mine}"));
        Assert.Equal(own.Rating.GeneralPoints + own.TaskScore!.TaskPoints, own.Results.Single().Score);

        // Person by person: everyone else whose points were computed (not the head, whose part also weighs the unit) is published
        // at 24 + 70 × their measured KPIs' achievement, recomputed from the API alone.
        var checkedPeople = 0;
        foreach (var (code, id) in ids.Where(p => p.Key != me.StaffCode && p.Key != colleague.StaffCode && p.Key != head.StaffCode))
        {
            var explanation = await Read<ExplanationResponse>(await hr.GetAsync($"/api/evaluation/evaluations/{id}/explanation"));
            if (explanation.TaskScore is null)
            {
                continue;
            }

            var achievement = await OutsideChecker.KpiAchievementAsync(hr, code, cycle.Period, explanation.KpiSet, new Dictionary<string, int>());
            Assert.Equal(24 + OutsideChecker.Round(70 * achievement!.Value), published.Single(p => p.StaffCode == code).Score);
            checkedPeople++;
        }

        Assert.True(checkedPeople > 0);

        // The head: own KPIs, the unit's result measured from its collective set and organising capacity, by the leader weights the API shows.
        var headExplanation = await Read<ExplanationResponse>(await hr.GetAsync($"/api/evaluation/evaluations/{ids[head.StaffCode!]}/explanation"));
        if (headExplanation.TaskScore?.Leader is not { } leader)
        {
            // The head's set has no value measured for them in the period: their points were typed, there is nothing to recompute.
            Assert.Equal(55, headExplanation.Numbers.TaskPoints);
            return;
        }

        var headOwn = await OutsideChecker.KpiAchievementAsync(hr, head.StaffCode!, cycle.Period, headExplanation.KpiSet, new Dictionary<string, int>());
        var unit = await Read<UnitResultResponse>(await hr.GetAsync($"/api/units/{me.ScopeUnitCode}/result?period=2025-Q4"));
        var anyKht = published.Any(p => p.StaffCode != head.StaffCode && p.Level == ClassificationLevel.Kht);
        var unitRatio = unit.Ratio is { } measured ? (anyKht ? Math.Min(measured, 0.5m) : measured) : (anyKht ? 0.5m : 1m);
        Assert.Equal(Math.Round(headOwn!.Value, 6), Math.Round(leader.OwnWork, 6));
        Assert.Equal(Math.Round(unitRatio, 6), Math.Round(leader.UnitResult, 6));
        var weights = leader.OwnWorkWeight + leader.UnitResultWeight + leader.OrganisingWeight;
        var headTask = OutsideChecker.Round(70 * (leader.OwnWorkWeight * headOwn.Value + leader.UnitResultWeight * unitRatio + leader.OrganisingWeight * leader.Organising) / weights);
        Assert.Equal(24 + headTask, published.Single(p => p.StaffCode == head.StaffCode).Score);
    }
}

public sealed class SqliteKpiScoreCycleTests(SqliteDemoProvinceApp app) : KpiScoreCycleTests<SqliteDemoProvinceApp>(app), IClassFixture<SqliteDemoProvinceApp>;

public sealed class PostgresKpiScoreCycleTests(PostgresDemoProvinceApp app) : KpiScoreCycleTests<PostgresDemoProvinceApp>(app), IClassFixture<PostgresDemoProvinceApp>;
