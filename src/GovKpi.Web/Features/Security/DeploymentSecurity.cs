using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace GovKpi.Web.Features.Security;

/// <summary>
/// What a browser and a TLS proxy need to keep the app safe: the forwarded-headers trust that
/// makes a request HTTPS behind the proxy (so cookies go Secure and HSTS is sent), and the
/// response headers that forbid inline script, sniffing, framing and cross-site referrers.
/// </summary>
public static class DeploymentSecurity
{
    /// <summary>
    /// Inline style attributes are many in the pages (widths, pre-wrap) and carry no script, so
    /// style-src allows them; script-src allows only the app's own files.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public const string StrictTransportSecurity = "max-age=31536000";

    /// <summary>
    /// Trusts X-Forwarded-For and X-Forwarded-Proto only from the proxies named in
    /// <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c>
    /// (CIDR); with neither, only loopback is trusted (a proxy on the same machine).
    /// </summary>
    public static IServiceCollection AddDeploymentSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = Values(configuration.GetSection("ForwardedHeaders:KnownProxies"));
        var networks = Values(configuration.GetSection("ForwardedHeaders:KnownNetworks"));
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (proxies.Count == 0 && networks.Count == 0)
            {
                return;
            }

            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }

    public static IApplicationBuilder UseDeploymentSecurity(this IApplicationBuilder app)
    {
        app.UseForwardedHeaders();
        return app.Use((http, next) =>
        {
            var request = http.Request;
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                // Only over HTTPS: a browser ignores it over HTTP, and a plain-HTTP install must stay reachable.
                if (request.IsHttps)
                {
                    headers.StrictTransportSecurity = StrictTransportSecurity;
                }

                return Task.CompletedTask;
            });
            return next(http);
        });
    }

    /// <summary>A list setting given as a JSON array or as one comma-separated value (environment variables).</summary>
    private static List<string> Values(IConfigurationSection section)
    {
        var items = section.GetChildren().Select(c => c.Value).OfType<string>().ToList();
        if (section.Value is { } single)
        {
            items.Add(single);
        }

        return items
            .SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToList();
    }
}
