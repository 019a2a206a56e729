using System.Globalization;
using System.Text.Json;
using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Uploads;
using GovKpi.Data;
using GovKpi.Data.Files;
using GovKpi.Data.Tasks;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.Evaluation;
using GovKpi.Web.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Tasks;

/// <summary>Assigned tasks, the work diary and the task-result score over HTTP (docs/EVALUATION.md, "Assigned tasks").</summary>
public static class TaskAssignmentEndpoints
{
    public const long MaximumImportBytes = 20 * 1024 * 1024;

    public static void MapTaskAssignmentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Assigned tasks").RequireAuthorization();

        group.MapGet("/", async (string? staff, TaskAssignmentDesk desk, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            return TypedResults.Ok(await desk.ListAsync(user, scope, staff, ct));
        })
        .WithSummary("The caller's own tasks; for managers, HR, leaders and auditors also those of the units in scope (?staff=CODE for one person).");

        group.MapGet("/{id}", async (string id, TaskAssignmentDesk desk, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            return (await desk.GetAsync(id, user, scope, ct)).ToHttp();
        })
        .WithSummary("One task with its diary and audit trail; 404 when the caller may not see it.");

        group.MapPost("/", async Task<IResult> (AssignTaskRequest request, TaskAssignmentDesk desk, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            var result = await desk.AssignAsync(request, user, scope, ct);
            return result.Status == DeskStatus.Ok
                ? TypedResults.Created($"/api/tasks/{Uri.EscapeDataString(result.Value!.Id)}", result.Value)
                : result.ToHttp();
        })
        .WithSummary("A manager (or HR) assigns a task to a staff member of a unit in scope: staffCode, taskType, quantity, dueOn, expectedProduct, qualityCheck.")
        .WithDescription("The task type is the catalogue's version in force for the person's agency (else the province's) today. 403 outside scope; 400 keyed by field.");

        group.MapPost("/{id}/diary", async (string id, DiaryRequest request, TaskAssignmentDesk desk, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            return (await desk.LogDiaryAsync(id, request, user, scope, ct)).ToHttp();
        })
        .WithSummary("The assignee logs a diary entry: day (yyyy-MM-dd, default today), hours (0–24], text. 409 once submitted or accepted.");

        group.MapPost("/{id}/progress", async (string id, ProgressRequest request, TaskAssignmentDesk desk, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            return (await desk.ReportProgressAsync(id, request, user, scope, ct)).ToHttp();
        })
        .WithSummary("The assignee reports progress: quantityDone, percentDone (0–100).");

        group.MapPost("/{id}/submit", async (string id, SubmitRequest? request, TaskAssignmentDesk desk, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            return (await desk.SubmitAsync(id, request, user, scope, ct)).ToHttp();
        })
        .WithSummary("The assignee submits the product now (the server's clock); quantityDone optional.");

        group.MapPost("/{id}/return", async (string id, ReturnRequest request, TaskAssignmentDesk desk, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            return (await desk.ReturnAsync(id, request, user, scope, ct)).ToHttp();
        })
        .WithSummary("The manager returns the submitted product with a reason; the assignee submits again.");

        group.MapPost("/{id}/accept", async (string id, AcceptRequest request, TaskAssignmentDesk desk, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            return (await desk.AcceptAsync(id, request, user, scope, ct)).ToHttp();
        })
        .WithSummary("The manager accepts the submitted product: qualityPassed true or false, optional note.");

        group.MapPost("/{id}/objective-cause", async (string id, ObjectiveCauseRequest request, TaskAssignmentDesk desk, GovKpiDbContext db, HttpContext http,
            CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            return (await desk.RecordCauseAsync(id, request, user, scope, ct)).ToHttp();
        })
        .WithSummary("The manager records an objective cause (kind delay or quality, cause text) that waives the deduction.")
        .WithDescription("409 when there is nothing to waive: a delay needs a late product, quality an accepted product that failed its check.");

