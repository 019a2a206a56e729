namespace GovKpi.Core.Evaluation.Cycles;

/// <summary>What keeps a cycle from moving to the next stage.</summary>
public enum BlockerKind
{
    /// <summary>The actor's role may not move the cycle out of this stage (e.g. a manager out of calibration).</summary>
    NotAllowed,
    /// <summary>The stage asked for is not the cycle's next stage.</summary>
    WrongStage,
    /// <summary>The cycle is locked.</summary>
    Locked,
    /// <summary>The person has not sent their self-assessment.</summary>
    NotSelfAssessed,
    /// <summary>The person has no manager's rating: nothing could be published.</summary>
    NotRated,
    /// <summary>Publishing after the appeal deadline would leave no time to appeal.</summary>
    AppealWindowClosed,
    /// <summary>Locking before the appeal deadline would take away the right to appeal.</summary>
    AppealWindowOpen,
    /// <summary>The person's appeal waits for a decision.</summary>
    AppealPending,
    /// <summary>The person's result was reopened by an upheld appeal and is not published again yet.</summary>
    ReopenedNotRepublished,
}

/// <summary>
/// One blocker. <see cref="StaffCode"/> and <see cref="StaffName"/> name the person concerned, if
/// any; <see cref="Deadline"/> is the deadline it is about (the stage's, or the appeal deadline).
/// </summary>
public sealed record Blocker(BlockerKind Kind, bool Overridable, string? StaffCode, string? StaffName, DateOnly? Deadline);

/// <summary>One person of a cycle as the blockers see them. <see cref="AwayAllPeriod"/>: on leave for the whole period, so nothing is expected of them.</summary>
public sealed record PersonProgress(string StaffCode, string StaffName, bool SelfAssessed, bool Rated, bool AppealPending, bool Reopened, bool AwayAllPeriod = false);

/// <summary>
/// Whether a cycle may move on, and if not, why, person by person. Some blockers may be overridden
/// by an explicit, audited confirmation with a reason: a missing self-assessment only delays the
/// person's own say (Decree 335 lets the manager evaluate on the record when the person did not
/// self-assess by the deadline). The others may not: a cycle without everyone's rating has no score
/// to publish, and the appeal window and pending appeals protect the person's right to appeal.
/// </summary>
public static class CycleBlockers
{
    /// <summary>Whether a confirmation may override this kind of blocker.</summary>
    public static bool Overridable(BlockerKind kind) => kind == BlockerKind.NotSelfAssessed;

    /// <summary>
    /// Everything that keeps <paramref name="actor"/> from moving the cycle from <paramref name="from"/>
    /// to <paramref name="to"/> now; empty when it may move. The workflow's refusals come first
    /// (<see cref="CycleWorkflow.CanAdvance"/>), then the people still expected to act.
    /// </summary>
    public static IReadOnlyList<Blocker> Of(CycleStage from, CycleStage to, Actor actor, IReadOnlyList<PersonProgress> people, DateOnly today, StageDeadlines deadlines)
    {
        var facts = new CycleFacts(people.Count, people.Count(p => p.Rated), people.Count(p => p.AppealPending), people.Count(p => p.Reopened), today, deadlines);
        var refusal = CycleWorkflow.CanAdvance(from, to, actor, facts);
        var blockers = new List<Blocker>();
        switch (refusal)
        {
            case WorkflowRefusal.NotAllowed:
                return [Cycle(BlockerKind.NotAllowed, null)];
            case WorkflowRefusal.Locked:
                return [Cycle(BlockerKind.Locked, null)];
            case WorkflowRefusal.NotNextStage:
                return [Cycle(BlockerKind.WrongStage, null)];
            case WorkflowRefusal.AppealWindowClosed:
                blockers.Add(Cycle(BlockerKind.AppealWindowClosed, deadlines.Appeal));
                break;
            case WorkflowRefusal.AppealWindowOpen:
                blockers.Add(Cycle(BlockerKind.AppealWindowOpen, deadlines.Appeal));
                break;
        }

        var due = deadlines.DueOf(from);
        foreach (var p in people)
        {
            var kind = from switch
            {
                CycleStage.SelfAssessment when !p.SelfAssessed && !p.AwayAllPeriod => BlockerKind.NotSelfAssessed,
                CycleStage.ManagerRating when !p.Rated => BlockerKind.NotRated,
                CycleStage.Published when p.AppealPending => BlockerKind.AppealPending,
                CycleStage.Published when p.Reopened => BlockerKind.ReopenedNotRepublished,
                _ => (BlockerKind?)null,
            };
            if (kind is { } k)
            {
                blockers.Add(new Blocker(k, Overridable(k), p.StaffCode, p.StaffName, k == BlockerKind.NotSelfAssessed ? due : null));
            }
        }

        return blockers;
    }

    /// <summary>Whether the cycle moves: with no blocker, or on a confirmation when every blocker may be overridden.</summary>
    public static bool MayAdvance(IReadOnlyList<Blocker> blockers, bool confirmed) => blockers.Count == 0 || confirmed && blockers.All(b => b.Overridable);

    private static Blocker Cycle(BlockerKind kind, DateOnly? deadline) => new(kind, Overridable(kind), null, null, deadline);
}
