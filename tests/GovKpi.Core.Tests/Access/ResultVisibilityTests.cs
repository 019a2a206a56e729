using GovKpi.Core.Access;

namespace GovKpi.Core.Tests.Access;

public sealed class ResultVisibilityTests
{
    [Theory]
    [InlineData(Role.Staff, "S001", "S001", true, true)]
    [InlineData(Role.Staff, "S001", "S002", true, false)]
    [InlineData(Role.Staff, null, "S002", true, false)]
    [InlineData(Role.Manager, "S003", "S002", true, true)]
    [InlineData(Role.Manager, "S003", "S004", false, false)]
    [InlineData(Role.Hr, null, "S002", true, true)]
    [InlineData(Role.Leader, null, "S002", true, true)]
    [InlineData(Role.Auditor, null, "S002", true, true)]
    [InlineData(Role.Integration, null, "S002", true, false)]
    public void Staff_see_only_their_own_results_and_managers_HR_leaders_and_auditors_those_in_their_scope(
        Role role, string? caller, string person, bool inScope, bool visible) =>
        Assert.Equal(visible, ResultVisibility.MaySeeResultOf(role, caller, person, inScope));

    [Fact]
    public void A_handler_the_caller_may_not_see_is_hidden_and_a_record_without_handler_hides_nothing()
    {
        Assert.Equal(("S001", false), ResultVisibility.Handler(Role.Staff, "S001", "S001", _ => true));
        Assert.Equal((null, true), ResultVisibility.Handler(Role.Staff, "S001", "S002", _ => true));
        Assert.Equal((null, false), ResultVisibility.Handler(Role.Staff, "S001", null, _ => true));
        Assert.Equal((null, true), ResultVisibility.Handler(Role.Manager, "S003", "S009", code => code != "S009"));
    }

    [Theory]
    [InlineData(Role.Hr, true)]
    [InlineData(Role.Manager, false)]
    [InlineData(Role.Staff, false)]
    [InlineData(Role.Leader, false)]
    [InlineData(Role.Auditor, false)]
    [InlineData(Role.Integration, false)]
    public void Only_HR_read_the_personal_data_in_the_assistants_documents_as_written(Role role, bool sees) =>
        Assert.Equal(sees, PersonalDataVisibility.SeesPersonalDataInDocuments(role));
}
