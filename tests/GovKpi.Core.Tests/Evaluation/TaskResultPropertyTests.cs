using CsCheck;
using GovKpi.Core.Evaluation;

namespace GovKpi.Core.Tests.Evaluation;

public class TaskResultPropertyTests
{
    private static readonly ProductConversion Conversion = new(new Dictionary<string, decimal> { ["a"] = 1m, ["b"] = 2.5m, ["c"] = 0.5m });

    private static readonly Gen<AssignedTask> Task =
        Gen.Select(Gen.Int[1, 20], Gen.Int[0, 25], Gen.Int[0, 2].Select(i => "abc"[i].ToString()), Gen.Int[0, 3], Gen.Int[0, 3], Gen.Bool,
            (planned, completed, type, checks, delays, waive) => new AssignedTask("T", type, planned, completed)
            {
                Incidents =
                [
                    .. Enumerable.Repeat(new TaskIncident(TaskIncidentKind.FailedQualityCheck, waive ? "bão số 13" : null), checks),
                    .. Enumerable.Repeat(new TaskIncident(TaskIncidentKind.Delay), delays),
                ],
            });

    [Fact]
    public void Points_stay_between_0_and_70_and_quality_and_progress_never_exceed_quantity()
    {
        Task.Array[1, 6].Sample(tasks =>
        {
            var score = TaskResultScoring.Score(tasks, Conversion, null, EvaluationPolicy.Decree335);

            Assert.InRange(score.Points, 0m, 70m);
            Assert.True(score.Quality <= score.Quantity && score.Progress <= score.Quantity);
        });
    }

    [Fact]
    public void Waiving_an_incident_never_lowers_the_score()
    {
        Task.Array[1, 6].Sample(tasks =>
        {
            var waived = tasks.Select(t => t with { Incidents = t.Incidents.Select(i => i with { ObjectiveCause = "nguyên nhân khách quan" }).ToList() }).ToList();

            Assert.True(TaskResultScoring.Score(waived, Conversion, null, EvaluationPolicy.Decree335).Points
                        >= TaskResultScoring.Score(tasks, Conversion, null, EvaluationPolicy.Decree335).Points);
        });
    }
}
