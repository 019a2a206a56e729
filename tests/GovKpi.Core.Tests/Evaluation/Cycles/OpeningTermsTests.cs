using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;

namespace GovKpi.Core.Tests.Evaluation.Cycles;

public class OpeningTermsTests
{
    private static readonly DateOnly Today = new(2026, 4, 10);

    [Fact]
    public void A_begun_period_under_the_default_policy_gets_default_deadlines_after_today()
    {
        var problems = new CycleProblems();

        var terms = CycleOpening.Terms(PeriodKind.Month, 2026, 3, null, d => d, Today, problems);

        Assert.Equal(0, problems.Count);
        Assert.Equal((new DateOnly(2026, 3, 1), "decree-335", StageDeadlines.Default(Today)), (terms!.Period.From, terms.Policy.Code, terms.Deadlines));
    }

    [Fact]
    public void A_future_period_an_unknown_policy_and_a_deadline_in_the_past_are_each_located()
    {
        var problems = new CycleProblems();

        var terms = CycleOpening.Terms(PeriodKind.Month, 2026, 5, "ministry-x", d => d with { SelfAssessment = Today.AddDays(-1) }, Today, problems);

        Assert.Null(terms);
        Assert.Equal([("period", "FuturePeriod"), ("policy", "Policy"), ("deadlines.selfAssessment", "Deadline")], problems.All.Select(p => (p.Field, p.Code)));
        Assert.Equal("decree-335, khanh-hoa", problems.All[1].Arguments.Single());
        Assert.Equal(Today, problems.All[2].Arguments.Single());
    }

    [Fact]
    public void A_period_needs_a_kind_and_a_year()
    {
        var problems = new CycleProblems();

        Assert.Null(CycleOpening.Terms(null, 2026, 3, null, d => d, Today, problems));
        Assert.Equal("Period", problems.All.Single().Code);
    }
}
