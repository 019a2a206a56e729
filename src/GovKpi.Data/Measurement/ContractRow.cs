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
        DossierVersion d => Named(RecordDefinitions.Dossiers, d.DossierId, d.ProcedureCode, d.UnitCode, d.HandlerCode, d.Channel.Code(),
            Iso(d.ReceivedAt), Iso(d.DueAt), d.FinishedAt is { } f ? Iso(f) : null, d.Status.Code(),
            d.SupplementCount.ToString(CultureInfo.InvariantCulture), d.StaffErrorReturn ? "true" : "false", Iso(d.UpdatedAt)),
        SurveyResponse s => Named(RecordDefinitions.Surveys, s.ResponseId, s.DossierId, Iso(s.SubmittedAt), s.Score.ToString(CultureInfo.InvariantCulture)),
        Complaint c => Named(RecordDefinitions.Complaints, c.ComplaintId, c.UnitCode, c.StaffCode, c.DossierId, Iso(c.ReceivedAt), c.Category.Code(),
            c.Upheld ? "true" : "false"),
        CalendarException e => Named(RecordDefinitions.Calendar, e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.Kind.Code()),
        _ => throw new ArgumentException($"Not a measurement record: {record.GetType().Name}", nameof(record)),
    };

    /// <summary>Values given in the order of the definition's columns, by column name.</summary>
    private static Dictionary<string, string?> Named(RecordDefinition definition, params string?[] values)
    {
        if (values.Length != definition.Columns.Count)
        {
            throw new ArgumentException($"{definition.FileName} has {definition.Columns.Count} columns, not {values.Length}.", nameof(values));
        }

        return definition.ColumnNames.Zip(values).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    /// <summary>A time as the contract writes it, in Vietnam time.</summary>
    public static string Iso(DateTimeOffset t) => t.ToOffset(VietnamTime.Offset).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
}
