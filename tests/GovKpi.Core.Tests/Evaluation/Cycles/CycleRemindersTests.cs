using GovKpi.Core.Access;
using GovKpi.Core.Evaluation.Cycles;

namespace GovKpi.Core.Tests.Evaluation.Cycles;

public class CycleRemindersTests
{
    private static readonly HashSet<string> Division = ["A.1"];

    private static IReadOnlyList<Reminder> For(CycleSample sample, string? me, Role role, IReadOnlySet<string>? scope = null,
        IReadOnlySet<Guid>? answered = null, IReadOnlySet<Guid>? appeals = null) =>
        CycleReminders.For([sample.Cycle], sample.People.ToLookup(e => e.CycleId),
            new ReminderFacts(me, role, scope ?? new HashSet<string>(), new HashSet<Guid>(), answered ?? new HashSet<Guid>(), appeals ?? new HashSet<Guid>(), CycleSample.Today));

    [Fact]
    public void A_person_is_reminded_of_their_own_self_assessment_until_written_and_their_manager_of_everyone_missing()
    {
        var sample = new CycleSample(CycleStage.SelfAssessment);
        sample["NV02"].SelfAssessedAt = CycleSample.Now;

        var mine = For(sample, "NV01", Role.Staff);
        var managers = For(sample, null, Role.Manager, Division);

        Assert.Equal((ReminderKind.SelfAssessment, "NV01", sample.Cycle.Deadlines.SelfAssessment), (mine.Single().Kind, mine.Single().About!.StaffCode, mine.Single().DueOn));
        Assert.Equal(["NV01", "NV03"], managers.Where(r => r.Kind == ReminderKind.SelfAssessmentMissing).Select(r => r.About!.StaffCode));
        Assert.Equal(CycleStage.Feedback360, managers.Single(r => r.Kind == ReminderKind.Advance).Next);
    }

    [Fact]
    public void In_the_360_stage_a_colleague_is_reminded_of_those_not_yet_answered_and_nobody_learns_who_answered()
    {
        var sample = new CycleSample(CycleStage.Feedback360);

        var mine = For(sample, "NV01", Role.Staff, answered: new HashSet<Guid> { sample["NV02"].Id });
        var managers = For(sample, null, Role.Manager, Division);

        Assert.Equal(["NV03"], mine.Where(r => r.Kind == ReminderKind.Feedback360).Select(r => r.About!.StaffCode));
        Assert.DoesNotContain(managers, r => r.Kind == ReminderKind.Feedback360);
    }

    [Fact]
    public void After_publication_the_person_sees_the_appeal_window_and_the_manager_the_appeals_to_decide()
    {
        var sample = new CycleSample().Rated(92, 75, 60).Published();

        var mine = For(sample, "NV01", Role.Staff);
        var managers = For(sample, null, Role.Manager, Division, appeals: new HashSet<Guid> { sample["NV03"].Id });

        Assert.Equal((ReminderKind.AppealWindow, sample.Cycle.Deadlines.Appeal), (mine.Single().Kind, mine.Single().DueOn));
        Assert.Equal(["NV03"], managers.Where(r => r.Kind == ReminderKind.AppealDecision).Select(r => r.About!.StaffCode));
    }

    [Fact]
    public void Hr_is_reminded_only_of_the_steps_only_hr_takes_and_nobody_outside_the_scope_manages()
    {
        var calibrating = new CycleSample(CycleStage.Calibration).Rated(92, 75, 60);
        var rating = new CycleSample(CycleStage.ManagerRating);

        Assert.Equal(ReminderKind.Advance, For(calibrating, null, Role.Hr, Division).Single().Kind);
        Assert.Empty(For(rating, null, Role.Hr, Division));
        Assert.Empty(For(rating, null, Role.Manager, new HashSet<string> { "B" }));
        Assert.Equal(3, For(rating, null, Role.Manager, Division).Count(r => r.Kind == ReminderKind.Rating));
    }
}
