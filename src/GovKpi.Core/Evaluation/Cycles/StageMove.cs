using System.Globalization;

namespace GovKpi.Core.Evaluation.Cycles;

/// <summary>
/// Whether a cycle may move on now: refused by the workflow (<see cref="Refusal"/>), held by
/// blockers no confirmation lifts (<see cref="Blocked"/>), or missing the reason an override needs
/// (<see cref="Problems"/>). When it proceeds, <see cref="Overridden"/> are the blockers its
/// confirmation overrides.
/// </summary>
public sealed record StageMoveDecision(WorkflowRefusal? Refusal, bool Blocked, IReadOnlyList<CycleProblem> Problems, IReadOnlyList<Blocker> Overridden)
{
    public bool Proceeds => Refusal is null && !Blocked && Problems.Count == 0;
}

/// <summary>What moving a cycle on added: on leaving the approval stage, the first published version of every result.</summary>
public sealed record StageMoved(IReadOnlyList<EvaluationResult> Results);

/// <summary>
/// Moving a cycle to a later stage, one cycle or many: the request's checks, the decision
/// (workflow, blockers, the confirmation that overrides them and its reason), and the move itself
/// with the work of the stage left — calibration sets every level with why and the quota's numbers,
/// leaving approval publishes — all in the audit trail.
/// </summary>
public static class StageMove
{
    /// <summary>
    /// The request as given: a target stage, a reason (required when <paramref name="reasonRequired"/>)
    /// and an appeal deadline, which only a move to publication may set and never in the past.
    /// </summary>
    public static CycleProblems Check(CycleStage? to, string? reason, bool reasonRequired, DateOnly? appealDeadline, DateOnly today)
    {
        var problems = new CycleProblems();
        if (to is null)
        {
            problems.Add("to", "To");
        }

        problems.CheckReason(reason, "reason", reasonRequired);
        if (appealDeadline is { } appeal && (to != CycleStage.Published || appeal < today))
        {
            problems.Add("appealDeadline", "AppealDeadline", today);
        }

        return problems;
    }

    /// <summary>The deadlines the cycle will have: a new appeal deadline replaces the one set at opening.</summary>
    public static StageDeadlines Deadlines(StageDeadlines current, DateOnly? appealDeadline) =>
        appealDeadline is { } appeal ? current with { Appeal = appeal } : current;

    /// <summary>What the workflow reads of a cycle's people.</summary>
    public static CycleFacts Facts(IReadOnlyList<StaffEvaluation> evaluations, int pendingAppeals, DateOnly today, StageDeadlines deadlines) =>
        new(evaluations.Count, evaluations.Count(e => e.Score is not null), pendingAppeals, evaluations.Count(e => e.State == ResultState.Reopened), today, deadlines);

    public static StageMoveDecision Decide(CycleStage from, CycleStage to, Actor actor, CycleFacts facts, IReadOnlyList<Blocker> blockers, bool confirm, string? reason)
    {
        if (CycleWorkflow.CanAdvance(from, to, actor, facts) is { } refusal)
        {
            return new(refusal, false, [], []);
        }

        // What is left can only be overridable (the workflow refused the rest): a confirmation with its reason moves on.
        if (!CycleBlockers.MayAdvance(blockers, confirm))
        {
            return new(null, true, [], []);
        }

        if (blockers.Count > 0 && string.IsNullOrWhiteSpace(reason))
        {
            return new(null, false, [CycleProblem.Of("reason", "OverrideReason")], []);
        }

        return new(null, false, [], blockers);
    }

    /// <summary>
    /// Of many cycles moved at once (given their blockers), which move: none while any is blocked and
    /// the move is not confirmed (null); with a confirmation, each whose blockers may all be
    /// overridden, the others staying where they are.
    /// </summary>
    public static IReadOnlyList<bool>? MovingTogether(IReadOnlyList<IReadOnlyList<Blocker>> blockers, bool confirm) =>
        !confirm && blockers.Any(b => b.Count > 0) ? null : blockers.Select(b => CycleBlockers.MayAdvance(b, confirm)).ToList();

