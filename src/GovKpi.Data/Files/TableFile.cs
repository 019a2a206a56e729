using System.Globalization;
using System.Text;
using Sylvan.Data.Csv;

namespace GovKpi.Data.Files;

/// <summary>
/// Reads a small table a person uploads — a CSV (UTF-8, a header naming the columns in any order)
/// or an .xlsx workbook (first sheet, header in row 1) — into rows of column name → text with the
/// line each starts on, for a file kind's own definition to parse (leave.csv, task_types.csv).
/// A required column missing from the header is a problem at line 1 and no row is read.
/// </summary>
public static class TableFile
{
    /// <summary>An .xlsx over <paramref name="limits"/> (default <see cref="SpreadsheetLimits.Default"/>) throws <see cref="Core.Uploads.UploadLimitException"/>.</summary>
    public static (List<(long Line, Dictionary<string, string?> Fields)> Rows, List<FieldProblem> HeaderProblems) Read(
        Stream stream, string name, IReadOnlyCollection<string> requiredColumns, int maximumRows, SpreadsheetLimits? limits = null) =>
        name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
            ? ReadXlsx(stream, name, requiredColumns, maximumRows, limits ?? SpreadsheetLimits.Default)
            : ReadCsv(stream, requiredColumns, maximumRows);

    private static List<FieldProblem> Missing(IReadOnlyCollection<string> required, ICollection<string> header) =>
        [.. required.Where(c => !header.Contains(c)).Select(c => new FieldProblem(c, "required column missing from the header row"))];

    private static (List<(long, Dictionary<string, string?>)>, List<FieldProblem>) ReadCsv(Stream stream, IReadOnlyCollection<string> required, int maximumRows)
    {
        using var text = new StreamReader(stream, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',' });
        var header = Enumerable.Range(0, csv.FieldCount).ToDictionary(i => i, i => csv.GetName(i).Trim());
        var missing = Missing(required, header.Values);
        var rows = new List<(long, Dictionary<string, string?>)>();
        // The header is line 1; these tables have no quoted line breaks, so a row's line is the next one.
        var line = 1L;
        while (missing.Count == 0 && rows.Count <= maximumRows && csv.Read())
        {
            line++;
            var fields = header.ToDictionary(h => h.Value, h => h.Key < csv.RowFieldCount ? (string?)csv.GetString(h.Key) : null, StringComparer.Ordinal);
            if (!fields.Values.All(string.IsNullOrWhiteSpace))
            {
                rows.Add((line, fields));
            }
        }

        return (rows, missing);
    }

    /// <summary>
    /// Streamed (<see cref="SpreadsheetReader"/>): reading stops after one row more than <paramref name="maximumRows"/>,
    /// the rest of the sheet is never parsed. Each cell becomes the text its column expects
    /// (<see cref="SheetCells.Read"/>); these tables are taken whole or not at all, so a refused cell
    /// refuses the file with a <see cref="WorkbookException"/> located at its row, column, sheet and cell.
    /// </summary>
    private static (List<(long, Dictionary<string, string?>)>, List<FieldProblem>) ReadXlsx(Stream stream, string name, IReadOnlyCollection<string> required,
        int maximumRows, SpreadsheetLimits limits)
    {
        Dictionary<int, string> header = [];
        List<FieldProblem>? missing = null;
        var twice = new List<FieldProblem>();
        var rows = new List<(long, Dictionary<string, string?>)>();
        foreach (var row in SpreadsheetReader.Rows(stream, name, limits))
        {
            if (row.Line == 1)
            {
                header = SheetCells.Header(row, required.Contains, twice);
                continue;
            }

            missing ??= [.. Missing(required, header.Values), .. twice];
            if (missing.Count > 0 || rows.Count > maximumRows)
            {
                break;
            }

            if (row.Cells.Count > 0)
            {
                rows.Add((row.Line, header.ToDictionary(h => h.Value, h => row.Cell(h.Key) is { } cell ? Text(name, row, cell, h.Value) : null, StringComparer.Ordinal)));
            }
        }

        return (rows, missing ?? [.. Missing(required, header.Values), .. twice]);
    }

    /// <summary>The text a column expects, by its name (<see cref="SheetCells.ForColumn"/>); a refused cell refuses the file.</summary>
    private static string? Text(string file, SheetRow row, SheetCell cell, string column) =>
        SheetCells.Read(row, cell, SheetCells.ForColumn(column), out var refusal) is { } text ? text
            : throw new WorkbookException(file, row.Line, string.Create(CultureInfo.InvariantCulture, $"{column}: {refusal}"));
}
