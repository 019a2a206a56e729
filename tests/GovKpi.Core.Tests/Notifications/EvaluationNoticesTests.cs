using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.Notifications;
using GovKpi.Core.Tests.Evaluation.Cycles;

namespace GovKpi.Core.Tests.Notifications;

public class EvaluationNoticesTests
{
    private static IReadOnlyList<Notification> Due(CycleSample sample, DateOnly today) =>
        EvaluationNotices.Due([sample.Cycle], sample.People.ToLookup(e => e.CycleId), today, CycleSample.Now);

    [Fact]
    public void Each_person_without_a_self_assessment_is_told_the_deadline_once_with_a_key_of_their_own()
    {
        var sample = new CycleSample();
        sample["NV02"].SelfAssessedAt = CycleSample.Now;

        var notices = Due(sample, CycleSample.Today);

        Assert.Equal(["NV01", "NV03"], notices.Select(n => n.RecipientStaffCode));
        Assert.All(notices, n => Assert.Equal(NotificationKind.EvaluationDeadline, n.Kind));
        Assert.Equal($"cycle-deadline:{sample.Cycle.Id:N}:NV01:2026-04-13", notices[0].SourceKey);
        Assert.Equal("Notifications.EvaluationDeadline.Subject", notices[0].Subject.Key);
        Assert.Equal(["2026-03", "13/04/2026"], notices[0].Subject.Arguments);
        Assert.Equal($"/evaluation/{sample["NV01"].Id}", notices[0].Link);
        Assert.Equal(notices.Select(n => n.SourceKey), Due(sample, CycleSample.Today).Select(n => n.SourceKey));
    }

    [Fact]
    public void The_reminder_comes_two_days_before_the_deadline_and_only_to_those_still_owing()
    {
        var sample = new CycleSample();
        var deadline = sample.Cycle.Deadlines.SelfAssessment;

        var early = Due(sample, deadline.AddDays(-3));
        sample["NV01"].SelfAssessedAt = CycleSample.Now;
        var near = Due(sample, deadline.AddDays(-2));

        Assert.DoesNotContain(early, n => n.Kind == NotificationKind.EvaluationReminder);
        Assert.Equal(["NV02", "NV03"], near.Where(n => n.Kind == NotificationKind.EvaluationReminder).Select(n => n.RecipientStaffCode));
        Assert.Equal($"cycle-reminder:{sample.Cycle.Id:N}:NV02:{deadline:yyyy-MM-dd}", near.First(n => n.Kind == NotificationKind.EvaluationReminder).SourceKey);
    }

    [Fact]
    public void A_moved_deadline_is_told_again_under_a_new_key_and_a_cycle_past_self_assessment_tells_nothing()
    {
        var sample = new CycleSample();
        var first = Due(sample, CycleSample.Today).Single(n => n.RecipientStaffCode == "NV01").SourceKey;
        sample.Cycle.Deadlines = sample.Cycle.Deadlines with { SelfAssessment = sample.Cycle.Deadlines.SelfAssessment.AddDays(2) };
        var moved = Due(sample, CycleSample.Today).Single(n => n.RecipientStaffCode == "NV01").SourceKey;
        var later = Due(new CycleSample(CycleStage.Feedback360), CycleSample.Today);

        Assert.NotEqual(first, moved);
        Assert.Empty(later);
    }
}
