using System.Globalization;
using GovKpi.Core.Access;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;

namespace GovKpi.Core.Tests.Evaluation.Cycles;

public class StageMoveTests
{
    private static readonly Actor Manager = new(Role.Manager, InScope: true, IsPerson: false, IsMember: false);
    private static readonly Actor Hr = new(Role.Hr, InScope: true, IsPerson: false, IsMember: false);

    private static StageMoveDecision Decide(CycleSample sample, CycleStage to, Actor actor, IReadOnlyList<Blocker> blockers, bool confirm, string? reason) =>
        StageMove.Decide(sample.Cycle.Stage, to, actor, StageMove.Facts(sample.People, 0, CycleSample.Today, sample.Cycle.Deadlines), blockers, confirm, reason);

    [Fact]
    public void A_request_needs_a_stage_and_may_set_the_appeal_deadline_only_when_publishing_and_not_in_the_past()
    {
        var today = CycleSample.Today;

        Assert.Equal(["to"], StageMove.Check(null, null, false, null, today).All.Select(p => p.Field));
        Assert.Equal(0, StageMove.Check(CycleStage.Published, null, false, today.AddDays(10), today).Count);
        var early = StageMove.Check(CycleStage.Published, null, false, today.AddDays(-1), today).All.Single();
        Assert.Equal(("appealDeadline", "AppealDeadline", (object)today), (early.Field, early.Code, early.Arguments.Single()));
        Assert.Equal("AppealDeadline", StageMove.Check(CycleStage.Approved, null, false, today.AddDays(10), today).All.Single().Code);
        Assert.Equal("Reason", StageMove.Check(CycleStage.Feedback360, " ", true, null, today).All.Single().Code);
    }

    [Fact]
    public void Overriding_blockers_needs_a_confirmation_and_a_reason_and_is_audited_with_them()
    {
        var sample = new CycleSample(CycleStage.SelfAssessment);
        var blockers = new List<Blocker> { new(BlockerKind.NotSelfAssessed, true, "NV02", "Người NV02", null) };

        Assert.True(Decide(sample, CycleStage.Feedback360, Manager, blockers, confirm: false, "x").Blocked);
        Assert.Equal(("reason", "OverrideReason"), Decide(sample, CycleStage.Feedback360, Manager, blockers, confirm: true, " ").Problems.Select(p => (p.Field, p.Code)).Single());
        var decision = Decide(sample, CycleStage.Feedback360, Manager, blockers, confirm: true, "Đi công tác dài ngày");
        Assert.True(decision.Proceeds);

        var audit = sample.Trail();
        StageMove.Apply(sample.Cycle, sample.People, CycleStage.Feedback360, sample.Cycle.Deadlines, decision.Overridden, " Đi công tác dài ngày ", null, audit, new CodeWording());

        Assert.Equal(CycleStage.Feedback360, sample.Cycle.Stage);
        Assert.Equal(
            [(AuditActions.BlockersOverridden, "NotSelfAssessed: NV02 Người NV02", "Đi công tác dài ngày"), (AuditActions.StageAdvanced, "Feedback360", "Đi công tác dài ngày")],
            audit.Entries.Select(e => (e.Action, e.NewValue, e.Reason)));
    }

    [Fact]
    public void Many_cycles_move_together_only_when_none_is_blocked_or_the_move_is_confirmed()
    {
        var none = new List<Blocker>();
        var soft = new List<Blocker> { new(BlockerKind.NotSelfAssessed, true, "NV02", "Người NV02", null) };
        var firm = new List<Blocker> { new(BlockerKind.NotRated, false, "NV03", "Người NV03", null) };

        Assert.Null(StageMove.MovingTogether([none, soft], confirm: false));
        Assert.Equal([true, true], StageMove.MovingTogether([none, none], confirm: false));
        Assert.Equal([true, true, false], StageMove.MovingTogether([none, soft, firm], confirm: true));
    }

    [Fact]
    public void The_workflow_refuses_a_move_before_blockers_are_considered()
    {
        var sample = new CycleSample(CycleStage.SelfAssessment);

        Assert.Equal(WorkflowRefusal.NotAllowed, Decide(sample, CycleStage.Feedback360, Hr with { Role = Role.Staff }, [], false, null).Refusal);
        Assert.NotNull(Decide(sample, CycleStage.Published, Manager, [], false, null).Refusal);
    }

