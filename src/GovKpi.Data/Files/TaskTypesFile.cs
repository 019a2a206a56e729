using System.Globalization;

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

    /// <summary>The rows of a CSV or .xlsx file (<see cref="TableFile"/>); a missing column is a problem at line 1.</summary>
    public static (List<TaskTypeFileRow> Rows, List<FieldProblem> HeaderProblems) Read(Stream stream, string name)
    {
        var (rows, missing) = TableFile.Read(stream, name, RequiredColumns, MaximumRows);
        return ([.. rows.Select(r => new TaskTypeFileRow(r.Line, r.Fields))], missing);
    }
}
