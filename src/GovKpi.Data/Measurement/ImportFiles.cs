using System.Globalization;
using GovKpi.Core.Measurement;
using GovKpi.Data.Files;
using GovKpi.Data.Resources;

namespace GovKpi.Data.Measurement;

/// <summary>
/// A file the import cannot use at all: a required column is missing, or the CSV cannot be
/// split into rows past some point. Nothing of the batch lands (CLI exit code 2).
/// </summary>
public sealed class UnusableFileException(RowError error) : Exception(error.ToString())
{
    public RowError Error => error;
}

/// <summary>
/// Opens contract files as import sources: CSV through the contract readers (<see cref="DossierCsvReader"/>
/// and the others), .xlsx (first sheet, header row first, the same columns) through
/// <see cref="ContractRow"/>. Rows stream; invalid rows come out in file order with their location.
/// </summary>
public static class ImportFiles
{
    public static ImportFile<DossierVersion> DossiersCsv(Stream stream, string name, Action<CsvWarning>? onWarning = null, RecordPlausibility? plausibility = null) =>
        Csv(stream, name, (s, n, d) => DossierCsvReader.Read(s, n, d, plausibility), onWarning);

    public static ImportFile<SurveyResponse> SurveysCsv(Stream stream, string name, Action<CsvWarning>? onWarning = null, RecordPlausibility? plausibility = null) =>
        Csv(stream, name, (s, n, d) => SurveyCsvReader.Read(s, n, d, plausibility), onWarning);

    public static ImportFile<Complaint> ComplaintsCsv(Stream stream, string name, Action<CsvWarning>? onWarning = null, RecordPlausibility? plausibility = null) =>
        Csv(stream, name, (s, n, d) => ComplaintCsvReader.Read(s, n, d, plausibility), onWarning);

    public static ImportFile<CalendarException> CalendarCsv(Stream stream, string name, Action<CsvWarning>? onWarning = null, RecordPlausibility? plausibility = null) =>
        Csv(stream, name, (s, n, d) => CalendarCsvReader.Read(s, n, d, plausibility), onWarning);

    private static ImportFile<T> Csv<T>(Stream stream, string name, Func<Stream, string, CsvDiagnostics, IEnumerable<Located<T>>> read, Action<CsvWarning>? onWarning)
        where T : class
    {
        var pending = new Queue<RowError>();
        var diagnostics = new CsvDiagnostics(stopAtFirstError: false, pending.Enqueue, onWarning);

        IEnumerable<SourceRow<T>> Rows()
        {
            foreach (var located in read(stream, name, diagnostics))
            {
                while (pending.TryDequeue(out var error))
                {
                    yield return Invalid<T>(error);
                }

                yield return SourceRow<T>.Valid(located.Line, located.Record);
            }

            while (pending.TryDequeue(out var error))
            {
                yield return Invalid<T>(error);
            }
        }

        return new ImportFile<T>(name, Rows(), stream.CanSeek ? stream.Length : 0, () => stream.CanSeek ? stream.Position : 0);
    }

    /// <summary>An error without a row (a header without a required column, broken quoting) makes the whole file unusable.</summary>
    private static SourceRow<T> Invalid<T>(RowError error) where T : class =>
        error.RawRow.Count == 0 ? throw new UnusableFileException(error) : SourceRow<T>.Invalid(error);

    /// <summary>
    /// The first sheet of an .xlsx workbook with the columns of <paramref name="kind"/>: row 1 is the
    /// header (any order, unknown columns ignored), each following non-empty row one record. Cells
    /// Excel holds as dates are read as local times (+07:00) or, in a date column, as dates. Read
    /// as a stream within <paramref name="limits"/> (<see cref="SpreadsheetReader"/>); a file over
    /// them throws <see cref="Core.Uploads.UploadLimitException"/> before any row is returned.
    /// </summary>
    public static List<SourceRow<T>> Xlsx<T>(Stream stream, string name, RecordKind kind, SpreadsheetLimits? limits = null,
        RecordPlausibility? plausibility = null) where T : class
    {
        var rows = new List<SourceRow<T>>();
        Dictionary<int, string>? header = null;
        foreach (var row in SpreadsheetReader.Rows(stream, name, limits ?? SpreadsheetLimits.Default))
        {
            if (row.Line == 1)
            {
                header = row.Cells.ToDictionary(c => c.Column, c => SpreadsheetReader.Plain(c).Trim());
                var missing = ContractRow.RequiredColumns(kind).Where(c => !header.ContainsValue(c)).ToList();
                if (missing.Count > 0)
                {
                    throw new UnusableFileException(MissingColumns(name, missing));
                }

                continue;
            }

            if (header is null)
            {
                throw new UnusableFileException(MissingColumns(name, ContractRow.RequiredColumns(kind)));
            }

            if (row.Cells.Count == 0)
            {
                continue;
            }

            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (column, columnName) in header)
            {
                fields[columnName] = row.Cell(column) is { } cell ? Text(cell, columnName) : null;
            }

            var record = ContractRow.Parse(kind, name, row.Line, fields, plausibility, out var error);
            rows.Add(record is T valid ? SourceRow<T>.Valid(row.Line, valid) : SourceRow<T>.Invalid(error!));
        }

        return header is null ? throw new UnusableFileException(MissingColumns(name, ContractRow.RequiredColumns(kind))) : rows;
    }

    private static RowError MissingColumns(string file, IEnumerable<string> columns) =>
        new(file, 1, [.. columns.Select(c => new FieldProblem(c, DataText.Get("Record.ColumnMissing")))], new Dictionary<string, string>());

    private static string Text(SheetCell cell, string column) => cell.Kind switch
    {
        SheetCellKind.Date when column == "date" => cell.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        SheetCellKind.Boolean => cell.Boolean ? "true" : "false",
        _ => SpreadsheetReader.Plain(cell),
    };
}
