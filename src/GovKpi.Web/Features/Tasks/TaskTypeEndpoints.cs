using System.Globalization;
using GovKpi.Core.Access;
using GovKpi.Core.Uploads;
using GovKpi.Data;
using GovKpi.Data.Files;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Tasks;

/// <summary>The task catalogue over HTTP: HR writes within scope, every signed-in person reads the catalogues that apply to them.</summary>
public static class TaskTypeEndpoints
{
    public const long MaximumFileBytes = 10 * 1024 * 1024;

    public static void MapTaskTypeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/task-types").WithTags("Task catalogue");

        group.MapGet("/", async Task<Results<Ok<IReadOnlyList<TaskTypeResponse>>, ValidationProblem>> (
            string? on, TaskCatalogueDesk desk, GovKpiDbContext db, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            DateOnly? day = null;
            if (on is not null)
            {
                if (!DateOnly.TryParseExact(on, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["on"] = [l["TaskTypes.Error.Date"]] },
                        title: l["TaskTypes.Error.Title"]);
                }

                day = parsed;
            }

            var user = CurrentUser.From(http.User);
            var scope = await UnitScope.LoadAsync(db, user, ct);
            return TypedResults.Ok(await desk.ListAsync(TaskCatalogueDesk.ReadableAgencies(scope, user.ScopeUnitCode), day, ct));
        })
        .RequireAuthorization()
        .WithSummary("The task types of the catalogues that apply to the caller: their units' and those above (agency, province).")
        .WithDescription("Every version, or with ?on=yyyy-MM-dd only the versions in force that day.");

        group.MapPost("/", async Task<Results<Created<TaskTypeResponse>, ValidationProblem, ForbidHttpResult, ProblemHttpResult>> (
            TaskTypeRequest request, TaskCatalogueDesk desk, GovKpiDbContext db, HttpContext http, IStringLocalizer<SharedResource> l,
            CancellationToken ct) =>
        {
            var user = CurrentUser.From(http.User);
            var (refusal, errors, added) = await desk.CreateAsync(request, user, await UnitScope.LoadAsync(db, user, ct), ct);
            return refusal switch
            {
                CatalogueRefusal.None => TypedResults.Created($"/api/task-types/{Uri.EscapeDataString(added!.Code)}", TaskTypeResponse.Of(added)),
                CatalogueRefusal.Forbidden => TypedResults.Forbid(),
                CatalogueRefusal.Duplicate => TypedResults.Problem(title: errors["code"][0], statusCode: StatusCodes.Status409Conflict),
                _ => TypedResults.ValidationProblem(errors, title: l["TaskTypes.Error.Title"]),
            };
        })
        .RequireAuthorization(p => p.RequireRole(Roles.Hr))
        .WithSummary("Adds a task type, version 1: code, agencyCode, group (A–D), name, unitOfOutput, conversionFactor (> 0), difficulty (0.5–2), effectiveFrom, approvedBy (group C).")
        .WithDescription("For HR, for an agency within their scope. 409 when the agency already has the code; 400 with messages keyed by field otherwise.");

        group.MapPost("/{code}/versions", async Task<Results<Created<TaskTypeResponse>, ValidationProblem, ForbidHttpResult, NotFound>> (
            string code, TaskTypeRequest request, TaskCatalogueDesk desk, GovKpiDbContext db, HttpContext http, IStringLocalizer<SharedResource> l,
            CancellationToken ct) =>
        {
            var user = CurrentUser.From(http.User);
            var (refusal, errors, added) = await desk.NewVersionAsync(code, request, user, await UnitScope.LoadAsync(db, user, ct), ct);
            return refusal switch
            {
                CatalogueRefusal.None => TypedResults.Created($"/api/task-types/{Uri.EscapeDataString(added!.Code)}", TaskTypeResponse.Of(added)),
                CatalogueRefusal.Forbidden => TypedResults.Forbid(),
                CatalogueRefusal.NotFound => TypedResults.NotFound(),
                _ => TypedResults.ValidationProblem(errors, title: l["TaskTypes.Error.Title"]),
            };
        })
        .RequireAuthorization(p => p.RequireRole(Roles.Hr))
        .WithSummary("Adds a version of the agency's task type from effectiveFrom; the version before it ends the day before.")
        .WithDescription("The body is that of a new type without code. 404 when the agency has no such code.");
    
        group.MapPost("/import", async Task<Results<Ok<TaskTypeImportResponse>, ValidationProblem>> (
            IFormFile? file, TaskCatalogueDesk desk, GovKpiDbContext db, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (errors, done) = await ImportFileAsync(file, CurrentUser.From(http.User), desk, db, l, ct);
            return done is not null ? TypedResults.Ok(done) : TypedResults.ValidationProblem(errors, title: l["TaskTypes.Error.Title"]);
        })
        .RequireAuthorization(p => p.RequireRole(Roles.Hr))
        .WithMetadata(new UploadSizeAttribute("task-types", "file", 2 * MaximumFileBytes))
        // Scripts cannot fetch an antiforgery token; ApiWriteGuard refuses this upload from another origin instead.
        .DisableAntiforgery()
        .WithSummary("Imports task_types.csv or a .xlsx with the same columns (multipart field 'file'), all or nothing; errors keyed file:line:column.")
        .WithDescription("A row of a new code adds it; a later effective_from adds a version; a row repeating a stored version changes nothing.");
    }

    /// <summary>Reads an uploaded catalogue file and saves it; shared by the API and the page. The errors are empty when it was saved.</summary>
    public static async Task<(Dictionary<string, string[]> Errors, TaskTypeImportResponse? Done)> ImportFileAsync(IFormFile? file, CurrentUser user,
        TaskCatalogueDesk desk, GovKpiDbContext db, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (file is null || file.Length == 0 || file.Length > MaximumFileBytes)
        {
            return (new() { ["file"] = [l["TaskTypes.Error.File", MaximumFileBytes / 1024 / 1024]] }, null);
        }

        var buffer = new MemoryStream();
        await using (var stream = file.OpenReadStream())
        {
            await stream.CopyToAsync(buffer, ct);
        }

        buffer.Position = 0;
        List<TaskTypeFileRow> rows;
        List<FieldProblem> header;
        try
        {
            (rows, header) = TaskTypesFile.Read(buffer, file.FileName);
        }
        catch (UploadLimitException e)
        {
            return (new() { ["file"] = [UploadRefusal.Message(e, l)] }, null);
        }
        catch (WorkbookException e)
        {
            return (new() { ["file"] = [e.Message] }, null);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException or IOException)
        {
            return (new() { ["file"] = [$"{file.FileName}: {e.Message}"] }, null);
        }

        if (header.Count > 0)
        {
            return (header.ToDictionary(p => $"{file.FileName}:1:{p.Column}", p => new[] { l["TaskTypes.Error.Field", p.Reason].Value }), null);
        }

        var (errors, added) = await desk.ImportAsync(rows, (row, column) => $"{file.FileName}:{row.Line}:{column}", user,
            await UnitScope.LoadAsync(db, user, ct), ct);
        return errors.Count > 0 ? (errors, null) : (errors, new TaskTypeImportResponse(rows.Count, added));
    }
}

/// <summary>How many rows were read and how many versions they added (0 when the file was already in).</summary>
public sealed record TaskTypeImportResponse(int Rows, int Added);