    [Fact]
    public void Leaving_calibration_applies_the_quota_and_sets_every_level_with_why()
    {
        var sample = new CycleSample(CycleStage.Calibration, "NV01", "NV02", "NV03", "NV04", "NV05", "NV06").Rated(96, 95, 80, 80, 80, 80);
        var audit = sample.Trail(new AuditActor("hr", "Phòng Tổ chức", Role.Hr));

        var moved = StageMove.Apply(sample.Cycle, sample.People, CycleStage.Approved, sample.Cycle.Deadlines, [], null, sample.Population(), audit, new CodeWording());

        Assert.Empty(moved.Results);
        var quota = audit.Entries.Single(e => e.Action == AuditActions.QuotaApplied);
        Assert.Equal(("A/Professional", "people=6; eligibleHtxs=2; httByScore=4; allowedHtxs=1; moved=NV02", "quota 0.2"), (quota.Field, quota.NewValue, quota.Reason));
        var levels = audit.Entries.Where(e => e.Action == AuditActions.LevelSet).ToDictionary(e => e.StaffCode!);
        Assert.Equal(("Htxs", "Htxs", "Band Htxs->Htxs 96"), (levels["NV01"].OldValue, levels["NV01"].NewValue, levels["NV01"].Reason));
        Assert.Equal(("Htxs", "Htt", "Quota Htxs->Htt 95"), (levels["NV02"].OldValue, levels["NV02"].NewValue, levels["NV02"].Reason));
        Assert.Equal((ClassificationLevel.Htt, ClassificationReason.Quota), (sample["NV02"].Level, sample["NV02"].LevelReason));
        Assert.Equal(CycleStage.Approved, sample.Cycle.Stage);
    }

    [Fact]
    public void Leaving_approval_publishes_version_1_of_every_result()
    {
        var sample = new CycleSample(CycleStage.Approved).Rated(92, 75, 60);
        foreach (var e in sample.People)
        {
            e.Level = sample.Cycle.Policy.Bands.LevelOf(e.Score!.Value);
            e.LevelReason = ClassificationReason.Band;
        }

        var audit = sample.Trail(new AuditActor("hr", "Phòng Tổ chức", Role.Hr));
        var moved = StageMove.Apply(sample.Cycle, sample.People, CycleStage.Published, sample.Cycle.Deadlines, [], null, null, audit, new CodeWording());

        Assert.Equal([1, 1, 1], moved.Results.Select(r => r.Version));
        Assert.Equal([92m, 75m, 60m], moved.Results.Select(r => r.Score));
        Assert.All(moved.Results, r => Assert.Equal(("hr", CycleSample.Now), (r.PublishedBy, r.PublishedAt)));
        Assert.All(sample.People, e => Assert.Equal((ResultState.Published, 1), (e.State, e.ResultVersion)));
        Assert.Equal(CycleSample.Now, sample.Cycle.PublishedAt);
        Assert.Equal(["v1: 92 HTXS", "v1: 75 HTT", "v1: 60 HT"],
            audit.Entries.Where(e => e.Action == AuditActions.ResultPublished).Select(e => e.NewValue));
    }

    [Fact]
    public void A_new_appeal_deadline_is_audited_before_the_move()
    {
        var sample = new CycleSample(CycleStage.Approved).Rated(92, 75, 60);
        foreach (var e in sample.People)
        {
            (e.Level, e.LevelReason) = (ClassificationLevel.Htt, ClassificationReason.Band);
        }

        var old = sample.Cycle.Deadlines.Appeal;
        var later = StageMove.Deadlines(sample.Cycle.Deadlines, old.AddDays(7));
        var audit = sample.Trail();

        StageMove.Apply(sample.Cycle, sample.People, CycleStage.Published, later, [], "Kéo dài", null, audit, new CodeWording());

        var first = audit.Entries[0];
        Assert.Equal((AuditActions.DeadlineChanged, "deadlines.appeal", old.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), old.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "Kéo dài"),
            (first.Action, first.Field, first.OldValue, first.NewValue, first.Reason));
        Assert.Equal(old.AddDays(7), sample.Cycle.Deadlines.Appeal);
    }
}
