using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;

namespace GovKpi.Core.Tests.Evaluation.Cycles;

public class PublicationTests
{
    private static EvaluationResult Version1(StaffEvaluation e) => new()
    {
        EvaluationId = e.Id, Version = 1, GeneralPoints = 25, TaskPoints = 50, Score = 75, Level = ClassificationLevel.Htt, LevelReason = ClassificationReason.Band, PublishedBy = "hr",
    };

    [Fact]
    public void Republication_adds_version_2_with_the_new_score_and_audits_both_versions()
    {
        var sample = new CycleSample().Rated(92, 75, 60).Published();
        var person = sample["NV02"];
        var previous = Version1(person);
        person.State = ResultState.Reopened;
        (person.TaskPoints, person.Score, person.Rerated) = (57, 82, true);
        var audit = sample.Trail();

        var result = Publication.Republish(sample.Cycle, person, previous, sample.Population().People, " Bổ sung hồ sơ ", audit).Applied!;

        Assert.Equal((2, 82m, ClassificationLevel.Htt), (result.Version, result.Score, result.Level));
        Assert.Equal((ResultState.Published, 2, false), (person.State, person.ResultVersion, person.Rerated));
        var entry = audit.Entries.Single();
        Assert.Equal((AuditActions.ResultRepublished, "v1: 75 HTT", "v2: 82 HTT", "Bổ sung hồ sơ"), (entry.Action, entry.OldValue, entry.NewValue, entry.Reason));
    }

    [Fact]
    public void Republication_checks_the_quota_again_among_those_calibrated_together()
    {
        var sample = new CycleSample(CycleStage.Published, "NV01", "NV02", "NV03", "NV04", "NV05", "NV06").Rated(96, 80, 80, 80, 80, 80).Published();
        var person = sample["NV02"];
        var previous = Version1(person);
        person.State = ResultState.Reopened;
        (person.TaskPoints, person.Score) = (70, 95);

        var result = Publication.Republish(sample.Cycle, person, previous, sample.Population().People, "Xét lại", sample.Trail()).Applied!;

        Assert.Equal((ClassificationLevel.Htt, ClassificationReason.Quota), (result.Level, result.LevelReason));
        Assert.Equal(ClassificationLevel.Htxs, sample["NV01"].Level);
    }

    [Fact]
    public void Republication_needs_a_reason()
    {
        var sample = new CycleSample().Rated(92, 75, 60).Published();
        var audit = sample.Trail();

        var change = Publication.Republish(sample.Cycle, sample["NV02"], Version1(sample["NV02"]), sample.Population().People, "", audit);

        Assert.Equal(("reason", "Reason"), (change.Problems.Single().Field, change.Problems.Single().Code));
        Assert.Empty(audit.Entries);
        Assert.Equal(1, sample["NV02"].ResultVersion);
    }
}
