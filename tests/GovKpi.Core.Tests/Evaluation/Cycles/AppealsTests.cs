using GovKpi.Core.Evaluation.Cycles;

namespace GovKpi.Core.Tests.Evaluation.Cycles;

public class AppealsTests
{
    private static (CycleSample Sample, StaffEvaluation Person, EvaluationAppeal Appeal) Filed()
    {
        var sample = new CycleSample().Rated(92, 75, 60).Published();
        var person = sample["NV02"];
        var appeal = Appeals.File(person, " Điểm nhiệm vụ chưa tính hồ sơ tháng 3 ", sample.Trail(CycleSample.Person)).Applied!;
        return (sample, person, appeal);
    }

    [Fact]
    public void An_appeal_is_filed_against_the_published_version_and_audited_with_its_text()
    {
        var sample = new CycleSample().Rated(92, 75, 60).Published();
        var audit = sample.Trail(CycleSample.Person);

        var appeal = Appeals.File(sample["NV02"], " Điểm nhiệm vụ chưa tính hồ sơ tháng 3 ", audit).Applied!;

        Assert.Equal((1, AppealStatus.Pending, "nv01", "Điểm nhiệm vụ chưa tính hồ sơ tháng 3"), (appeal.ResultVersion, appeal.Status, appeal.FiledBy, appeal.Text));
        Assert.Equal((AuditActions.AppealFiled, "v1", appeal.Text), (audit.Entries.Single().Action, audit.Entries.Single().NewValue, audit.Entries.Single().Reason));
        Assert.Equal("Required", Appeals.File(sample["NV02"], "", sample.Trail()).Problems.Single().Code);
    }

    [Fact]
    public void An_upheld_appeal_reopens_the_result()
    {
        var (sample, person, appeal) = Filed();
        var audit = sample.Trail();

        var decided = Appeals.Decide(person, appeal, upheld: true, " Bổ sung hồ sơ ", audit);

        Assert.True(decided.IsApplied);
        Assert.Equal((AppealStatus.Upheld, "Bổ sung hồ sơ", "manager"), (appeal.Status, appeal.Decision, appeal.DecidedBy));
        Assert.Equal(ResultState.Reopened, person.State);
        Assert.Equal([(AuditActions.AppealDecided, "Upheld"), (AuditActions.ResultReopened, "Reopened")], audit.Entries.Select(e => (e.Action, e.NewValue)));
    }

    [Fact]
    public void A_rejected_appeal_leaves_the_result_published()
    {
        var (sample, person, appeal) = Filed();
        var audit = sample.Trail();

        Appeals.Decide(person, appeal, upheld: false, "Đã tính đủ", audit);

        Assert.Equal((AppealStatus.Rejected, ResultState.Published), (appeal.Status, person.State));
        Assert.Equal([AuditActions.AppealDecided], audit.Entries.Select(e => e.Action));
    }

    [Fact]
    public void A_decision_needs_a_verdict_and_a_reason_and_is_taken_once()
    {
        var (sample, person, appeal) = Filed();

        var incomplete = Appeals.Decide(person, appeal, upheld: null, null, sample.Trail());
        Appeals.Decide(person, appeal, upheld: false, "Đã tính đủ", sample.Trail());
        var again = Appeals.Decide(person, appeal, upheld: true, "Xét lại", sample.Trail());

        Assert.Equal([("upheld", "Upheld"), ("reason", "Reason")], incomplete.Problems.Select(p => (p.Field, p.Code)));
        Assert.Equal("AppealDecided", again.Conflict!.Code);
        Assert.Equal(AppealStatus.Rejected, appeal.Status);
    }
}
