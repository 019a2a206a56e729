using System.Globalization;
using GovKpi.Core.Collective;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;
using GovKpi.Core.Tasks;

namespace GovKpi.Core.Evaluation.Cycles;

/// <summary>A manager's change of the computed task-result points, with the reason the person, calibration and the audit trail see.</summary>
public sealed record TaskPointsAdjustment(decimal ComputedPoints, decimal AdjustedPoints, string Reason);

/// <summary>
/// How the task-result points of a rating were computed, kept with the evaluation so that anyone
/// can recompute them: k, the KPI achievement and every KPI line (value, target, weight,
/// achievement, points), quantity, quality, progress and their task ratio, the computed points,
/// and the manager's adjustment if any.
/// </summary>
public sealed record TaskScoreBreakdown(
    decimal KpiShare, decimal? KpiAchievement, decimal? Quantity, decimal? Quality, decimal? Progress, decimal? TaskRatio,
    decimal ComputedPoints, IReadOnlyList<KpiAchievementLine> Kpis)
{
    public TaskPointsAdjustment? Adjustment { get; init; }

    /// <summary>For a leader: how their own work, the unit's (or field's) result and organising capacity were weighed.</summary>
    public LeaderPart? Leader { get; init; }
}

/// <summary>
/// A leader's computed points = round(max × (w₁ × own work + w₂ × unit result + w₃ × organising) ÷ (w₁ + w₂ + w₃), 2),
/// own work being the ratio of their own KPIs and tasks, the unit result measured from the unit's (a deputy's: their
/// field's) KPI set, or the subordinates' rule without values.
/// </summary>
public sealed record LeaderPart(decimal OwnWork, decimal UnitResult, decimal Organising, decimal OwnWorkWeight, decimal UnitResultWeight, decimal OrganisingWeight);

/// <summary>The manager asks to change the computed task-result points to <see cref="TaskPoints"/>, for <see cref="Reason"/>.</summary>
public sealed record RatingAdjustment(decimal? TaskPoints, string? Reason);

/// <summary>
/// A manager's rating as the boundary read it: general points or one level per general criterion,
/// typed task points (only for a person with neither KPI values nor task lines) or task lines,
/// behavioural KPI ratings (KPI code → 1–5), the head's organising capacity, forced KHT, the reason
/// and an optional adjustment of the computed task points. <see cref="Unreadable"/> names the fields
/// the boundary could not read (it reports them): nothing is computed or changed then.
/// </summary>
public sealed record RatingInput
{
    public decimal? GeneralPoints { get; init; }
    public IReadOnlyDictionary<string, RatingLevel>? Criteria { get; init; }
    public decimal? TaskPoints { get; init; }
    public decimal? UnitResultPoints { get; init; }
    public IReadOnlyList<AssignedTask>? Tasks { get; init; }
    public RatingLevel? Organising { get; init; }
    public IReadOnlyDictionary<string, int>? KpiRatings { get; init; }
    public bool ForcedKht { get; init; }
    public string? Reason { get; init; }
    public RatingAdjustment? Adjustment { get; init; }
    public IReadOnlyCollection<string> Unreadable { get; init; } = [];
}

/// <summary>
/// Why a rating was refused, at <see cref="Field"/> (<c>taskPoints</c>, <c>criteria.{code}</c>,
/// <c>adjustment.reason</c>…). <see cref="Problem"/> names the message (<c>Evaluation.Error.{Problem}</c>
/// in the app's resources) and <see cref="Arguments"/> fill it.
/// </summary>
/// <summary>
/// What the rating reads besides the request: the person's KPIs of the period, the tasks assigned to
/// them due in it (with their catalogue's conversion to standard products), and for a head — or a
/// deputy in charge of a field — the result measured from the unit's or the field's KPI set.
/// </summary>
public sealed record RatingFacts(IReadOnlyList<KpiInput> Kpis, PeriodTasks Assigned, UnitResult? UnitResult = null)
{
    public static PeriodTasks NoTasks { get; } = new([], new ProductConversion(new Dictionary<string, decimal>()));
}

public sealed record RatingError(string Field, string Problem, IReadOnlyList<string> Arguments);

/// <summary>What a rating did: the audit entries it wrote, or why it was refused (and then nothing changed).</summary>
public sealed record RatingOutcome(IReadOnlyList<RatingError> Errors, IReadOnlyList<AuditEntry> Entries)
{
    public bool Accepted => Errors.Count == 0;
}

