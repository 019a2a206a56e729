using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;

namespace GovKpi.Web.Features.Shared;

/// <summary>
/// Refuses a state-changing <c>/api</c> request (POST, PUT, PATCH, DELETE) that another site's page
/// could have sent with the user's cookie. The pages' own forms carry antiforgery tokens; the API is
/// called by scripts and integrations that cannot fetch a token, so it is protected by what a
/// browser cannot hide instead:
/// <list type="bullet">
/// <item>A browser names the page's origin on every such request (<c>Origin</c>, and
/// <c>Sec-Fetch-Site</c> in current browsers): another origin than the app's own, or than one listed
/// in <c>Api:AllowedOrigins</c>, is refused with 403. Non-browser clients send neither and pass.</item>
/// <item>Without a CORS preflight (the app allows none) a page can only send a form-encoded,
/// multipart or text/plain body; form-encoded and text/plain bodies are refused with 415, so an
/// HTML form — even a body-less one, which still says <c>application/x-www-form-urlencoded</c> —
/// never reaches an endpoint. Multipart stays, for the uploads, behind the origin check.</item>
/// </list>
/// A body-less POST without any content type passes: only <c>fetch</c> can send it, and fetch always
/// sends <c>Origin</c>. The SameSite=Strict session cookie is a second wall; this one also holds for
/// a page of a sibling subdomain, which counts as the same site.
/// </summary>
public sealed class ApiWriteGuard(RequestDelegate next, IConfiguration configuration)
{
    private readonly HashSet<string> _allowedOrigins = new(
        (configuration.GetSection("Api:AllowedOrigins").Get<string[]>() ?? []).Select(o => o.TrimEnd('/')),
        StringComparer.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext http, IStringLocalizer<SharedResource> l)
    {
        var request = http.Request;
        if (!request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || !ChangesState(request.Method))
        {
            await next(http);
            return;
        }

        if (ForeignOrigin(request) is { } origin)
        {
            await TypedResults.Problem(l["ApiWrite.CrossOrigin.Detail", origin].Value, statusCode: StatusCodes.Status403Forbidden,
                title: l["ApiWrite.CrossOrigin.Title"].Value).ExecuteAsync(http);
            return;
        }

        if (FormLikeBody(request.ContentType) is { } refused)
        {
            await TypedResults.Problem(l["ApiWrite.FormBody.Detail", refused].Value, statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: l["ApiWrite.FormBody.Title"].Value).ExecuteAsync(http);
            return;
        }

        await next(http);
    }

    private static bool ChangesState(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    /// <summary>The origin the request names when it is not this app's nor an allowed one; null when it may pass.</summary>
    private string? ForeignOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && _allowedOrigins.Contains(origin))
        {
            return null;
        }

        var own = $"{request.Scheme}://{request.Host}";
        if (origin.Length > 0 && !string.Equals(origin, own, StringComparison.OrdinalIgnoreCase))
        {
            return origin;
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return site.Length == 0 || site is "same-origin" or "none" ? null : site;
    }

    /// <summary>The media type of a body an HTML form or a simple cross-origin request can send, other than multipart; null otherwise.</summary>
    private static string? FormLikeBody(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        // A value that does not parse is refused too: what a browser would make of it is not ours to guess.
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.MediaType.Value is not { } mediaType)
        {
            return contentType.Trim();
        }

        return mediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase) ? mediaType : null;
    }
}
