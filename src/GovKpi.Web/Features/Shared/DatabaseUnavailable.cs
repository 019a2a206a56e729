using System.Globalization;
using GovKpi.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;

namespace GovKpi.Web.Features.Shared;

/// <summary>
/// A request that failed because the database cannot serve right now (<see cref="DatabaseFaults"/>)
/// gets 503 with Retry-After and a message saying so, as problem details on the API and as text on
/// a page, instead of a 500; nothing uncommitted was kept. Other exceptions go on to the default handler.
/// </summary>
public sealed class DatabaseUnavailable(IStringLocalizer<SharedResource> l, ILogger<DatabaseUnavailable> log) : IExceptionHandler
{
    /// <summary>A held lock clears in seconds; a lost server or a full disk needs someone.</summary>
    public static int RetryAfterSeconds(DatabaseFaults.Kind kind) => kind == DatabaseFaults.Kind.Busy ? 5 : 30;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var kind = DatabaseFaults.Classify(exception);
        if (kind == DatabaseFaults.Kind.None || http.Response.HasStarted)
        {
            return false;
        }

        var retryAfter = RetryAfterSeconds(kind);
        log.LogError("Database unavailable ({Kind}) for {Method} {Path}: {Message}", kind, http.Request.Method, http.Request.Path, exception.Message);
        var detail = l[$"Database.Unavailable.{kind}", retryAfter].Value;
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers[HeaderNames.RetryAfter] = retryAfter.ToString(CultureInfo.InvariantCulture);
        if (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: l["Database.Unavailable.Title"].Value).ExecuteAsync(http);
        }
        else
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync($"{l["Database.Unavailable.Title"].Value}\n{detail}\n", ct);
        }

        return true;
    }
}
