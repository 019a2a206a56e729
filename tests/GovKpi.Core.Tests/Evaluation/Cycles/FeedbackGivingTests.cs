using GovKpi.Core.Evaluation.Cycles;

namespace GovKpi.Core.Tests.Evaluation.Cycles;

public class FeedbackGivingTests
{
    private static readonly Dictionary<string, int> Fours = Feedback360.Questions.ToDictionary(q => q, _ => 4);

    [Fact]
    public void An_answer_is_kept_apart_from_who_gave_it_and_leaves_no_trace_in_the_audit_trail()
    {
        var sample = new CycleSample(CycleStage.Feedback360);
        var sequence = sample.Cycle.AuditSequence;

        var change = FeedbackGiving.Give(sample["NV02"], "NV01", Fours, " Hợp tác tốt ", alreadyAnswered: false);

        var (respondent, answer) = change.Applied!;
        Assert.Equal(("NV01", sample["NV02"].Id), (respondent.RespondentCode, respondent.EvaluationId));
        Assert.Equal(("Hợp tác tốt", 4), (answer.Comment, answer.Ratings["initiative"]));
        Assert.Equal(4, answer.Id.Version);
        Assert.Equal(sequence, sample.Cycle.AuditSequence);
    }

    [Fact]
    public void Closing_the_360_stage_records_each_persons_number_of_answers_at_one_instant_and_never_a_number_below_three()
    {
        var sample = new CycleSample(CycleStage.Feedback360);
        var audit = sample.Trail();
        var answers = new Dictionary<Guid, int> { [sample["NV01"].Id] = 3, [sample["NV02"].Id] = 2 };

        StageMove.Apply(sample.Cycle, sample.People, CycleStage.ManagerRating, sample.Cycle.Deadlines, [], null, null, audit, new CodeWording(), answers);

        var received = audit.Entries.Where(e => e.Action == AuditActions.FeedbackReceived).ToList();
        Assert.Equal([("NV01", "3"), ("NV02", Feedback360.WithheldCount)], received.Select(e => (e.StaffCode!, e.NewValue)));
        Assert.Single(audit.Entries.Select(e => e.At).Distinct());
        Assert.DoesNotContain(audit.Entries, e => e.Actor == AuditActor.AnonymousUserName);
    }

    [Fact]
    public void A_second_answer_from_the_same_colleague_is_refused()
    {
        var sample = new CycleSample(CycleStage.Feedback360);

        var change = FeedbackGiving.Give(sample["NV02"], "NV01", Fours, null, alreadyAnswered: true);

        Assert.Equal(("FeedbackTwice", (object)"Người NV02"), (change.Conflict!.Code, change.Conflict.Arguments.Single()));
    }

    [Fact]
    public void Every_question_needs_a_rating_on_the_scale_and_unknown_questions_are_named()
    {
        var sample = new CycleSample(CycleStage.Feedback360);
        var ratings = new Dictionary<string, int>(Fours) { ["initiative"] = 6, ["charisma"] = 3 };
        ratings.Remove("cooperation");

        var change = FeedbackGiving.Give(sample["NV02"], "NV01", ratings, new string('x', Feedback360.MaximumCommentLength + 1), false);

        Assert.Equal(["ratings.cooperation", "ratings.initiative", "ratings.charisma", "comment"], change.Problems.Select(p => p.Field));
        Assert.Equal(["FeedbackRating", "FeedbackRating", "FeedbackQuestion", "TooLong"], change.Problems.Select(p => p.Code));
    }
}
