using System.Globalization;
using GovKpi.Core.Access;

namespace GovKpi.Core.Evaluation.Cycles;

/// <summary>The actions written to a cycle's audit trail (the <c>action</c> of an entry).</summary>
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

/// <summary>Who a change is recorded as: the account, its display name and role.</summary>
public sealed record AuditActor(string UserName, string DisplayName, Role Role)
{
    /// <summary>Who a 360° answer is recorded as: never the colleague who gave it.</summary>
    public const string AnonymousUserName = "anonymous";
}

/// <summary>
/// Appends entries to one cycle's audit trail for one change: numbers them, chains their hashes and
/// moves the cycle's head. All entries of one change share its instant. Core decides what is
/// written; the caller only saves <see cref="Entries"/> with the cycle.
/// </summary>
public sealed class AuditTrail(EvaluationCycle cycle, AuditActor actor, DateTimeOffset at)
{
    private readonly List<AuditEntry> _entries = [];
    private bool _anonymous;
    private AuditTrail? _parent;

    public DateTimeOffset At => at;

    public string Actor => actor.UserName;

    /// <summary>Who makes the change (also for an anonymous trail, whose entries never name them).</summary>
    public AuditActor By => actor;

    /// <summary>What this change wrote, in order.</summary>
    public IReadOnlyList<AuditEntry> Entries => _entries;

    /// <summary>The same trail with the actor hidden (360° feedback); entries go to the same list.</summary>
    public AuditTrail Anonymous() => new(cycle, actor, at) { _anonymous = true, _parent = _parent ?? this };

    public void Write(string action, StaffEvaluation? evaluation, string field, string oldValue, string newValue, string reason) =>
        Append(action, evaluation?.Id, evaluation?.StaffCode, field, oldValue, newValue, reason);

    public void Append(string action, Guid? evaluationId, string? staffCode, string field, string oldValue, string newValue, string reason)
    {
        cycle.AuditSequence++;
        var entry = new AuditEntry
        {
            CycleId = cycle.Id,
            Sequence = cycle.AuditSequence,
            At = at,
            Actor = _anonymous ? AuditActor.AnonymousUserName : actor.UserName,
            ActorName = _anonymous ? "" : actor.DisplayName,
            ActorRole = _anonymous ? "Colleague" : actor.Role.ToString(),
            EvaluationId = evaluationId,
            StaffCode = staffCode,
            Action = action,
            Field = field,
            OldValue = oldValue,
            NewValue = newValue,
            Reason = reason,
            Hash = "",
        };
        entry.Hash = AuditChain.Hash(cycle.AuditHead, entry.Content);
        cycle.AuditHead = entry.Hash;
        (_parent ?? this)._entries.Add(entry);
    }

    /// <summary>Writes a changed number with its old and new value; an unchanged one writes nothing.</summary>
    public void Change(string action, StaffEvaluation evaluation, string field, decimal? oldValue, decimal? newValue, string reason)
    {
        if (oldValue != newValue)
        {
            Write(action, evaluation, field, oldValue is { } o ? Number(o) : "", newValue is { } n ? Number(n) : "", reason);
        }
    }

    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
