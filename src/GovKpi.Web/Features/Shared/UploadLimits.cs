using System.Globalization;
using GovKpi.Core.Uploads;
using GovKpi.Data.Files;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Shared;

/// <summary>
/// The request size an upload endpoint accepts: <c>Uploads:MaxRequestBytes:{Name}</c> in the
/// configuration, else <see cref="DefaultBytes"/>. <see cref="Field"/> is the form field the
/// refusal is keyed by. Put on a page model or added as endpoint metadata; read by
/// <see cref="UploadSizeGuard"/> before the body is read.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadSizeAttribute(string name, string field, long defaultBytes) : Attribute
{
    public string Name { get; } = name;

    public string Field { get; } = field;

    public long DefaultBytes { get; } = defaultBytes;
}

/// <summary>
/// Bounds the body of every upload endpoint (<see cref="UploadSizeAttribute"/>) before anything
/// reads it: a declared length over the limit is answered 413 with a located Vietnamese message
/// at once, without receiving the file; a body sent without a length is cut by Kestrel at the
/// same limit.
/// </summary>
public sealed class UploadSizeGuard(RequestDelegate next, IConfiguration configuration)
{
    public async Task InvokeAsync(HttpContext http, IStringLocalizer<SharedResource> l)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<UploadSizeAttribute>() is not { } upload || !HttpMethods.IsPost(http.Request.Method))
        {
            await next(http);
            return;
        }

        var limit = configuration.GetValue<long?>($"Uploads:MaxRequestBytes:{upload.Name}") ?? upload.DefaultBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        if (http.Request.ContentLength > limit)
        {
            var errors = new Dictionary<string, string[]>
            {
                [upload.Field] = [l["Uploads.Error.RequestSize", UploadRefusal.Megabytes(http.Request.ContentLength.Value), UploadRefusal.Megabytes(limit)].Value],
            };
            // The client may still be sending: closing after the answer saves reading the rest.
            http.Response.Headers.Connection = "close";
            await UploadRefusal.Problem(errors, StatusCodes.Status413PayloadTooLarge, l).ExecuteAsync(http);
            return;
        }

        await next(http);
    }
}

/// <summary>Words an <see cref="UploadLimitException"/> for the user and picks its status: 413 for a file too big once expanded, 400 for a hostile package.</summary>
public static class UploadRefusal
{
    /// <summary>The spreadsheet bounds of this installation: <c>Uploads:Spreadsheets:*</c> (e.g. <c>Uploads__Spreadsheets__MaxRows</c>), unset keys keep the defaults.</summary>
    public static SpreadsheetLimits SpreadsheetLimits(IConfiguration configuration) =>
        configuration.GetSection("Uploads:Spreadsheets").Get<SpreadsheetLimits>() ?? Data.Files.SpreadsheetLimits.Default;

    public static string Message(UploadLimitException e, IStringLocalizer<SharedResource> l) =>
        l["Uploads.Error.Limit." + e.Kind, e.FileName,
            e.Kind == UploadLimit.DecompressedSize ? Megabytes(e.Limit) : e.Limit.ToString("N0", CultureInfo.CurrentCulture)].Value;

    /// <summary>A ValidationProblem (errors keyed by field) with the refusal's status.</summary>
    public static ProblemHttpResult Problem(Dictionary<string, string[]> errors, int status, IStringLocalizer<SharedResource> l) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors) { Status = status, Title = l["Uploads.Error.Title"].Value });

    /// <summary>The refusal of <paramref name="e"/> keyed by <paramref name="field"/>.</summary>
    public static ProblemHttpResult Problem(UploadLimitException e, string field, IStringLocalizer<SharedResource> l) =>
        Problem(new() { [field] = [Message(e, l)] }, Status(e), l);

    public static int Status(UploadLimitException e) =>
        e.Kind is UploadLimit.CompressionRatio or UploadLimit.Entries ? StatusCodes.Status400BadRequest : StatusCodes.Status413PayloadTooLarge;

    public static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.#", CultureInfo.CurrentCulture);
}
