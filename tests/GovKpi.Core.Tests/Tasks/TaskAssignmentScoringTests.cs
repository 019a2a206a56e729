using GovKpi.Core.Evaluation;
using GovKpi.Core.Tasks;

namespace GovKpi.Core.Tests.Tasks;

public class TaskAssignmentScoringTests
{
    private static readonly DateOnly November = new(2026, 11, 1);
    private static readonly DateOnly December = new(2026, 12, 1);
    private static readonly DateTimeOffset Late = new(2026, 11, 9, 9, 0, 0, VietnamTime.Offset);

    private static TaskResultScore Score(params TaskAssignment[] tasks)
    {
        var period = TaskAssignmentScoring.For(tasks, "S1", November, December, TaskKit.Catalogue, TaskKit.Calendar);
        return TaskResultScoring.Score(period.Tasks, period.Conversion, null, EvaluationPolicy.Decree335);
    }

    [Fact]
    public void A_late_product_deducts_a_quarter_of_its_progress_points_traced_to_the_task()
    {
        var score = Score(TaskKit.Submitted(Late));

        var line = Assert.Single(score.Tasks);
        var deduction = Assert.Single(line.Deductions);
        Assert.Equal((TaskIncidentKind.Delay, 3m, (string?)null, "T1"), (deduction.Kind, deduction.Points, deduction.WaivedBecause, deduction.Explanation.Arguments[0]));
        Assert.Equal((12m, 12m, 9m), (line.PlannedStandard, line.QualityPoints + 0, line.ProgressPoints));
        Assert.Equal((1m, 1m, 0.75m), (score.Quantity, score.Quality, score.Progress));
    }

    [Fact]
    public void An_objective_cause_waives_the_delay()
    {
        var task = TaskKit.Submitted(Late);
        TaskAssignments.RecordObjectiveCause(task, TaskIncidentKind.Delay, "Bão", TaskKit.Manager, TaskKit.Calendar, Late);

        var score = Score(task);

        var deduction = Assert.Single(Assert.Single(score.Tasks).Deductions);
        Assert.Equal((0m, "Bão"), (deduction.Points, deduction.WaivedBecause));
        Assert.Equal(1m, score.Progress);
    }

    [Fact]
    public void A_failed_quality_check_deducts_quality_points_and_a_product_not_submitted_counts_nothing_done()
    {
        var failed = TaskKit.Submitted(TaskKit.Monday);
        TaskAssignments.Accept(failed, false, null, TaskKit.Manager, TaskKit.Monday);
        var open = TaskKit.Assigned();

        var score = Score(failed, open);

        Assert.Equal((0.5m, 0.375m, 0.5m), (score.Quantity, score.Quality, score.Progress));
        Assert.Equal(TaskIncidentKind.FailedQualityCheck, Assert.Single(score.Tasks[0].Deductions).Kind);
        Assert.Empty(score.Tasks[1].Deductions);
    }

    [Fact]
    public void A_returned_product_counts_as_not_done_until_submitted_again()
    {
        var task = TaskKit.Submitted(TaskKit.Monday);
        TaskAssignments.Return(task, "Thiếu phụ lục", TaskKit.Manager, TaskKit.Monday);

        Assert.Equal(0m, Score(task).Quantity);
    }

    [Fact]
    public void Only_the_persons_tasks_due_in_the_period_count()
    {
        var other = TaskKit.Assigned(place: TaskKit.S2);
        var december = TaskKit.Assigned(TaskKit.Order(due: new DateOnly(2026, 12, 1)));
        var mine = TaskKit.Assigned();

        var period = TaskAssignmentScoring.For([other, december, mine], "S1", November, December, TaskKit.Catalogue, TaskKit.Calendar);

        Assert.Same(mine.Id, Assert.Single(period.Tasks).TaskId);
    }

    [Fact]
    public void The_conversion_is_the_version_in_force_at_the_periods_start_else_the_version_assigned()
    {
        var task = TaskKit.Assigned();

        var october = TaskAssignmentScoring.Conversion([task], TaskKit.Catalogue, new DateOnly(2026, 10, 1));
        var november = TaskAssignmentScoring.Conversion([task], TaskKit.Catalogue, November);
        var before = TaskAssignmentScoring.Conversion([task], TaskKit.Catalogue, new DateOnly(2025, 1, 1));

        Assert.Equal((2m, 3m, 3m), (october.CoefficientByTaskType["HS"], november.CoefficientByTaskType["HS"], before.CoefficientByTaskType["HS"]));
    }
}
