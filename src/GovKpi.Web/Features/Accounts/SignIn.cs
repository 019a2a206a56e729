using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Data;
using GovKpi.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Accounts;

public abstract record SignInAttempt
{
    public sealed record Accepted(CurrentUser User, bool MustChangePassword) : SignInAttempt;
    public sealed record Refused : SignInAttempt;
    public sealed record Locked(DateTimeOffset Until) : SignInAttempt;
    public sealed record Disabled : SignInAttempt;
}

/// <summary>
/// Checks a user name and password against <see cref="SignInRules"/> (lockout), starts a
/// server-side session and issues the cookie that carries it. Used by the form and the API.
/// </summary>
public sealed class SignIn(GovKpiDbContext db, IPasswordHasher<UserAccount> hasher, AccountSessions sessions, TimeProvider clock, LockoutPolicy lockout)
{
    public async Task<SignInAttempt> TryAsync(HttpContext http, string userName, string password, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.UserName == userName.Trim(), cancellationToken);
        if (account is null || !account.HasPassword)
        {
            // Same work either way, so response time does not tell which user names exist.
            hasher.VerifyHashedPassword(Dummy, DummyHash, password);
        }

        if (account is null)
        {
            return new SignInAttempt.Refused();
        }

        var verified = account.HasPassword ? hasher.VerifyHashedPassword(account, account.PasswordHash, password) : PasswordVerificationResult.Failed;
        var decision = SignInRules.Attempt(account.Counters, account.HasPassword, verified != PasswordVerificationResult.Failed,
            account.Disabled, clock.GetUtcNow(), lockout);
        account.Counters = decision.After;
        if (decision.Outcome == SignInOutcome.Accepted && verified == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.PasswordHash = hasher.HashPassword(account, password);
        }

        await db.SaveChangesAsync(cancellationToken);
        return decision.Outcome switch
        {
            SignInOutcome.Accepted => new SignInAttempt.Accepted(await IssueAsync(http, account, cancellationToken), account.MustChangePassword),
            SignInOutcome.Locked => new SignInAttempt.Locked(decision.LockedUntil!.Value),
            SignInOutcome.Disabled => new SignInAttempt.Disabled(),
            _ => new SignInAttempt.Refused(),
        };
    }

    /// <summary>Starts a new session for the account and sets its cookie (after sign-in, a password change or a setup link).</summary>
    public async Task<CurrentUser> IssueAsync(HttpContext http, UserAccount account, CancellationToken cancellationToken)
    {
        if (account.ScopeUnitCode == AccountRules.ProvinceScopePending && await AccountSessions.ProvinceCodeAsync(db, cancellationToken) is { } province)
        {
            account.ScopeUnitCode = province;
            await db.SaveChangesAsync(cancellationToken);
        }

        var token = await sessions.StartAsync(account, cancellationToken);
        var user = new CurrentUser(account.UserName, account.DisplayName, account.Role, account.ScopeUnitCode, account.StaffCode);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, user.ToPrincipal(token, account.SecurityStamp, account.MustChangePassword));
        return user;
    }

    /// <summary>Ends the session in the database, so that a copy of the cookie kept from before is refused too, and deletes the cookie.</summary>
    public async Task SignOutAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (http.User.FindFirst(CurrentUser.SessionClaim)?.Value is { } token)
        {
            await sessions.EndAsync(token, cancellationToken);
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>"Locked until…" in the user's language, with the local time of Vietnam.</summary>
    public string LockedMessage(IStringLocalizer l, DateTimeOffset until)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling((until - clock.GetUtcNow()).TotalMinutes));
        var local = until.ToOffset(VietnamTime.Offset);
        return l["SignIn.Locked", lockout.MaxFailures, local.ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture), minutes].Value;
    }

    private static readonly UserAccount Dummy = new() { UserName = "", DisplayName = "", PasswordHash = "", Role = default, ScopeUnitCode = "" };

    private static readonly string DummyHash =
        new PasswordHasher<object>().HashPassword(new object(), "not-a-password");
}
