using System.Text.Json;
using GovKpi.Core.Tasks;

namespace GovKpi.Data.Files;

/// <summary>
/// A row of task_assignments read from CSV, .xlsx or JSON: the task it describes, or the problems
/// of its fields; <see cref="Location"/> is <c>file:line</c> (a file) or <c>tasks[i]</c> (JSON);
/// <see cref="Fields"/> as read, which a refused row keeps in the quarantine.
/// </summary>
public sealed record TaskAssignmentFileRow(string Location, ImportedTask? Task, IReadOnlyList<FieldProblem> Problems, IReadOnlyDictionary<string, string?> Fields);

/// <summary>
/// <c>task_assignments.csv</c> (docs/FILES.md), the contract by which the e-office system sends
/// assigned tasks: one definition of its columns and how a row becomes an <see cref="ImportedTask"/>,
/// serving the CSV and .xlsx readers (<see cref="TableFile"/>) and the JSON body alike.
/// </summary>
public static class TaskAssignmentsFile
{
    public const string FileName = "task_assignments.csv";
    public const int MaximumRows = 50_000;

    public static IReadOnlyList<ContractColumn> Columns { get; } =
    [
        new("source", true), new("external_id", true), new("version", true), new("staff_code", true), new("task_type", true),
        new("quantity", true), new("assigned_on", true), new("due_on", true), new("expected_product", true), new("quality_check", true),
        new("assigned_by", false),
    ];

    public static IReadOnlyList<string> RequiredColumns { get; } = [.. Columns.Where(c => c.Required).Select(c => c.Name)];

    /// <summary>A row given as column name → text.</summary>
    public static TaskAssignmentFileRow Parse(string location, IReadOnlyDictionary<string, string?> fields)
    {
        var r = new OrganisationFieldReader(fields);
        var source = r.Code("source");
        var id = r.Code("external_id");
        var version = r.WholeNumber("version", 1, 1_000_000_000);
        var staff = r.Code("staff_code");
        var type = r.Code("task_type");
        var quantity = r.Decimal("quantity", required: true);
        var assignedOn = r.Date("assigned_on", required: true);
        var dueOn = r.Date("due_on", required: true);
        var product = r.Text("expected_product", required: true);
        var check = r.Text("quality_check", required: true);
        var by = r.Text("assigned_by", required: false);
        var raw = Columns.ToDictionary(c => c.Name, c => fields.GetValueOrDefault(c.Name), StringComparer.Ordinal);
        return r.Failed
            ? new(location, null, r.Problems, raw)
            : new(location, new ImportedTask(source, id, version!.Value, staff, new TaskOrder(type, quantity!.Value, dueOn!.Value, product!, check!),
                assignedOn!.Value, by), [], raw);
    }

    /// <summary>The rows of a CSV or .xlsx file; a missing column is a problem at line 1 and no row is read.</summary>
    public static (List<TaskAssignmentFileRow> Rows, List<FieldProblem> HeaderProblems) Read(Stream stream, string name)
    {
        var (rows, missing) = TableFile.Read(stream, name, RequiredColumns, MaximumRows);
        return ([.. rows.Select(row => Parse($"{name}:{row.Line}", row.Fields))], missing);
    }

    /// <summary>
    /// A JSON array of objects whose properties are the column names (strings; numbers are read as
    /// written), or an object with that array as <c>tasks</c>.
    /// </summary>
    public static List<TaskAssignmentFileRow> ReadJson(JsonElement body)
    {
        var items = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("tasks", out var tasks) ? tasks : body;
        if (items.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("expected an array of tasks, or an object with the array as \"tasks\"");
        }

        var rows = new List<TaskAssignmentFileRow>();
        var i = 0;
        foreach (var item in items.EnumerateArray())
        {
            rows.Add(Parse($"tasks[{i++}]", FieldsOf(item)));
        }

        return rows;
    }

    /// <summary>A JSON object's properties as a row's fields: strings as they are, numbers as written; anything but an object has none.</summary>
    public static Dictionary<string, string?> FieldsOf(JsonElement item)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (item.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in item.EnumerateObject())
            {
                fields[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null or JsonValueKind.Undefined => null,
                    _ => property.Value.GetRawText(),
                };
            }
        }

        return fields;
    }
}
