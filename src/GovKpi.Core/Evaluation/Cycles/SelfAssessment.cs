namespace GovKpi.Core.Evaluation.Cycles;

/// <summary>
/// The person's self-assessment: the general-criteria and task-result points they give themselves
/// under the cycle's policy, and their text. Every changed number and the changed text go into the
/// audit trail.
/// </summary>
public static class SelfAssessment
{
    public static CycleChange<StaffEvaluation> Record(
        EvaluationCycle cycle, StaffEvaluation evaluation, decimal? generalPoints, decimal? taskPoints, string? text, AuditTrail audit, IAuditWording wording)
    {
        var problems = new CycleProblems();
        var points = RatingPoints.Parse(generalPoints, taskPoints, null, cycle.Policy, out var pointErrors);
        problems.AddPoints(pointErrors);
        problems.CheckText(text, "text", CycleChange.MaximumTextLength);
        if (problems.Count > 0)
        {
            return CycleChange.Invalid<StaffEvaluation>(problems);
        }

        var reason = wording.SelfAssessment;
        audit.Change(AuditActions.SelfAssessed, evaluation, "selfGeneralPoints", evaluation.SelfGeneralPoints, points!.GeneralCriteria, reason);
        audit.Change(AuditActions.SelfAssessed, evaluation, "selfTaskPoints", evaluation.SelfTaskPoints, points.TaskResults, reason);
        var trimmed = text!.Trim();
        if (trimmed != evaluation.SelfAssessment)
        {
            audit.Write(AuditActions.SelfAssessed, evaluation, "selfAssessment", evaluation.SelfAssessment, trimmed, reason);
        }

        evaluation.SelfGeneralPoints = points.GeneralCriteria;
        evaluation.SelfTaskPoints = points.TaskResults;
        evaluation.SelfAssessment = trimmed;
        evaluation.SelfAssessedAt = audit.At;
        return CycleChange.Applied(evaluation);
    }
}
