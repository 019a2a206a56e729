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
    /// header (any order, unknown columns ignored, a known one twice makes the file unusable), each
    /// following non-empty row one record. Each cell becomes the text its column expects by
    /// <see cref="SheetCells.Read"/> (ids and codes as text whatever the cell type, times and dates
    /// only from date cells or ISO text; date cells are local times, +07:00); a cell it refuses makes
    /// its row invalid, located at its sheet and cell. Read as a stream within <paramref name="limits"/>
    /// (<see cref="SpreadsheetReader"/>); a file over them throws <see cref="Core.Uploads.UploadLimitException"/>
    /// and a damaged one a located <see cref="WorkbookException"/>, before any row is returned.
    /// </summary>
    public static List<SourceRow<T>> Xlsx<T>(Stream stream, string name, RecordKind kind, SpreadsheetLimits? limits = null,
        RecordPlausibility? plausibility = null) where T : class
    {
        var rows = new List<SourceRow<T>>();
        var definition = RecordDefinitions.For(kind);
        var known = definition.ColumnNames;
        Dictionary<int, string>? header = null;
        foreach (var row in SpreadsheetReader.Rows(stream, name, limits ?? SpreadsheetLimits.Default))
        {
            if (row.Line == 1)
            {
                var twice = new List<FieldProblem>();
                header = SheetCells.Header(row, known.Contains, twice);
                var missing = ContractRow.RequiredColumns(kind).Where(c => !header.ContainsValue(c)).ToList();
                if (missing.Count > 0 || twice.Count > 0)
                {
                    throw new UnusableFileException(new RowError(name, 1,
                        [.. missing.Select(c => new FieldProblem(c, "required column missing from the header row")), .. twice], new Dictionary<string, string>()));
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
            List<FieldProblem>? refused = null;
            foreach (var (column, columnName) in header)
            {
                if (row.Cell(column) is not { } cell)
                {
                    fields[columnName] = null;
                    continue;
                }

                var expects = definition.Columns.FirstOrDefault(c => c.Name == columnName) is { } declared ? SheetCells.For(declared.Type) : CellExpectation.Text;
                fields[columnName] = SheetCells.Read(row, cell, expects, out var refusal);
                if (refusal is not null && known.Contains(columnName))
                {
                    (refused ??= []).Add(new FieldProblem(columnName, refusal));
                    fields[columnName] = cell.Text;
                }
            }

            var record = ContractRow.Parse(kind, name, row.Line, fields, plausibility, out var error);
            if (refused is not null)
            {
                rows.Add(SourceRow<T>.Invalid(Refused(name, row.Line, known, refused, error, fields)));
                continue;
            }

            rows.Add(record is T valid ? SourceRow<T>.Valid(row.Line, valid) : SourceRow<T>.Invalid(error!));
        }

        return header is null ? throw new UnusableFileException(MissingColumns(name, ContractRow.RequiredColumns(kind))) : rows;
    }

    /// <summary>A row with refused cells: their refusals and the problems of its other fields, in the order of the record's columns.</summary>
    private static RowError Refused(string file, long line, IReadOnlyList<string> columns, List<FieldProblem> refused, RowError? parsed,
        Dictionary<string, string?> fields)
    {
        var problems = refused.Concat(parsed?.Problems.Where(p => refused.All(r => r.Column != p.Column)) ?? [])
            .OrderBy(p => columns.Contains(p.Column) ? columns.ToList().IndexOf(p.Column) : columns.Count).ToList();
        return new RowError(file, line, problems, fields.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value!, StringComparer.Ordinal));
    }

    private static RowError MissingColumns(string file, IEnumerable<string> columns) =>
        new(file, 1, [.. columns.Select(c => new FieldProblem(c, DataText.Get("Record.ColumnMissing")))], new Dictionary<string, string>());
}
