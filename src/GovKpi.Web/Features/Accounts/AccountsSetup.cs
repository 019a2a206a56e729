using GovKpi.Core.Access;
using GovKpi.Data.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace GovKpi.Web.Features.Accounts;

public static class AccountsSetup
{
    public static void AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        // Accounts:Lockout:MaxFailures and Accounts:Lockout:Minutes; 10 failures lock for 15 minutes by default.
        services.AddSingleton(new LockoutPolicy(
            configuration.GetValue("Accounts:Lockout:MaxFailures", LockoutPolicy.Default.MaxFailures),
            TimeSpan.FromMinutes(configuration.GetValue("Accounts:Lockout:Minutes", LockoutPolicy.Default.Duration.TotalMinutes))));
        services.AddScoped<AccountSessions>();
        services.AddScoped<AccountDesk>();
        services.AddScoped<SignIn>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "govkpi.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/";
                o.AccessDeniedPath = "/access-denied";
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = AccountSessions.IdleLifetime;
                o.Events.OnValidatePrincipal = SessionCheck.ValidateAsync;
                // The API answers 401/403; only pages redirect to the sign-in form.
                o.Events.OnRedirectToLogin = context => RespondOrRedirect(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => RespondOrRedirect(context, StatusCodes.Status403Forbidden);
            })
            .AddProvinceSignIn(configuration);

        // Secure by default: an endpoint that forgets its policy still demands a signed-in user.
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }

    private static Task RespondOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
