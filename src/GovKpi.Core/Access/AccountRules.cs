namespace GovKpi.Core.Access;

/// <summary>What an administrator sees and changes of an account: the before and after of each audit entry.</summary>
public sealed record AccountFacts(string UserName, Role Role, string ScopeUnitCode, string? StaffCode, string? Email, bool Disabled, bool MustChangePassword);

public enum AccountAction
{
    Created,
    Disabled,
    Enabled,
    AccessChanged,
    /// <summary>An administrator set the password (at the console, or with a change forced at next sign-in).</summary>
    PasswordSet,
    SetupLinkIssued,
    /// <summary>The person chose a password through their setup link.</summary>
    SetupCompleted,
    /// <summary>The person changed their own password.</summary>
    PasswordChanged,
}

public sealed record AccountAuditRecord(AccountAction Action, string UserName, AccountFacts? Before, AccountFacts After);

/// <summary>An account's state after a change, whether its open sessions must end, and the audit entry that says so.</summary>
public sealed record AccountChange(AccountFacts After, bool EndsSessions, AccountAuditRecord Audit);

/// <summary>A new account as an administrator asks for it; the scope may be left to <see cref="AccountRules.DefaultScope"/>.</summary>
public sealed record AccountRequest(string UserName, Role Role, string? ScopeUnitCode, string? StaffCode, string? Email);

public enum AccountProblem
{
    UserNameInvalid,
    UserNameTaken,
    StaffRequired,
    StaffUnknown,
    StaffHasAccount,
    ScopeUnknown,
    /// <summary>The unit or person named lies outside the administrator's own unit scope.</summary>
    OutsideYourScope,
    EmailInvalid,
    WrongCurrentPassword,
}

/// <summary>
/// An invalid field of an account request, named as the API names it (<c>userName</c>,
/// <c>password</c>…), with the code of its message (<c>Account.StaffRequired</c>,
/// <c>Password.TooShort</c>), which the web app localises and the command line words in English.
/// </summary>
public sealed record AccountFieldProblem(string Field, string Code)
{
    public static AccountFieldProblem Of(string field, AccountProblem problem) => new(field, $"Account.{problem}");

    public static IEnumerable<AccountFieldProblem> Of(string field, IEnumerable<PasswordProblem> problems) =>
        problems.Select(p => new AccountFieldProblem(field, $"Password.{p}"));
}

/// <summary>
/// The rules of account administration. Every change returns the account's new facts, whether
/// its sessions end (role, scope, staff link, password, disabling) and its audit entry.
/// </summary>
public static class AccountRules
{
    public const int MaxUserNameLength = 100;

    /// <summary>
    /// The scope of an account created before the organisation exists (the first HR account of
    /// a fresh installation): it becomes the province at its first request once units exist.
    /// </summary>
    public const string ProvinceScopePending = "";

    /// <summary>Roles that read the whole province by default (CONTRACTS.md, accounts.csv).</summary>
    public static bool IsProvinceWide(Role role) => role is Role.Hr or Role.Leader or Role.Auditor;

    /// <summary>The role words of CONTRACTS.md and the command line.</summary>
    public static bool TryParseRole(string word, out Role role)
    {
        role = default;
        return word.Trim().ToLowerInvariant() switch
        {
            "hr" => Set(Role.Hr, out role),
            "leader" => Set(Role.Leader, out role),
            "auditor" => Set(Role.Auditor, out role),
            "manager" => Set(Role.Manager, out role),
            "staff" => Set(Role.Staff, out role),
            "integration" => Set(Role.Integration, out role),
            _ => false,
        };

        static bool Set(Role value, out Role role)
        {
            role = value;
            return true;
        }
    }

    public static string RoleWord(Role role) => role.ToString().ToLowerInvariant();

