using GovKpi.Core.Access;

namespace GovKpi.Core.Evaluation.Cycles;

/// <summary>
/// Who acts, as far as the workflow cares: the account's role, whether the cycle's unit lies in
/// the account's unit scope, whether the account is the person evaluated, and whether it is a
/// member of the cycle (a colleague in the same unit).
/// </summary>
public sealed record Actor(Role Role, bool InScope, bool IsPerson, bool IsMember)
{
    /// <summary>Asked by the unit's manager or HR to give 360° feedback on this person, from any unit of the province.</summary>
    public bool IsRespondent { get; init; }

    /// <summary>A manager of the unit acting on someone else's evaluation.</summary>
    public bool ManagesUnit => Role == Role.Manager && InScope && !IsPerson;

    /// <summary>HR of the province acting on someone else's evaluation (and rating unit heads, who have no manager account above them).</summary>
    public bool IsHr => Role == Role.Hr && InScope && !IsPerson;
}

/// <summary>Why the workflow refuses a step. <see cref="NotAllowed"/> is a question of who; the others of when.</summary>
public enum WorkflowRefusal
{
    /// <summary>This actor may never do this here (HTTP 403).</summary>
    NotAllowed,
    /// <summary>Not in the stage where this is done.</summary>
    WrongStage,
    /// <summary>The stage asked for is not the next one.</summary>
    NotNextStage,
    /// <summary>Everyone must be rated before the collective review.</summary>
    NotAllRated,
    /// <summary>The appeal deadline has passed (or, at publication, lies in the past).</summary>
    AppealWindowClosed,
    /// <summary>The cycle cannot be locked while the appeal window is open.</summary>
    AppealWindowOpen,
    /// <summary>The cycle cannot be locked while an appeal waits for a decision.</summary>
    AppealsPending,
    /// <summary>The cycle cannot be locked while a reopened result waits to be published again.</summary>
    ReopenedNotRepublished,
    /// <summary>The result is published: it changes only after an upheld appeal.</summary>
    ResultPublished,
    /// <summary>There is no published result to appeal (not published yet, or reopened and waiting to be published again).</summary>
    NothingToAppeal,
    /// <summary>An appeal of this person already waits for a decision.</summary>
    AppealAlreadyPending,
    /// <summary>A reopened result must be rated again before it is published again.</summary>
    NotRerated,
    /// <summary>Only a result reopened by an upheld appeal is published again.</summary>
    NotReopened,
    /// <summary>The cycle is locked.</summary>
    Locked,
}

/// <summary>What the workflow needs to know about a cycle to let it move on.</summary>
public sealed record CycleFacts(int Evaluations, int Rated, int PendingAppeals, int ReopenedResults, DateOnly Today, StageDeadlines Deadlines);

/// <summary>What the workflow needs to know about one person's evaluation.</summary>
public sealed record EvaluationFacts(ResultState State, bool AppealPending, bool ReratedSinceReopened, DateOnly Today, DateOnly AppealDeadline);

/// <summary>
/// The evaluation cycle as a state machine: the order of the stages, who moves a cycle from one
/// stage to the next, and who may do what to an evaluation in which stage. Pure: the caller
/// gathers the facts, this decides. Roles per stage are documented in docs/EVALUATION.md.
/// </summary>
public static class CycleWorkflow
{
    public static IReadOnlyList<CycleStage> Stages { get; } = Enum.GetValues<CycleStage>();

    /// <summary>The stage after <paramref name="stage"/>, or null for <see cref="CycleStage.Locked"/>.</summary>
    public static CycleStage? Next(CycleStage stage) => stage == CycleStage.Locked ? null : stage + 1;

    /// <summary>
    /// Who moves a cycle out of <paramref name="from"/>. The unit's manager runs the unit's steps
    /// and the head approves; HR (Sở Nội vụ) applies the quota, which spans the agency and so is
    /// beyond one unit's manager. Either may open the routine stages and close the cycle.
    /// </summary>
    public static IReadOnlyList<Role> Advancers(CycleStage from) => from switch
    {
        CycleStage.Calibration => [Role.Hr],
        CycleStage.HeadApproval => [Role.Manager],
        CycleStage.Locked => [],
        _ => [Role.Manager, Role.Hr],
    };

