using System.Text.Json;
using GovKpi.Core.Access;
using GovKpi.Core.Measurement;
using GovKpi.Data;
using GovKpi.Data.Files;
using GovKpi.Data.Measurement;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Measurement;

/// <summary>
/// The outcome of a pushed batch: counts as in <see cref="ImportBatch"/>, and every row that did
/// not land keyed by its place in the request (<c>[3].received_at</c>; <c>[5]</c> for a conflict).
/// </summary>
public sealed record PushResponse(Guid BatchId, long Read, long Inserted, long Unchanged, long Replaced, long Conflicts, long Invalid,
    Dictionary<string, string[]> Errors);

public sealed record ImportStatusResponse(Guid BatchId, string State, long Rows, long BytesRead, long TotalBytes,
    ImportBatch? Batch, IReadOnlyList<string> Problems, string? Error);

public sealed record QuarantinedRowResponse(long Id, Guid BatchId, RecordKind Kind, string File, long Line, string Column, string Reason,
    Dictionary<string, string?> Raw, QuarantineStatus Status, string? ResolvedBy, DateTimeOffset? ResolvedAt, Guid? ResolvedBatchId)
{
    public static QuarantinedRowResponse From(QuarantinedRow q) => new(q.Id, q.BatchId, q.Kind, q.File, q.Line, q.Column, q.Reason,
        QuarantineDesk.Fields(q), q.Status, q.ResolvedBy, q.ResolvedAt, q.ResolvedBatchId);
}

/// <summary>Corrected fields of a quarantined row, column name → text as in the contract files.</summary>
public sealed record ResubmitRequest(Dictionary<string, string?>? Fields);

public static class MeasurementEndpoints
{
    /// <summary>Rows per pushed batch at most; larger loads go through the upload or <c>govkpi import</c>.</summary>
    public const int MaximumPushRows = 50_000;

    public static void MapMeasurementEndpoints(this IEndpointRouteBuilder app)
    {
        var push = app.MapGroup("/api/measurement").WithTags("Measurement")
            .RequireAuthorization(p => p.RequireRole(Roles.RecordWriters));
        push.MapPost("/dossiers", (JsonElement body, MeasurementPush service, HttpContext http, CancellationToken ct) =>
            service.PushAsync(RecordKind.Dossier, body, CurrentUser.From(http.User), ct));
        push.MapPost("/surveys", (JsonElement body, MeasurementPush service, HttpContext http, CancellationToken ct) =>
            service.PushAsync(RecordKind.Survey, body, CurrentUser.From(http.User), ct));
        push.MapPost("/complaints", (JsonElement body, MeasurementPush service, HttpContext http, CancellationToken ct) =>
            service.PushAsync(RecordKind.Complaint, body, CurrentUser.From(http.User), ct));
        push.MapPost("/calendar", (JsonElement body, MeasurementPush service, HttpContext http, CancellationToken ct) =>
            service.PushAsync(RecordKind.Calendar, body, CurrentUser.From(http.User), ct));

        var stewards = app.MapGroup("/api/measurement").WithTags("Measurement")
            .RequireAuthorization(p => p.RequireRole(Roles.RecordStewards));

        stewards.MapGet("/imports/{batchId:guid}", async Task<Results<Ok<ImportStatusResponse>, NotFound>> (
            Guid batchId, UploadQueue queue, GovKpiDbContext db, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            await MeasurementUploadStatus.FindAsync(batchId, db, queue, l, ct) is { } status ? TypedResults.Ok(status) : TypedResults.NotFound());

        stewards.MapGet("/quarantine", async (GovKpiDbContext db, int? skip, int? take, CancellationToken ct) =>
            TypedResults.Ok((await QuarantineDesk.OpenRows(db, skip ?? 0, Math.Clamp(take ?? 100, 1, 500)).ToListAsync(ct))
                .Select(QuarantinedRowResponse.From).ToList()));

        stewards.MapPost("/quarantine/{id:long}/resubmit", async Task<Results<Ok<QuarantinedRowResponse>, NotFound, Conflict, ValidationProblem>> (
            long id, ResubmitRequest request, QuarantineDesk desk, HttpContext http, CancellationToken ct) =>
        {
            var outcome = await desk.ResubmitAsync(id, request.Fields ?? [], CurrentUser.From(http.User), ct);
            return outcome switch
            {
                QuarantineOutcome.Resolved r => TypedResults.Ok(QuarantinedRowResponse.From(r.Row)),
                QuarantineOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: invalid.Title),
                QuarantineOutcome.NotOpen => TypedResults.Conflict(),
                _ => TypedResults.NotFound(),
            };
        });

        stewards.MapPost("/quarantine/{id:long}/discard", async Task<Results<Ok<QuarantinedRowResponse>, NotFound, Conflict>> (
            long id, QuarantineDesk desk, HttpContext http, CancellationToken ct) =>
        {
            var outcome = await desk.DiscardAsync(id, CurrentUser.From(http.User), ct);
            return outcome switch
            {
                QuarantineOutcome.Resolved r => TypedResults.Ok(QuarantinedRowResponse.From(r.Row)),
                QuarantineOutcome.NotOpen => TypedResults.Conflict(),
                _ => TypedResults.NotFound(),
            };
        });
    }
}

