using Scalar.AspNetCore;

namespace GovKpi.Web.Features.Home;

/// <summary>
/// The API reference at <c>/api-docs/</c>: Scalar's own assets (mapped by
/// <c>MapScalarApiReference</c> under the same path) started by <c>/js/api-docs.js</c>, because
/// the page Scalar writes boots from an inline script that the Content-Security-Policy forbids.
/// </summary>
public static class ApiReferencePage
{
    public const string Path = "/api-docs";

    private const string Html = """
        <!doctype html>
        <html lang="en">
        <head>
            <title>GovKpi API</title>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
        </head>
        <body>
            <div id="app"></div>
            <script src="scalar.js"></script>
            <script type="module" src="/js/api-docs.js"></script>
        </body>
        </html>
        """;

    public static void MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapScalarApiReference(Path, o => o.WithTitle("GovKpi API")).AllowAnonymous();
        // A literal route outranks Scalar's "{documentName?}" one; the trailing slash keeps Scalar's relative asset addresses right.
        app.MapGet(Path, (HttpContext http) => http.Request.Path.Value!.EndsWith('/')
                ? Results.Content(Html, "text/html; charset=utf-8")
                : Results.Redirect(http.Request.PathBase + Path + "/"))
            .ExcludeFromDescription()
            .AllowAnonymous();
    }
}