    /// <summary>Null when <paramref name="actor"/> may move the cycle from <paramref name="from"/> to <paramref name="to"/> now.</summary>
    public static WorkflowRefusal? CanAdvance(CycleStage from, CycleStage to, Actor actor, CycleFacts facts)
    {
        if (from == CycleStage.Locked)
        {
            return actor.InScope && actor.Role is Role.Manager or Role.Hr ? WorkflowRefusal.Locked : WorkflowRefusal.NotAllowed;
        }

        if (!actor.InScope || !Advancers(from).Contains(actor.Role))
        {
            return WorkflowRefusal.NotAllowed;
        }

        if (Next(from) != to)
        {
            return WorkflowRefusal.NotNextStage;
        }

        return from switch
        {
            CycleStage.ManagerRating when facts.Rated < facts.Evaluations => WorkflowRefusal.NotAllRated,
            CycleStage.Approved when facts.Deadlines.Appeal < facts.Today => WorkflowRefusal.AppealWindowClosed,
            CycleStage.Published when facts.Today <= facts.Deadlines.Appeal => WorkflowRefusal.AppealWindowOpen,
            CycleStage.Published when facts.PendingAppeals > 0 => WorkflowRefusal.AppealsPending,
            CycleStage.Published when facts.ReopenedResults > 0 => WorkflowRefusal.ReopenedNotRepublished,
            _ => null,
        };
    }

    /// <summary>Null when <paramref name="actor"/> may do <paramref name="action"/> to an evaluation of a cycle in <paramref name="stage"/>.</summary>
    public static WorkflowRefusal? CanDo(EvaluationAction action, CycleStage stage, Actor actor, EvaluationFacts facts)
    {
        var allowed = action switch
        {
            EvaluationAction.SelfAssess or EvaluationAction.Appeal => actor.IsPerson,
            EvaluationAction.GiveFeedback => (actor.IsMember || actor.IsRespondent) && !actor.IsPerson,
            EvaluationAction.Rate or EvaluationAction.DecideAppeal or EvaluationAction.Republish or EvaluationAction.AskRespondents => actor.ManagesUnit || actor.IsHr,
            EvaluationAction.Comment => actor.IsPerson || actor.ManagesUnit,
            _ => false,
        };
        if (!allowed)
        {
            return WorkflowRefusal.NotAllowed;
        }

        if (stage == CycleStage.Locked)
        {
            return WorkflowRefusal.Locked;
        }

        return action switch
        {
            EvaluationAction.SelfAssess => stage == CycleStage.SelfAssessment ? null : WorkflowRefusal.WrongStage,
            EvaluationAction.GiveFeedback => stage == CycleStage.Feedback360 ? null : WorkflowRefusal.WrongStage,
            EvaluationAction.AskRespondents => stage <= CycleStage.Feedback360 ? null : WorkflowRefusal.WrongStage,
            EvaluationAction.Rate => CanRate(stage, facts),
            EvaluationAction.Appeal => CanAppeal(stage, facts),
            EvaluationAction.DecideAppeal => stage == CycleStage.Published ? null : WorkflowRefusal.WrongStage,
            EvaluationAction.Republish => stage != CycleStage.Published ? WorkflowRefusal.WrongStage
                : facts.State != ResultState.Reopened ? WorkflowRefusal.NotReopened
                : facts.ReratedSinceReopened ? null : WorkflowRefusal.NotRerated,
            _ => null,
        };
    }

    /// <summary>
    /// Ratings change in the rating stages; once a result is published, only after an upheld
    /// appeal has reopened it, so that what the unit saw published cannot silently change.
    /// </summary>
    private static WorkflowRefusal? CanRate(CycleStage stage, EvaluationFacts facts) => stage switch
    {
        CycleStage.ManagerRating or CycleStage.CollectiveReview => null,
        CycleStage.Published when facts.State == ResultState.Reopened => null,
        CycleStage.Published => WorkflowRefusal.ResultPublished,
        _ => WorkflowRefusal.WrongStage,
    };

    private static WorkflowRefusal? CanAppeal(CycleStage stage, EvaluationFacts facts)
    {
        if (stage != CycleStage.Published)
        {
            return WorkflowRefusal.WrongStage;
        }

        if (facts.State != ResultState.Published)
        {
            return WorkflowRefusal.NothingToAppeal;
        }

        if (facts.AppealPending)
        {
            return WorkflowRefusal.AppealAlreadyPending;
        }

        return facts.Today <= facts.AppealDeadline ? null : WorkflowRefusal.AppealWindowClosed;
    }
}
