namespace GovKpi.Core.Evaluation.Cycles;

/// <summary>
/// Appeals against a published result: the person files one against the version published; the
/// unit's manager decides it once, with a reason. An upheld appeal reopens the result to be rated
/// and published again (<see cref="Publication.Republish"/>); a rejected one leaves it as it is.
/// </summary>
public static class Appeals
{
    public static CycleChange<EvaluationAppeal> File(StaffEvaluation evaluation, string? text, AuditTrail audit)
    {
        var problems = new CycleProblems();
        problems.CheckText(text, "text", CycleChange.MaximumTextLength);
        if (problems.Count > 0)
        {
            return CycleChange.Invalid<EvaluationAppeal>(problems);
        }

        var appeal = new EvaluationAppeal
        {
            Id = Guid.NewGuid(),
            EvaluationId = evaluation.Id,
            ResultVersion = evaluation.ResultVersion,
            Text = text!.Trim(),
            FiledBy = audit.Actor,
            FiledAt = audit.At,
            Status = AppealStatus.Pending,
        };
        audit.Write(AuditActions.AppealFiled, evaluation, "appeal", "", $"v{appeal.ResultVersion}", appeal.Text);
        return CycleChange.Applied(appeal);
    }

    public static CycleChange<EvaluationAppeal> Decide(StaffEvaluation evaluation, EvaluationAppeal appeal, bool? upheld, string? reason, AuditTrail audit)
    {
        var problems = new CycleProblems();
        if (upheld is null)
        {
            problems.Add("upheld", "Upheld");
        }

        problems.CheckReason(reason, "reason", required: true);
        if (problems.Count > 0)
        {
            return CycleChange.Invalid<EvaluationAppeal>(problems);
        }

        if (appeal.Status != AppealStatus.Pending)
        {
            return CycleChange.Refused<EvaluationAppeal>("AppealDecided");
        }

        appeal.Status = upheld!.Value ? AppealStatus.Upheld : AppealStatus.Rejected;
        appeal.Decision = reason!.Trim();
        appeal.DecidedBy = audit.Actor;
        appeal.DecidedAt = audit.At;
        audit.Write(AuditActions.AppealDecided, evaluation, "appeal", AppealStatus.Pending.ToString(), appeal.Status.ToString(), appeal.Decision);
        if (appeal.Status == AppealStatus.Upheld)
        {
            audit.Write(AuditActions.ResultReopened, evaluation, "state", evaluation.State.ToString(), ResultState.Reopened.ToString(), appeal.Decision);
            evaluation.State = ResultState.Reopened;
            evaluation.Rerated = false;
        }

        return CycleChange.Applied(appeal);
    }
}
