using System.Text.Json;
using GovKpi.Core.Evaluation.Cycles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GovKpi.Data.Evaluation;

/// <summary>
/// The computed task-result points of a rating (<see cref="TaskScoreBreakdown"/>: k, every KPI's
/// numbers, a/b/c, the adjustment) as one JSON column of <c>evaluations</c>: it is read and written
/// whole with the evaluation, never queried inside.
/// </summary>
public static class TaskScoreModel
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static void Configure(ModelBuilder model) =>
        model.Entity<StaffEvaluation>().Property(x => x.TaskScore).HasConversion(
            new ValueConverter<TaskScoreBreakdown?, string>(
                v => JsonSerializer.Serialize(v!, JsonOptions),
                s => JsonSerializer.Deserialize<TaskScoreBreakdown>(s, JsonOptions)),
            // Compared by content: the record holds lists, which compare by reference.
            new ValueComparer<TaskScoreBreakdown?>(
                (a, b) => JsonSerializer.Serialize(a, JsonOptions) == JsonSerializer.Serialize(b, JsonOptions),
                v => v == null ? 0 : v.ComputedPoints.GetHashCode(),
                v => v));
}
