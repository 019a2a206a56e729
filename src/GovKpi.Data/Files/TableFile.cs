using System.Globalization;
using System.Text;
using ClosedXML.Excel;
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
    public static (List<(long Line, Dictionary<string, string?> Fields)> Rows, List<FieldProblem> HeaderProblems) Read(
        Stream stream, string name, IReadOnlyCollection<string> requiredColumns, int maximumRows) =>
        name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
            ? ReadXlsx(stream, requiredColumns, maximumRows)
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

    private static (List<(long, Dictionary<string, string?>)>, List<FieldProblem>) ReadXlsx(Stream stream, IReadOnlyCollection<string> required, int maximumRows)
    {
        using var workbook = new XLWorkbook(stream);
        var sheet = workbook.Worksheets.First();
        var header = sheet.Row(1).CellsUsed().ToDictionary(c => c.Address.ColumnNumber, c => c.GetString().Trim());
        var missing = Missing(required, header.Values);
        var rows = new List<(long, Dictionary<string, string?>)>();
        var last = sheet.LastRowUsed()?.RowNumber() ?? 1;
        for (var line = 2; missing.Count == 0 && line <= last && rows.Count <= maximumRows; line++)
        {
            var row = sheet.Row(line);
            if (!row.IsEmpty())
            {
                rows.Add((line, header.ToDictionary(h => h.Value, h => Cell(row.Cell(h.Key)), StringComparer.Ordinal)));
            }
        }

        return (rows, missing);
    }

    private static string? Cell(IXLCell cell) => cell.IsEmpty() ? null
        : cell.DataType == XLDataType.DateTime ? DateOnly.FromDateTime(cell.GetDateTime()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : cell.DataType == XLDataType.Number ? cell.GetDouble().ToString(CultureInfo.InvariantCulture)
        : cell.GetString();
}
