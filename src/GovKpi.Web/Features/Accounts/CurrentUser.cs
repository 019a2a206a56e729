using System.Security.Claims;
using GovKpi.Core.Access;

namespace GovKpi.Web.Features.Accounts;

/// <summary>The signed-in person as the claims of their cookie say, refreshed from the database at each request (<see cref="SessionCheck"/>).</summary>
public sealed record CurrentUser(string UserName, string DisplayName, Role Role, string ScopeUnitCode, string? StaffCode)
{
    public const string ScopeClaim = "govkpi:scope";
    public const string StaffClaim = "govkpi:staff";
    /// <summary>The session token (the cookie is encrypted by data protection; the database keeps only its hash).</summary>
    public const string SessionClaim = "govkpi:session";
    public const string StampClaim = "govkpi:stamp";
    /// <summary>Present while the person must choose their own password before doing anything else.</summary>
    public const string MustChangePasswordClaim = "govkpi:must-change-password";

    public static CurrentUser From(ClaimsPrincipal principal) => new(
        principal.Identity?.Name ?? throw new InvalidOperationException("The request has no signed-in user."),
        principal.FindFirstValue(ClaimTypes.GivenName) ?? principal.Identity.Name,
        Enum.Parse<Role>(principal.FindFirstValue(ClaimTypes.Role) ?? throw new InvalidOperationException("The signed-in user has no role.")),
        principal.FindFirstValue(ScopeClaim) ?? throw new InvalidOperationException("The signed-in user has no unit scope."),
        principal.FindFirstValue(StaffClaim));

    public static bool MustChangePassword(ClaimsPrincipal principal) => principal.HasClaim(c => c.Type == MustChangePasswordClaim);

    public ClaimsPrincipal ToPrincipal(string sessionToken, string securityStamp, bool mustChangePassword)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.Name, UserName),
            new(ClaimTypes.GivenName, DisplayName),
            new(ClaimTypes.Role, Role.ToString()),
            new(ScopeClaim, ScopeUnitCode),
            new(SessionClaim, sessionToken),
            new(StampClaim, securityStamp),
        ];
        if (StaffCode is not null)
        {
            claims.Add(new(StaffClaim, StaffCode));
        }

        if (mustChangePassword)
        {
            claims.Add(new(MustChangePasswordClaim, "true"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "cookie", ClaimTypes.Name, ClaimTypes.Role));
    }
}
