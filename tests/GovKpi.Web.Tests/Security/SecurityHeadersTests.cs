using System.Net;
using System.Net.Http.Json;
using GovKpi.Data;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Security;

/// <summary>Every response the app sends, page, API, static file or error, carries the browser security headers.</summary>
public abstract class SecurityHeadersTests<TApp>(TApp app) where TApp : GovKpiApp
{
    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    internal static void AssertSecurityHeaders(HttpResponseMessage response, string path)
    {
        var csp = Header(response, "Content-Security-Policy", path);
        Assert.True(csp.Contains("script-src 'self'", StringComparison.Ordinal), $"{path}: {csp}");
        Assert.True(csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal), $"{path}: {csp}");
        Assert.True(csp.Contains("default-src 'self'", StringComparison.Ordinal), $"{path}: {csp}");
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options", path));
        Assert.Equal("DENY", Header(response, "X-Frame-Options", path));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy", path));
    }

    private static string Header(HttpResponseMessage response, string name, string path)
    {
        var found = response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values);
        Assert.True(found, $"{path} ({(int)response.StatusCode}) has no {name}");
        return string.Join(", ", values!);
    }

    /// <summary>Every GET page and API route of the app that takes no route value, as the app itself lists them.</summary>
    private IReadOnlyList<string> ParameterlessGetRoutes() => app.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => e.RoutePattern.Parameters.Count == 0)
        .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET"))
        .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
        .Distinct()
        .Order(StringComparer.Ordinal)
        .ToList();

    [SkippableFact]
    public async Task Every_page_api_route_and_404_answers_hr_with_csp_nosniff_frame_and_referrer_headers()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        var routes = ParameterlessGetRoutes();
        Assert.Contains("/organisation", routes);
        Assert.Contains("/api/units", routes);

        foreach (var path in routes)
        {
            using var response = await hr.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            AssertSecurityHeaders(response, path);
        }

        using var missing = await hr.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        AssertSecurityHeaders(missing, "/no-such-page");
    }

    [SkippableFact]
    public async Task Anonymous_redirects_401s_and_static_files_carry_the_headers_too()
    {
        RequireDatabase();
        using var client = app.CreateClientWithoutRedirects();
        foreach (var (path, status) in new[]
                 {
                     ("/", HttpStatusCode.OK),
                     ("/organisation", HttpStatusCode.Redirect),
                     ("/api/units", HttpStatusCode.Unauthorized),
                     ("/css/site.css", HttpStatusCode.OK),
                     ("/js/site.js", HttpStatusCode.OK),
                 })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(status, response.StatusCode);
            AssertSecurityHeaders(response, path);
        }
    }

    [SkippableFact]
    public async Task Plain_http_gets_no_hsts_and_a_session_cookie_without_secure()
    {
        RequireDatabase();
        using var client = app.CreateClientWithoutRedirects();

        using var response = await client.PostAsync("/api/auth/sign-in", JsonContent.Create(new { userName = "hr", password = app.Password }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("govkpi.auth=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class SqliteSecurityHeadersTests(SqliteApp app) : SecurityHeadersTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresSecurityHeadersTests(PostgresApp app) : SecurityHeadersTests<PostgresApp>(app), IClassFixture<PostgresApp>;

/// <summary>
/// Behind a TLS proxy: X-Forwarded-Proto makes the request HTTPS only when it comes from a proxy
/// named in ForwardedHeaders:KnownProxies or KnownNetworks; then the session cookie is Secure and HSTS is sent.
/// </summary>
public abstract class ForwardedHeadersTests<TApp>(TApp app) where TApp : ProxiedApp
{
    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private async Task<HttpResponseMessage> SignInThroughProxyAsync()
    {
        using var client = app.CreateClientWithoutRedirects();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-in")
        {
            Content = JsonContent.Create(new { userName = "hr", password = app.Password }),
        };
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        return await client.SendAsync(request);
    }

    [SkippableFact]
    public async Task A_request_forwarded_as_https_gets_a_secure_session_cookie_and_hsts_exactly_when_its_proxy_is_trusted()
    {
        RequireDatabase();

        using var response = await SignInThroughProxyAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        SecurityHeadersTests<TApp>.AssertSecurityHeaders(response, "/api/auth/sign-in");
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("govkpi.auth=", StringComparison.Ordinal));
        if (app.TrustsLoopback)
        {
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        }
        else
        {
            Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        }
    }
}

/// <summary>The app with ForwardedHeaders settings: trusting the loopback test client as its proxy, or only proxies elsewhere.</summary>
public abstract class ProxiedApp(DatabaseProvider provider, bool trustsLoopback) : GovKpiApp(provider)
{
    public bool TrustsLoopback { get; } = trustsLoopback;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (TrustsLoopback)
        {
            builder.UseSetting("ForwardedHeaders:KnownProxies", "192.0.2.10, 127.0.0.1");
        }
        else
        {
            builder.UseSetting("ForwardedHeaders:KnownProxies", "192.0.2.10");
            builder.UseSetting("ForwardedHeaders:KnownNetworks", "198.51.100.0/24");
        }
    }
}

public sealed class SqliteTrustedProxyApp() : ProxiedApp(DatabaseProvider.Sqlite, trustsLoopback: true);

public sealed class PostgresTrustedProxyApp() : ProxiedApp(DatabaseProvider.Postgres, trustsLoopback: true);

public sealed class SqliteOtherProxyApp() : ProxiedApp(DatabaseProvider.Sqlite, trustsLoopback: false);

public sealed class PostgresOtherProxyApp() : ProxiedApp(DatabaseProvider.Postgres, trustsLoopback: false);

public sealed class SqliteTrustedProxyTests(SqliteTrustedProxyApp app) : ForwardedHeadersTests<SqliteTrustedProxyApp>(app), IClassFixture<SqliteTrustedProxyApp>;

public sealed class PostgresTrustedProxyTests(PostgresTrustedProxyApp app) : ForwardedHeadersTests<PostgresTrustedProxyApp>(app), IClassFixture<PostgresTrustedProxyApp>;

public sealed class SqliteUntrustedProxyTests(SqliteOtherProxyApp app) : ForwardedHeadersTests<SqliteOtherProxyApp>(app), IClassFixture<SqliteOtherProxyApp>;

public sealed class PostgresUntrustedProxyTests(PostgresOtherProxyApp app) : ForwardedHeadersTests<PostgresOtherProxyApp>(app), IClassFixture<PostgresOtherProxyApp>;
