using GovKpi.Core.Access;
using GovKpi.Core.Evaluation.Cycles;

namespace GovKpi.Core.Tests.Evaluation.Cycles;

public class CycleWorkflowTests
{
    private static readonly DateOnly Today = new(2026, 4, 10);
    private static readonly StageDeadlines Deadlines = StageDeadlines.Default(Today);

    private static readonly Actor Manager = new(Role.Manager, InScope: true, IsPerson: false, IsMember: false);
    private static readonly Actor Hr = new(Role.Hr, InScope: true, IsPerson: false, IsMember: false);
    private static readonly Actor Person = new(Role.Staff, InScope: true, IsPerson: true, IsMember: true);
    private static readonly Actor Colleague = new(Role.Staff, InScope: true, IsPerson: false, IsMember: true);
    private static readonly Actor Auditor = new(Role.Auditor, InScope: true, IsPerson: false, IsMember: false);
    private static readonly Actor OtherUnitsManager = new(Role.Manager, InScope: false, IsPerson: false, IsMember: false);

    private static CycleFacts Facts(int evaluations = 3, int rated = 3, int pendingAppeals = 0, int reopened = 0, DateOnly? today = null) =>
        new(evaluations, rated, pendingAppeals, reopened, today ?? Today, Deadlines);

    private static EvaluationFacts Draft(DateOnly? today = null) => new(ResultState.Draft, false, false, today ?? Today, Deadlines.Appeal);

    private static EvaluationFacts Published(bool appealPending = false, DateOnly? today = null) =>
        new(ResultState.Published, appealPending, false, today ?? Today, Deadlines.Appeal);

    [Fact]
    public void The_stages_run_in_the_order_of_the_law_and_end_locked()
    {
        var order = new List<CycleStage> { CycleStage.SelfAssessment };
        while (CycleWorkflow.Next(order[^1]) is { } next)
        {
            order.Add(next);
        }

        Assert.Equal(
            [CycleStage.SelfAssessment, CycleStage.Feedback360, CycleStage.ManagerRating, CycleStage.CollectiveReview, CycleStage.Calibration,
             CycleStage.HeadApproval, CycleStage.Approved, CycleStage.Published, CycleStage.Locked],
            order);
    }

    [Theory]
    [InlineData(CycleStage.SelfAssessment, CycleStage.ManagerRating)]
    [InlineData(CycleStage.Feedback360, CycleStage.Published)]
    [InlineData(CycleStage.ManagerRating, CycleStage.Feedback360)]
    [InlineData(CycleStage.CollectiveReview, CycleStage.CollectiveReview)]
    public void A_stage_cannot_be_skipped_or_repeated(CycleStage from, CycleStage to)
    {
        Assert.Equal(WorkflowRefusal.NotNextStage, CycleWorkflow.CanAdvance(from, to, Hr, Facts()));
    }

    [Fact]
    public void Only_HR_calibrates_and_only_the_unit_manager_gives_the_heads_approval()
    {
        Assert.Equal(WorkflowRefusal.NotAllowed, CycleWorkflow.CanAdvance(CycleStage.Calibration, CycleStage.HeadApproval, Manager, Facts()));
        Assert.Null(CycleWorkflow.CanAdvance(CycleStage.Calibration, CycleStage.HeadApproval, Hr, Facts()));
        Assert.Equal(WorkflowRefusal.NotAllowed, CycleWorkflow.CanAdvance(CycleStage.HeadApproval, CycleStage.Approved, Hr, Facts()));
        Assert.Null(CycleWorkflow.CanAdvance(CycleStage.HeadApproval, CycleStage.Approved, Manager, Facts()));
    }

    [Theory]
    [InlineData(CycleStage.SelfAssessment)]
    [InlineData(CycleStage.ManagerRating)]
    [InlineData(CycleStage.Approved)]
    public void Staff_auditors_and_managers_of_other_units_never_move_a_cycle(CycleStage from)
    {
        var to = CycleWorkflow.Next(from)!.Value;
        Assert.Equal(WorkflowRefusal.NotAllowed, CycleWorkflow.CanAdvance(from, to, Person, Facts()));
        Assert.Equal(WorkflowRefusal.NotAllowed, CycleWorkflow.CanAdvance(from, to, Auditor, Facts()));
        Assert.Equal(WorkflowRefusal.NotAllowed, CycleWorkflow.CanAdvance(from, to, OtherUnitsManager, Facts()));
    }

