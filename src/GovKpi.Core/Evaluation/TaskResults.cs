namespace GovKpi.Core.Evaluation;

public enum TaskIncidentKind
{
    /// <summary>An assessment found a major content error (quality).</summary>
    FailedQualityCheck,
    /// <summary>The product was late (progress).</summary>
    Delay,
}

/// <summary>
/// A failed quality check or a delay of one task. An objective cause confirmed by a competent
/// authority waives the deduction; the cause is kept and shown with the score.
/// </summary>
public sealed record TaskIncident(TaskIncidentKind Kind, string? ObjectiveCause = null)
{
    public bool Waived => !string.IsNullOrWhiteSpace(ObjectiveCause);
}

/// <summary>A task of the month or quarter: quantities planned and done, in the task type's own units.</summary>
public sealed record AssignedTask(string TaskId, string TaskType, decimal Planned, decimal Completed)
{
    public IReadOnlyList<TaskIncident> Incidents { get; init; } = [];
}

/// <summary>
/// The conversion table to standard products (sản phẩm chuẩn): how many standard products one
/// unit of each task type is worth, as the agency's task catalogue sets it.
/// </summary>
public sealed record ProductConversion(IReadOnlyDictionary<string, decimal> CoefficientByTaskType)
{
    public decimal CoefficientOf(AssignedTask task) =>
        CoefficientByTaskType.TryGetValue(task.TaskType, out var c) && c > 0
            ? c
            : throw new ArgumentException($"Task {task.TaskId}: the task type '{task.TaskType}' has no positive conversion coefficient.", nameof(task));
}

/// <summary>
/// How quantity, quality and progress combine into the task ratio: a weighted mean of the ratios
/// (1, 1, 1 is Decree 335's (a + b + c) ÷ 3). <see cref="DeductionShare"/> is taken off a task's
/// quality or progress points for each failed check or delay.
/// </summary>
public sealed record TaskScoringPolicy(decimal QuantityWeight, decimal QualityWeight, decimal ProgressWeight, decimal DeductionShare)
{
    public static TaskScoringPolicy Decree335 { get; } = new(1, 1, 1, 0.25m);
}

public sealed record TaskDeduction(TaskIncidentKind Kind, decimal Points, string? WaivedBecause, Explanation Explanation);

/// <summary>One task in standard products, with the quality and progress points left after deductions.</summary>
public sealed record TaskLine(string TaskId, string TaskType, decimal Coefficient, decimal PlannedStandard, decimal CompletedStandard,
    decimal QualityPoints, decimal ProgressPoints, IReadOnlyList<TaskDeduction> Deductions, Explanation Explanation);

/// <summary>
/// The task-result score of one person for one month or quarter. Quantity, quality, progress and
/// <see cref="TaskRatio"/> (their weighted mean) are null without assigned products;
/// <see cref="KpiAchievement"/> is null without a KPI value. <see cref="KpiShare"/> is k, and
/// <see cref="Ratio"/> = k × KPI achievement + (1 − k) × task ratio; <see cref="Points"/> =
/// Ratio × <see cref="MaxPoints"/>, rounded once. <see cref="Kpis"/> holds each KPI's line with the
/// points it brought.
/// </summary>
public sealed record TaskResultScore(decimal? Quantity, decimal? Quality, decimal? Progress, decimal? KpiAchievement,
    decimal Ratio, decimal Points, decimal MaxPoints, IReadOnlyList<TaskLine> Tasks, IReadOnlyList<Explanation> Explanations)
{
    public decimal? TaskRatio { get; init; }
    public decimal KpiShare { get; init; }
    public IReadOnlyList<KpiAchievementLine> Kpis { get; init; } = [];
}

