using GovKpi.Data;
using GovKpi.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Accounts;

/// <summary>
/// Settings of the optional sign-in with the province's identity provider (<c>Accounts:Oidc:…</c>).
/// Off unless <see cref="Authority"/> is set.
/// </summary>
public sealed class ProvinceSignInOptions
{
    public string? Authority { get; set; }
    public string ClientId { get; set; } = "govkpi";
    public string? ClientSecret { get; set; }
    /// <summary>The claim of the identity token that carries the person's staff code (CONTRACTS.md staff_code).</summary>
    public string StaffCodeClaim { get; set; } = "staff_code";
    /// <summary>form_post (the default of OpenID Connect) or query.</summary>
    public string ResponseMode { get; set; } = "form_post";
    /// <summary>Only for a provider on the loopback interface in tests; a real provider is reached over HTTPS.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}

/// <summary>
/// Sign-in with the province's identity provider over OpenID Connect (authorization code with
/// PKCE). The provider vouches for the person; GovKpi maps the staff-code claim to the enabled
/// account linked to that staff member and starts the same server-side session as a password
/// sign-in, so everything after (session checks, disabling, sign-out) is identical.
/// </summary>
public static class ProvinceSignIn
{
    public const string Scheme = "province";
    public const string StartPath = "/account/province-sign-in";

    public static void AddProvinceSignIn(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        var settings = configuration.GetSection("Accounts:Oidc").Get<ProvinceSignInOptions>() ?? new();
        authentication.Services.AddSingleton(settings);
        if (!settings.Enabled)
        {
            return;
        }

        authentication.AddOpenIdConnect(Scheme, o =>
        {
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            o.ResponseType = "code";
            o.UsePkce = true;
            o.ResponseMode = settings.ResponseMode;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            o.CallbackPath = "/signin-province";
            o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.MapInboundClaims = false;
            if (!settings.RequireHttpsMetadata)
            {
                // A provider on plain-HTTP loopback (tests): the correlation cookies cannot be Secure there.
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            }

            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("profile");
            o.Events.OnTokenValidated = context => ToSessionAsync(context, settings);
            o.Events.OnRemoteFailure = context =>
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProvinceSignIn))
                    .LogWarning(context.Failure, "Province sign-in failed");
                context.Response.Redirect("/?province=failed");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }

    public static void MapProvinceSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet(StartPath, (ProvinceSignInOptions settings) => settings.Enabled
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = LandingPath }, [Scheme])
                : Results.NotFound())
            .AllowAnonymous().ExcludeFromDescription();

        // The session cookie is SameSite=Strict, so a browser does not send it on the redirect that
        // comes back from the provider's site; a navigation started by this page of our own site does.
        app.MapGet(LandingPath, () => Results.Content(
                "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url=/home\"></head>"
                + "<body><a href=\"/home\">GovKpi</a></body></html>", "text/html; charset=utf-8"))
            .AllowAnonymous().ExcludeFromDescription();
    }

    private const string LandingPath = "/account/province-signed-in";

    /// <summary>Replaces the provider's principal by the GovKpi account's, with a new server-side session; no linked account, no sign-in.</summary>
    private static async Task ToSessionAsync(TokenValidatedContext context, ProvinceSignInOptions settings)
    {
        var staffCode = context.Principal?.FindFirst(settings.StaffCodeClaim)?.Value;
        var services = context.HttpContext.RequestServices;
        var db = services.GetRequiredService<GovKpiDbContext>();
        var ct = context.HttpContext.RequestAborted;
        var accounts = staffCode is null ? [] : await db.Accounts.Where(a => a.StaffCode == staffCode && !a.Disabled).Take(2).ToListAsync(ct);
        if (accounts.Count != 1)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProvinceSignIn))
                .LogWarning("Province sign-in refused: {Count} enabled accounts linked to staff code {StaffCode}", accounts.Count, staffCode);
            context.Fail("No single enabled account is linked to this staff code.");
            return;
        }

        var account = accounts[0];
        var token = await services.GetRequiredService<AccountSessions>().StartAsync(account, ct);
        var user = new CurrentUser(account.UserName, account.DisplayName, account.Role, account.ScopeUnitCode, account.StaffCode);
        // The provider checked who this is; a password change GovKpi would ask for concerns the local password only.
        context.Principal = user.ToPrincipal(token, account.SecurityStamp, mustChangePassword: false);
    }
}
