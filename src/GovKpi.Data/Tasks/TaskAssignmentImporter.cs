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
    /// <summary><c>file.csv:12:quantity</c> for a file, <c>tasks[3].quantity</c> for JSON.</summary>
    public string Key => Location.EndsWith(']') ? $"{Location}.{Column}" : $"{Location}:{Column}";
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
