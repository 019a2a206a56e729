using System.Globalization;
using GovKpi.Core.Evaluation;

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
            problems.Add(new FieldProblem("to", string.Create(CultureInfo.InvariantCulture, $"must be after from ({f:yyyy-MM-dd}); to is exclusive")));
        }

        return problems.Count > 0 ? new ParsedLeave(null, problems) : new ParsedLeave(new LeaveRecord(code!, kind!.Value, from!.Value, to!.Value), []);
    }

    /// <summary>The rows of a CSV or .xlsx file (<see cref="TableFile"/>); a missing column is a problem at line 1.</summary>
    public static (List<LeaveRow> Rows, List<FieldProblem> HeaderProblems) Read(Stream stream, string name)
    {
        var (rows, missing) = TableFile.Read(stream, name, Columns, MaximumRows);
        return ([.. rows.Select(r => new LeaveRow(r.Line, r.Fields))], missing);
    }

    private static T? Problem<T>(List<FieldProblem> problems, string column, string reason) where T : struct
    {
        problems.Add(new FieldProblem(column, reason));
        return null;
    }
}
