using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Measurement;
using GovKpi.Data.Files;

namespace GovKpi.Data.Measurement;

/// <summary>
/// Turns one row of a contract file given as column name → text (a JSON batch item, an .xlsx
/// sheet row, a corrected quarantine row) into its record, or into a <see cref="RowError"/>
/// naming every field at fault, with the same rules and value parsers as the CSV readers
/// (<see cref="ContractValues"/>, <see cref="ContractCodes"/>).
/// </summary>
public static class ContractRow
{
    public static IReadOnlyList<string> Columns(RecordKind kind) => kind switch
    {
        RecordKind.Dossier => DossierCsvWriter.Columns,
        RecordKind.Survey => SurveyCsvWriter.Columns,
        RecordKind.Complaint => ComplaintCsvWriter.Columns,
        _ => CalendarCsvWriter.Columns,
    };

    public static IReadOnlyList<string> RequiredColumns(RecordKind kind) => kind switch
    {
        RecordKind.Dossier => ["dossier_id", "procedure_code", "unit_code", "channel", "received_at", "due_at", "status", "updated_at"],
        RecordKind.Complaint => ["complaint_id", "unit_code", "received_at", "category", "upheld"],
        _ => Columns(kind),
    };

    public static string FileName(RecordKind kind) => kind switch
    {
        RecordKind.Dossier => DossierCsvWriter.FileName,
        RecordKind.Survey => SurveyCsvWriter.FileName,
        RecordKind.Complaint => ComplaintCsvWriter.FileName,
        _ => CalendarCsvWriter.FileName,
    };

    public static object? Parse(RecordKind kind, string file, long line, IReadOnlyDictionary<string, string?> row, out RowError? error)
    {
        var r = new FieldReader(row);
        object? record = kind switch
        {
            RecordKind.Dossier => Dossier(r),
            RecordKind.Survey => Survey(r),
            RecordKind.Complaint => Complaint(r),
            _ => Calendar(r),
        };
        if (r.Problems.Count == 0)
        {
            error = null;
            return record;
        }

