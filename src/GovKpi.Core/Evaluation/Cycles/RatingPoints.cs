namespace GovKpi.Core.Evaluation.Cycles;

/// <summary>Why a number of points cannot be used.</summary>
public enum PointsProblem
{
    Missing,
    OutOfRange,
    /// <summary>More than two decimals.</summary>
    TooPrecise,
    /// <summary>The unit result is a part of the task results, so it cannot exceed them.</summary>
    AboveTaskResults,
}

public sealed record PointsError(string Field, PointsProblem Problem, decimal Maximum);

/// <summary>
/// The numbers behind a score (Decree 335/2025): general criteria points (0 – the policy's
/// maximum, 30 by default) plus task result points (0 – its maximum, 70 by default). For a
/// leader, <see cref="UnitResult"/> is the share of the task results that comes from the unit's
/// operating result; it is shown apart but is already inside <see cref="TaskResults"/>. The
/// task-result scoring (standard products, deductions) produces <see cref="TaskResults"/>; this
/// type only checks and adds.
/// </summary>
public sealed record RatingPoints(decimal GeneralCriteria, decimal TaskResults, decimal? UnitResult = null)
{
    public decimal Total => GeneralCriteria + TaskResults;

    public ClassificationLevel BandLevel(EvaluationPolicy policy) => policy.Bands.LevelOf(Total);

    /// <summary>The points, or the errors keyed by field (<c>generalPoints</c>, <c>taskPoints</c>, <c>unitResultPoints</c>).</summary>
    public static RatingPoints? Parse(decimal? general, decimal? task, decimal? unitResult, EvaluationPolicy policy, out IReadOnlyList<PointsError> errors)
    {
        var found = new List<PointsError>();
        Check("generalPoints", general, policy.GeneralCriteriaMax, found, required: true);
        Check("taskPoints", task, policy.TaskResultsMax, found, required: true);
        Check("unitResultPoints", unitResult, policy.TaskResultsMax, found, required: false);
        if (found.Count == 0 && unitResult > task)
        {
            found.Add(new("unitResultPoints", PointsProblem.AboveTaskResults, task!.Value));
        }

        errors = found;
        return found.Count == 0 ? new RatingPoints(general!.Value, task!.Value, unitResult) : null;
    }

    private static void Check(string field, decimal? value, decimal maximum, List<PointsError> errors, bool required)
    {
        if (value is not { } v)
        {
            if (required)
            {
                errors.Add(new(field, PointsProblem.Missing, maximum));
            }

            return;
        }

        if (v < 0 || v > maximum)
        {
            errors.Add(new(field, PointsProblem.OutOfRange, maximum));
        }
        else if (decimal.Round(v, 2) != v)
        {
            errors.Add(new(field, PointsProblem.TooPrecise, maximum));
        }
    }
}
