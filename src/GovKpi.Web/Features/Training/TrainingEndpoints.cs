using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.Uploads;
using GovKpi.Data;
using GovKpi.Data.Files;
using GovKpi.Web.Features.Shared;
using GovKpi.Web.Features.Accounts;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Training;

/// <summary>
/// Digital capacity (issue 14, item 4): courses, sessions, completions with certificates, and each
/// unit's share of trained staff against the target; the same share is the KPI <c>trained_staff_share</c>
/// of <c>/api/kpis/values</c>.
/// </summary>
public static class TrainingEndpoints
{
    public static void MapTrainingEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/training").WithTags("Training").RequireAuthorization();

        group.MapGet("/courses", async (TrainingDesk desk, CancellationToken ct) => TypedResults.Ok(await desk.CoursesAsync(ct)))
            .WithSummary("The training courses (kind: Digital, Ai, Other; validMonths: how long a completion counts, null for good).");

        group.MapPost("/courses", async (CourseRequest request, TrainingDesk desk, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Answer(await desk.AddCourseAsync(request, ct), c => $"/api/training/courses/{Uri.EscapeDataString(c.Code)}", l))
            .RequireAuthorization(p => p.RequireRole(Roles.Hr))
            .WithSummary("Adds a course (HR): code, name, kind (Digital|Ai|Other), validMonths (1–120 or none), description.");

        group.MapGet("/sessions", async (TrainingDesk desk, CancellationToken ct) => TypedResults.Ok(await desk.SessionsAsync(ct)))
            .WithSummary("The sessions of the courses: course, dates (both included), place, trainer.");

        group.MapPost("/sessions", async (SessionRequest request, TrainingDesk desk, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Answer(await desk.AddSessionAsync(request, ct), s => $"/api/training/sessions/{s.Id}", l))
            .RequireAuthorization(p => p.RequireRole(TrainingDesk.Recorders))
            .WithSummary("Adds a session (HR, managers): courseCode, from, to (yyyy-MM-dd), place, trainer.");

        group.MapGet("/completions", async (string? unit, string? staff, TrainingDesk desk, GovKpiDbContext db, HttpContext http,
            IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            return Answer(await desk.CompletionsAsync(user, scope, unit, staff, ct), null, l);
        })
        .WithSummary("Completions: staff read their own; others those of their unit scope (optionally ?unit= or ?staff=).");

        group.MapPost("/completions", async (HttpRequest request, TrainingDesk desk, GovKpiDbContext db, HttpContext http,
            IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            var (completion, certificate) = await ReadCompletionAsync(request, ct);
            return Answer(await desk.CompleteAsync(completion, certificate, user, scope, ct), c => $"/api/training/completions/{c.Id}", l);
        })
        .RequireAuthorization(p => p.RequireRole(TrainingDesk.Recorders))
        .DisableAntiforgery()
        .WithSummary("Records a completion (HR for anyone of its scope, managers for their unit): sessionId, staffCode, completedOn, result (Passed|Failed); JSON, or multipart with the certificate file.");

        group.MapPost("/completions/import", async (IFormFile? file, TrainingDesk desk, GovKpiDbContext db, HttpContext http,
            IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            return Answer(await ImportAsync(file, desk, user, scope, l, ct), null, l);
        })
        .RequireAuthorization(p => p.RequireRole(TrainingDesk.Recorders))
        // Room above the file limit so that a file somewhat too big gets the located message.
        .WithMetadata(new UploadSizeAttribute("training", "file", 2 * MaximumImportBytes))
        // Scripts cannot fetch an antiforgery token; ApiWriteGuard refuses this upload from another origin instead.
        .DisableAntiforgery()
        .WithSummary("Imports training_completions.csv or a .xlsx with the same columns (multipart field 'file': staff_code, session_id, completed_on, result), all or nothing; errors keyed rows[i].column (i from 0, the first row under the header).");

        group.MapGet("/completions/{id:long}/certificate", async (long id, TrainingDesk desk, GovKpiDbContext db, HttpContext http,
            IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            var result = await desk.CertificateAsync(id, user, scope, ct);
            return result.Outcome == DeskOutcome.Ok
                ? TypedResults.File(result.Value!.Content, result.Value.ContentType, result.Value.FileName)
                : Answer(result, null, l);
        })
        .WithSummary("A completion's certificate, as a download (the person themselves, or anyone whose scope holds their unit).");

        group.MapGet("/share", async (string? unit, string? on, TrainingDesk desk, GovKpiDbContext db, HttpContext http, TimeProvider clock,
            IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            var errors = new Dictionary<string, string[]>();
            var day = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(VietnamTime.Offset).DateTime);
            if (on is not null && !DateOnly.TryParseExact(on, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            {
                errors["on"] = [l["Training.Error.Date"]];
            }

            if (string.IsNullOrWhiteSpace(unit))
            {
                errors["unit"] = [l["Training.Error.Unit"]];
            }

            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors, title: l["Training.Error.Title"]);
            }

            return user.Role == Role.Staff ? TypedResults.Forbid() : Answer(await desk.ShareAsync(unit!.Trim(), day, scope, ct), null, l);
        })
        .WithSummary("A unit's (and its sub-units') share of staff trained in digital skills or AI on a day (default today) against the KPI library's target, with each person and why they count or not.");
    }

