using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace GovKpi.Web.Tests.Accounts;

/// <summary>
/// A real OpenID Connect provider (OpenIddict's server, authorization code flow with PKCE) on a
/// free loopback port, standing in for the province's identity provider. It signs in whoever
/// <see cref="StaffCode"/> names, or refuses when it is null, as a person would at its login page.
/// </summary>
public sealed class ProvinceIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "govkpi";
    public const string ClientSecret = "province-test-secret";

    private readonly WebApplication _app;

    private ProvinceIdentityProvider(WebApplication app) => _app = app;

    public Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>The staff code the provider puts in the identity token of the next sign-in; null: the person is refused.</summary>
    public string? StaffCode { get; set; }

    public static async Task<ProvinceIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddAuthentication();
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            o.RegisterScopes(Scopes.OpenId, Scopes.Profile);
            o.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
            // No application store: the one client is checked by the two handlers below.
            o.EnableDegradedMode();
            o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
            o.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(c =>
            {
                if (c.ClientId != ClientId || c.RedirectUri?.EndsWith("/signin-province", StringComparison.Ordinal) != true)
                {
                    c.Reject(Errors.InvalidClient, "Unknown client or redirect address.");
                }

                return default;
            }));
            o.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(b => b.UseInlineHandler(c =>
            {
                if (c.ClientId != ClientId || c.ClientSecret != ClientSecret)
                {
                    c.Reject(Errors.InvalidClient, "Wrong client credentials.");
                }

                return default;
            }));
        });

        var app = builder.Build();
        var provider = new ProvinceIdentityProvider(app);
        app.UseAuthentication();
        app.MapMethods("/connect/authorize", ["GET", "POST"], (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest()!;
            if (provider.StaffCode is not { } staffCode)
            {
                return Results.Forbid(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }

            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, $"person-{staffCode}").SetClaim(Claims.Name, staffCode).SetClaim("staff_code", staffCode);
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        app.MapPost("/connect/token", async (HttpContext http) =>
        {
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            return Results.SignIn(result.Principal!, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        await app.StartAsync();
        return provider;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