/// <summary>
/// The manager's rating of one evaluation, decided and applied. The general criteria are typed or
/// computed per criterion (<see cref="GeneralCriteriaScoring"/>). The task results are computed
/// whenever the person has KPI values (measured in the period, or behavioural KPIs rated here) or
/// task lines are given: max × [k × KPI achievement + (1 − k) × (a + b + c) ÷ 3]
/// (<see cref="TaskResultScoring"/>, for the unit's head combined with the unit's result and their
/// organising capacity, <see cref="LeaderScoring"/>); typing them is then refused, and the manager
/// may only adjust them with a written reason, which is stored, audited and flagged to calibration.
/// Only a person with neither may get typed task points.
/// </summary>
public static class Rating
{
    /// <summary>The task type of the task lines typed into the rating: already in standard products.</summary>
    public const string StandardProduct = "standard";

    public static RatingOutcome Apply(
        EvaluationCycle cycle, StaffEvaluation evaluation, IReadOnlyList<StaffEvaluation> evaluations, RatingInput input, RatingFacts facts, AuditTrail audit)
    {
        var policy = cycle.Policy;
        var kpis = facts.Kpis;
        // Typed task lines count in standard products; assigned tasks by their catalogue's conversion.
        var conversion = new ProductConversion(new Dictionary<string, decimal>(facts.Assigned.Conversion.CoefficientByTaskType, StringComparer.Ordinal) { [StandardProduct] = 1 });
        var errors = new List<RatingError>();
        void Error(string field, string problem, params string[] arguments)
        {
            if (errors.All(e => e.Field != field) && !input.Unreadable.Contains(field))
            {
                errors.Add(new(field, problem, arguments));
            }
        }

        // General criteria, one level each, or the points typed.
        var criteriaGiven = input.Criteria is { Count: > 0 } || input.Unreadable.Any(f => f.StartsWith("criteria.", StringComparison.Ordinal));
        var general = input.GeneralPoints;
        IReadOnlyList<Explanation> criteriaSteps = [];
        if (criteriaGiven)
        {
            if (input.GeneralPoints is not null)
            {
                Error("generalPoints", "GeneralPointsAndCriteria");
            }

            var codes = policy.GeneralCriteria.SelectMany(s => s.Criteria).Select(c => c.Code).ToList();
            var levels = string.Join(", ", Enum.GetNames<RatingLevel>());
            var rated = input.Criteria ?? new Dictionary<string, RatingLevel>();
            foreach (var code in rated.Keys.Where(c => !codes.Contains(c, StringComparer.Ordinal)))
            {
                Error($"criteria.{code}", "UnknownCriterion", code, policy.Code, string.Join(", ", codes));
            }

            foreach (var missing in codes.Where(c => !rated.ContainsKey(c) && !input.Unreadable.Contains($"criteria.{c}")))
            {
                Error($"criteria.{missing}", "CriterionNotRated", missing, levels);
            }

            general = null;
            if (errors.Count == 0 && !input.Unreadable.Any(f => f.StartsWith("criteria.", StringComparison.Ordinal)))
            {
                var score = GeneralCriteriaScoring.Score(rated, policy);
                general = score.Points;
                criteriaSteps = [.. score.Criteria.Select(c => c.Explanation), .. score.Sections.Select(s => s.Explanation), score.Explanation];
            }
        }

        // Behavioural KPIs: rated here, on the policy's scale, and only those of the person's set.
        var behavioural = kpis.Where(k => k.Definition.Kind == KpiKind.Qualitative).Select(k => k.Definition.Code).ToList();
        var max = policy.KpiScoring.BehaviouralMax;
        var ratings = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (code, value) in input.KpiRatings ?? new Dictionary<string, int>())
        {
            if (!behavioural.Contains(code, StringComparer.Ordinal))
            {
                Error($"kpiRatings.{code}", "UnknownBehaviouralKpi", code, behavioural.Count == 0 ? "—" : string.Join(", ", behavioural));
            }
            else if (value < 1 || value > max)
            {
                Error($"kpiRatings.{code}", "BehaviouralRating", code, Count(max));
            }
            else
            {
                ratings[code] = value;
            }
        }

        var achievement = KpiAchievement.Of(
            kpis.Select(k => k.Definition.Kind == KpiKind.Qualitative ? k with { Rating = ratings.TryGetValue(k.Definition.Code, out var r) ? r : null } : k).ToList(),
            policy.KpiScoring);

        // Task results: computed from the KPIs and the task lines whenever there is either.
        var typed = input.Tasks ?? [];
        IReadOnlyList<AssignedTask> tasks = [.. facts.Assigned.Tasks, .. typed];
        var tasksUnreadable = input.Unreadable.Any(f => f == "tasks" || f.StartsWith("tasks[", StringComparison.Ordinal));
        var tasksGiven = typed.Count > 0 || tasksUnreadable;
        var computed = tasksGiven || facts.Assigned.Tasks.Count > 0 || achievement.Ratio is not null;
        if (input.TaskPoints is not null && tasksGiven)
        {
            Error("taskPoints", "TaskPointsAndLines");
        }
        else if (input.TaskPoints is not null && computed)
        {
            Error("taskPoints", "TaskPointsComputed", Count(achievement.Lines.Count(l => l.Achievement is not null)));
        }

