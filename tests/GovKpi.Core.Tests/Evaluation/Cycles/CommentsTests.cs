using GovKpi.Core.Evaluation.Cycles;

namespace GovKpi.Core.Tests.Evaluation.Cycles;

public class CommentsTests
{
    [Fact]
    public void A_comment_is_on_the_persons_side_when_the_person_writes_it_and_on_the_managers_otherwise()
    {
        var sample = new CycleSample();
        var person = sample["NV01"];

        var own = Comments.Add(person, "taskResults", " Xin xem lại ", byPerson: true, sample.Trail(CycleSample.Person)).Applied!;
        var reply = Comments.Add(person, "taskResults", "Đã xem", byPerson: false, sample.Trail()).Applied!;

        Assert.Equal((CommentSide.Person, "nv01", "Nguyễn Văn Một", "Xin xem lại", CycleSample.Now), (own.Side, own.Author, own.AuthorName, own.Text, own.At));
        Assert.Equal((CommentSide.Manager, "manager"), (reply.Side, reply.Author));
    }

    [Fact]
    public void A_comment_needs_a_known_item_and_a_text_of_bounded_length()
    {
        var sample = new CycleSample();

        var change = Comments.Add(sample["NV01"], "salary", new string('x', Feedback360.MaximumCommentLength + 1), true, sample.Trail());

        Assert.Equal([("item", "CommentItem"), ("text", "TooLong")], change.Problems.Select(p => (p.Field, p.Code)));
        Assert.Contains("feedback360", (string)change.Problems[0].Arguments.Single());
    }
}
