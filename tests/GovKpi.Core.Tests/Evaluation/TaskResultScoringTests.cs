using GovKpi.Core.Evaluation;

namespace GovKpi.Core.Tests.Evaluation;

public class TaskResultScoringTests
{
    private static readonly ProductConversion Conversion = new(new Dictionary<string, decimal>
    {
        ["ho-so"] = 1m,
        ["van-ban"] = 2.5m,
    });

    private static AssignedTask Task(string id, decimal planned, decimal completed, string type = "ho-so", params TaskIncident[] incidents) =>
        new(id, type, planned, completed) { Incidents = incidents };

    private static TaskResultScore Score(params AssignedTask[] tasks) => TaskResultScoring.Score(tasks, Conversion, null, EvaluationPolicy.Decree335);

    [Fact]
    public void Everything_done_on_time_and_right_earns_the_full_70()
    {
        var score = Score(Task("T1", 10, 10), Task("T2", 4, 4, "van-ban"));

        Assert.Equal((1m, 1m, 1m), (score.Quantity!.Value, score.Quality!.Value, score.Progress!.Value));
        Assert.Equal(70m, score.Points);
    }

    [Fact]
    public void One_failed_check_deducts_exactly_25_percent_of_that_tasks_quality_points()
    {
        var score = Score(Task("T1", 4, 4, incidents: new TaskIncident(TaskIncidentKind.FailedQualityCheck)));

        var line = Assert.Single(score.Tasks);
        Assert.Equal(3m, line.QualityPoints);
        Assert.Equal(4m, line.ProgressPoints);
        Assert.Equal(1m, Assert.Single(line.Deductions).Points);
        Assert.Equal(0.75m, score.Quality);
        // (100% + 75% + 100%) ÷ 3 × 70 = 64.1666… → 64.17
        Assert.Equal(64.17m, score.Points);
        Assert.Equal("(100% + 75% + 100%) ÷ 3 × 70 = 64.17", score.Explanations.Single(e => e.Key == "TaskResult").Formula);
    }

    [Fact]
    public void Each_delay_deducts_25_percent_of_only_its_own_tasks_progress_points()
    {
        var score = Score(Task("T1", 10, 10, incidents: new TaskIncident(TaskIncidentKind.Delay)), Task("T2", 10, 10));

        Assert.Equal(7.5m, score.Tasks[0].ProgressPoints);
        Assert.Equal(10m, score.Tasks[1].ProgressPoints);
        Assert.Equal(0.875m, score.Progress);
        Assert.Equal(1m, score.Quality);
    }

    [Fact]
    public void Deductions_never_take_a_task_below_zero()
    {
        var five = Enumerable.Repeat(new TaskIncident(TaskIncidentKind.FailedQualityCheck), 5).ToArray();

        var score = Score(Task("T1", 8, 8, incidents: five));

        Assert.Equal(0m, score.Tasks[0].QualityPoints);
        Assert.Equal([2m, 2m, 2m, 2m, 0m], score.Tasks[0].Deductions.Select(d => d.Points));
        Assert.Equal(0m, score.Quality);
    }

    [Fact]
    public void An_objective_cause_waives_the_deduction_and_is_kept()
    {
        const string cause = "Mất điện toàn xã 3 ngày (xác nhận của UBND xã)";

        var score = Score(Task("T1", 4, 4, incidents: [new TaskIncident(TaskIncidentKind.Delay, cause), new TaskIncident(TaskIncidentKind.Delay)]));

        var deductions = score.Tasks[0].Deductions;
        Assert.Equal((0m, cause), (deductions[0].Points, deductions[0].WaivedBecause));
        Assert.Contains(cause, deductions[0].Explanation.Arguments);
        Assert.Equal(1m, deductions[1].Points);
        Assert.Equal(0.75m, score.Progress);
    }