    [Fact]
    public void The_collective_review_waits_until_everyone_is_rated()
    {
        Assert.Equal(WorkflowRefusal.NotAllRated, CycleWorkflow.CanAdvance(CycleStage.ManagerRating, CycleStage.CollectiveReview, Manager, Facts(rated: 2)));
        Assert.Null(CycleWorkflow.CanAdvance(CycleStage.ManagerRating, CycleStage.CollectiveReview, Manager, Facts(rated: 3)));
    }

    [Fact]
    public void Publishing_needs_an_appeal_deadline_that_has_not_passed()
    {
        var late = Deadlines.Appeal.AddDays(1);
        Assert.Equal(WorkflowRefusal.AppealWindowClosed, CycleWorkflow.CanAdvance(CycleStage.Approved, CycleStage.Published, Manager, Facts(today: late)));
        Assert.Null(CycleWorkflow.CanAdvance(CycleStage.Approved, CycleStage.Published, Manager, Facts(today: Deadlines.Appeal)));
    }

    [Fact]
    public void Locking_waits_for_the_end_of_the_appeal_window_every_decision_and_every_republication()
    {
        var after = Deadlines.Appeal.AddDays(1);
        Assert.Equal(WorkflowRefusal.AppealWindowOpen, CycleWorkflow.CanAdvance(CycleStage.Published, CycleStage.Locked, Manager, Facts(today: Deadlines.Appeal)));
        Assert.Equal(WorkflowRefusal.AppealsPending, CycleWorkflow.CanAdvance(CycleStage.Published, CycleStage.Locked, Manager, Facts(pendingAppeals: 1, today: after)));
        Assert.Equal(WorkflowRefusal.ReopenedNotRepublished, CycleWorkflow.CanAdvance(CycleStage.Published, CycleStage.Locked, Hr, Facts(reopened: 1, today: after)));
        Assert.Null(CycleWorkflow.CanAdvance(CycleStage.Published, CycleStage.Locked, Hr, Facts(today: after)));
    }

    [Fact]
    public void A_locked_cycle_moves_no_more()
    {
        Assert.Null(CycleWorkflow.Next(CycleStage.Locked));
        Assert.Equal(WorkflowRefusal.Locked, CycleWorkflow.CanAdvance(CycleStage.Locked, CycleStage.Locked, Hr, Facts()));
        Assert.Equal(WorkflowRefusal.Locked, CycleWorkflow.CanDo(EvaluationAction.Comment, CycleStage.Locked, Person, Published()));
    }

    [Fact]
    public void Each_piece_of_an_evaluation_is_written_in_its_own_stage()
    {
        Assert.Null(CycleWorkflow.CanDo(EvaluationAction.SelfAssess, CycleStage.SelfAssessment, Person, Draft()));
        Assert.Equal(WorkflowRefusal.WrongStage, CycleWorkflow.CanDo(EvaluationAction.SelfAssess, CycleStage.Feedback360, Person, Draft()));
        Assert.Null(CycleWorkflow.CanDo(EvaluationAction.GiveFeedback, CycleStage.Feedback360, Colleague, Draft()));
        Assert.Equal(WorkflowRefusal.WrongStage, CycleWorkflow.CanDo(EvaluationAction.GiveFeedback, CycleStage.SelfAssessment, Colleague, Draft()));
        Assert.Equal(WorkflowRefusal.WrongStage, CycleWorkflow.CanDo(EvaluationAction.Rate, CycleStage.Feedback360, Manager, Draft()));
        Assert.Null(CycleWorkflow.CanDo(EvaluationAction.Rate, CycleStage.ManagerRating, Manager, Draft()));
        Assert.Null(CycleWorkflow.CanDo(EvaluationAction.Rate, CycleStage.CollectiveReview, Hr, Draft()));
        Assert.Equal(WorkflowRefusal.WrongStage, CycleWorkflow.CanDo(EvaluationAction.Rate, CycleStage.Calibration, Manager, Draft()));
    }

