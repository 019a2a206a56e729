using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Data;
using GovKpi.Data.Evaluation;
using GovKpi.Web.Features.Accounts;

namespace GovKpi.Web.Features.Evaluation;

/// <summary>The actions written to the audit trail (the <c>action</c> of an entry).</summary>
public static class AuditActions
{
    public const string CycleOpened = CycleOpening.CycleOpened;
    public const string DeadlinesSet = CycleOpening.DeadlinesSet;
    public const string EvaluationOpened = CycleOpening.EvaluationOpened;
    public const string StageAdvanced = "StageAdvanced";
    /// <summary>A confirmation moved the cycle on despite blockers; the entry lists them, with the reason.</summary>
    public const string BlockersOverridden = "BlockersOverridden";
    public const string DeadlineChanged = "DeadlineChanged";
    public const string SelfAssessed = "SelfAssessed";
    public const string FeedbackReceived = "FeedbackReceived";
    /// <summary>The unit's manager or HR asked someone (of any unit) for 360° feedback on the person.</summary>
    public const string RespondentAsked = "RespondentAsked";
    public const string Rated = "Rated";
    public const string QuotaApplied = "QuotaApplied";
    public const string LevelSet = "LevelSet";
    public const string ResultPublished = "ResultPublished";
    public const string AppealFiled = "AppealFiled";
    public const string AppealDecided = "AppealDecided";
    public const string ResultReopened = "ResultReopened";
    public const string ResultRepublished = "ResultRepublished";
}

/// <summary>
/// Appends entries to one cycle's audit trail within the current unit of work: numbers them,
/// chains their hashes, and moves the cycle's head. All entries of one change share its instant.
/// </summary>
public sealed class AuditWriter(GovKpiDbContext db, EvaluationCycle cycle, CurrentUser user, DateTimeOffset at)
{
    /// <summary>Who a 360° answer is recorded as: never the colleague who gave it.</summary>
    public const string AnonymousActor = "anonymous";

    private bool _anonymous;

    public DateTimeOffset At => at;

    public string Actor => user.UserName;

    /// <summary>The same writer with the actor hidden (360° feedback).</summary>
    public AuditWriter Anonymous() => new(db, cycle, user, at) { _anonymous = true };

    public void Write(string action, StaffEvaluation? evaluation, string field, string oldValue, string newValue, string reason)
    {
        cycle.AuditSequence++;
        var entry = new AuditEntry
        {
            CycleId = cycle.Id,
            Sequence = cycle.AuditSequence,
            At = at,
            Actor = _anonymous ? AnonymousActor : user.UserName,
            ActorName = _anonymous ? "" : user.DisplayName,
            ActorRole = _anonymous ? "Colleague" : user.Role.ToString(),
            EvaluationId = evaluation?.Id,
            StaffCode = evaluation?.StaffCode,
            Action = action,
            Field = field,
            OldValue = oldValue,
            NewValue = newValue,
            Reason = reason,
            Hash = "",
        };
        entry.Hash = AuditChain.Hash(cycle.AuditHead, entry.Content);
        cycle.AuditHead = entry.Hash;
        db.EvaluationAudit.Add(entry);
    }

    /// <summary>Writes a changed number with its old and new value; an unchanged one writes nothing.</summary>
    public void Change(string action, StaffEvaluation evaluation, string field, decimal? oldValue, decimal? newValue, string reason)
    {
        if (oldValue != newValue)
        {
            Write(action, evaluation, field, oldValue is { } o ? EvaluationDesk.Number(o) : "", newValue is { } n ? EvaluationDesk.Number(n) : "", reason);
        }
    }
}
