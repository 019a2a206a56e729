namespace GovKpi.Core.Evaluation.Cycles;

/// <summary>
/// Published results: publication adds version 1 of everyone's result; after an upheld appeal and a
/// new rating, republication adds version N+1 of that one result. A version is never changed.
/// </summary>
public static class Publication
{
    /// <summary>Leaving the approval stage: the cycle is published and everyone gets a result version.</summary>
    public static IReadOnlyList<EvaluationResult> Publish(EvaluationCycle cycle, IReadOnlyList<StaffEvaluation> evaluations, AuditTrail audit)
    {
        cycle.PublishedAt = audit.At;
        var results = new List<EvaluationResult>();
        foreach (var evaluation in evaluations)
        {
            var result = NextResult(evaluation, audit);
            audit.Write(AuditActions.ResultPublished, evaluation, "result", "", Describe(result), "");
            results.Add(result);
        }

        return results;
    }

    /// <summary>
    /// Publishes a reopened and re-rated result again. The quota is checked again with the new score
    /// among the people calibrated together (<paramref name="population"/>, the person included);
    /// nobody else's published result moves because of this appeal.
    /// </summary>
    public static CycleChange<EvaluationResult> Republish(
        EvaluationCycle cycle, StaffEvaluation evaluation, EvaluationResult previous, IReadOnlyCollection<ScoredPerson> population, string? reason, AuditTrail audit)
    {
        var problems = new CycleProblems();
        problems.CheckReason(reason, "reason", required: true);
        if (problems.Count > 0)
        {
            return CycleChange.Invalid<EvaluationResult>(problems);
        }

        var outcome = QuotaCalibration.Calibrate(population, cycle.Policy);
        var mine = outcome.People.Single(p => p.StaffCode == QuotaCalibration.KeyOf(evaluation));
        evaluation.Level = mine.Level;
        evaluation.LevelReason = mine.Reason;
        var result = NextResult(evaluation, audit);
        audit.Write(AuditActions.ResultRepublished, evaluation, "result", Describe(previous), Describe(result), reason!.Trim());
        return CycleChange.Applied(result);
    }

    /// <summary>The next version of a rated and calibrated result; the evaluation becomes published.</summary>
    private static EvaluationResult NextResult(StaffEvaluation evaluation, AuditTrail audit)
    {
        var result = new EvaluationResult
        {
            EvaluationId = evaluation.Id,
            Version = evaluation.ResultVersion + 1,
            GeneralPoints = evaluation.GeneralPoints!.Value,
            TaskPoints = evaluation.TaskPoints!.Value,
            UnitResultPoints = evaluation.UnitResultPoints,
            Score = evaluation.Score!.Value,
            ForcedKht = evaluation.ForcedKht,
            Level = evaluation.Level!.Value,
            LevelReason = evaluation.LevelReason!.Value,
            PublishedAt = audit.At,
            PublishedBy = audit.Actor,
        };
        evaluation.ResultVersion = result.Version;
        evaluation.State = ResultState.Published;
        evaluation.Rerated = false;
        return result;
    }

    private static string Describe(EvaluationResult r) => ResultReconciliation.Describe(r.Version, r.Score, r.Level);
}
