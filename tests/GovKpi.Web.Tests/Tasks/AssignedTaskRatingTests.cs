using System.Net;
using System.Net.Http.Json;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.DemoData;
using GovKpi.Web.Features.Evaluation;
using GovKpi.Web.Features.Tasks;
using GovKpi.Web.Tests.Evaluation;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GovKpi.Web.Tests.Tasks;

/// <summary>
/// In the demo, a task given on paper and recorded later, submitted after its deadline, enters the
/// rating of the month: its delay is deducted from the progress points, traced to the task, and the
/// task part and the measured KPIs combine by the policy's k.
/// </summary>
public abstract class AssignedTaskRatingTests<TApp>(TApp app) where TApp : DemoProvinceApp
{
    [SkippableFact]
    public async Task A_late_task_recorded_from_paper_is_deducted_in_the_months_rating_and_traced_to_the_task()
    {
        Skip.If(app.SkipReason is not null, app.SkipReason);
        using var manager = await app.SignedInAsync(DemoAccounts.Manager);
        using var staff = await app.SignedInAsync(DemoAccounts.Staff);
        var me = (await staff.GetFromJsonAsync<UserResponse>("/api/auth/me", ApiJson.Options))!;

        // Given on 2 March, due on Friday 6 March, recorded on the 15th and submitted the same day: late.
        var assigned = await manager.PostAsJsonAsync("/api/tasks", new AssignTaskRequest(me.StaffCode, "B02", 1, "2026-03-06",
            "Báo cáo tình hình tiếp nhận hồ sơ tháng 2", "Đúng mẫu, số liệu khớp hệ thống một cửa", "2026-03-02"));
        Assert.Equal(HttpStatusCode.Created, assigned.StatusCode);
        var task = (await assigned.Content.ReadFromJsonAsync<TaskResponse>(ApiJson.Options))!;
        var submitted = (await (await staff.PostAsJsonAsync($"/api/tasks/{task.Id}/submit", new SubmitRequest(null))).Content.ReadFromJsonAsync<TaskResponse>(ApiJson.Options))!;
        Assert.Equal((new DateOnly(2026, 3, 2), true), (submitted.AssignedOn, submitted.Late));

        var cycle = await OutsideChecker.Read<CycleResponse>(await manager.PostAsJsonAsync("/api/evaluation/cycles",
            new { unitCode = me.ScopeUnitCode, periodKind = "Month", year = 2026, number = 3 }), HttpStatusCode.Created);
        foreach (var to in new[] { CycleStage.Feedback360, CycleStage.ManagerRating })
        {
            await OutsideChecker.Read<CycleResponse>(await manager.PostAsJsonAsync($"/api/evaluation/cycles/{cycle.Id}/advance",
                new { to = to.ToString(), reason = "Nhắc rồi, chuyển bước", confirm = true }));
        }

        var evaluation = (await OutsideChecker.Read<CycleDetailResponse>(await manager.GetAsync($"/api/evaluation/cycles/{cycle.Id}")))
            .Evaluations.Single(e => e.StaffCode == me.StaffCode);
        var typed = await manager.PutAsJsonAsync($"/api/evaluation/evaluations/{evaluation.Id}/rating", new { generalPoints = 24, taskPoints = 70, reason = "Theo sổ giao việc" });
        Assert.Equal(HttpStatusCode.BadRequest, typed.StatusCode);
        var rated = await OutsideChecker.Read<EvaluationResponse>(await manager.PutAsJsonAsync($"/api/evaluation/evaluations/{evaluation.Id}/rating",
            new { generalPoints = 24, reason = "Theo kết quả KPI và sổ giao việc tháng 3" }));

        // Tasks: 2 standard products planned and done, progress 2 − 25 % × 2 = 1.5 → 75 %; with the KPIs, k = 0.5.
        var score = rated.TaskScore!;
        Assert.Equal((1m, 1m, 0.75m, 0.5m), (score.Quantity, score.Quality, score.Progress, score.KpiShare));
        var taskRatio = (score.Quantity!.Value + score.Quality!.Value + score.Progress!.Value) / 3;
        Assert.Equal(OutsideChecker.Round(70 * (0.5m * score.KpiAchievement!.Value + 0.5m * taskRatio)), rated.Rating.TaskPoints);
        var explanation = await OutsideChecker.Read<ExplanationResponse>(await manager.GetAsync($"/api/evaluation/evaluations/{evaluation.Id}/explanation"));
        Assert.Contains(explanation.TaskResults, line => line.Key == "Deduction" && line.Formula.StartsWith(task.Id, StringComparison.Ordinal));

        // The month's task score is read under the policy of the person's cycle for that month; an unknown policy is named.
        var month = await manager.GetStringAsync($"/api/tasks/score?staff={me.StaffCode}&month=2026-03");
        Assert.Equal(month, await manager.GetStringAsync($"/api/tasks/score?staff={me.StaffCode}&cycle={cycle.Id}"));
        var unknown = await manager.GetAsync($"/api/tasks/score?staff={me.StaffCode}&month=2026-03&policy=nope");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("decree-335", (await unknown.Content.ReadFromJsonAsync<ValidationProblemDetails>(ApiJson.Options))!.Errors["policy"][0]);
    }
}

public sealed class SqliteAssignedTaskRatingTests(SqliteDemoProvinceApp app) : AssignedTaskRatingTests<SqliteDemoProvinceApp>(app), IClassFixture<SqliteDemoProvinceApp>;

public sealed class PostgresAssignedTaskRatingTests(PostgresDemoProvinceApp app) : AssignedTaskRatingTests<PostgresDemoProvinceApp>(app), IClassFixture<PostgresDemoProvinceApp>;
