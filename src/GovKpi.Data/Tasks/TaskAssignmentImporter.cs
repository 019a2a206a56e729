using GovKpi.Core.Tasks;
using GovKpi.Data.Files;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Data.Tasks;

/// <summary>
/// A problem of an imported row: at <c>location:column</c>, either a field that could not be read
/// (<see cref="Reason"/>, in English as the file readers word it) or a rule of Core (<see cref="Code"/>, a message key).
/// </summary>
public sealed record TaskImportError(string Location, string Column, string? Reason, string? Code)
{
    /// <summary>
    /// The rules' messages in English for the command line, which has no localiser; the web app
    /// words the same codes in Vietnamese and English from its resources.
    /// </summary>
    private static readonly Dictionary<string, string> English = new(StringComparer.Ordinal)
    {
        ["Tasks.Error.UnknownStaff"] = "no staff member has this code",
        ["Tasks.Error.OutsideScope"] = "the staff member is not in a unit of the importer's scope",
        ["Tasks.Error.UnknownTaskType"] = "the task type is not in the catalogue in force for the person's agency (or the province) on assigned_on",
        ["Tasks.Error.QuantityNotPositive"] = "the quantity must be above 0",
        ["Tasks.Error.DueBeforeAssigned"] = "due_on cannot be before assigned_on",
        ["Tasks.Error.ProductRequired"] = "required, at most 500 characters",
        ["Tasks.Error.QualityCheckRequired"] = "required, at most 1000 characters",
        ["Tasks.Error.Source"] = "a system code such as eoffice (letters, digits, - _ .), not 'manual'",
        ["Tasks.Error.ExternalId"] = "required, no spaces, at most 60 characters",
        ["Tasks.Error.VersionConflict"] = "the same version with other content: the source system must raise the version when it changes a task",
    };

    /// <summary><c>file.csv:12:quantity</c> for a file, <c>tasks[3].quantity</c> for JSON.</summary>
    public string Key => Location.EndsWith(']') ? $"{Location}.{Column}" : $"{Location}:{Column}";

    /// <summary><c>file:line:column: reason</c>, in English.</summary>
    public override string ToString() => $"{Key}: {Reason ?? English.GetValueOrDefault(Code ?? "", Code ?? "")}";
}

/// <summary>What an import did: rows read, tasks added, tasks whose terms a higher version replaced, rows that changed nothing.</summary>
public sealed record TaskImportSummary(int Rows, int Added, int Replaced, int Unchanged);

/// <summary>
/// Imports e-office task rows for the web app and <c>govkpi import-tasks</c>: reads nothing itself,
/// loads what Core's <see cref="TaskImport"/> needs, and saves its plan with the audit entries in
/// one transaction, or nothing at all.
/// </summary>
public sealed class TaskAssignmentImporter(GovKpiDbContext db)
{
    public async Task<(IReadOnlyList<TaskImportError> Errors, TaskImportSummary? Summary)> ImportAsync(
        IReadOnlyList<TaskAssignmentFileRow> rows, TaskActor actor, DateTimeOffset now, CancellationToken ct)
    {
        var errors = rows.SelectMany(r => r.Problems.Select(p => new TaskImportError(r.Location, p.Column, p.Reason, null))).ToList();
        var read = rows.Where(r => r.Task is not null).ToList();
        var reader = new TaskAssignmentReader(db);
        var tasks = read.Select(r => r.Task!).ToList();
        var places = await reader.PlacesAsync(tasks.Select(t => t.StaffCode), ct);
        var catalogue = await reader.CatalogueOfAsync(tasks.Select(t => t.Order.TaskTypeCode), ct);
        var ids = tasks.Select(t => t.TaskId).Distinct().ToList();
        var existing = await db.TaskAssignments.Where(t => ids.Contains(t.Id)).ToListAsync(ct);
        // The rows that could be read are checked by the rules too, so one pass shows every problem of the file.
        var plan = TaskImport.Plan(tasks, places, existing, catalogue, actor, now);
        errors.AddRange(plan.Problems.Select(p => new TaskImportError(read[p.Index].Location, p.Problem.Field, null, p.Problem.Code)));
        if (errors.Count > 0)
        {
            return (errors, null);
        }

        db.TaskAssignments.AddRange(plan.Added);
        db.TaskAudit.AddRange(plan.Audit);
        await db.SaveChangesAsync(ct);
        return ([], new TaskImportSummary(rows.Count, plan.Added.Count, plan.Replaced.Count, plan.Unchanged));
    }
}