    [Fact]
    public void Nobody_rates_or_gives_feedback_on_themselves_and_only_the_person_self_assesses()
    {
        var managerOnOwn = new Actor(Role.Manager, InScope: true, IsPerson: true, IsMember: true);
        Assert.Equal(WorkflowRefusal.NotAllowed, CycleWorkflow.CanDo(EvaluationAction.Rate, CycleStage.ManagerRating, managerOnOwn, Draft()));
        Assert.Equal(WorkflowRefusal.NotAllowed, CycleWorkflow.CanDo(EvaluationAction.GiveFeedback, CycleStage.Feedback360, Person, Draft()));
        Assert.Equal(WorkflowRefusal.NotAllowed, CycleWorkflow.CanDo(EvaluationAction.SelfAssess, CycleStage.SelfAssessment, Colleague, Draft()));
        Assert.Equal(WorkflowRefusal.NotAllowed, CycleWorkflow.CanDo(EvaluationAction.Rate, CycleStage.ManagerRating, Colleague, Draft()));
        Assert.Equal(WorkflowRefusal.NotAllowed, CycleWorkflow.CanDo(EvaluationAction.Rate, CycleStage.ManagerRating, OtherUnitsManager, Draft()));
    }

    [Fact]
    public void Only_colleagues_of_the_same_cycle_give_360_feedback()
    {
        var outsider = new Actor(Role.Staff, InScope: false, IsPerson: false, IsMember: false);
        Assert.Equal(WorkflowRefusal.NotAllowed, CycleWorkflow.CanDo(EvaluationAction.GiveFeedback, CycleStage.Feedback360, outsider, Draft()));
        Assert.Equal(WorkflowRefusal.NotAllowed, CycleWorkflow.CanDo(EvaluationAction.GiveFeedback, CycleStage.Feedback360, Manager, Draft()));
    }

    [Fact]
    public void A_published_result_is_rated_again_only_after_an_upheld_appeal_reopened_it()
    {
        Assert.Equal(WorkflowRefusal.ResultPublished, CycleWorkflow.CanDo(EvaluationAction.Rate, CycleStage.Published, Manager, Published()));
        var reopened = new EvaluationFacts(ResultState.Reopened, false, false, Today, Deadlines.Appeal);
        Assert.Null(CycleWorkflow.CanDo(EvaluationAction.Rate, CycleStage.Published, Manager, reopened));
        Assert.Equal(WorkflowRefusal.NotRerated, CycleWorkflow.CanDo(EvaluationAction.Republish, CycleStage.Published, Manager, reopened));
        Assert.Null(CycleWorkflow.CanDo(EvaluationAction.Republish, CycleStage.Published, Manager, reopened with { ReratedSinceReopened = true }));
        Assert.Equal(WorkflowRefusal.NotReopened, CycleWorkflow.CanDo(EvaluationAction.Republish, CycleStage.Published, Manager, Published()));
    }

    [Fact]
    public void The_person_appeals_once_at_a_time_within_the_window_and_does_not_decide_it()
    {
        Assert.Null(CycleWorkflow.CanDo(EvaluationAction.Appeal, CycleStage.Published, Person, Published(today: Deadlines.Appeal)));
        Assert.Equal(WorkflowRefusal.AppealWindowClosed, CycleWorkflow.CanDo(EvaluationAction.Appeal, CycleStage.Published, Person, Published(today: Deadlines.Appeal.AddDays(1))));
        Assert.Equal(WorkflowRefusal.AppealAlreadyPending, CycleWorkflow.CanDo(EvaluationAction.Appeal, CycleStage.Published, Person, Published(appealPending: true)));
        Assert.Equal(WorkflowRefusal.WrongStage, CycleWorkflow.CanDo(EvaluationAction.Appeal, CycleStage.Approved, Person, Draft()));
        Assert.Equal(WorkflowRefusal.NotAllowed, CycleWorkflow.CanDo(EvaluationAction.Appeal, CycleStage.Published, Colleague, Published()));
        Assert.Equal(WorkflowRefusal.NotAllowed, CycleWorkflow.CanDo(EvaluationAction.DecideAppeal, CycleStage.Published, Person, Published(appealPending: true)));
        Assert.Null(CycleWorkflow.CanDo(EvaluationAction.DecideAppeal, CycleStage.Published, Hr, Published(appealPending: true)));
    }

    [Fact]
    public void Comments_are_a_thread_between_the_person_and_their_manager()
    {
        Assert.Null(CycleWorkflow.CanDo(EvaluationAction.Comment, CycleStage.ManagerRating, Person, Draft()));
        Assert.Null(CycleWorkflow.CanDo(EvaluationAction.Comment, CycleStage.Published, Manager, Published()));
        Assert.Equal(WorkflowRefusal.NotAllowed, CycleWorkflow.CanDo(EvaluationAction.Comment, CycleStage.ManagerRating, Colleague, Draft()));
        Assert.Equal(WorkflowRefusal.NotAllowed, CycleWorkflow.CanDo(EvaluationAction.Comment, CycleStage.ManagerRating, Auditor, Draft()));
    }
}
