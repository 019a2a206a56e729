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
        // The body is read by the push itself, not bound, so that every malformed body gets a
        // ProblemDetails saying what is wrong rather than the framework's bare 400.
        foreach (var (path, kind) in new[] { ("/dossiers", RecordKind.Dossier), ("/surveys", RecordKind.Survey), ("/complaints", RecordKind.Complaint), ("/calendar", RecordKind.Calendar) })
        {
            push.MapPost(path, (HttpRequest request, MeasurementPush service, CancellationToken ct) =>
                    service.PushAsync(kind, request, CurrentUser.From(request.HttpContext.User), ct))
                .Accepts<JsonElement>("application/json");
        }

        var stewards = app.MapGroup("/api/measurement").WithTags("Measurement")
            .RequireAuthorization(p => p.RequireRole(Roles.RecordStewards));

        stewards.MapGet("/imports/{batchId:guid}", async Task<Results<Ok<ImportStatusResponse>, NotFound>> (
            Guid batchId, UploadQueue queue, GovKpiDbContext db, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            await MeasurementUploadStatus.FindAsync(batchId, db, queue, l, ct) is { } status ? TypedResults.Ok(status) : TypedResults.NotFound());

        stewards.MapGet("/quarantine", async (GovKpiDbContext db, int? skip, int? take, CancellationToken ct) =>
            TypedResults.Ok((await QuarantineDesk.OpenRows(db, skip ?? 0, Math.Clamp(take ?? 100, 1, 500)).ToListAsync(ct))
                .Select(QuarantinedRowResponse.From).ToList()));

        stewards.MapPost("/quarantine/{id:long}/resubmit", async Task<Results<Ok<QuarantinedRowResponse>, NotFound, Conflict, ValidationProblem, ProblemHttpResult>> (
            long id, HttpRequest request, QuarantineDesk desk, MeasurementPush push, CancellationToken ct) =>
        {
            var (document, invalid, refused) = await push.ReadBodyAsync(request, ct);
            if (invalid is not null)
            {
                return invalid;
            }

            if (document is null)
            {
                return refused!;
            }

            using (document)
            {
                if (push.Resubmission(document.RootElement) is not { } fields)
                {
                    return push.Invalid;
                }

                if (fields.Problems.Count > 0)
                {
                    return push.FieldProblems(fields.Problems);
                }

                var outcome = await desk.ResubmitAsync(id, fields.Fields, CurrentUser.From(request.HttpContext.User), ct);
                return outcome switch
                {
                    QuarantineOutcome.Resolved r => TypedResults.Ok(QuarantinedRowResponse.From(r.Row)),
                    QuarantineOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors, title: i.Title),
                    QuarantineOutcome.NotOpen => TypedResults.Conflict(),
                    _ => TypedResults.NotFound(),
                };
            }
        })
        .Accepts<ResubmitRequest>("application/json");

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
/// contract's columns. A body that is not such an array (empty, not UTF-8, not JSON, another
/// value) is refused whole with a ProblemDetails. Each item is then typed field by field — text,
/// or a number read as its text; true/false only in the yes/no columns; never an object or an
/// array — and validated as a contract row; valid ones land in one batch, invalid ones are
/// quarantined at <c>api</c>, line = index in the array, each problem keyed <c>[3].due_at</c>.
/// </summary>
public sealed class MeasurementPush(GovKpiDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l, RecordPlausibility plausibility)
{
    public const string FileName = "api";

