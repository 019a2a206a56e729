using GovKpi.Data;
using GovKpi.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Accounts;

/// <summary>Checks a user name and password and issues the session cookie. Used by the form and the API.</summary>
public sealed class SignIn(GovKpiDbContext db, IPasswordHasher<UserAccount> hasher)
{
    public async Task<CurrentUser?> TryAsync(HttpContext http, string userName, string password, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.UserName == userName.Trim(), cancellationToken);
        if (account is null)
        {
            // Same work either way, so response time does not tell which user names exist.
            hasher.VerifyHashedPassword(new UserAccount { UserName = "", DisplayName = "", PasswordHash = "", Role = default, ScopeUnitCode = "" }, DummyHash, password);
            return null;
        }

        var result = hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.PasswordHash = hasher.HashPassword(account, password);
            await db.SaveChangesAsync(cancellationToken);
        }

        var user = new CurrentUser(account.UserName, account.DisplayName, account.Role, account.ScopeUnitCode, account.StaffCode);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, user.ToPrincipal());
        return user;
    }

    private static readonly string DummyHash =
        new PasswordHasher<object>().HashPassword(new object(), "not-a-password");
}