/// <summary>
/// A JSON batch pushed by an operational system: an array of objects whose properties are the
/// contract's columns. Each item is validated as a contract row; valid ones land in one batch,
/// invalid ones are quarantined at <c>api</c>, line = index in the array.
/// </summary>
public sealed class MeasurementPush(GovKpiDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l, RecordPlausibility plausibility)
{
    public const string FileName = "api";

    public async Task<Results<Ok<PushResponse>, ValidationProblem>> PushAsync(RecordKind kind, JsonElement body, CurrentUser user, CancellationToken ct)
    {
        if (body.ValueKind != JsonValueKind.Array)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [""] = [l["Measurement.Error.NotAnArray"]] }, title: l["Measurement.Error.Title"]);
        }

        if (body.GetArrayLength() > MeasurementEndpoints.MaximumPushRows)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [""] = [l["Measurement.Error.TooMany", MeasurementEndpoints.MaximumPushRows]] },
                title: l["Measurement.Error.Title"]);
        }

        var errors = new Dictionary<string, string[]>();
        var index = 0;
        var rows = new List<(long Line, object? Record, RowError? Error)>();
        foreach (var item in body.EnumerateArray())
        {
            var line = index++;
            if (item.ValueKind != JsonValueKind.Object)
            {
                var error = new RowError(FileName, line, [new FieldProblem("", l["Measurement.Error.NotAnObject"])], new Dictionary<string, string>());
                errors[$"[{line}]"] = [error.Reason];
                rows.Add((line, null, error));
                continue;
            }

            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var property in item.EnumerateObject())
            {
                fields[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null or JsonValueKind.Undefined => null,
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => property.Value.GetRawText(),
                };
            }

            var record = ContractRow.Parse(kind, FileName, line, fields, plausibility, out var rowError);
            if (rowError is not null)
            {
                foreach (var problem in rowError.Problems)
                {
                    var key = $"[{line}].{problem.Column}";
                    errors[key] = errors.TryGetValue(key, out var existing) ? [.. existing, problem.Reason] : [problem.Reason];
                }
            }

            rows.Add((line, record, rowError));
        }

        var batch = Batch(kind, new MeasurementBatch(ImportSource.Api, user.UserName), rows);
        var outcome = await new MeasurementImport(db, clock).RunAsync(batch, null, ct);
        foreach (var conflict in outcome.Problems.Where(p => p.Column.Length == 0))
        {
            errors[$"[{conflict.Line}]"] = [conflict.Reason];
        }

        var b = outcome.Batch;
        return TypedResults.Ok(new PushResponse(b.Id, b.Read, b.Inserted, b.Unchanged, b.Replaced, b.Conflicts, b.Invalid, errors));
    }

    /// <summary>A batch of one kind from parsed rows (shared with the quarantine's re-submission).</summary>
    internal static MeasurementBatch Batch(RecordKind kind, MeasurementBatch batch, IReadOnlyList<(long Line, object? Record, RowError? Error)> rows, string file = FileName)
    {
        ImportFile<T> File<T>() where T : class => new(file, rows.Select(r => r.Record is T t ? SourceRow<T>.Valid(r.Line, t) : SourceRow<T>.Invalid(r.Error!)).ToList());
        return kind switch
        {
            RecordKind.Dossier => batch with { Dossiers = File<DossierVersion>() },
            RecordKind.Survey => batch with { Surveys = File<SurveyResponse>() },
            RecordKind.Complaint => batch with { Complaints = File<Complaint>() },
            _ => batch with { Calendar = File<CalendarException>() },
        };
    }
}
