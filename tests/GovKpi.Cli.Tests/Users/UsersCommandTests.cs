using GovKpi.Core.Access;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using static GovKpi.Cli.Tests.CommandLine;

namespace GovKpi.Cli.Tests.Users;

/// <summary><c>govkpi users</c> on a fresh SQLite file, as on a new installation.</summary>
public sealed class UsersCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("govkpi-users-").FullName;

    public UsersCommandTests() => ConnectionString = $"Data Source={Path.Combine(_root, "govkpi.db")}";

    public string ConnectionString { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private Result Users(string? input, params string[] args) => RunWithInput(input, ["users", .. args, "--database", ConnectionString]);

    private GovKpiDbContext Database() => new(DatabaseOptions.From("sqlite", ConnectionString, _root).ToContextOptions());

    private async Task AddProvinceAsync()
    {
        await using var db = Database();
        await db.MigrateAsync();
        db.Units.AddRange(
            new Unit { Code = "KH", NameVi = "Tỉnh Khánh Hòa", NameEn = "Khanh Hoa", Kind = UnitKind.Province, EffectiveFrom = new(2020, 1, 1) },
            new Unit { Code = "C1", NameVi = "Xã Ninh Hòa", NameEn = "Ninh Hoa", Kind = UnitKind.Commune, ParentCode = "KH", EffectiveFrom = new(2020, 1, 1) });
        db.Staff.Add(new StaffMember { Code = "S001", FullName = "Trần Thị Hồng", Type = StaffType.CongChuc, UnitCode = "C1", PositionCode = "CV" });
        await db.SaveChangesAsync();
    }

    private async Task<UserAccount> AccountAsync(string userName)
    {
        await using var db = Database();
        return await db.Accounts.AsNoTracking().SingleAsync(a => a.UserName == userName);
    }

    [Fact]
    public async Task The_first_HR_account_of_an_empty_database_takes_its_password_from_standard_input_and_waits_for_the_province()
    {
        var result = Users("Mây trắng 2027\n", "add", "hr1", "--role", "hr");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("created hr1 (hr); no units yet", result.Output);
        var account = await AccountAsync("hr1");
        Assert.Equal(Role.Hr, account.Role);
        Assert.Equal(AccountRules.ProvinceScopePending, account.ScopeUnitCode);
        Assert.False(account.MustChangePassword);
        Assert.StartsWith("AQAAAA", account.PasswordHash);
    }

    [Fact]
    public async Task Scope_defaults_to_the_province_for_hr_and_to_the_persons_unit_for_staff()
    {
        await AddProvinceAsync();

        Assert.Equal(0, Users("Mây trắng 2027", "add", "hr2", "--role", "hr").ExitCode);
        var staff = Users("Mây trắng 2027", "add", "s001", "--role", "staff", "--staff", "S001");

        Assert.Equal(0, staff.ExitCode);
        Assert.Contains("scope C1", staff.Output);
        Assert.Equal("KH", (await AccountAsync("hr2")).ScopeUnitCode);
        Assert.Equal("Trần Thị Hồng", (await AccountAsync("s001")).DisplayName);
    }

    [Theory]
    [InlineData("ngắn 1", "standard input: the password needs at least 10 characters.")]
    [InlineData("hr1-is-my-name-1", "standard input: the password must not contain the user name.")]
    [InlineData("Password@123", "standard input: the password is one of the most common ones")]
    public void A_password_against_the_policy_exits_2_with_the_reason(string password, string message)
    {
        var result = Users(password, "add", "hr1", "--role", "hr");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"govkpi users add: {message}", result.Error);
    }

    [Fact]
    public void Adding_without_a_password_on_standard_input_exits_2_and_says_how_to_give_it()
    {
        var result = Users(null, "add", "hr1", "--role", "hr");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("echo PASSWORD | govkpi users add", result.Error);
    }

    [Theory]
    [InlineData("--role", "boss", "--role boss: not a role")]
    [InlineData("--role", "manager", "--staff: manager and staff accounts need --staff CODE.")]
    public void Invalid_options_exit_2_with_a_clear_message(string option, string value, string message)
    {
        var result = Users("Mây trắng 2027", "add", "m1", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public void A_second_account_with_the_same_name_exits_2()
    {
        Users("Mây trắng 2027", "add", "hr1", "--role", "hr");

        var again = Users("Mây trắng 2028", "add", "hr1", "--role", "leader");

        Assert.Equal(2, again.ExitCode);
        Assert.Contains("USER: an account with this user name exists.", again.Error);
    }

    [Fact]
    public async Task Disable_ends_the_account_and_an_unknown_user_exits_2()
    {
        Users("Mây trắng 2027", "add", "hr1", "--role", "hr");

        var disabled = Users(null, "disable", "hr1");
        var unknown = Users(null, "disable", "hr9");

        Assert.Equal(0, disabled.ExitCode);
        Assert.True((await AccountAsync("hr1")).Disabled);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("USER hr9: no such account.", unknown.Error);
    }

    [Fact]
    public async Task Reset_password_takes_a_new_password_from_standard_input_or_prints_a_setup_link()
    {
        Users("Mây trắng 2027", "add", "hr1", "--role", "hr");
        var before = (await AccountAsync("hr1")).PasswordHash;

        var withPassword = Users("Sông Cái 1975", "reset-password", "hr1");
        var afterGiven = await AccountAsync("hr1");
        var withLink = Users(null, "reset-password", "hr1");

        Assert.Equal(0, withPassword.ExitCode);
        Assert.NotEqual(before, afterGiven.PasswordHash);
        Assert.False(afterGiven.MustChangePassword);
        Assert.Equal(0, withLink.ExitCode);
        Assert.Matches(@"^/account/setup\?token=[A-Za-z0-9_-]{43}$", withLink.Output.Split('\n')[1].TrimEnd());
        Assert.Equal("", (await AccountAsync("hr1")).PasswordHash);
        await using var db = Database();
        Assert.Equal(["Created", "PasswordSet", "SetupLinkIssued"], await db.AccountAudit.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }
}