        group.MapGet("/diary-flags", async Task<Results<Ok<IReadOnlyList<DiaryFlagResponse>>, ValidationProblem>> (string? from, string? to,
            TaskAssignmentDesk desk, GovKpiDbContext db, HttpContext http, TimeProvider clock, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var today = VietnamTime.Today(clock);
            if (!Period(null, from ?? Text(today.AddDays(-31)), to ?? Text(today.AddDays(1)), l, out var start, out var end, out var errors))
            {
                return TypedResults.ValidationProblem(errors, title: l["Tasks.Error.Title"]);
            }

            var (_, scope) = await CallerAsync(db, http, ct);
            return TypedResults.Ok(await desk.DiaryFlagsAsync(scope, start, end, ct));
        })
        .RequireAuthorization(p => p.RequireRole(Roles.Manager, Roles.Hr))
        .WithSummary("Diary entries to look at, of the staff in scope over [from, to) (default the last 31 days): more than 12 hours in a day, or the same text on consecutive working days.");

        group.MapGet("/score", async Task<IResult> (string? staff, string? month, string? from, string? to, Guid? cycle, string? policy, TaskAssignmentDesk desk, GovKpiDbContext db,
            HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var rules = EvaluationPolicy.Decree335;
            DateOnly start, end;
            Dictionary<string, string[]> errors;
            if (cycle is { } cycleId)
            {
                var found = await db.EvaluationCycles.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cycleId, ct);
                if (found is null)
                {
                    return TypedResults.NotFound();
                }

                (start, end, rules, errors) = (found.PeriodFrom, found.PeriodTo, found.Policy, []);
            }
            else
            {
                Period(month, from, to, l, out start, out end, out errors);
                if (!string.IsNullOrWhiteSpace(policy))
                {
                    if (EvaluationPolicy.BuiltIn.FirstOrDefault(p => p.Code == policy.Trim()) is { } named)
                    {
                        rules = named;
                    }
                    else
                    {
                        errors["policy"] = [l["Tasks.Error.Policy", string.Join(", ", EvaluationPolicy.BuiltIn.Select(p => p.Code))]];
                    }
                }
                else if (!string.IsNullOrWhiteSpace(staff) && errors.Count == 0)
                {
                    rules = await desk.PolicyOnAsync(staff.Trim(), start, ct);
                }
            }

            if (string.IsNullOrWhiteSpace(staff))
            {
                errors["staff"] = [l["Tasks.Error.UnknownStaff"]];
            }

            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors, title: l["Tasks.Error.Title"]);
            }

            var (user, scope) = await CallerAsync(db, http, ct);
            return (await desk.ScoreAsync(staff!.Trim(), start, end, rules, user, scope, ct)).ToHttp();
        })
        .WithSummary("The task-result score of a staff member for a month (month=yyyy-MM), a range (from, to exclusive, yyyy-MM-dd) or a cycle's period and policy (cycle=ID); "
            + "for a month or range the policy is policy=CODE if given, else that of the person's latest cycle covering the start, else Decree 335's.")
        .WithDescription("Quantity, quality and progress ratios, points, and per task the standard products and each deduction with its task id, kind (delay, quality), points and waivedBecause.");

        group.MapPost("/import", async Task<IResult> (string? file, HttpRequest request, TaskAssignmentImporter importer, GovKpiDbContext db, HttpContext http, TimeProvider clock,
            IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            if (buffer.Length is 0 or > MaximumImportBytes)
            {
                return Invalid(new() { ["file"] = [l["Tasks.Error.File", MaximumImportBytes / 1024 / 1024]] }, l);
            }

            buffer.Position = 0;
            var json = request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;
            var (errors, summary) = await ImportAsync(buffer, json ? null : file ?? TaskAssignmentsFile.FileName, TaskAssignmentDesk.Actor(user, scope),
                importer, clock, l, ct);
            return summary is null ? Invalid(errors, l) : TypedResults.Ok(summary);
        })
        .RequireAuthorization(p => p.RequireRole(Roles.Hr, Roles.Manager, Roles.Integration))
        .WithMetadata(new UploadSizeAttribute("tasks", "file", MaximumImportBytes + 1))
        .DisableAntiforgery()
        .WithSummary("Imports e-office tasks (docs/FILES.md, task_assignments.csv): a CSV body (text/csv; ?file=NAME names it in errors, .xlsx read as a workbook) or JSON (an array of rows with the column names).")
        .WithDescription("The valid rows land in one transaction; each invalid row is quarantined (quarantined, errors keyed file:line:column or tasks[i].column). Re-importing changes nothing; a higher version replaces a task's terms. 400 only when the file cannot be read (a missing column).");

        var quarantine = group.MapGroup("/quarantine").RequireAuthorization(p => p.RequireRole(Roles.Hr, Roles.Manager));

        quarantine.MapGet("/", async (TaskAssignmentImporter importer, GovKpiDbContext db, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            var rows = await importer.OpenAsync(TaskAssignmentDesk.Actor(user, scope), ct);
            return TypedResults.Ok(rows.Select(r => Describe(r, l)).ToList());
        })
        .WithSummary("The open rows of the e-office quarantine the caller may see (their staff member's unit in scope, or imported by the caller): location, fields as read, reasons.");

        quarantine.MapPut("/{id:long}", async Task<IResult> (long id, JsonElement body, TaskAssignmentImporter importer, GovKpiDbContext db, HttpContext http,
            TimeProvider clock, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            if (body.ValueKind != JsonValueKind.Object)
            {
                return Invalid(new() { [""] = [l["Tasks.Error.Field", "expected an object whose properties are the column names"].Value] }, l);
            }

            var (user, scope) = await CallerAsync(db, http, ct);
            var done = await importer.ResubmitAsync(id, TaskAssignmentsFile.FieldsOf(body), TaskAssignmentDesk.Actor(user, scope), clock.GetUtcNow(), ct);
            return done.Row is null ? TypedResults.NotFound() : TypedResults.Ok(Describe(done.Row, l));
        })
        .DisableAntiforgery()
        .WithSummary("Submits a quarantined row again with corrected values (an object with the column names): status Imported with its taskId, or still Open with its reasons.")
        .WithDescription("The row is read and checked exactly as an imported row. Audited (QuarantineResubmitted, and Imported or Reimported when it lands). 404 when no open row with that id is visible.");

        quarantine.MapDelete("/{id:long}", async Task<IResult> (long id, TaskAssignmentImporter importer, GovKpiDbContext db, HttpContext http, TimeProvider clock,
            CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            return await importer.DiscardAsync(id, TaskAssignmentDesk.Actor(user, scope), clock.GetUtcNow(), ct) ? TypedResults.NoContent() : TypedResults.NotFound();
        })
        .DisableAntiforgery()
        .WithSummary("Discards an open quarantined row; it is kept, closed, and audited (QuarantineDiscarded).");
    }

    /// <summary>A quarantined row for the API and the page, its reasons worded in the request's language.</summary>
    public static TaskQuarantineResponse Describe(GovKpi.Core.Tasks.QuarantinedTask row, IStringLocalizer<SharedResource> l) =>
        new(row.Id, row.Location, row.Status.ToString(), row.TaskId, row.Fields, row.ImportedBy, row.QuarantinedAt,
            [.. row.Reasons.Select(r => new TaskQuarantineReason(r.Column, Word(r.Code, r.Reason, l)))]);

    private static string Word(string? code, string? reason, IStringLocalizer<SharedResource> l) =>
        code is not null ? l[code].Value : l["Tasks.Error.Field", reason ?? ""].Value;

    /// <summary>Reads and imports a body or an upload: <paramref name="fileName"/> null means JSON. Shared by the API and the page.</summary>
    public static async Task<(Dictionary<string, string[]> Errors, TaskImportResponse? Summary)> ImportAsync(Stream body, string? fileName,
        GovKpi.Core.Tasks.TaskActor actor, TaskAssignmentImporter importer, TimeProvider clock, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        List<TaskAssignmentFileRow> rows;
        try
        {
            if (fileName is null)
            {
                using var document = await JsonDocument.ParseAsync(body, cancellationToken: ct);
                rows = TaskAssignmentsFile.ReadJson(document.RootElement);
            }
            else
            {
                List<FieldProblem> header;
                (rows, header) = TaskAssignmentsFile.Read(body, fileName);
                if (header.Count > 0)
                {
                    return (header.ToDictionary(p => $"{fileName}:1:{p.Column}", p => new[] { l["Tasks.Error.Field", p.Reason].Value }), null);
                }
            }
        }
        catch (WorkbookException e)
        {
            return (new() { [fileName!] = [e.Message] }, null);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or FormatException or ArgumentException or IOException)
        {
            return (new() { [fileName ?? "body"] = [l["Tasks.Error.Field", e.Message].Value] }, null);
        }
        catch (UploadLimitException e)
        {
            return (new() { [fileName!] = [UploadRefusal.Message(e, l)] }, null);
        }

        if (rows.Count is 0 or > TaskAssignmentsFile.MaximumRows)
        {
            return (new() { [fileName ?? "body"] = [l["Tasks.Error.Rows", TaskAssignmentsFile.MaximumRows].Value] }, null);
        }

        var s = await importer.ImportAsync(rows, actor, clock.GetUtcNow(), ct);
        return ([], new TaskImportResponse(s.Rows, s.Added, s.Replaced, s.Unchanged, s.Quarantined,
            s.Errors.GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Select(e => Word(e.Code, e.Reason, l)).ToArray())));
    }

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors, IStringLocalizer<SharedResource> l) =>
        TypedResults.ValidationProblem(errors, title: l["Tasks.Error.Title"]);

    private static async Task<(CurrentUser User, UnitScope Scope)> CallerAsync(GovKpiDbContext db, HttpContext http, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User);
        return (user, await UnitScope.LoadAsync(db, user, ct));
    }

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A month (yyyy-MM) or [from, to) in yyyy-MM-dd; errors keyed by the parameter.</summary>
    public static bool Period(string? month, string? from, string? to, IStringLocalizer<SharedResource> l, out DateOnly start, out DateOnly end,
        out Dictionary<string, string[]> errors)
    {
        errors = [];
        (start, end) = (default, default);
        if (month is not null)
        {
            if (DateOnly.TryParseExact(month.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
            {
                if (!QueryDates.Plausible(start))
                {
                    errors["month"] = [l["Query.Error.Year", month, QueryDates.FirstYear, QueryDates.LastYear]];
                    return false;
                }

                end = start.AddMonths(1);
                return true;
            }

            errors["month"] = [l["Tasks.Error.Month"]];
            return false;
        }

        if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
        {
            errors["from"] = [l["Tasks.Error.Date"]];
        }
        else if (!QueryDates.Plausible(start))
        {
            errors["from"] = [l["Query.Error.Year", from!, QueryDates.FirstYear, QueryDates.LastYear]];
        }

        if (!DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out end))
        {
            errors["to"] = [l["Tasks.Error.Date"]];
        }
        else if (!QueryDates.Plausible(end))
        {
            errors["to"] = [l["Query.Error.Year", to!, QueryDates.FirstYear, QueryDates.LastYear]];
        }
        else if (errors.Count == 0 && end <= start)
        {
            errors["to"] = [l["Tasks.Error.PeriodOrder"]];
        }

        return errors.Count == 0;
    }
}

/// <summary>What an import did; <see cref="Errors"/> locates each problem of the <see cref="Quarantined"/> rows (file:line:column or tasks[i].column).</summary>
public sealed record TaskImportResponse(int Rows, int Added, int Replaced, int Unchanged, int Quarantined, Dictionary<string, string[]> Errors);

public sealed record TaskQuarantineReason(string Column, string Message);

/// <summary>A row of the e-office quarantine: where it was, its fields as read, why it was refused; Status Open, Imported (as TaskId) or Discarded.</summary>
public sealed record TaskQuarantineResponse(long Id, string Location, string Status, string? TaskId, IReadOnlyDictionary<string, string?> Fields, string ImportedBy,
    DateTimeOffset QuarantinedAt, IReadOnlyList<TaskQuarantineReason> Reasons);
