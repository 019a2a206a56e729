using System.Globalization;
using ClosedXML.Excel;
using GovKpi.Core.Measurement;
using GovKpi.Data.Files;

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
    public static ImportFile<DossierVersion> DossiersCsv(Stream stream, string name, Action<CsvWarning>? onWarning = null) => Csv(stream, name, DossierCsvReader.Read, onWarning);
    public static ImportFile<SurveyResponse> SurveysCsv(Stream stream, string name, Action<CsvWarning>? onWarning = null) => Csv(stream, name, SurveyCsvReader.Read, onWarning);
    public static ImportFile<Complaint> ComplaintsCsv(Stream stream, string name, Action<CsvWarning>? onWarning = null) => Csv(stream, name, ComplaintCsvReader.Read, onWarning);
    public static ImportFile<CalendarException> CalendarCsv(Stream stream, string name, Action<CsvWarning>? onWarning = null) => Csv(stream, name, CalendarCsvReader.Read, onWarning);

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
    /// Excel holds as dates are read as local times (+07:00) or, in a date column, as dates.
    /// </summary>
    public static List<SourceRow<T>> Xlsx<T>(Stream stream, string name, RecordKind kind) where T : class
    {
        using var workbook = new XLWorkbook(stream);
        var sheet = workbook.Worksheets.First();
        var used = sheet.RangeUsed();
        var rows = new List<SourceRow<T>>();
        if (used is null)
        {
            throw new UnusableFileException(MissingColumns(name, ContractRow.RequiredColumns(kind)));
        }

        var header = new Dictionary<int, string>();
        foreach (var cell in sheet.Row(1).CellsUsed())
        {
            header[cell.Address.ColumnNumber] = cell.GetString().Trim();
        }

        var missing = ContractRow.RequiredColumns(kind).Where(c => !header.ContainsValue(c)).ToList();
        if (missing.Count > 0)
        {
            throw new UnusableFileException(MissingColumns(name, missing));
        }

        var lastRow = used.LastRow().RowNumber();
        for (var line = 2; line <= lastRow; line++)
        {
            var row = sheet.Row(line);
            if (row.IsEmpty())
            {
                continue;
            }

            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (column, columnName) in header)
            {
                fields[columnName] = Text(row.Cell(column), columnName);
            }

            var record = ContractRow.Parse(kind, name, line, fields, out var error);
            rows.Add(record is T valid ? SourceRow<T>.Valid(line, valid) : SourceRow<T>.Invalid(error!));
        }

        return rows;
    }

    private static RowError MissingColumns(string file, IEnumerable<string> columns) =>
        new(file, 1, [.. columns.Select(c => new FieldProblem(c, "required column missing from the header row"))], new Dictionary<string, string>());

    private static string? Text(IXLCell cell, string column)
    {
        if (cell.IsEmpty())
        {
            return null;
        }

        return cell.DataType switch
        {
            XLDataType.DateTime when column == "date" => cell.GetDateTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            XLDataType.DateTime => cell.GetDateTime().ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            XLDataType.Boolean => cell.GetBoolean() ? "true" : "false",
            XLDataType.Number => cell.GetDouble().ToString(CultureInfo.InvariantCulture),
            _ => cell.GetString(),
        };
    }
}
