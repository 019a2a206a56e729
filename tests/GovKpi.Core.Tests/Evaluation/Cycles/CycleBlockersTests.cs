using GovKpi.Core.Access;
using GovKpi.Core.Evaluation.Cycles;

namespace GovKpi.Core.Tests.Evaluation.Cycles;

public class CycleBlockersTests
{
    private static readonly DateOnly Today = new(2026, 4, 10);
    private static readonly StageDeadlines Deadlines = StageDeadlines.Default(Today);
    private static readonly Actor Manager = new(Role.Manager, InScope: true, IsPerson: false, IsMember: false);
    private static readonly Actor Hr = new(Role.Hr, InScope: true, IsPerson: false, IsMember: false);

    private static PersonProgress P(string code, bool self = true, bool rated = true, bool appeal = false, bool reopened = false, bool away = false) =>
        new(code, "Người " + code, self, rated, appeal, reopened, away);

    [Fact]
    public void Missing_self_assessments_are_listed_per_person_with_the_stage_deadline_and_may_be_overridden()
    {
        var blockers = CycleBlockers.Of(CycleStage.SelfAssessment, CycleStage.Feedback360, Manager, [P("A"), P("B", self: false), P("C", self: false)], Today, Deadlines);

        Assert.Equal(["B", "C"], blockers.Select(b => b.StaffCode));
        Assert.All(blockers, b => Assert.Equal((BlockerKind.NotSelfAssessed, true, Deadlines.SelfAssessment), (b.Kind, b.Overridable, b.Deadline)));
        Assert.False(CycleBlockers.MayAdvance(blockers, confirmed: false));
        Assert.True(CycleBlockers.MayAdvance(blockers, confirmed: true));
    }

    [Fact]
    public void Someone_on_leave_for_the_whole_period_does_not_block_for_a_self_assessment()
    {
        Assert.Empty(CycleBlockers.Of(CycleStage.SelfAssessment, CycleStage.Feedback360, Manager, [P("A"), P("B", self: false, away: true)], Today, Deadlines));
    }

    [Fact]
    public void Missing_ratings_block_leaving_the_rating_stage_even_when_confirmed()
    {
        var blockers = CycleBlockers.Of(CycleStage.ManagerRating, CycleStage.CollectiveReview, Manager, [P("A"), P("B", rated: false)], Today, Deadlines);

        Assert.Equal((BlockerKind.NotRated, false, "B"), (blockers.Single().Kind, blockers.Single().Overridable, blockers.Single().StaffCode));
        Assert.False(CycleBlockers.MayAdvance(blockers, confirmed: true));
    }

    [Fact]
    public void Locking_waits_for_the_appeal_window_and_pending_appeals_whatever_the_confirmation()
    {
        var blockers = CycleBlockers.Of(CycleStage.Published, CycleStage.Locked, Manager, [P("A", appeal: true), P("B", reopened: true)], Today, Deadlines);

        Assert.Equal([BlockerKind.AppealWindowOpen, BlockerKind.AppealPending, BlockerKind.ReopenedNotRepublished], blockers.Select(b => b.Kind));
        Assert.Equal(Deadlines.Appeal, blockers[0].Deadline);
        Assert.False(CycleBlockers.MayAdvance(blockers, confirmed: true));
    }

    [Fact]
    public void A_role_that_may_not_move_the_stage_or_a_stage_that_is_not_next_is_a_single_blocker_no_confirmation_overrides()
    {
        var manager = CycleBlockers.Of(CycleStage.Calibration, CycleStage.HeadApproval, Manager, [P("A")], Today, Deadlines);
        var skip = CycleBlockers.Of(CycleStage.SelfAssessment, CycleStage.ManagerRating, Hr, [P("A", self: false)], Today, Deadlines);

        Assert.Equal(BlockerKind.NotAllowed, manager.Single().Kind);
        Assert.Equal(BlockerKind.WrongStage, skip.Single().Kind);
        Assert.False(CycleBlockers.MayAdvance(manager, confirmed: true));
        Assert.False(CycleBlockers.MayAdvance(skip, confirmed: true));
    }

    [Fact]
    public void A_ready_cycle_has_no_blocker()
    {
        Assert.Empty(CycleBlockers.Of(CycleStage.Feedback360, CycleStage.ManagerRating, Hr, [P("A", self: false, rated: false)], Today, Deadlines));
    }

    [Theory]
    [InlineData(BlockerKind.NotSelfAssessed, true)]
    [InlineData(BlockerKind.NotRated, false)]
    [InlineData(BlockerKind.AppealPending, false)]
    [InlineData(BlockerKind.AppealWindowOpen, false)]
    [InlineData(BlockerKind.NotAllowed, false)]
    public void Only_a_missing_self_assessment_may_be_overridden(BlockerKind kind, bool overridable) =>
        Assert.Equal(overridable, CycleBlockers.Overridable(kind));
}
