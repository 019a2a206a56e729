using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using GovKpi.Core.Evaluation;
using Sylvan.Data.Csv;

namespace GovKpi.Data.Files;

/// <summary>One row of leave as read from any source (a CSV or .xlsx line, or an item of a JSON array), with where it came from.</summary>
public sealed record LeaveRow(long Line, IReadOnlyDictionary<string, string?> Fields);

/// <summary>A leave row read, or the problems of its fields (keyed by column name).</summary>
public sealed record ParsedLeave(LeaveRecord? Record, IReadOnlyList<FieldProblem> Problems);

/// <summary>
/// <c>leave.csv</c> (docs/FILES.md): <c>staff_code, kind, from, to</c>, one leave per row, <c>to</c>
/// exclusive, kind = annual | sick | maternity | training | unpaid. The one definition of a leave row,
/// used for CSV, .xlsx and the JSON API alike.
/// </summary>
public static class LeaveFile
{
    public const string FileName = "leave.csv";
    public static IReadOnlyList<string> Columns { get; } = ["staff_code", "kind", "from", "to"];
    public const int MaximumRows = 100_000;

    public static ParsedLeave Parse(IReadOnlyDictionary<string, string?> fields)
    {
        var problems = new List<FieldProblem>();
        string? Text(string column)
        {
            var value = fields.GetValueOrDefault(column)?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                problems.Add(new FieldProblem(column, "required"));
                return null;
            }

            return value;
        }

        DateOnly? Date(string column) => Text(column) is not { } text ? null
            : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : Problem<DateOnly>(problems, column, $"'{text}' is not a date yyyy-MM-dd");

        var code = Text("staff_code");
        var kindText = Text("kind");
        LeaveKind? kind = kindText is null ? null
            : Enum.TryParse<LeaveKind>(kindText, ignoreCase: true, out var k) && !int.TryParse(kindText, out _) ? k
            : Problem<LeaveKind>(problems, "kind", $"'{kindText}' is not one of annual, sick, maternity, training, unpaid");
        var from = Date("from");
        var to = Date("to");
        if (from is { } f && to is { } t && t <= f)
        {
            problems.Add(new FieldProblem("to", $"must be after from ({f:yyyy-MM-dd}); to is exclusive"));
        }

        return problems.Count > 0 ? new ParsedLeave(null, problems) : new ParsedLeave(new LeaveRecord(code!, kind!.Value, from!.Value, to!.Value), []);
    }

    /// <summary>The rows of a CSV (UTF-8, header naming the columns in any order) or .xlsx (first sheet, header in row 1) file; a missing column is a problem at line 1.</summary>
    public static (List<LeaveRow> Rows, List<FieldProblem> HeaderProblems) Read(Stream stream, string name)
    {
        return name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? ReadXlsx(stream) : ReadCsv(stream);
    }

    private static (List<LeaveRow>, List<FieldProblem>) ReadCsv(Stream stream)
    {
        using var text = new StreamReader(stream, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',' });
        var header = Enumerable.Range(0, csv.FieldCount).ToDictionary(i => i, i => csv.GetName(i).Trim());
        var missing = Columns.Where(c => !header.ContainsValue(c)).Select(c => new FieldProblem(c, "required column missing from the header row")).ToList();
        var rows = new List<LeaveRow>();
        // Line numbers count physical lines: the header is line 1 and a row's line is where it starts.
        var line = 1L;
        while (missing.Count == 0 && csv.Read())
        {
            line++;
            var fields = header.ToDictionary(h => h.Value, h => h.Key < csv.RowFieldCount ? (string?)csv.GetString(h.Key) : null, StringComparer.Ordinal);
            if (fields.Values.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            rows.Add(new LeaveRow(line, fields));
            if (rows.Count > MaximumRows)
            {
                break;
            }
        }

        return (rows, missing);
    }

    private static (List<LeaveRow>, List<FieldProblem>) ReadXlsx(Stream stream)
    {
        using var workbook = new XLWorkbook(stream);
        var sheet = workbook.Worksheets.First();
        var header = sheet.Row(1).CellsUsed().ToDictionary(c => c.Address.ColumnNumber, c => c.GetString().Trim());
        var missing = Columns.Where(c => !header.ContainsValue(c)).Select(c => new FieldProblem(c, "required column missing from the header row")).ToList();
        var rows = new List<LeaveRow>();
        var last = sheet.LastRowUsed()?.RowNumber() ?? 1;
        for (var line = 2; missing.Count == 0 && line <= last && rows.Count <= MaximumRows; line++)
        {
            var row = sheet.Row(line);
            if (row.IsEmpty())
            {
                continue;
            }

            rows.Add(new LeaveRow(line, header.ToDictionary(h => h.Value, h => Cell(row.Cell(h.Key)), StringComparer.Ordinal)));
        }

        return (rows, missing);
    }

    private static string? Cell(IXLCell cell) => cell.IsEmpty() ? null
        : cell.DataType == XLDataType.DateTime ? DateOnly.FromDateTime(cell.GetDateTime()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : cell.GetString();

    private static T? Problem<T>(List<FieldProblem> problems, string column, string reason) where T : struct
    {
        problems.Add(new FieldProblem(column, reason));
        return null;
    }
}
