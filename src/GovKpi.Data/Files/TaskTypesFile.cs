using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using Sylvan.Data.Csv;

namespace GovKpi.Data.Files;

/// <summary>One row of task_types as read from a CSV or .xlsx file, with its line.</summary>
public sealed record TaskTypeFileRow(long Line, IReadOnlyDictionary<string, string?> Fields);

/// <summary>
/// <c>task_types.csv</c> (docs/FILES.md): one version of a task type per row. A row becomes the
/// fields of the API's task-type request (the one shape every reader ends in), or the problems
/// of the columns that are not even numbers or dates; the rules themselves are Core's.
/// </summary>
public static class TaskTypesFile
{
    public const string FileName = "task_types.csv";
    public const int MaximumRows = 20_000;

    /// <summary>API field → file column.</summary>
    public static IReadOnlyDictionary<string, string> ColumnOf { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["code"] = "code", ["agencyCode"] = "agency_code", ["group"] = "group", ["name"] = "name", ["unitOfOutput"] = "unit_of_output",
        ["conversionFactor"] = "conversion_factor", ["difficulty"] = "difficulty", ["effectiveFrom"] = "effective_from", ["approvedBy"] = "approved_by",
    };

    public static IReadOnlyList<string> RequiredColumns { get; } = [.. ColumnOf.Values.Where(c => c != "approved_by")];

    /// <summary>The row's text fields, with its numbers read in the invariant culture (a decimal point, never a comma).</summary>
    public static (string? Code, string? AgencyCode, string? Group, string? Name, string? UnitOfOutput, decimal? ConversionFactor,
        decimal? Difficulty, string? EffectiveFrom, string? ApprovedBy, List<FieldProblem> Problems) Parse(IReadOnlyDictionary<string, string?> fields)
    {
        var problems = new List<FieldProblem>();
        string? Text(string column) => fields.GetValueOrDefault(column)?.Trim() is { Length: > 0 } t ? t : null;
        decimal? Number(string column)
        {
            var text = Text(column);
            if (text is null)
            {
                return null;
            }

            if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            problems.Add(new FieldProblem(column, $"'{text}' is not a number like 1.25"));
            return null;
        }

        return (Text("code"), Text("agency_code"), Text("group"), Text("name"), Text("unit_of_output"), Number("conversion_factor"),
            Number("difficulty"), Text("effective_from"), Text("approved_by"), problems);
    }

    /// <summary>The rows of a CSV (UTF-8, header naming the columns in any order) or .xlsx (first sheet, header in row 1) file; a missing column is a problem at line 1.</summary>
    public static (List<TaskTypeFileRow> Rows, List<FieldProblem> HeaderProblems) Read(Stream stream, string name) =>
        name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? ReadXlsx(stream) : ReadCsv(stream);

    private static List<FieldProblem> Missing(ICollection<string> header) =>
        [.. RequiredColumns.Where(c => !header.Contains(c)).Select(c => new FieldProblem(c, "required column missing from the header row"))];

    private static (List<TaskTypeFileRow>, List<FieldProblem>) ReadCsv(Stream stream)
    {
        using var text = new StreamReader(stream, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',' });
        var header = Enumerable.Range(0, csv.FieldCount).ToDictionary(i => i, i => csv.GetName(i).Trim());
        var missing = Missing(header.Values);
        var rows = new List<TaskTypeFileRow>();
        // The header is line 1; a quoted field spanning lines is not expected in a catalogue.
        var line = 1L;
        while (missing.Count == 0 && csv.Read() && rows.Count <= MaximumRows)
        {
            line++;
            var fields = header.ToDictionary(h => h.Value, h => h.Key < csv.RowFieldCount ? (string?)csv.GetString(h.Key) : null, StringComparer.Ordinal);
            if (!fields.Values.All(string.IsNullOrWhiteSpace))
            {
                rows.Add(new TaskTypeFileRow(line, fields));
            }
        }

        return (rows, missing);
    }

    private static (List<TaskTypeFileRow>, List<FieldProblem>) ReadXlsx(Stream stream)
    {
        using var workbook = new XLWorkbook(stream);
        var sheet = workbook.Worksheets.First();
        var header = sheet.Row(1).CellsUsed().ToDictionary(c => c.Address.ColumnNumber, c => c.GetString().Trim());
        var missing = Missing(header.Values);
        var rows = new List<TaskTypeFileRow>();
        var last = sheet.LastRowUsed()?.RowNumber() ?? 1;
        for (var line = 2; missing.Count == 0 && line <= last && rows.Count <= MaximumRows; line++)
        {
            var row = sheet.Row(line);
            if (!row.IsEmpty())
            {
                rows.Add(new TaskTypeFileRow(line, header.ToDictionary(h => h.Value, h => Cell(row.Cell(h.Key)), StringComparer.Ordinal)));
            }
        }

        return (rows, missing);
    }

    private static string? Cell(IXLCell cell) => cell.IsEmpty() ? null
        : cell.DataType == XLDataType.DateTime ? DateOnly.FromDateTime(cell.GetDateTime()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : cell.DataType == XLDataType.Number ? cell.GetDouble().ToString(CultureInfo.InvariantCulture)
        : cell.GetString();
}
