using GovKpi.Core.Access;
using GovKpi.Core.Evaluation.Cycles;

namespace GovKpi.Core.Tests.Evaluation.Cycles;

public class RespondentRulesTests
{
    private static readonly DateOnly Today = new(2026, 4, 10);
    private static readonly EvaluationFacts Draft = new(ResultState.Draft, false, false, Today, Today.AddDays(20));
    private static readonly Actor Manager = new(Role.Manager, InScope: true, IsPerson: false, IsMember: false);
    private static readonly Actor Hr = new(Role.Hr, InScope: true, IsPerson: false, IsMember: false);
    private static readonly Actor OtherUnitsStaff = new(Role.Staff, InScope: false, IsPerson: false, IsMember: false);

    [Fact]
    public void Someone_of_another_unit_answers_the_360_questionnaire_only_when_asked()
    {
        Assert.Equal(WorkflowRefusal.NotAllowed, CycleWorkflow.CanDo(EvaluationAction.GiveFeedback, CycleStage.Feedback360, OtherUnitsStaff, Draft));
        Assert.Null(CycleWorkflow.CanDo(EvaluationAction.GiveFeedback, CycleStage.Feedback360, OtherUnitsStaff with { IsRespondent = true }, Draft));
    }

    [Fact]
    public void The_person_never_answers_about_themselves_even_when_asked()
    {
        var person = new Actor(Role.Staff, InScope: true, IsPerson: true, IsMember: true) { IsRespondent = true };

        Assert.Equal(WorkflowRefusal.NotAllowed, CycleWorkflow.CanDo(EvaluationAction.GiveFeedback, CycleStage.Feedback360, person, Draft));
    }

    [Theory]
    [InlineData(CycleStage.SelfAssessment, true)]
    [InlineData(CycleStage.Feedback360, true)]
    [InlineData(CycleStage.ManagerRating, false)]
    [InlineData(CycleStage.Published, false)]
    public void The_unit_manager_and_hr_ask_respondents_until_the_360_stage_ends(CycleStage stage, bool allowed)
    {
        Assert.Equal(allowed, CycleWorkflow.CanDo(EvaluationAction.AskRespondents, stage, Manager, Draft) is null);
        Assert.Equal(allowed, CycleWorkflow.CanDo(EvaluationAction.AskRespondents, stage, Hr, Draft) is null);
        Assert.Equal(WorkflowRefusal.NotAllowed, CycleWorkflow.CanDo(EvaluationAction.AskRespondents, stage, OtherUnitsStaff, Draft));
    }
}