/// <summary>
/// Task results (Decree 335): quantity = completed ÷ assigned, quality = completed products'
/// quality points ÷ assigned, progress = their progress points ÷ assigned, all in standard
/// products; each failed check or delay deducts <see cref="TaskScoringPolicy.DeductionShare"/> of
/// that task's points (never below zero) unless waived by an objective cause. Totals are counted
/// over all tasks (work done beyond one task's plan makes up for another's) and each ratio is
/// capped at 100%, because the points may not exceed the maximum. With KPI values the task results
/// are max × [k × KPI achievement + (1 − k) × task ratio] (DOMAIN.md), k being 1 with KPIs only,
/// 0 with tasks only, and <c>kpiShare</c> (the policy's share for the position) with both.
/// </summary>
public static class TaskResultScoring
{
    public static TaskResultScore Score(IReadOnlyList<AssignedTask> tasks, ProductConversion conversion, KpiAchievement? kpis, EvaluationPolicy policy,
        decimal? kpiShare = null)
    {
        var rules = policy.TaskScoring;
        var lines = tasks.Select(t => Line(t, conversion, rules.DeductionShare)).ToList();
        var planned = lines.Sum(l => l.PlannedStandard);
        var explanations = new List<Explanation>();
        decimal? quantity = null, quality = null, progress = null, taskRatio = null;
        var taskFormula = "";
        if (planned > 0)
        {
            var completed = lines.Sum(l => l.CompletedStandard);
            var qualityPoints = lines.Sum(l => l.QualityPoints);
            var progressPoints = lines.Sum(l => l.ProgressPoints);
            quantity = Math.Min(1, completed / planned);
            quality = Math.Min(1, qualityPoints / planned);
            progress = Math.Min(1, progressPoints / planned);
            explanations.Add(Ratio("Quantity", completed, planned, quantity.Value));
            explanations.Add(Ratio("Quality", qualityPoints, planned, quality.Value));
            explanations.Add(Ratio("Progress", progressPoints, planned, progress.Value));
            var parts = new[] { (rules.QuantityWeight, quantity.Value), (rules.QualityWeight, quality.Value), (rules.ProgressWeight, progress.Value) }
                .Where(p => p.Item1 > 0).ToList();
            (taskRatio, taskFormula) = WeightedMean(parts);
        }

        var kpiRatio = kpis?.Ratio;
        if (kpiRatio is null && taskRatio is null)
        {
            throw new ArgumentException("Nothing to score: no assigned products and no KPI value.", nameof(tasks));
        }

        var k = kpiRatio is null ? 0 : taskRatio is null ? 1 : kpiShare ?? policy.KpiScoring.Share;
        if (k > 0 && taskRatio is { } mean)
        {
            explanations.Add(Explanation.Of("TaskRatio", $"{taskFormula} = {Show.Pct(mean)}", Show.Pct(mean)));
        }
        if (kpis is not null && kpiRatio is not null)
        {
            explanations.AddRange(kpis.Lines.Select(l => l.Explanation));
            explanations.Add(kpis.Explanation);
        }

        var ratio = k * (kpiRatio ?? 0) + (1 - k) * (taskRatio ?? 0);
        var points = Show.Round(ratio * policy.TaskResultsMax, policy.ScoreDecimals);
        var max = Show.N(policy.TaskResultsMax);
        var formula = k == 1 ? $"{max} × {Show.Pct(kpiRatio!.Value)}"
            : k == 0 ? $"{taskFormula} × {max}"
            : $"{max} × [{Show.N(k)} × {Show.Pct(kpiRatio!.Value)} + {Show.N(1 - k)} × {Show.Pct(taskRatio!.Value)}]";
        explanations.Add(k == 0 ? Explanation.Of("TaskResult", $"{formula} = {Show.N(points)}", Show.Pct(ratio), max, Show.N(points))
            : k == 1 ? Explanation.Of("TaskResultFromKpis", $"{formula} = {Show.N(points)}", max, Show.Pct(kpiRatio!.Value), Show.N(points))
            : Explanation.Of("TaskResultWithKpis", $"{formula} = {Show.N(points)}", max, Show.N(k), Show.Pct(kpiRatio!.Value),
                taskRatio is { } tr ? Show.Pct(tr) : "—", Show.N(points)));

        // Each counted KPI brings max × k × w × a ÷ Σw; shown rounded, the total is rounded once.
        var weight = kpis?.CountedWeight ?? 0;
        var kpiLines = kpis?.Lines.Select(l => l.Achievement is { } a && weight > 0
            ? l with { Points = Show.Round(policy.TaskResultsMax * k * l.WeightPercent * a / weight, 2) }
            : l).ToList() ?? [];
        return new(quantity, quality, progress, kpiRatio, ratio, points, policy.TaskResultsMax, lines, explanations)
        {
            TaskRatio = taskRatio,
            KpiShare = k,
            Kpis = kpiLines,
        };
    }

