using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Measurement;
using GovKpi.Data.Files;

namespace GovKpi.Data.Measurement;

/// <summary>
/// Turns one row of a contract file given as column name → text (a JSON batch item, an .xlsx
/// sheet row, a corrected quarantine row) into its record, or into a <see cref="RowError"/>
/// naming every field at fault: the kind's one definition (<see cref="RecordDefinitions"/>), the
/// same parse and the same words as the CSV readers.
/// </summary>
public static class ContractRow
{
    public static IReadOnlyList<string> Columns(RecordKind kind) => RecordDefinitions.For(kind).ColumnNames;

    public static IReadOnlyList<string> RequiredColumns(RecordKind kind) => RecordDefinitions.For(kind).RequiredColumns;

    public static string FileName(RecordKind kind) => RecordDefinitions.For(kind).FileName;

    public static object? Parse(RecordKind kind, string file, long line, IReadOnlyDictionary<string, string?> row, out RowError? error) =>
        Parse(kind, file, line, row, null, out error);

    public static object? Parse(RecordKind kind, string file, long line, IReadOnlyDictionary<string, string?> row, RecordPlausibility? plausibility,
        out RowError? error)
    {
        var record = RecordDefinitions.For(kind).Parse(row, plausibility, out var problems);
        if (problems.Count == 0)
        {
            error = null;
            return record;
        }

        var raw = row.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);
        error = new RowError(file, line, problems, raw);
        return null;
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
