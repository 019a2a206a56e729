using System.Globalization;
using GovKpi.Core.Access;
using GovKpi.Core.Uploads;
using GovKpi.Data;
using GovKpi.Data.Files;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.DelegatedTasks;

/// <summary>
/// The delegated-task register over HTTP (issue 13). Every route is authorised by role, and every
/// task by unit scope: a task is read by whoever has one of its receiving units in scope, and
/// changed only by whoever has every unit the change touches.
/// </summary>
public static class DelegatedTaskEndpoints
{
    /// <summary>Who may read the register: the receiving units' managers, HR, leaders and auditors, each within their scope.</summary>
    public static readonly string[] Readers = [Roles.Manager, Roles.Hr, Roles.Leader, Roles.Auditor];

    /// <summary>Who registers, imports, extends and hands on: HR and the province's leadership.</summary>
    public static readonly string[] Registrars = [Roles.Hr, Roles.Leader];

    /// <summary>Who reports progress: the receiving unit's manager, or HR on its behalf.</summary>
    public static readonly string[] Reporters = [Roles.Manager, Roles.Hr];

    public static readonly string[] InspectionReaders = [.. Enum.GetValues<Role>().Where(DelegatedTaskAccess.MayReadInspections).Select(r => r.ToString())];

    public static readonly string[] Inspectors = [.. Enum.GetValues<Role>().Where(DelegatedTaskAccess.MayRecordInspection).Select(r => r.ToString())];

