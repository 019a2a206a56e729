using GovKpi.Core.Access;

namespace GovKpi.Core.Tests.Access;

public sealed class AccountRulesTests
{
    private static readonly AccountFacts Staff = new("S001", Role.Staff, "C1-TT", "S001", null, Disabled: false, MustChangePassword: false);

    [Theory]
    [InlineData(Role.Hr, "KH")]
    [InlineData(Role.Leader, "KH")]
    [InlineData(Role.Auditor, "KH")]
    [InlineData(Role.Staff, "C1-TT")]
    [InlineData(Role.Manager, "C1-TT")]
    public void The_default_scope_is_the_province_for_province_wide_roles_and_the_persons_unit_otherwise(Role role, string expected) =>
        Assert.Equal(expected, AccountRules.DefaultScope(role, "C1-TT", "KH"));

    [Fact]
    public void Before_any_unit_exists_the_province_scope_is_pending() =>
        Assert.Equal(AccountRules.ProvinceScopePending, AccountRules.DefaultScope(Role.Hr, null, null));

    [Fact]
    public void Staff_and_manager_accounts_need_a_staff_code()
    {
        var problems = AccountRules.Check(new AccountRequest("nv1", Role.Manager, null, null, null));

        Assert.Equal([new AccountFieldProblem("staffCode", "Account.StaffRequired")], problems);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("có dấu")]
    [InlineData("semi;colon")]
    public void User_names_outside_the_allowed_characters_are_refused(string userName) =>
        Assert.Contains(new AccountFieldProblem("userName", "Account.UserNameInvalid"), AccountRules.Check(new AccountRequest(userName, Role.Hr, null, null, null)));

    [Fact]
    public void A_new_role_ends_the_sessions_and_a_new_email_does_not()
    {
        Assert.True(AccountRules.ChangeAccess(Staff, Role.Manager, "C1-TT", "S001", null).EndsSessions);
        var email = AccountRules.ChangeAccess(Staff, Role.Staff, "C1-TT", "S001", "a@b.vn");
        Assert.False(email.EndsSessions);
        Assert.Equal(Staff, email.Audit.Before);
        Assert.Equal("a@b.vn", email.Audit.After.Email);
    }

    [Fact]
    public void Disabling_ends_the_sessions_and_is_audited_with_before_and_after()
    {
        var change = AccountRules.Disable(Staff);

        Assert.True(change.EndsSessions);
        Assert.Equal(AccountAction.Disabled, change.Audit.Action);
        Assert.False(change.Audit.Before!.Disabled);
        Assert.True(change.Audit.After.Disabled);
    }

    [Theory]
    [InlineData("hr", Role.Hr)]
    [InlineData("Integration", Role.Integration)]
    public void Role_words_of_the_contract_parse(string word, Role role)
    {
        Assert.True(AccountRules.TryParseRole(word, out var parsed));
        Assert.Equal(role, parsed);
    }
}