    private static async Task<(CurrentUser User, UnitScope Scope)> CallerAsync(GovKpiDbContext db, HttpContext http, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User);
        return (user, await UnitScope.LoadAsync(db, user, ct));
    }

    private static IResult Answer<T>(DeskResult<T> result, Func<T, string>? created, IStringLocalizer<SharedResource> l) => result.Outcome switch
    {
        DeskOutcome.Ok => created is null ? TypedResults.Ok(result.Value) : TypedResults.Created(created(result.Value!), result.Value),
        DeskOutcome.Invalid => TypedResults.ValidationProblem(result.Errors, title: l["Training.Error.Title"]),
        DeskOutcome.NotFound => TypedResults.NotFound(),
        _ => TypedResults.Forbid(),
    };

    public const long MaximumImportBytes = 5 * 1024 * 1024;

    /// <summary>Reads an uploaded completions file and imports it; shared by the API and the page.</summary>
    public static async Task<DeskResult<int>> ImportAsync(IFormFile? file, TrainingDesk desk, Accounts.CurrentUser user, UnitScope scope,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        DeskResult<int> Refused(string message) => new(DeskOutcome.Invalid, 0, new() { ["file"] = [message] });
        if (file is null || file.Length == 0 || file.Length > MaximumImportBytes)
        {
            return Refused(l["Training.Error.File", MaximumImportBytes / 1024 / 1024]);
        }

        var buffer = new MemoryStream();
        await using (var stream = file.OpenReadStream())
        {
            await stream.CopyToAsync(buffer, ct);
        }

        buffer.Position = 0;
        List<(long Line, Dictionary<string, string?> Fields)> rows;
        List<FieldProblem> header;
        try
        {
            (rows, header) = TrainingCompletionsFile.Read(buffer, file.FileName);
        }
        catch (UploadLimitException e)
        {
            return Refused(UploadRefusal.Message(e, l));
        }
        catch (WorkbookException e)
        {
            return Refused(e.Message);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException or IOException)
        {
            return Refused($"{file.FileName}: {e.Message}");
        }

        if (header.Count > 0)
        {
            return Refused(l["Training.Error.Columns", string.Join(", ", header.Select(h => h.Column)), string.Join(", ", TrainingCompletionsFile.Columns)]);
        }

        return await desk.ImportCompletionsAsync([.. rows.Select(r => (IReadOnlyDictionary<string, string?>)r.Fields)], user, scope, ct);
    }

    /// <summary>A completion from JSON, or from a form with its certificate (the first file).</summary>
    public static async Task<(CompletionRequest Request, CertificateUpload? Certificate)> ReadCompletionAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return (await request.ReadFromJsonAsync<CompletionRequest>(ct) ?? new CompletionRequest(null, null, null, null), null);
        }

        var form = await request.ReadFormAsync(ct);
        long? session = long.TryParse(form["sessionId"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;
        CertificateUpload? certificate = null;
        if (form.Files.FirstOrDefault(f => f.Length > 0) is { } file)
        {
            var buffer = new MemoryStream();
            await using (var stream = file.OpenReadStream())
            {
                await stream.CopyToAsync(buffer, ct);
            }

            certificate = new(Path.GetFileName(file.FileName.Replace('\\', '/')).Trim(),
                string.IsNullOrEmpty(file.ContentType) ? "application/octet-stream" : file.ContentType, buffer.ToArray());
        }

        return (new CompletionRequest(session, form["staffCode"], form["completedOn"], form["result"]), certificate);
    }
}