    public const long MaximumImportBytes = 10 * 1024 * 1024;

    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static async Task<(CurrentUser User, UnitScope Scope)> CallerAsync(GovKpiDbContext db, HttpContext http, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User);
        return (user, await UnitScope.LoadAsync(db, user, ct));
    }

    private static Results<Ok<T>, ValidationProblem, NotFound, ForbidHttpResult, ProblemHttpResult> Answer<T, TValue>(
        RegistryResult<TValue> result, Func<TValue, T> body, IStringLocalizer<SharedResource> l) => result.Refusal switch
        {
            RegistryRefusal.None => TypedResults.Ok(body(result.Value!)),
            RegistryRefusal.NotFound => TypedResults.NotFound(),
            RegistryRefusal.Forbidden => TypedResults.Forbid(),
            RegistryRefusal.Duplicate => TypedResults.Problem(title: result.Errors.Values.First()[0], statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.ValidationProblem(result.Errors, title: l["DelegatedTask.Refused"]),
        };

    public static void MapDelegatedTaskEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/delegated-tasks").WithTags("Delegated tasks");

        group.MapPost("/", async (RegisterTaskRequest request, DelegatedTaskRegistry registry, GovKpiDbContext db, HttpContext http,
            IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            var result = await registry.RegisterAsync(request, user, scope, ct);
            var calendar = await registry.CalendarAsync(ct);
            return result.Refusal == RegistryRefusal.None
                ? (IResult)TypedResults.Created($"/api/delegated-tasks/{Uri.EscapeDataString(result.Value!.Task.Code)}", registry.Response(result.Value, scope, calendar, []))
                : Answer(result, f => f, l);
        })
        .RequireAuthorization(p => p.RequireRole(Registrars))
        .WithSummary("Registers a delegated task: code, title, source_body, legal_basis, kind, from_level, to_level, receiving_unit_codes, start_on, due_on, report_rhythm.")
        .WithDescription("For HR and leaders, for receiving units within their scope. Every unit must be in force on start_on at the task's to-level; "
            + "a unit that ceased is refused naming the day it ceased. 409 when the code is taken; 400 with messages keyed by field otherwise.");

        group.MapGet("/", async (DelegatedTaskRegistry registry, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await registry.ListAsync((await CallerAsync(db, http, ct)).Scope, ct)))
        .RequireAuthorization(p => p.RequireRole(Readers))
        .WithSummary("The tasks with a receiving unit in the caller's scope, soonest due first, each with every unit's progress today.");

        group.MapGet("/views/province", async (DelegatedTaskRegistry registry, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await registry.ProvinceViewAsync((await CallerAsync(db, http, ct)).Scope, ct)))
        .RequireAuthorization(p => p.RequireRole(Readers))
        .WithSummary("Progress by task, by receiving unit and by level; overdue tasks, reports not given by their date, open findings; each row links to its task.");

        group.MapGet("/views/ministry", async (DelegatedTaskRegistry registry, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await registry.MinistryViewAsync((await CallerAsync(db, http, ct)).Scope, ct)))
        .RequireAuthorization(p => p.RequireRole(Readers))
        .WithSummary("The tasks handed down from ministry level, by the body that handed them down and by level.");

        group.MapGet("/views/overdue", async (DelegatedTaskRegistry registry, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok((await registry.ProvinceViewAsync((await CallerAsync(db, http, ct)).Scope, ct)).Overdue))
        .RequireAuthorization(p => p.RequireRole(Readers))
        .WithSummary("Tasks past their due date and not completed, with the units that have not finished.");

        group.MapGet("/views/missing-reports", async (DelegatedTaskRegistry registry, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok((await registry.ProvinceViewAsync((await CallerAsync(db, http, ct)).Scope, ct)).MissingReports))
        .RequireAuthorization(p => p.RequireRole(Readers))
        .WithSummary("Receiving units that have not reported by a report date before today (Vietnam time).");

        group.MapGet("/views/open-findings", async (DelegatedTaskRegistry registry, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok((await registry.ProvinceViewAsync((await CallerAsync(db, http, ct)).Scope, ct)).OpenFindings))
        .RequireAuthorization(p => p.RequireRole(InspectionReaders))
        .WithSummary("Inspection findings with a follow-up action not closed; overdue when one was due before today.");

        group.MapGet("/export.xlsx", async (DelegatedTaskRegistry registry, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var rows = await registry.ExportRowsAsync((await CallerAsync(db, http, ct)).Scope, ct);
            using var buffer = new MemoryStream();
            DelegatedTaskListFile.WriteXlsx(buffer, rows);
            return TypedResults.File(buffer.ToArray(), Xlsx, DelegatedTaskListFile.FileStem + ".xlsx");
        })
        .RequireAuthorization(p => p.RequireRole(Readers))
        .WithSummary("The tasks in the caller's scope as the ministry task-list .xlsx (the columns the import reads).");

        group.MapGet("/export.csv", async (DelegatedTaskRegistry registry, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var rows = await registry.ExportRowsAsync((await CallerAsync(db, http, ct)).Scope, ct);
            using var buffer = new MemoryStream();
            DelegatedTaskListFile.WriteCsv(buffer, rows);
            return TypedResults.File(buffer.ToArray(), "text/csv; charset=utf-8", DelegatedTaskListFile.FileStem + ".csv");
        })
        .RequireAuthorization(p => p.RequireRole(Readers))
        .WithSummary("The tasks in the caller's scope as the ministry task-list CSV (the columns the import reads).");

        group.MapPost("/import", async (IFormFile? file, DelegatedTaskRegistry registry, GovKpiDbContext db, HttpContext http,
            IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            return Answer(await ImportFileAsync(file, user, scope, registry, l, ct), r => r, l);
        })
        .RequireAuthorization(p => p.RequireRole(Registrars))
        .DisableAntiforgery()
        .WithSummary("Imports a ministry task list (.xlsx or CSV, multipart field 'file', columns as in the export), all or nothing.")
        .WithDescription("One invalid row refuses the whole file: nothing is saved and every problem is listed, keyed rows[i].column with i counting data rows from 0.");

        group.MapGet("/{code}", async (string code, DelegatedTaskRegistry registry, GovKpiDbContext db, HttpContext http, IStringLocalizer<SharedResource> l,
            CancellationToken ct) => Answer(await registry.ReadAsync(code, (await CallerAsync(db, http, ct)).Scope, ct), t => t, l))
        .RequireAuthorization(p => p.RequireRole(Readers))
        .WithSummary("One task with each unit's progress, its reports with links to their evidence, its extensions and inspections.");

        group.MapGet("/{code}/evidence/{id:long}", async Task<Results<FileContentHttpResult, NotFound, ForbidHttpResult>> (
            string code, long id, DelegatedTaskRegistry registry, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var result = await registry.EvidenceAsync(code, id, (await CallerAsync(db, http, ct)).Scope, ct);
            return result.Refusal switch
            {
                RegistryRefusal.None => TypedResults.File(result.Value!.Content, "application/octet-stream", result.Value.FileName),
                RegistryRefusal.Forbidden => TypedResults.Forbid(),
                _ => TypedResults.NotFound(),
            };
        })
        .RequireAuthorization(p => p.RequireRole(Readers))
        .WithSummary("An evidence file of a report, as a download.");

        group.MapPost("/{code}/reports", async (string code, DelegatedTaskRegistry registry, GovKpiDbContext db, HttpContext http,
            IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            var (request, evidence) = await ReadReportAsync(http.Request, ct);
            var result = await registry.ReportAsync(code, request, evidence, user, scope, ct);
            return result.Refusal == RegistryRefusal.None
                ? (IResult)TypedResults.Created($"/api/delegated-tasks/{Uri.EscapeDataString(code)}",
                    (await registry.ReadAsync(code, scope, ct)).Value)
                : Answer(result, f => f, l);
        })
        .RequireAuthorization(p => p.RequireRole(Reporters))
        .WithSummary("Adds an implementation report: unit_code, percent_done (0–100), text, reported_on (today when left out); JSON, or multipart with evidence files.")
        .WithDescription("For the receiving unit's manager or HR. The task is completed only while every unit's latest report says 100 %.");

        group.MapPost("/{code}/extensions", async (string code, ExtendRequest request, DelegatedTaskRegistry registry, GovKpiDbContext db, HttpContext http,
            IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            var calendar = await registry.CalendarAsync(ct);
            return Answer(await registry.ExtendAsync(code, request, user, scope, ct), f => registry.Response(f, scope, calendar, []), l);
        })
        .RequireAuthorization(p => p.RequireRole(Registrars))
        .WithSummary("Moves the due date later (due_on) with its reason; the old date and the reason stay in the task's history.");

        group.MapPost("/{code}/hand-on", async (string code, HandOnRequest request, DelegatedTaskRegistry registry, GovKpiDbContext db, HttpContext http,
            IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            var calendar = await registry.CalendarAsync(ct);
            return Answer(await registry.HandOnAsync(code, request, user, scope, ct), files => files.Select(f => registry.Response(f, scope, calendar, [])).ToList(), l);
        })
        .RequireAuthorization(p => p.RequireRole(Registrars))
        .WithSummary("Hands a province task on to communes (commune_codes): one child task {code}/{commune} each, from province to commune.");

        group.MapGet("/{code}/inspections", async (string code, DelegatedTaskRegistry registry, GovKpiDbContext db, HttpContext http,
            IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Answer(await registry.ReadAsync(code, (await CallerAsync(db, http, ct)).Scope, ct), t => t.Inspections, l))
        .RequireAuthorization(p => p.RequireRole(InspectionReaders))
        .WithSummary("The inspections and post-inspections of a task, with findings and follow-up actions; auditors read them.");

        group.MapPost("/{code}/inspections", async (string code, InspectionRequest request, DelegatedTaskRegistry registry, GovKpiDbContext db, HttpContext http,
            IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            var result = await registry.InspectAsync(code, request, user, scope, ct);
            return result.Refusal == RegistryRefusal.None
                ? (IResult)TypedResults.Created($"/api/delegated-tasks/{Uri.EscapeDataString(code)}/inspections", DelegatedTaskRegistry.InspectionOf(result.Value!))
                : Answer(result, DelegatedTaskRegistry.InspectionOf, l);
        })
        .RequireAuthorization(p => p.RequireRole(Inspectors))
        .WithSummary("Records an inspection or post-inspection: kind (inspection|post_inspection), inspector, on, findings with follow-up actions (text, due_on).")
        .WithDescription("For HR and leaders (DelegatedTaskAccess); staff, managers and auditors read only.");

        group.MapPost("/{code}/inspections/{number:int}/close", async (string code, int number, CloseFollowUpRequest request, DelegatedTaskRegistry registry,
            GovKpiDbContext db, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            return Answer(await registry.CloseFollowUpAsync(code, number, request, user, scope, ct), DelegatedTaskRegistry.InspectionOf, l);
        })
        .RequireAuthorization(p => p.RequireRole(Inspectors))
        .WithSummary("Closes one follow-up action (finding, action: positions from 0) with a note; closed_on is today when left out.");
    }

    /// <summary>A report from JSON, or from a form with its evidence files (any file field).</summary>
    public static async Task<(ReportRequest Request, IReadOnlyList<EvidenceUpload> Evidence)> ReadReportAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return (await request.ReadFromJsonAsync<ReportRequest>(ct) ?? new ReportRequest(null, null, null, null), []);
        }

        var form = await request.ReadFormAsync(ct);
        int? percent = int.TryParse(form["percent_done"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : null;
        var evidence = new List<EvidenceUpload>();
        foreach (var file in form.Files.Where(f => f.Length > 0))
        {
            // A file over the limit is kept as its first bytes past the limit, so the registry refuses it by name without reading it whole.
            var buffer = new MemoryStream();
            await using (var stream = file.OpenReadStream())
            {
                await CopyAtMostAsync(stream, buffer, DelegatedTaskRegistry.MaximumEvidenceBytes + 1L, ct);
            }

            evidence.Add(new(Path.GetFileName(file.FileName.Replace('\\', '/')).Trim(), string.IsNullOrEmpty(file.ContentType) ? "application/octet-stream" : file.ContentType,
                buffer.ToArray()));
        }

        return (new ReportRequest(form["unit_code"], form["reported_on"], percent, form["text"]), evidence);
    }

    private static async Task CopyAtMostAsync(Stream from, Stream to, long limit, CancellationToken ct)
    {
        var chunk = new byte[81920];
        long total = 0;
        int read;
        while (total < limit && (read = await from.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - total)), ct)) > 0)
        {
            await to.WriteAsync(chunk.AsMemory(0, read), ct);
            total += read;
        }
    }

    /// <summary>Reads an uploaded task list and registers it; shared by the API and the page.</summary>
    public static async Task<RegistryResult<ImportResponse>> ImportFileAsync(IFormFile? file, CurrentUser user, UnitScope scope,
        DelegatedTaskRegistry registry, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        Dictionary<string, string[]> Error(string message) => new() { ["file"] = [message] };
        if (file is null || file.Length == 0 || file.Length > MaximumImportBytes)
        {
            return RegistryResult<ImportResponse>.Refused(RegistryRefusal.Invalid, Error(l["DelegatedTask.ImportFile", MaximumImportBytes / 1024 / 1024]));
        }

        var buffer = new MemoryStream();
        await using (var stream = file.OpenReadStream())
        {
            await stream.CopyToAsync(buffer, ct);
        }

        buffer.Position = 0;
        try
        {
            return await registry.ImportAsync(buffer, file.FileName, user, scope, ct);
        }
        catch (UploadLimitException e)
        {
            return RegistryResult<ImportResponse>.Refused(RegistryRefusal.Invalid, Error(UploadRefusal.Message(e, l)));
        }
        catch (WorkbookException e)
        {
            return RegistryResult<ImportResponse>.Refused(RegistryRefusal.Invalid, Error(e.Message));
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException or IOException)
        {
            return RegistryResult<ImportResponse>.Refused(RegistryRefusal.Invalid, Error($"{file.FileName}: {e.Message}"));
        }
    }
}
