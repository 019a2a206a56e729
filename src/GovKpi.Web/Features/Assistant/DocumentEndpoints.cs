using GovKpi.Assistant.Answering;
using GovKpi.Assistant.Documents;
using GovKpi.Core.Access;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Assistant;

/// <summary>The documents the assistant answers from: HR uploads and deletes them, anyone who may ask sees the list.</summary>
public static class DocumentEndpoints
{
    /// <summary>
    /// The library for the whole app. The model of the LLM mode comes from the same GOVKPI_LLM_*
    /// settings as <c>govkpi ask</c> (environment variables, or any other configuration source);
    /// an incomplete model configuration stops the app at start rather than at the first question.
    /// </summary>
    public static void AddDocumentLibrary(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var model = LanguageModelSettings.FromEnvironment(name => configuration[name]);
        // Uploads:Documents:* (e.g. Uploads__Documents__MaxDecompressedBytes); unset keys keep the defaults.
        var limits = configuration.GetSection("Uploads:Documents").Get<DocumentLimits>() ?? DocumentLimits.Default;
        services.AddSingleton(sp => new DocumentLibrary(dataDirectory, model, limits, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IStringLocalizer<SharedResource>>(), sp.GetRequiredService<ILogger<DocumentLibrary>>()));
    }

    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        var documents = app.MapGroup("/api/assistant/documents").WithTags("Assistant")
            .RequireAuthorization(p => p.RequireRole(Roles.AssistantUsers));

        documents.MapGet("/", async (DocumentLibrary library, GovKpiDbContext db, CancellationToken ct) =>
                TypedResults.Ok((await library.ListAsync(db, ct)).Select(DocumentResponse.From).ToList()))
            .WithSummary("The documents questions are answered from, by name.");

        documents.MapPost("/", async Task<Results<Created<DocumentResponse>, ValidationProblem>> (
                IFormFile? file, DocumentLibrary library, GovKpiDbContext db, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                var (errors, document) = await library.AddAsync(db, file, CurrentUser.From(http.User), ct);
                return document is null
                    ? TypedResults.ValidationProblem(errors, title: l["Assistant.Documents.Error.Title"])
                    : TypedResults.Created($"/api/assistant/documents/{document.Id}", DocumentResponse.From(document));
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Hr))
            // Room above the limit so that a file somewhat too big gets the located message, not a dropped connection.
            .WithMetadata(new RequestSizeLimitAttribute(2 * DocumentLibrary.MaximumBytes))
            // Scripts cannot fetch an antiforgery token; ApiWriteGuard refuses this upload from another origin instead.
            .DisableAntiforgery()
            .WithSummary("Uploads a handbook, regulation or guidance document (multipart field 'file': .pdf, .docx, .html, .htm, .txt, .md, .markdown; at most 20 MB).")
            .WithDescription("The file is read and indexed at once; the next question can be answered from it. 400 with a located message under "
                + "'file' for no file, another type, a file too big, a name already in the library (delete the old one first), or a file "
                + "with no readable text (a damaged file, a scan without text). For HR.");

        documents.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound>> (Guid id, DocumentLibrary library, GovKpiDbContext db, CancellationToken ct) =>
                await library.RemoveAsync(db, id, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .RequireAuthorization(p => p.RequireRole(Roles.Hr))
            .WithSummary("Deletes a document, its file and its passages: no answer cites it any more. For HR.");
    }
}