        // A deputy is scored as a leader once HR has put them in charge of a field that has a result.
        var head = evaluation.Leader == LeaderRole.Head || evaluation.Leader == LeaderRole.Deputy && facts.UnitResult?.Ratio is not null;
        var subordinates = evaluations.Where(e => e.Id != evaluation.Id && e.Score is not null)
            .Select(e => e.Level ?? policy.Bands.LevelOf(e.Score!.Value)).ToList();
        if (computed && head && input.Organising is null)
        {
            Error("organising", "Organising");
        }
        else if (computed && head && subordinates.Count == 0)
        {
            Error("tasks", "SubordinatesNotRated");
        }

        if (tasks.Count > 0 && !tasksUnreadable && tasks.Sum(t => t.Planned) <= 0)
        {
            Error("tasks", "NothingPlanned");
        }

        var adjustment = input.Adjustment;
        if (adjustment is not null)
        {
            if (!computed)
            {
                Error("adjustment", "AdjustmentWithoutComputation");
            }

            if (string.IsNullOrWhiteSpace(adjustment.Reason))
            {
                Error("adjustment.reason", "AdjustmentReason");
            }

            if (PointsProblemOf(adjustment.TaskPoints, policy.TaskResultsMax) is { } problem)
            {
                Error("adjustment.taskPoints", $"Points.{problem}", Number(policy.TaskResultsMax));
            }
        }

        decimal? task = input.TaskPoints, unitResult = input.UnitResultPoints;
        IReadOnlyList<Explanation> taskSteps = [];
        TaskScoreBreakdown? breakdown = null;
        if (computed)
        {
            task = null;
            if (errors.Count == 0 && input.Unreadable.Count == 0)
            {
                (task, var headsUnitPart, taskSteps, breakdown) = Score(evaluation, head, tasks, achievement, subordinates, input.Organising, facts.UnitResult, conversion, policy);
                // Only a leader's unit part is computed; anyone else's is as given.
                unitResult = head ? headsUnitPart : input.UnitResultPoints;
                if (adjustment is not null)
                {
                    var adjusted = new TaskPointsAdjustment(breakdown.ComputedPoints, adjustment.TaskPoints!.Value, adjustment.Reason!.Trim());
                    breakdown = breakdown with { Adjustment = adjusted };
                    task = adjusted.AdjustedPoints;
                    unitResult = unitResult is { } u ? Math.Min(u, adjusted.AdjustedPoints) : null;
                    taskSteps = [.. taskSteps, Explanation.Of("TaskPointsAdjusted",
                        $"{Number(adjusted.ComputedPoints)} → {Number(adjusted.AdjustedPoints)}", Number(adjusted.ComputedPoints), Number(adjusted.AdjustedPoints), adjusted.Reason)];
                }
            }
        }

        var points = RatingPoints.Parse(general, task, unitResult, policy, out var pointErrors);
        foreach (var e in pointErrors)
        {
            // A computed number that could not be computed is explained by the errors that stopped it; "missing" would only mislead.
            var explained = e.Problem == PointsProblem.Missing && (e.Field == "generalPoints" && criteriaGiven || e.Field == "taskPoints" && computed);
            if (!explained)
            {
                Error(e.Field, $"Points.{e.Problem}", Number(e.Maximum));
            }
        }

        if (string.IsNullOrWhiteSpace(input.Reason))
        {
            Error("reason", "Reason");
        }

        if (errors.Count > 0 || input.Unreadable.Count > 0 || points is null)
        {
            return new(errors, []);
        }

        var before = audit.Entries.Count;
        var reason = input.Reason!.Trim();
        audit.Change(AuditActions.Rated, evaluation, "generalPoints", evaluation.GeneralPoints, points.GeneralCriteria, reason);
        audit.Change(AuditActions.Rated, evaluation, "taskPoints", evaluation.TaskPoints, points.TaskResults, reason);
        audit.Change(AuditActions.Rated, evaluation, "unitResultPoints", evaluation.UnitResultPoints, points.UnitResult, reason);
        if (input.ForcedKht != evaluation.ForcedKht)
        {
            audit.Write(AuditActions.Rated, evaluation, "forcedKht", Flag(evaluation.ForcedKht), Flag(input.ForcedKht), reason);
        }

        var oldCriteria = evaluation.TaskExplanations.LastOrDefault(IsGeneralCriteria)?.Formula ?? "";
        var newCriteria = criteriaSteps.LastOrDefault()?.Formula ?? "";
        if (oldCriteria != newCriteria)
        {
            audit.Write(AuditActions.Rated, evaluation, "generalCriteria", oldCriteria, newCriteria, reason);
        }