    [Fact]
    public void Quantities_are_converted_to_standard_products_before_the_ratios()
    {
        // 18 × 1 + 4 × 2.5 = 28 completed of 20 × 1 + 4 × 2.5 = 30 assigned
        var score = Score(Task("T1", 20, 18), Task("T2", 4, 4, "van-ban"));

        Assert.Equal(30m, score.Tasks.Sum(t => t.PlannedStandard));
        Assert.Equal(28m / 30m, score.Quantity);
        Assert.Equal("min(100%, 28 ÷ 30) = 93.33%", score.Explanations.Single(e => e.Key == "Quantity").Formula);
    }

    [Fact]
    public void Work_beyond_the_plan_cannot_lift_a_ratio_above_100_percent()
    {
        var score = Score(Task("T1", 10, 12));

        Assert.Equal(1m, score.Quantity);
        Assert.Equal(70m, score.Points);
    }

    [Fact]
    public void A_task_type_without_a_conversion_coefficient_is_an_error_not_a_zero()
    {
        var error = Assert.Throws<ArgumentException>(() => Score(Task("T9", 1, 1, "khong-co")));

        Assert.Contains("khong-co", error.Message);
    }

    private static KpiAchievement Kpis(decimal ratio) => new([], ratio, Explanation.Of("Kpi", "—"));

    [Fact]
    public void With_KPIs_and_tasks_the_KPI_share_k_weighs_them()
    {
        // a = b = c = 100%, KPIs 80%: 70 × [0.5 × 80% + 0.5 × 100%] = 63.
        var score = TaskResultScoring.Score([Task("T1", 10, 10)], Conversion, Kpis(0.8m), EvaluationPolicy.Decree335);

        Assert.Equal((0.5m, 63m), (score.KpiShare, score.Points));
        Assert.Equal("70 × [0.5 × 80% + 0.5 × 100%] = 63", score.Explanations[^1].Formula);
        Assert.Equal(70m, TaskResultScoring.Score([Task("T1", 10, 10)], Conversion, Kpis(0.8m), EvaluationPolicy.Decree335, kpiShare: 0).Points);
        Assert.Equal(56m, TaskResultScoring.Score([Task("T1", 10, 10)], Conversion, Kpis(0.8m), EvaluationPolicy.Decree335, kpiShare: 1).Points);
    }

    [Fact]
    public void With_KPIs_only_k_is_one_and_with_tasks_only_zero_whatever_the_policy()
    {
        var kpisOnly = TaskResultScoring.Score([], Conversion, Kpis(0.9m), EvaluationPolicy.Decree335, kpiShare: 0.3m);
        var tasksOnly = TaskResultScoring.Score([Task("T1", 10, 8)], Conversion, Kpis(0.9m) with { Ratio = null }, EvaluationPolicy.Decree335, kpiShare: 0.3m);

        Assert.Equal((1m, 63m), (kpisOnly.KpiShare, kpisOnly.Points));
        Assert.Null(kpisOnly.Quantity);
        Assert.Equal((0m, 56m), (tasksOnly.KpiShare, tasksOnly.Points));
        Assert.Throws<ArgumentException>(() => TaskResultScoring.Score([], Conversion, null, EvaluationPolicy.Decree335));
    }

    [Fact]
    public void The_points_are_rounded_once_half_away_from_zero()
    {
        // Satisfaction 3 against 4.5 → 2/3; 70 × [0.5 × 2/3 + 0.5 × 100%] = 58.333… → 58.33, and the KPI line shows its 23.33.
        var kpis = KpiAchievement.Of([new KpiInput(new Core.KpiLibrary.KpiSetItem { KpiCode = "satisfaction_avg", WeightPercent = 15 },
            Core.KpiLibrary.BuiltInKpis.Definitions.Single(d => d.Code == "satisfaction_avg"), new Core.Measurement.KpiValue(300, 100))], KpiScoringPolicy.Decree335);
        var score = TaskResultScoring.Score([Task("T1", 10, 10)], Conversion, kpis, EvaluationPolicy.Decree335);

        Assert.Equal(58.33m, score.Points);
        Assert.Equal(23.33m, score.Kpis.Single().Points);
    }
}
