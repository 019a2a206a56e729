using GovKpi.Core.Evaluation.Cycles;

namespace GovKpi.Core.Tests.Evaluation.Cycles;

public class SelfAssessmentTests
{
    [Fact]
    public void A_self_assessment_records_the_points_and_text_with_an_audit_entry_for_each()
    {
        var sample = new CycleSample();
        var person = sample["NV01"];
        var audit = sample.Trail(CycleSample.Person);

        var change = SelfAssessment.Record(sample.Cycle, person, 27m, 60.5m, "  Hoàn thành 12 hồ sơ.  ", audit, new CodeWording());

        Assert.True(change.IsApplied);
        Assert.Equal((27m, 60.5m, "Hoàn thành 12 hồ sơ.", CycleSample.Now), (person.SelfGeneralPoints, person.SelfTaskPoints, person.SelfAssessment, person.SelfAssessedAt));
        Assert.Equal(
            [("selfGeneralPoints", "", "27"), ("selfTaskPoints", "", "60.5"), ("selfAssessment", "", "Hoàn thành 12 hồ sơ.")],
            audit.Entries.Select(e => (e.Field, e.OldValue, e.NewValue)));
        Assert.All(audit.Entries, e => Assert.Equal((AuditActions.SelfAssessed, "nv01", "self", person.Id), (e.Action, e.Actor, e.Reason, e.EvaluationId!.Value)));
    }

    [Fact]
    public void Writing_it_again_unchanged_but_one_number_audits_only_that_number()
    {
        var sample = new CycleSample();
        var person = sample["NV01"];
        SelfAssessment.Record(sample.Cycle, person, 27m, 60m, "Đủ việc.", sample.Trail(), new CodeWording());
        var again = sample.Trail();

        SelfAssessment.Record(sample.Cycle, person, 27m, 62m, "Đủ việc.", again, new CodeWording());

        Assert.Equal(("selfTaskPoints", "60", "62"), (again.Entries.Single().Field, again.Entries.Single().OldValue, again.Entries.Single().NewValue));
    }

    [Fact]
    public void Points_beyond_the_policy_and_a_missing_text_are_refused_with_nothing_changed()
    {
        var sample = new CycleSample();
        var person = sample["NV01"];
        var audit = sample.Trail();

        var change = SelfAssessment.Record(sample.Cycle, person, 31m, 10.123m, " ", audit, new CodeWording());

        Assert.False(change.IsApplied);
        Assert.Equal(
            [("generalPoints", "Points.OutOfRange", 30m), ("taskPoints", "Points.TooPrecise", 70m)],
            change.Problems.Take(2).Select(p => (p.Field, p.Code, (decimal)p.Arguments.Single())));
        Assert.Equal(("text", "Required"), (change.Problems[2].Field, change.Problems[2].Code));
        Assert.Empty(audit.Entries);
        Assert.Null(person.SelfAssessedAt);
    }

    [Fact]
    public void A_text_longer_than_allowed_is_refused_naming_the_limit()
    {
        var sample = new CycleSample();

        var change = SelfAssessment.Record(sample.Cycle, sample["NV01"], 20m, 50m, new string('x', CycleChange.MaximumTextLength + 1), sample.Trail(), new CodeWording());

        Assert.Equal(("text", "TooLong", (object)CycleChange.MaximumTextLength), (change.Problems.Single().Field, change.Problems.Single().Code, change.Problems.Single().Arguments.Single()));
    }
}
