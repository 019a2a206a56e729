using GovKpi.Core.Access;

namespace GovKpi.Data.Accounts;

/// <summary>A local sign-in account. <see cref="ScopeUnitCode"/> is the root of the unit subtree the account may see.</summary>
public sealed class UserAccount
{
    public int Id { get; set; }
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }
    /// <summary>ASP.NET Core Identity's PBKDF2 hash format; never the password.</summary>
    public required string PasswordHash { get; set; }
    public required Role Role { get; set; }
    public required string ScopeUnitCode { get; set; }
    public string? StaffCode { get; set; }
}
