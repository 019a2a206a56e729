using System.Globalization;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.Notifications;
using GovKpi.Core.Tests.Evaluation.Cycles;

namespace GovKpi.Core.Tests.Notifications;

public class EvaluationNoticesTests
{
    private static IReadOnlyList<Notification> Due(CycleSample sample, DateOnly today,
        IReadOnlyCollection<RespondentRequest>? requested = null, IReadOnlyCollection<FeedbackRespondent>? answered = null) =>
        EvaluationNotices.Due([sample.Cycle], sample.People.ToLookup(e => e.CycleId), requested ?? [], answered ?? [], today, CycleSample.Now);

    private static FeedbackRespondent Answered(CycleSample sample, string about, string by) => new() { EvaluationId = sample[about].Id, RespondentCode = by };

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
        Assert.Equal(["2026-03", "13/04/2026", "Phòng Một"], notices[0].Subject.Arguments);
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
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"cycle-reminder:{sample.Cycle.Id:N}:NV02:{deadline:yyyy-MM-dd}"), near.First(n => n.Kind == NotificationKind.EvaluationReminder).SourceKey);
    }

    [Fact]
    public void A_moved_deadline_is_told_again_under_a_new_key_and_a_cycle_past_self_assessment_tells_nothing()
    {
        var sample = new CycleSample();
        var first = Due(sample, CycleSample.Today).Single(n => n.RecipientStaffCode == "NV01").SourceKey;
        sample.Cycle.Deadlines = sample.Cycle.Deadlines with { SelfAssessment = sample.Cycle.Deadlines.SelfAssessment.AddDays(2) };
        var moved = Due(sample, CycleSample.Today).Single(n => n.RecipientStaffCode == "NV01").SourceKey;
        var later = Due(new CycleSample(CycleStage.ManagerRating), CycleSample.Today);

        Assert.NotEqual(first, moved);
        Assert.Empty(later);
    }

    [Fact]
    public void At_the_360_stage_each_person_with_a_colleague_or_a_requested_person_still_to_answer_is_reminded_once()
    {
        var sample = new CycleSample(CycleStage.Feedback360);
        // NV01 answered both colleagues; NV02 answered NV01 only; NV03 nobody; OUT1 was asked about NV01 and answered, OUT2 was asked and did not.
        FeedbackRespondent[] answered =
        [
            Answered(sample, "NV02", "NV01"), Answered(sample, "NV03", "NV01"), Answered(sample, "NV01", "NV02"), Answered(sample, "NV01", "OUT1"),
        ];
        RespondentRequest[] requested =
        [
            new() { EvaluationId = sample["NV01"].Id, RespondentCode = "OUT1", RequestedBy = "manager" },
            new() { EvaluationId = sample["NV02"].Id, RespondentCode = "OUT2", RequestedBy = "manager" },
        ];

        var notices = Due(sample, CycleSample.Today, requested, answered);

        Assert.Equal(["NV02", "NV03", "OUT2"], notices.Select(n => n.RecipientStaffCode));
        Assert.All(notices, n => Assert.Equal(NotificationKind.EvaluationReminder, n.Kind));
        Assert.Equal("Notifications.EvaluationReminder.Feedback360.Subject", notices[0].Subject.Key);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"cycle-feedback:{sample.Cycle.Id:N}:OUT2:{sample.Cycle.Deadlines.Feedback360:yyyy-MM-dd}"), notices[2].SourceKey);
    }

    [Fact]
    public void A_published_result_tells_its_person_until_when_to_appeal_and_nothing_after_that_day()
    {
        var sample = new CycleSample().Rated(80, 70, 60).Published();
        sample["NV03"].State = ResultState.Reopened;
        var appeal = sample.Cycle.Deadlines.Appeal;

        var open = Due(sample, appeal);
        var closed = Due(sample, appeal.AddDays(1));

        Assert.Equal(["NV01", "NV02"], open.Select(n => n.RecipientStaffCode));
        Assert.All(open, n => Assert.Equal((NotificationKind.EvaluationDeadline, "Notifications.EvaluationDeadline.Appeal.Subject"), (n.Kind, n.Subject.Key)));
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"cycle-appeal:{sample.Cycle.Id:N}:NV01:{appeal:yyyy-MM-dd}"), open[0].SourceKey);
        Assert.Empty(closed);
    }
}
