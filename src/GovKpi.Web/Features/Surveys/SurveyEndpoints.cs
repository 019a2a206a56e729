using System.Globalization;
using System.Threading.RateLimiting;
using GovKpi.Core.Surveys;
using GovKpi.Data.Files;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace GovKpi.Web.Features.Surveys;

/// <summary>How many responses one client address may send per window (<c>Surveys:RateLimit:*</c>).</summary>
public sealed record SurveyRateLimit(int PermitLimit, TimeSpan Window)
{
    public static SurveyRateLimit From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Surveys:RateLimit");
        return new SurveyRateLimit(
            Math.Max(1, section.GetValue("PermitLimit", 10)),
            TimeSpan.FromSeconds(Math.Max(1, section.GetValue("WindowSeconds", 60))));
    }
}

/// <summary>
/// The citizen survey page's services and its anonymous endpoints: the Vietnamese alias
/// <c>/danh-gia</c> of <c>/survey</c>, and the QR code of a dossier's survey link.
/// </summary>
public static class SurveyEndpoints
{
    public const string RateLimitPolicy = "survey-responses";
    public const string PagePath = "/survey";

    public static void AddSurveys(this IServiceCollection services, IConfiguration configuration)
    {
        var limit = SurveyRateLimit.From(configuration);
        services.AddSingleton(limit);
        services.AddScoped<SurveyDesk>();
        services.AddRateLimiter(o =>
        {
            // Only the responses count: a counter's shared address may open the form many times.
            o.AddPolicy(RateLimitPolicy, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(""));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var l = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                // The app's encoder (Startup) leaves Vietnamese letters as they are.
                var html = context.HttpContext.RequestServices.GetRequiredService<System.Text.Encodings.Web.HtmlEncoder>();
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = ((int)limit.Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                response.ContentType = "text/html; charset=utf-8";
                var lang = CultureInfo.CurrentUICulture.Name.StartsWith("vi", StringComparison.Ordinal) ? "vi" : "en";
                await response.WriteAsync(
                    $"<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    + $"<meta name=\"robots\" content=\"noindex\"><title>{html.Encode(l["Survey.Title"])}</title><link rel=\"stylesheet\" href=\"/css/site.css\"></head>"
                    + $"<body><main><section class=\"card narrow\"><h1>{html.Encode(l["Survey.Title"])}</h1>"
                    + $"<p class=\"error\" role=\"alert\" data-testid=\"survey-rate-limited\">{html.Encode(l["Survey.RateLimited", (int)Math.Ceiling(limit.Window.TotalMinutes)])}</p>"
                    + $"<p><a href=\"{PagePath}\">{html.Encode(l["Survey.Back"])}</a></p></section></main></body></html>", ct);
            };
        });
    }

    public static void MapSurveyEndpoints(this IEndpointRouteBuilder app)
    {
        // The Vietnamese address printed on posters; the page itself lives at /survey.
        app.MapGet("/danh-gia", (HttpContext http) => Results.Redirect(PagePath + http.Request.QueryString))
            .AllowAnonymous().ExcludeFromDescription();

        // Public: the image holds only the link with the code the caller already has, and is made
        // without looking the code up, so it tells nothing about any dossier.
        app.MapGet("/survey/qr", (string? code, HttpContext http) =>
        {
            var receipt = CitizenSurvey.ReceiptCode(code, RecordDefinitions.IdLength);
            if (receipt is null)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["code"] = ["a receipt code of at most 60 characters is required"] });
            }

            var png = PngByteQRCodeHelper.GetQRCode(Link(http, receipt), QRCodeGenerator.ECCLevel.M, 8);
            return Results.File(png, "image/png");
        }).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>The survey link of a dossier: from <c>Notifications:PublicBaseUrl</c> when set, else from the request's own address.</summary>
    public static string Link(HttpContext http, string code)
    {
        var configured = http.RequestServices.GetRequiredService<IConfiguration>()["Notifications:PublicBaseUrl"];
        var baseUrl = configured is { Length: > 0 } ? configured.TrimEnd('/') : $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        return $"{baseUrl}{PagePath}?code={Uri.EscapeDataString(code)}";
    }
}
