using GovKpi.Core.Access;

namespace GovKpi.Data.Accounts;

/// <summary>
/// A local sign-in account. <see cref="ScopeUnitCode"/> is the root of the unit subtree the
/// account may see (<see cref="AccountRules.ProvinceScopePending"/> until the province exists).
/// The defaults of the later properties keep rows written before them valid.
/// </summary>
public sealed class UserAccount
{
    public int Id { get; set; }
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }
    /// <summary>ASP.NET Core Identity's PBKDF2 hash format; never the password. Empty: no password yet (waiting for a setup link), no sign-in possible.</summary>
    public required string PasswordHash { get; set; }
    public required Role Role { get; set; }
    public required string ScopeUnitCode { get; set; }
    public string? StaffCode { get; set; }
    public string? Email { get; set; }
    public bool Disabled { get; set; }
    /// <summary>Signed in with a password an administrator chose: every page leads to the change form until the person chooses their own.</summary>
    public bool MustChangePassword { get; set; }
    /// <summary>Wrong passwords in a row since the last success or lock (<see cref="SignInRules"/>).</summary>
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    /// <summary>
    /// Changes with the password, role, scope or staff link; the session cookie carries the value
    /// it was issued with, so a cookie of before the change is refused on every node at once.
    /// </summary>
    public string SecurityStamp { get; set; } = "";
    public DateTimeOffset? PasswordChangedAt { get; set; }

    public bool HasPassword => PasswordHash.Length > 0;

    public SignInCounters Counters
    {
        get => new(FailedSignIns, LockedUntil);
        set => (FailedSignIns, LockedUntil) = (value.FailedSignIns, value.LockedUntil);
    }

    public AccountFacts Facts() => new(UserName, Role, ScopeUnitCode, StaffCode, Email, Disabled, MustChangePassword);

    public void Apply(AccountFacts facts)
    {
        (UserName, Role, ScopeUnitCode, StaffCode, Email, Disabled, MustChangePassword) =
            (facts.UserName, facts.Role, facts.ScopeUnitCode, facts.StaffCode, facts.Email, facts.Disabled, facts.MustChangePassword);
    }
}