    /// <summary>
    /// The unit an account sees when none is named: the province for HR, leaders and auditors
    /// (and a machine account without a person), otherwise the linked staff member's unit;
    /// <see cref="ProvinceScopePending"/> while no province exists.
    /// </summary>
    public static string DefaultScope(Role role, string? staffUnitCode, string? provinceCode) =>
        !IsProvinceWide(role) && staffUnitCode is not null ? staffUnitCode : provinceCode ?? ProvinceScopePending;

    public static List<AccountFieldProblem> Check(AccountRequest request)
    {
        var problems = new List<AccountFieldProblem>();
        if (!IsValidUserName(request.UserName))
        {
            problems.Add(AccountFieldProblem.Of("userName", AccountProblem.UserNameInvalid));
        }

        if (request.Role is Role.Manager or Role.Staff && string.IsNullOrWhiteSpace(request.StaffCode))
        {
            problems.Add(AccountFieldProblem.Of("staffCode", AccountProblem.StaffRequired));
        }

        if (request.Email is { Length: > 0 } email && !IsPlausibleEmail(email))
        {
            problems.Add(AccountFieldProblem.Of("email", AccountProblem.EmailInvalid));
        }

        return problems;
    }

    /// <summary>Letters, digits and <c>. _ - @</c>, 2 to 100 characters: staff codes and e-mail-like names fit, spaces and quotes do not.</summary>
    public static bool IsValidUserName(string userName) =>
        userName.Length is >= 2 and <= MaxUserNameLength
        && userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@');

    private static bool IsPlausibleEmail(string email)
    {
        var at = email.IndexOf('@');
        return email.Length <= 200 && at > 0 && at == email.LastIndexOf('@') && email.IndexOf('.', at) > at + 1
            && !email.EndsWith('.') && !email.Any(char.IsWhiteSpace);
    }

    public static AccountChange Create(AccountRequest request, string scopeUnitCode, bool mustChangePassword)
    {
        var after = new AccountFacts(request.UserName, request.Role, scopeUnitCode, Blank(request.StaffCode), Blank(request.Email), Disabled: false, mustChangePassword);
        return new(after, EndsSessions: false, new(AccountAction.Created, after.UserName, null, after));
    }

    public static AccountChange Disable(AccountFacts before) => Change(AccountAction.Disabled, before, before with { Disabled = true }, endsSessions: true);

    public static AccountChange Enable(AccountFacts before) => Change(AccountAction.Enabled, before, before with { Disabled = false }, endsSessions: false);

    /// <summary>A new role, scope, staff link or e-mail; the sessions end when what the account may see changes.</summary>
    public static AccountChange ChangeAccess(AccountFacts before, Role role, string scopeUnitCode, string? staffCode, string? email)
    {
        var after = before with { Role = role, ScopeUnitCode = scopeUnitCode, StaffCode = Blank(staffCode), Email = Blank(email) };
        var seesOtherwise = after.Role != before.Role || after.ScopeUnitCode != before.ScopeUnitCode || after.StaffCode != before.StaffCode;
        return Change(AccountAction.AccessChanged, before, after, seesOtherwise);
    }

    /// <summary>
    /// A password set by an administrator (<paramref name="mustChange"/>: the person must choose
    /// their own at next sign-in), chosen through a setup link or changed by the person. Every
    /// open session ends: whoever knew the old password is signed out everywhere.
    /// </summary>
    public static AccountChange SetPassword(AccountFacts before, AccountAction action, bool mustChange) =>
        Change(action, before, before with { MustChangePassword = mustChange }, endsSessions: true);

    /// <summary>A new setup link: the old password stops working, so its sessions end too.</summary>
    public static AccountChange IssueSetupLink(AccountFacts before) =>
        Change(AccountAction.SetupLinkIssued, before, before with { MustChangePassword = false }, endsSessions: true);

    private static AccountChange Change(AccountAction action, AccountFacts before, AccountFacts after, bool endsSessions) =>
        new(after, endsSessions, new(action, before.UserName, before, after));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