        var raw = row.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);
        error = new RowError(file, line, r.Problems, raw);
        return null;
    }

    private static DossierVersion? Dossier(FieldReader r)
    {
        var id = r.Text("dossier_id", required: true);
        var procedure = r.Text("procedure_code", required: true);
        var unit = r.Text("unit_code", required: true);
        var handler = r.Text("handler_code", required: false);
        var channel = r.Word<DossierChannel>("channel", ContractCodes.TryParseDossierChannel, Words<DossierChannel>(ContractCodes.Code));
        var received = r.Time("received_at", required: true);
        var due = r.Time("due_at", required: true);
        var finished = r.Time("finished_at", required: false);
        var status = r.Word<DossierStatus>("status", ContractCodes.TryParseDossierStatus, Words<DossierStatus>(ContractCodes.Code));
        var supplements = r.Number("supplement_count", required: false, 0, int.MaxValue) ?? 0;
        var staffError = r.Boolean("staff_error_return", required: false) ?? false;
        var updated = r.Time("updated_at", required: true);
        if (status is { } s && r.IsValid("finished_at"))
        {
            if (s.IsFinished() && finished is null)
            {
                r.Problem("finished_at", $"status {s.Code()} requires finished_at");
            }
            else if (!s.IsFinished() && finished is not null)
            {
                r.Problem("finished_at", $"status {s.Code()} is open and forbids finished_at");
            }
        }

        if (finished < received)
        {
            r.Problem("finished_at", "finished_at is before received_at");
        }

        return r.Problems.Count > 0 ? null
            : new DossierVersion(id!, procedure!, unit!, handler, channel!.Value, received!.Value, due!.Value, finished, status!.Value, supplements, staffError, updated!.Value);
    }

    private static SurveyResponse? Survey(FieldReader r)
    {
        var id = r.Text("response_id", required: true);
        var dossier = r.Text("dossier_id", required: true);
        var submitted = r.Time("submitted_at", required: true);
        var score = r.Number("score", required: true, 1, 5);
        return r.Problems.Count > 0 ? null : new SurveyResponse(id!, dossier!, submitted!.Value, score!.Value);
    }

    private static Complaint? Complaint(FieldReader r)
    {
        var id = r.Text("complaint_id", required: true);
        var unit = r.Text("unit_code", required: true);
        var staff = r.Text("staff_code", required: false);
        var dossier = r.Text("dossier_id", required: false);
        var received = r.Time("received_at", required: true);
        var category = r.Word<ComplaintCategory>("category", ContractCodes.TryParseComplaintCategory, Words<ComplaintCategory>(ContractCodes.Code));
        var upheld = r.Boolean("upheld", required: true);
        return r.Problems.Count > 0 ? null : new Complaint(id!, unit!, staff, dossier, received!.Value, category!.Value, upheld!.Value);
    }

    private static CalendarException? Calendar(FieldReader r)
    {
        var date = r.Date("date");
        var kind = r.Word<CalendarDayKind>("kind", ContractCodes.TryParseCalendarDayKind, Words<CalendarDayKind>(ContractCodes.Code));
        return r.Problems.Count > 0 ? null : new CalendarException(date!.Value, kind!.Value);
    }

    private static string Words<T>(Func<T, string> code) where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(code));

    private delegate bool WordParser<T>(ReadOnlySpan<char> text, out T value);

    private sealed class FieldReader(IReadOnlyDictionary<string, string?> row)
    {
        public List<FieldProblem> Problems { get; } = [];

        public bool IsValid(string column) => !Problems.Any(p => p.Column == column);

        public void Problem(string column, string reason) => Problems.Add(new FieldProblem(column, reason));

        public string? Text(string column, bool required)
        {
            var text = row.TryGetValue(column, out var v) ? v?.Trim() : null;
            if (string.IsNullOrEmpty(text))
            {
                if (required)
                {
                    Problem(column, "required, but empty");
                }

                return null;
            }

            return text;
        }

        public T? Word<T>(string column, WordParser<T> parse, string words) where T : struct
        {
            var text = Text(column, required: true);
            if (text is null)
            {
                return null;
            }

            if (parse(text, out var value))
            {
                return value;
            }

            Problem(column, $"'{text}' is not one of {words}");
            return null;
        }

        public DateTimeOffset? Time(string column, bool required) =>
            Parse<DateTimeOffset>(column, required, (string t, out DateTimeOffset v, out string? why) => ContractValues.TryParseTime(t, out v, out why));

        public DateOnly? Date(string column) =>
            Parse<DateOnly>(column, required: true, (string t, out DateOnly v, out string? why) => ContractValues.TryParseDate(t, out v, out why));

        public bool? Boolean(string column, bool required) =>
            Parse<bool>(column, required, (string t, out bool v, out string? why) => ContractValues.TryParseBoolean(t, out v, out why));

        public int? Number(string column, bool required, int minimum, int maximum) =>
            Parse<int>(column, required, (string t, out int v, out string? why) => ContractValues.TryParseWholeNumber(t, minimum, maximum, out v, out why));

        private delegate bool ValueParser<T>(string text, out T value, out string? reason);

        private T? Parse<T>(string column, bool required, ValueParser<T> parse) where T : struct
        {
            var text = Text(column, required);
            if (text is null)
            {
                return null;
            }

            if (parse(text, out var value, out var reason))
            {
                return value;
            }

            Problem(column, reason ?? $"'{text}' is not valid");
            return null;
        }
    }

    /// <summary>The fields of a record as the contract files write them (times at +07:00).</summary>
    public static Dictionary<string, string?> Fields(object record) => record switch
    {
        DossierVersion d => new()
        {
            ["dossier_id"] = d.DossierId, ["procedure_code"] = d.ProcedureCode, ["unit_code"] = d.UnitCode,
            ["handler_code"] = d.HandlerCode, ["channel"] = d.Channel.Code(), ["received_at"] = Iso(d.ReceivedAt),
            ["due_at"] = Iso(d.DueAt), ["finished_at"] = d.FinishedAt is { } f ? Iso(f) : null, ["status"] = d.Status.Code(),
            ["supplement_count"] = d.SupplementCount.ToString(CultureInfo.InvariantCulture),
            ["staff_error_return"] = d.StaffErrorReturn ? "true" : "false", ["updated_at"] = Iso(d.UpdatedAt),
        },
        SurveyResponse s => new()
        {
            ["response_id"] = s.ResponseId, ["dossier_id"] = s.DossierId, ["submitted_at"] = Iso(s.SubmittedAt),
            ["score"] = s.Score.ToString(CultureInfo.InvariantCulture),
        },
        Complaint c => new()
        {
            ["complaint_id"] = c.ComplaintId, ["unit_code"] = c.UnitCode, ["staff_code"] = c.StaffCode, ["dossier_id"] = c.DossierId,
            ["received_at"] = Iso(c.ReceivedAt), ["category"] = c.Category.Code(), ["upheld"] = c.Upheld ? "true" : "false",
        },
        CalendarException e => new() { ["date"] = e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["kind"] = e.Kind.Code() },
        _ => throw new ArgumentException($"Not a measurement record: {record.GetType().Name}", nameof(record)),
    };

    /// <summary>A time as the contract writes it, in Vietnam time.</summary>
    public static string Iso(DateTimeOffset t) => t.ToOffset(VietnamTime.Offset).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
}
