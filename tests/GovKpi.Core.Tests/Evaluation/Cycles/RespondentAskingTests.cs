using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.Tests.Evaluation.Cycles;

public class RespondentAskingTests
{
    private static readonly Dictionary<string, StaffMember> Province = new[] { "NV01", "NV02", "XA01", "XA02" }.ToDictionary(c => c, c => new StaffMember
    {
        Code = c, FullName = "Người " + c, Type = StaffType.CongChuc, UnitCode = c.StartsWith("XA", StringComparison.Ordinal) ? "X1" : "A.1", PositionCode = "CV",
    });

    [Fact]
    public void Someone_of_another_unit_is_asked_once_and_colleagues_of_the_cycle_need_no_asking()
    {
        var sample = new CycleSample(CycleStage.Feedback360, "NV01", "NV02");
        var audit = sample.Trail();
        var codes = Respondents.Codes([" XA01 ", "NV02", "XA02", "XA01"]);

        var asked = Respondents.Ask(sample["NV01"], sample.People, codes, Province, ["XA02"], audit).Applied!;

        Assert.Equal(["XA01"], asked.Select(r => r.RespondentCode));
        var entry = audit.Entries.Single();
        Assert.Equal((AuditActions.RespondentAsked, "feedback360.respondent", "XA01 Người XA01 (X1)"), (entry.Action, entry.Field, entry.NewValue));
    }

    [Fact]
    public void Unknown_people_the_person_themselves_and_empty_requests_are_refused_by_position()
    {
        var sample = new CycleSample(CycleStage.Feedback360, "NV01", "NV02");

        var wrong = Respondents.Ask(sample["NV01"], sample.People, ["ZZ9", "NV01"], Province, [], sample.Trail());
        var empty = Respondents.Ask(sample["NV01"], sample.People, [], Province, [], sample.Trail());

        Assert.Equal([("staffCodes[0]", "UnknownStaff"), ("staffCodes[1]", "RespondentSelf")], wrong.Problems.Select(p => (p.Field, p.Code)));
        Assert.Equal(("staffCodes", "Respondents", (object)Respondents.MaximumPerRequest), (empty.Problems.Single().Field, empty.Problems.Single().Code, empty.Problems.Single().Arguments.Single()));
    }
}
