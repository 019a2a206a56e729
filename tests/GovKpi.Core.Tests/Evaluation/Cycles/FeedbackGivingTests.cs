using GovKpi.Core.Evaluation.Cycles;

namespace GovKpi.Core.Tests.Evaluation.Cycles;

public class FeedbackGivingTests
{
    private static readonly Dictionary<string, int> Fours = Feedback360.Questions.ToDictionary(q => q, _ => 4);

    [Fact]
    public void An_answer_is_kept_apart_from_who_gave_it_and_audited_anonymously()
    {
        var sample = new CycleSample(CycleStage.Feedback360);
        var audit = sample.Trail(CycleSample.Person);

        var change = FeedbackGiving.Give(sample["NV02"], "NV01", Fours, " Hợp tác tốt ", alreadyAnswered: false, audit);

        var (respondent, answer) = change.Applied!;
        Assert.Equal(("NV01", sample["NV02"].Id), (respondent.RespondentCode, respondent.EvaluationId));
        Assert.Equal(("Hợp tác tốt", 4), (answer.Comment, answer.Ratings["initiative"]));
        Assert.Equal(4, answer.Id.Version);
        var entry = Assert.Single(audit.Entries);
        Assert.Equal((AuditActions.FeedbackReceived, AuditActor.AnonymousUserName, "", "Colleague"), (entry.Action, entry.Actor, entry.ActorName, entry.ActorRole));
    }

    [Fact]
    public void A_second_answer_from_the_same_colleague_is_refused()
    {
        var sample = new CycleSample(CycleStage.Feedback360);
        var audit = sample.Trail();

        var change = FeedbackGiving.Give(sample["NV02"], "NV01", Fours, null, alreadyAnswered: true, audit);

        Assert.Equal(("FeedbackTwice", (object)"Người NV02"), (change.Conflict!.Code, change.Conflict.Arguments.Single()));
        Assert.Empty(audit.Entries);
    }

    [Fact]
    public void Every_question_needs_a_rating_on_the_scale_and_unknown_questions_are_named()
    {
        var sample = new CycleSample(CycleStage.Feedback360);
        var ratings = new Dictionary<string, int>(Fours) { ["initiative"] = 6, ["charisma"] = 3 };
        ratings.Remove("cooperation");

        var change = FeedbackGiving.Give(sample["NV02"], "NV01", ratings, new string('x', Feedback360.MaximumCommentLength + 1), false, sample.Trail());

        Assert.Equal(["ratings.cooperation", "ratings.initiative", "ratings.charisma", "comment"], change.Problems.Select(p => p.Field));
        Assert.Equal(["FeedbackRating", "FeedbackRating", "FeedbackQuestion", "TooLong"], change.Problems.Select(p => p.Code));
    }
}