        var result = taskSteps.LastOrDefault(x => x.Key != "TaskPointsAdjusted");
        var oldTasks = evaluation.TaskExplanations.LastOrDefault(x => !IsGeneralCriteria(x) && x.Key != "TaskPointsAdjusted")?.Formula ?? "";
        if (oldTasks != (result?.Formula ?? ""))
        {
            audit.Write(AuditActions.Rated, evaluation, "taskResults", oldTasks, result?.Formula ?? "", reason);
        }

        if (breakdown?.Adjustment is { } a)
        {
            audit.Write(AuditActions.Rated, evaluation, "taskPointsAdjusted", Number(a.ComputedPoints), Number(a.AdjustedPoints), a.Reason);
        }

        audit.Change(AuditActions.Rated, evaluation, "score", evaluation.Score, points.Total, reason);
        // The criteria's steps share the task lines' column: one list of every computed step of the rating.
        evaluation.TaskExplanations = [.. criteriaSteps, .. taskSteps];
        evaluation.TaskScore = breakdown;
        evaluation.GeneralPoints = points.GeneralCriteria;
        evaluation.TaskPoints = points.TaskResults;
        evaluation.UnitResultPoints = points.UnitResult;
        evaluation.ForcedKht = input.ForcedKht;
        evaluation.Score = points.Total;
        evaluation.RatingReason = reason;
        evaluation.RatedBy = audit.Actor;
        evaluation.RatedAt = audit.At;
        if (evaluation.State == ResultState.Reopened)
        {
            evaluation.Rerated = true;
        }

        return new([], audit.Entries.Skip(before).ToList());
    }

    /// <summary>A step of the general criteria rated one by one (they are stored with the task-result steps).</summary>
    public static bool IsGeneralCriteria(Explanation x) => x.Key is "Criterion" or "Section" or "GeneralCriteria";

    private static (decimal Points, decimal? UnitResult, IReadOnlyList<Explanation> Steps, TaskScoreBreakdown Breakdown) Score(
        StaffEvaluation evaluation, bool leader, IReadOnlyList<AssignedTask> tasks, KpiAchievement achievement, IReadOnlyList<ClassificationLevel> subordinates,
        RatingLevel? organising, UnitResult? unitResult, ProductConversion conversion, EvaluationPolicy policy)
    {
        var share = policy.KpiScoring.ShareFor(evaluation.PositionCode, evaluation.Group);
        var own = TaskResultScoring.Score(tasks, conversion, achievement.Ratio is null ? null : achievement, policy, share);
        var perTask = own.Tasks.SelectMany(t => t.Deductions.Select(d => d.Explanation).Prepend(t.Explanation)).ToList();
        // Every KPI of the set is listed, the ones left out too, so the form can say so.
        var lines = own.Kpis.Count > 0 ? own.Kpis : achievement.Lines;
        TaskScoreBreakdown Breakdown(decimal points) =>
            new(own.KpiShare, own.KpiAchievement, own.Quantity, own.Quality, own.Progress, own.TaskRatio, points, lines);
        var leftOut = own.KpiAchievement is null ? achievement.Lines.Select(l => l.Explanation).ToList() : [];
        if (!leader)
        {
            return (own.Points, null, [.. perTask, .. leftOut, .. own.Explanations], Breakdown(own.Points));
        }

        var scored = LeaderScoring.Score(own, unitResult, subordinates, organising!.Value, policy);
        var rules = policy.Leaders;
        var weights = rules.OwnWorkWeight + rules.UnitResultWeight + rules.OrganisingWeight;
        var unitPart = Math.Round(rules.UnitResultWeight * scored.UnitResult / weights * policy.TaskResultsMax, policy.ScoreDecimals, MidpointRounding.AwayFromZero);
        var part = new LeaderPart(own.Ratio, scored.UnitResult, scored.Organising, rules.OwnWorkWeight, rules.UnitResultWeight, rules.OrganisingWeight);
        return (scored.Points, Math.Min(unitPart, scored.Points), [.. perTask, .. leftOut, .. scored.Explanations], Breakdown(scored.Points) with { Leader = part });
    }

    private static PointsProblem? PointsProblemOf(decimal? value, decimal maximum) => value switch
    {
        null => PointsProblem.Missing,
        < 0 => PointsProblem.OutOfRange,
        { } v when v > maximum => PointsProblem.OutOfRange,
        { } v when decimal.Round(v, 2) != v => PointsProblem.TooPrecise,
        _ => null,
    };

    private static string Flag(bool value) => value ? "true" : "false";

    private static string Number(decimal value) => AuditTrail.Number(value);

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