    /// <summary>
    /// Moves a cycle that may move to <paramref name="to"/>. Leaving calibration needs the
    /// <paramref name="calibration"/> population (everyone of the agency calibrated for the period);
    /// leaving the 360° stage, the number of answers each evaluation received
    /// (<paramref name="feedbackAnswers"/>), which the trail records then, once, for everyone at the
    /// same instant: an entry per answer would date it and, in a colleague's burst of answers, name
    /// the one person it leaves out.
    /// </summary>
    public static StageMoved Apply(
        EvaluationCycle cycle, IReadOnlyList<StaffEvaluation> evaluations, CycleStage to, StageDeadlines deadlines, IReadOnlyList<Blocker> overridden,
        string? reason, CalibrationPopulation? calibration, AuditTrail audit, IAuditWording wording, IReadOnlyDictionary<Guid, int>? feedbackAnswers = null)
    {
        var why = reason?.Trim() ?? "";
        if (deadlines != cycle.Deadlines)
        {
            audit.Write(AuditActions.DeadlineChanged, null, "deadlines.appeal", Date(cycle.Deadlines.Appeal), Date(deadlines.Appeal), why);
            cycle.Deadlines = deadlines;
        }

        if (overridden.Count > 0)
        {
            audit.Write(AuditActions.BlockersOverridden, null, "blockers", "",
                string.Join("; ", overridden.Select(b => b.StaffCode is { } code ? $"{b.Kind}: {code} {b.StaffName}" : b.Kind.ToString())), why);
        }

        IReadOnlyList<EvaluationResult> results = [];
        switch (cycle.Stage)
        {
            case CycleStage.Feedback360:
                CloseFeedback(evaluations, feedbackAnswers ?? throw new ArgumentNullException(nameof(feedbackAnswers), "Leaving the 360° stage needs the answer counts."), audit);
                break;
            case CycleStage.Calibration:
                Calibrate(cycle, evaluations, calibration ?? throw new ArgumentNullException(nameof(calibration), "Leaving calibration needs its population."), audit, wording);
                break;
            case CycleStage.Approved:
                results = Publication.Publish(cycle, evaluations, audit);
                break;
        }

        audit.Write(AuditActions.StageAdvanced, null, "stage", cycle.Stage.ToString(), to.ToString(), why);
        cycle.Stage = to;
        return new StageMoved(results);
    }

    /// <summary>
    /// The calibration stage: the HTXS quota over everyone of the agency calibrated for the same
    /// period, written to this cycle's evaluations with who moved and why.
    /// </summary>
    private static void Calibrate(EvaluationCycle cycle, IReadOnlyList<StaffEvaluation> evaluations, CalibrationPopulation population, AuditTrail audit, IAuditWording wording)
    {
        var outcome = QuotaCalibration.Calibrate(population.People, cycle.Policy);
        var byKey = outcome.People.ToDictionary(p => p.StaffCode, StringComparer.Ordinal);
        foreach (var group in outcome.Groups.Where(g => g.EligibleHtxs > 0))
        {
            audit.Write(AuditActions.QuotaApplied, null, $"{group.AgencyCode}/{group.GroupCode}", "",
                string.Create(CultureInfo.InvariantCulture,
                    $"people={group.People}; eligibleHtxs={group.EligibleHtxs}; httByScore={group.HttByScore}; allowedHtxs={group.AllowedHtxs}; moved={string.Join(",", group.Moved.Select(m => population.StaffCodes[m]))}"),
                wording.Quota(cycle.Policy.Quota.Share));
        }

        foreach (var evaluation in evaluations)
        {
            var classified = byKey[QuotaCalibration.KeyOf(evaluation)];
            var band = cycle.Policy.Bands.LevelOf(evaluation.Score!.Value);
            audit.Write(AuditActions.LevelSet, evaluation, "level", band.ToString(), classified.Level.ToString(),
                wording.Level(classified.Reason, band, classified.Level, evaluation.Score.Value));
            evaluation.Level = classified.Level;
            evaluation.LevelReason = classified.Reason;
        }
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The 360° stage closes: per person, that feedback was given and how many answers — a number
    /// below <see cref="Feedback360.MinimumRespondents"/> is not written, as it is never shown.
    /// </summary>
    private static void CloseFeedback(IReadOnlyList<StaffEvaluation> evaluations, IReadOnlyDictionary<Guid, int> answers, AuditTrail audit)
    {
        foreach (var evaluation in evaluations)
        {
            var count = answers.GetValueOrDefault(evaluation.Id);
            if (count == 0)
            {
                continue;
            }

            audit.Write(AuditActions.FeedbackReceived, evaluation, "feedback360", "",
                count >= Feedback360.MinimumRespondents ? count.ToString(System.Globalization.CultureInfo.InvariantCulture) : Feedback360.WithheldCount, "");
        }
    }
}
