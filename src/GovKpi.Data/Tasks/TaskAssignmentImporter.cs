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

/// <summary>
/// What an import did: rows read, tasks added, tasks whose terms a higher version replaced, rows
/// that changed nothing, and the rows refused (<see cref="Quarantined"/>, each problem in <see cref="Errors"/>);
/// <see cref="NewlyQuarantined"/> of them were not in the quarantine yet.
/// </summary>
public sealed record TaskImportSummary(int Rows, int Added, int Replaced, int Unchanged, int Quarantined, int NewlyQuarantined, IReadOnlyList<TaskImportError> Errors);

/// <summary>What submitting a corrected quarantine row did; null row: no open row with that id the caller may see.</summary>
public sealed record TaskResubmitOutcome(QuarantinedTask? Row, bool Landed, IReadOnlyList<TaskImportError> Errors);

/// <summary>
/// Imports e-office task rows for the web app and <c>govkpi import-tasks</c>: reads nothing itself,
/// loads what Core's <see cref="TaskImport"/> and <see cref="TaskQuarantine"/> need, and saves in
/// one transaction the tasks of the valid rows, the refused rows' quarantine and the audit.
/// </summary>
public sealed class TaskAssignmentImporter(GovKpiDbContext db)
{
    public async Task<TaskImportSummary> ImportAsync(IReadOnlyList<TaskAssignmentFileRow> rows, TaskActor actor, DateTimeOffset now, CancellationToken ct)
    {
        var read = rows.Where(r => r.Task is not null).ToList();
        var reader = new TaskAssignmentReader(db);
        var tasks = read.Select(r => r.Task!).ToList();
        var places = await reader.PlacesAsync(rows.Select(r => r.Fields.GetValueOrDefault("staff_code")?.Trim() ?? "").Where(c => c.Length > 0), ct);
        var catalogue = await reader.CatalogueOfAsync(tasks.Select(t => t.Order.TaskTypeCode), ct);
        var ids = tasks.Select(t => t.TaskId).Distinct().ToList();
        var existing = await db.TaskAssignments.Where(t => ids.Contains(t.Id)).ToListAsync(ct);
        var plan = TaskImport.Plan(tasks, places, existing, catalogue, actor, now);

        var reasons = rows.ToDictionary(r => r, r => r.Problems.Select(p => new TaskRowReason(p.Column, null, p.Reason)).ToList());
        foreach (var p in plan.Problems)
        {
            reasons[read[p.Index]].Add(new TaskRowReason(p.Problem.Field, p.Problem.Code, null));
        }

        var refused = rows.Where(r => reasons[r].Count > 0)
            .Select(r => new RefusedTaskRow(r.Location, r.Fields, reasons[r], places.GetValueOrDefault(r.Fields.GetValueOrDefault("staff_code")?.Trim() ?? "")?.UnitCode))
            .ToList();
        var received = refused.Count > 0 ? await db.TaskQuarantine.AsNoTracking().ToListAsync(ct) : [];
        var admitted = TaskQuarantine.Admit(refused, received, actor, now);

        db.TaskAssignments.AddRange(plan.Added);
        db.TaskAudit.AddRange(plan.Audit);
        db.TaskQuarantine.AddRange(admitted);
        await db.SaveChangesAsync(ct);
        var errors = refused.SelectMany(r => r.Reasons.Select(p => new TaskImportError(r.Location, p.Column, p.Reason, p.Code))).ToList();
        return new TaskImportSummary(rows.Count, plan.Added.Count, plan.Replaced.Count, plan.Unchanged, refused.Count, admitted.Count, errors);
    }

    /// <summary>The open quarantine rows <paramref name="actor"/> may see, oldest first.</summary>
    public async Task<IReadOnlyList<QuarantinedTask>> OpenAsync(TaskActor actor, CancellationToken ct)
    {
        var open = await db.TaskQuarantine.AsNoTracking().Where(q => q.Status == QuarantinedTaskStatus.Open).OrderBy(q => q.Id).ToListAsync(ct);
        return [.. open.Where(q => TaskQuarantine.Visible(q, actor))];
    }

    /// <summary>
    /// A corrected row, read by the contract's one definition and planned by the import's rules:
    /// it lands as a task, or stays open with its new reasons.
    /// </summary>
    public async Task<TaskResubmitOutcome> ResubmitAsync(long id, IReadOnlyDictionary<string, string?> fields, TaskActor actor, DateTimeOffset now, CancellationToken ct)
    {
        var row = await db.TaskQuarantine.SingleOrDefaultAsync(q => q.Id == id && q.Status == QuarantinedTaskStatus.Open, ct);
        if (row is null || !TaskQuarantine.Visible(row, actor))
        {
            return new TaskResubmitOutcome(null, false, []);
        }

        var parsed = TaskAssignmentsFile.Parse(row.Location, fields);
        var readProblems = parsed.Problems.Select(p => new TaskRowReason(p.Column, null, p.Reason)).ToList();
        var reader = new TaskAssignmentReader(db);
        var staff = parsed.Fields.GetValueOrDefault("staff_code")?.Trim() ?? "";
        var places = staff.Length > 0 ? await reader.PlacesAsync([staff], ct) : new Dictionary<string, TaskPlace>();
        TaskImportPlan? plan = null;
        if (parsed.Task is { } task)
        {
            var catalogue = await reader.CatalogueOfAsync([task.Order.TaskTypeCode], ct);
            var existing = await db.TaskAssignments.Where(t => t.Id == task.TaskId).ToListAsync(ct);
            plan = TaskImport.Plan([task], places, existing, catalogue, actor, now);
        }

        var done = TaskQuarantine.Resubmit(row, parsed.Fields, readProblems, plan, places.GetValueOrDefault(staff)?.UnitCode, actor, now);
        if (done.Plan is { } landed)
        {
            db.TaskAssignments.AddRange(landed.Added);
        }

        db.TaskAudit.AddRange(done.Audit);
        await db.SaveChangesAsync(ct);
        return new TaskResubmitOutcome(row, done.Landed, [.. row.Reasons.Select(p => new TaskImportError(row.Location, p.Column, p.Reason, p.Code))]);
    }

    /// <summary>Discards an open row the caller may see; false when there is none.</summary>
    public async Task<bool> DiscardAsync(long id, TaskActor actor, DateTimeOffset now, CancellationToken ct)
    {
        var row = await db.TaskQuarantine.SingleOrDefaultAsync(q => q.Id == id && q.Status == QuarantinedTaskStatus.Open, ct);
        if (row is null || !TaskQuarantine.Visible(row, actor))
        {
            return false;
        }

        db.TaskAudit.Add(TaskQuarantine.Discard(row, actor, now));
        await db.SaveChangesAsync(ct);
        return true;
    }
}
