using GovKpi.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Accounts;

/// <summary>
/// The per-request half of the server-side sessions (ADR 0016): the cookie is accepted only if
/// its session row is open, its account enabled and its security stamp current; the claims are
/// then rebuilt from the account as the database has it now.
/// </summary>
public static class SessionCheck
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var token = principal?.FindFirst(CurrentUser.SessionClaim)?.Value;
        var stamp = principal?.FindFirst(CurrentUser.StampClaim)?.Value;
        var sessions = context.HttpContext.RequestServices.GetRequiredService<AccountSessions>();
        var account = token is null ? null : await sessions.CheckAsync(token, context.HttpContext.RequestAborted);
        if (account is null || account.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        var user = new CurrentUser(account.UserName, account.DisplayName, account.Role, account.ScopeUnitCode, account.StaffCode);
        context.ReplacePrincipal(user.ToPrincipal(token!, account.SecurityStamp, account.MustChangePassword));
    }

    /// <summary>Paths a person who must change their password may still use: the change itself, who am I, sign-out, the language switch.</summary>
    private static readonly string[] AllowedWhileChangeIsDue = ["/api/auth/me", "/api/auth/password", "/api/auth/sign-out", "/account/password", "/culture", "/healthz"];

    /// <summary>
    /// An account signed in with a password an administrator chose: every page leads to the
    /// change form and every other API call answers 403 until the person chooses their own.
    /// </summary>
    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var path = http.Request.Path;
        var signingOut = path == "/" && HttpMethods.IsPost(http.Request.Method) && http.Request.Query["handler"] == "SignOut";
        if (!CurrentUser.MustChangePassword(http.User) || signingOut || AllowedWhileChangeIsDue.Any(p => path.StartsWithSegments(p)))
        {
            await next(http);
            return;
        }

        if (!path.StartsWithSegments("/api"))
        {
            http.Response.Redirect("/account/password");
            return;
        }

        var l = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        await TypedResults.Problem(l["Password.MustChangeFirst"], statusCode: StatusCodes.Status403Forbidden, title: l["Password.MustChangeTitle"]).ExecuteAsync(http);
    });
}
