using System.Security.Claims;
using GovKpi.Core.Access;

namespace GovKpi.Web.Features.Accounts;

/// <summary>The signed-in person as the claims of their cookie say.</summary>
public sealed record CurrentUser(string UserName, string DisplayName, Role Role, string ScopeUnitCode, string? StaffCode)
{
    public const string ScopeClaim = "govkpi:scope";
    public const string StaffClaim = "govkpi:staff";

    public static CurrentUser From(ClaimsPrincipal principal) => new(
        principal.Identity?.Name ?? throw new InvalidOperationException("The request has no signed-in user."),
        principal.FindFirstValue(ClaimTypes.GivenName) ?? principal.Identity.Name,
        Enum.Parse<Role>(principal.FindFirstValue(ClaimTypes.Role) ?? throw new InvalidOperationException("The signed-in user has no role.")),
        principal.FindFirstValue(ScopeClaim) ?? throw new InvalidOperationException("The signed-in user has no unit scope."),
        principal.FindFirstValue(StaffClaim));

    public ClaimsPrincipal ToPrincipal()
    {
        List<Claim> claims =
        [
            new(ClaimTypes.Name, UserName),
            new(ClaimTypes.GivenName, DisplayName),
            new(ClaimTypes.Role, Role.ToString()),
            new(ScopeClaim, ScopeUnitCode),
        ];
        if (StaffCode is not null)
        {
            claims.Add(new(StaffClaim, StaffCode));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "cookie", ClaimTypes.Name, ClaimTypes.Role));
    }
}