    public async Task<Results<Ok<PushResponse>, ValidationProblem, ProblemHttpResult>> PushAsync(RecordKind kind, HttpRequest request, CurrentUser user, CancellationToken ct)
    {
        var (document, invalid, refused) = await ReadBodyAsync(request, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        if (document is null)
        {
            return refused!;
        }

        using (document)
        {
            return await PushAsync(kind, document.RootElement, user, ct);
        }
    }

    /// <summary>
    /// The request's JSON body, or why there is none: 415 for another media type, 413 beyond the
    /// server's limit, 400 for an empty body, bytes that are not UTF-8 or text that is not JSON.
    /// </summary>
    public async Task<(JsonDocument? Document, ValidationProblem? Invalid, ProblemHttpResult? Refused)> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
        {
            return (null, null, TypedResults.Problem(l["Measurement.Error.NotJson", request.ContentType ?? "—"].Value,
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: l["Measurement.Error.Title"].Value));
        }

        var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, null, TypedResults.Problem(l["Measurement.Error.TooLarge", MeasurementEndpoints.MaximumPushRows].Value, statusCode: e.StatusCode,
                title: l["Measurement.Error.Title"].Value));
        }

        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (bytes.IsEmpty)
        {
            return (null, BodyProblem(l["Measurement.Error.EmptyBody"]), null);
        }

        if (FirstInvalidUtf8(bytes.Span) is { } offset)
        {
            return (null, BodyProblem(l["Measurement.Error.NotUtf8", offset]), null);
        }

        try
        {
            // The document reads the buffer in place; the buffer is only memory, left to the collector with it.
            return (JsonDocument.Parse(bytes), null, null);
        }
        catch (JsonException e)
        {
            return (null, BodyProblem(l["Measurement.Error.NotJsonText", (e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1]), null);
        }
    }

    /// <summary>The corrected fields of a quarantined row (<see cref="ResubmitRequest"/>), typed as a pushed item's; null when the body is not such an object.</summary>
    public (Dictionary<string, string?> Fields, List<FieldProblem> Problems)? Resubmission(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in body.EnumerateObject())
        {
            if (property.NameEquals("fields") || property.NameEquals("Fields"))
            {
                if (property.Value.ValueKind == JsonValueKind.Null)
                {
                    return ([], []);
                }

                if (property.Value.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }

                var (fields, _, problems) = Fields(property.Value);
                return (fields, problems);
            }
        }

        return ([], []);
    }

    /// <summary>A resubmission that is not <c>{"fields": {…}}</c>.</summary>
    public ValidationProblem Invalid => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { ["fields"] = [l["Measurement.Error.NotAnObject"]] }, title: l["Measurement.Error.Title"]);

    /// <summary>Fields refused for their JSON type, keyed by column.</summary>
    public ValidationProblem FieldProblems(IEnumerable<FieldProblem> problems) => TypedResults.ValidationProblem(
        problems.GroupBy(p => p.Column).ToDictionary(g => g.Key, g => g.Select(p => p.Reason).ToArray()), title: l["Measurement.Error.Title"]);

    private ValidationProblem BodyProblem(string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [""] = [message] }, title: l["Measurement.Error.Title"]);

    /// <summary>The offset of the first byte that is not UTF-8, or null when all are.</summary>
    private static long? FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return null;
        }

        var offset = 0;
        while (System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            offset += consumed;
        }

        return offset;
    }

    private async Task<Results<Ok<PushResponse>, ValidationProblem, ProblemHttpResult>> PushAsync(RecordKind kind, JsonElement body, CurrentUser user, CancellationToken ct)
    {
        if (body.ValueKind != JsonValueKind.Array)
        {
            return BodyProblem(l["Measurement.Error.NotAnArray"]);
        }

        if (body.GetArrayLength() > MeasurementEndpoints.MaximumPushRows)
        {
            return BodyProblem(l["Measurement.Error.TooMany", MeasurementEndpoints.MaximumPushRows]);
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

            var (fields, raw, problems) = Fields(item, RecordDefinitions.For(kind));
            var record = ContractRow.Parse(kind, FileName, line, fields, plausibility, out var rowError);
            if (problems.Count > 0 || rowError is not null)
            {
                // A field refused for its JSON type is not also reported empty by the contract's rules.
                var typed = problems.Select(p => p.Column).ToHashSet(StringComparer.Ordinal);
                rowError = new RowError(FileName, line, [.. problems, .. (rowError?.Problems ?? []).Where(p => !typed.Contains(p.Column))], raw);
                record = null;
                foreach (var problem in rowError.Problems)
                {
                    var key = problem.Column.Length == 0 ? $"[{line}]" : $"[{line}].{problem.Column}";
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

    /// <summary>
    /// The item's fields as the contract's text (what <see cref="ContractRow"/> reads), the item as
    /// sent (what the quarantine keeps), and the fields refused for their JSON type.
    /// </summary>
    private static bool YesNo(string column, RecordDefinition? definition) =>
        (definition is null ? Enum.GetValues<RecordKind>().SelectMany(k => RecordDefinitions.For(k).Columns) : definition.Columns)
            .Any(c => c.Name == column && c.Type == ContractValueType.Boolean);

    private (Dictionary<string, string?> Fields, Dictionary<string, string> Raw, List<FieldProblem> Problems) Fields(JsonElement item, RecordDefinition? definition = null)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<FieldProblem>();
        foreach (var property in item.EnumerateObject())
        {
            string name;
            try
            {
                name = property.Name;
            }
            catch (InvalidOperationException)
            {
                // A lone UTF-16 surrogate escaped in the name (\ud800): no text to name the field by.
                problems.Add(new FieldProblem("", l["Measurement.Error.NameNotText"]));
                continue;
            }

            if (fields.ContainsKey(name) || problems.Any(p => p.Column == name))
            {
                problems.Add(new FieldProblem(name, l["Measurement.Error.Repeated"]));
                fields.Remove(name);
                continue;
            }

            var value = property.Value;
            if (value.ValueKind != JsonValueKind.Null)
            {
                raw[name] = value.ValueKind == JsonValueKind.String && TryText(value, out var text) ? text! : value.GetRawText();
            }

            switch (value.ValueKind)
            {
                case JsonValueKind.String when TryText(value, out var s):
                    fields[name] = s;
                    break;
                case JsonValueKind.String:
                    problems.Add(new FieldProblem(name, l["Measurement.Error.NotText"]));
                    break;
                case JsonValueKind.Number:
                    fields[name] = value.GetRawText();
                    break;
                // Only the definition's yes/no columns take a JSON true or false (any kind's, before the kind is known).
                case JsonValueKind.True or JsonValueKind.False when YesNo(name, definition):
                    fields[name] = value.ValueKind == JsonValueKind.True ? "true" : "false";
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    problems.Add(new FieldProblem(name, l["Measurement.Error.NotABoolean"]));
                    break;
                case JsonValueKind.Null:
                    fields[name] = null;
                    break;
                default:
                    problems.Add(new FieldProblem(name, l["Measurement.Error.NotAValue"]));
                    break;
            }
        }

        return (fields, raw, problems);
    }

    /// <summary>The string's text; false for one that is not Unicode text (a lone surrogate written as an escape).</summary>
    private static bool TryText(JsonElement value, out string? text)
    {
        try
        {
            text = value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
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