    /// <summary>
    /// Σ wᵢ·rᵢ ÷ Σ wᵢ and how it reads: <c>(95% + 90% + 85%) ÷ 3</c> when the weights are equal,
    /// <c>(2 × 95% + 1 × 80%) ÷ 3</c> otherwise.
    /// </summary>
    internal static (decimal Ratio, string Formula) WeightedMean(IReadOnlyList<(decimal Weight, decimal Ratio)> parts)
    {
        var total = parts.Sum(p => p.Weight);
        var ratio = parts.Sum(p => p.Weight * p.Ratio) / total;
        var equal = parts.All(p => p.Weight == parts[0].Weight);
        var terms = string.Join(" + ", parts.Select(p => equal ? Show.Pct(p.Ratio) : $"{Show.N(p.Weight)} × {Show.Pct(p.Ratio)}"));
        var formula = parts.Count == 1 && equal ? terms : $"({terms}) ÷ {(equal ? parts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : Show.N(total))}";
        return (ratio, formula);
    }

    private static Explanation Ratio(string key, decimal numerator, decimal planned, decimal ratio) =>
        Explanation.Of(key, $"min(100%, {Show.N(numerator)} ÷ {Show.N(planned)}) = {Show.Pct(ratio)}", Show.N(numerator), Show.N(planned), Show.Pct(ratio));

    private static TaskLine Line(AssignedTask task, ProductConversion conversion, decimal share)
    {
        if (task.Planned < 0 || task.Completed < 0)
        {
            throw new ArgumentException($"Task {task.TaskId}: planned and completed quantities cannot be negative.", nameof(task));
        }

        var coefficient = conversion.CoefficientOf(task);
        var planned = task.Planned * coefficient;
        var completed = task.Completed * coefficient;
        var left = new Dictionary<TaskIncidentKind, decimal> { [TaskIncidentKind.FailedQualityCheck] = completed, [TaskIncidentKind.Delay] = completed };
        var deductions = new List<TaskDeduction>();
        foreach (var incident in task.Incidents)
        {
            if (incident.Waived)
            {
                deductions.Add(new(incident.Kind, 0, incident.ObjectiveCause,
                    Explanation.Of("DeductionWaived", $"{task.TaskId}: 0 ({incident.ObjectiveCause})", task.TaskId, incident.Kind.ToString(), incident.ObjectiveCause!)));
                continue;
            }

            var points = Math.Min(left[incident.Kind], share * completed);
            left[incident.Kind] -= points;
            deductions.Add(new(incident.Kind, points, null,
                Explanation.Of("Deduction", $"{task.TaskId}: −{Show.Pct(share)} × {Show.N(completed)} = −{Show.N(points)}",
                    task.TaskId, incident.Kind.ToString(), Show.Pct(share), Show.N(completed), Show.N(points))));
        }

        return new(task.TaskId, task.TaskType, coefficient, planned, completed, left[TaskIncidentKind.FailedQualityCheck], left[TaskIncidentKind.Delay], deductions,
            Explanation.Of("Task",
                $"{task.TaskId}: {Show.N(task.Completed)} × {Show.N(coefficient)} = {Show.N(completed)} / {Show.N(task.Planned)} × {Show.N(coefficient)} = {Show.N(planned)}; "
                + $"Q {Show.N(left[TaskIncidentKind.FailedQualityCheck])}, P {Show.N(left[TaskIncidentKind.Delay])}",
                task.TaskId, task.TaskType, Show.N(coefficient), Show.N(completed), Show.N(planned),
                Show.N(left[TaskIncidentKind.FailedQualityCheck]), Show.N(left[TaskIncidentKind.Delay])));
    }
}
