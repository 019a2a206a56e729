namespace GovKpi.Core.Tasks;

public enum QuarantinedTaskStatus
{
    Open,
    /// <summary>Corrected and submitted again, it landed as a task.</summary>
    Imported,
    Discarded,
}

/// <summary>
/// Why a row was refused, at a column of the contract: a rule of Core (<see cref="Code"/>, a
/// message key) or a field the reader could not read (<see cref="Reason"/>, in English as the file
/// readers word it).
/// </summary>
public sealed record TaskRowReason(string Column, string? Code, string? Reason);

/// <summary>A refused row as it came in: where, its fields as read (column → text), why, and the unit of its staff member when known.</summary>
public sealed record RefusedTaskRow(string Location, IReadOnlyDictionary<string, string?> Fields, IReadOnlyList<TaskRowReason> Reasons, string? UnitCode);

/// <summary>
/// An e-office row that did not land, kept with its location, its raw fields and its reasons so
/// that a manager or HR can correct it and submit it again, or discard it.
/// </summary>
public sealed class QuarantinedTask
{
    public long Id { get; init; }
    /// <summary><c>file:line</c> or <c>tasks[i]</c>, where the row was when it was first refused.</summary>
    public required string Location { get; init; }
    /// <summary>The fields as the file sent them, kept as they came: the same row sent again is recognised even once corrected or discarded.</summary>
    public required Dictionary<string, string?> Received { get; init; }
    /// <summary>The fields as last corrected (at first, as received).</summary>
    public required Dictionary<string, string?> Fields { get; set; }
    public required List<TaskRowReason> Reasons { get; set; }
    /// <summary>The unit of the row's staff member, when the code named one: its managers see the row.</summary>
    public string? UnitCode { get; set; }
    public required string ImportedBy { get; init; }
    public DateTimeOffset QuarantinedAt { get; init; }
    public QuarantinedTaskStatus Status { get; set; }
    public string? ResolvedBy { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    /// <summary>The task the corrected row became.</summary>
    public string? TaskId { get; set; }
}

/// <summary>What submitting a corrected row did: it landed (<see cref="Plan"/> holds the task), or it stays open with its new reasons.</summary>
public sealed record TaskResubmission(bool Landed, TaskImportPlan? Plan, IReadOnlyList<TaskAuditEntry> Audit);

/// <summary>
/// The quarantine of the e-office import (docs/FILES.md, "task_assignments.csv"): which refused
/// rows it keeps (a row received before with the same fields is not kept twice, so re-importing a
/// file changes nothing), who sees them, and what a corrected or discarded row becomes, audited.
/// </summary>
public static class TaskQuarantine
{
    public const string Resubmitted = "QuarantineResubmitted";
    public const string Discarded = "QuarantineDiscarded";

    /// <summary>The audit's task id of a quarantined row, which is no task yet.</summary>
    public static string AuditId(QuarantinedTask row) => $"quarantine:{row.Id}";

    /// <summary>
    /// The new quarantine rows of an import: those of <paramref name="refused"/> the quarantine has
    /// not received before with the same fields, whatever became of them (still open, corrected and
    /// imported, or discarded), so sending a file again changes nothing.
    /// </summary>
    public static IReadOnlyList<QuarantinedTask> Admit(IEnumerable<RefusedTaskRow> refused, IEnumerable<QuarantinedTask> quarantine, TaskActor actor, DateTimeOffset now)
    {
        var kept = quarantine.Select(q => Key(q.Received)).ToHashSet(StringComparer.Ordinal);
        var admitted = new List<QuarantinedTask>();
        foreach (var row in refused)
        {
            if (kept.Add(Key(row.Fields)))
            {
                admitted.Add(new QuarantinedTask
                {
                    Location = row.Location, Received = new(row.Fields, StringComparer.Ordinal), Fields = new(row.Fields, StringComparer.Ordinal), Reasons = [.. row.Reasons], UnitCode = row.UnitCode,
                    ImportedBy = actor.UserName, QuarantinedAt = now, Status = QuarantinedTaskStatus.Open,
                });
            }
        }

        return admitted;
    }

    /// <summary>
    /// Those who may import for the row's unit see it; the importer also sees the rows whose staff
    /// code named nobody, which no scope holds.
    /// </summary>
    public static bool Visible(QuarantinedTask row, TaskActor actor) =>
        row.UnitCode is { } unit
            ? actor.MayImportFor(unit)
            : actor.Role is Access.Role.Manager or Access.Role.Hr or Access.Role.Integration && string.Equals(row.ImportedBy, actor.UserName, StringComparison.Ordinal);

    /// <summary>
    /// A corrected row: with no <paramref name="readProblems"/> and a <paramref name="plan"/> of that
    /// one row without problems, it has landed and the row is closed; otherwise it stays open with
    /// the corrected fields and the new reasons. Either way the change is audited.
    /// </summary>
    public static TaskResubmission Resubmit(QuarantinedTask row, IReadOnlyDictionary<string, string?> fields, IReadOnlyList<TaskRowReason> readProblems,
        TaskImportPlan? plan, string? unitCode, TaskActor actor, DateTimeOffset now)
    {
        var before = Describe(row.Fields);
        row.Fields = new(fields, StringComparer.Ordinal);
        row.UnitCode = unitCode ?? row.UnitCode;
        var reasons = readProblems.Concat(plan?.Problems.Select(p => new TaskRowReason(p.Problem.Field, p.Problem.Code, null)) ?? []).ToList();
        var landed = reasons.Count == 0 && plan is not null;
        string outcome;
        if (landed)
        {
            row.Status = QuarantinedTaskStatus.Imported;
            row.ResolvedBy = actor.UserName;
            row.ResolvedAt = now;
            row.TaskId = plan!.Added.Concat(plan.Replaced).Select(t => t.Id).FirstOrDefault() ?? Id(fields);
            row.Reasons = [];
            outcome = $"imported as {row.TaskId}";
        }
        else
        {
            row.Reasons = reasons;
            outcome = "still refused: " + string.Join(", ", reasons.Select(r => r.Column).Distinct(StringComparer.Ordinal));
        }

        var audit = new List<TaskAuditEntry> { Entry(row, Resubmitted, before, Describe(row.Fields), outcome, actor, now) };
        return new TaskResubmission(landed, landed ? plan : null, [.. audit, .. landed ? plan!.Audit : []]);
    }

    /// <summary>Discards an open row: it stays, closed, with who discarded it and when.</summary>
    public static TaskAuditEntry Discard(QuarantinedTask row, TaskActor actor, DateTimeOffset now)
    {
        row.Status = QuarantinedTaskStatus.Discarded;
        row.ResolvedBy = actor.UserName;
        row.ResolvedAt = now;
        return Entry(row, Discarded, Describe(row.Fields), "", "discarded", actor, now);
    }

    private static TaskAuditEntry Entry(QuarantinedTask row, string action, string before, string after, string reason, TaskActor actor, DateTimeOffset now) =>
        new()
        {
            TaskId = AuditId(row), At = now, Actor = actor.UserName, ActorRole = actor.Role.ToString(), Action = action, Field = "row",
            OldValue = Clip(before), NewValue = Clip(after), Reason = Clip($"{row.Location}: {reason}"),
        };

    private static string Id(IReadOnlyDictionary<string, string?> fields) => $"{fields.GetValueOrDefault("source")}:{fields.GetValueOrDefault("external_id")}";

    private static string Describe(IReadOnlyDictionary<string, string?> fields) =>
        string.Join("; ", fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));

    /// <summary>The audit's columns are bounded; the row itself keeps every field.</summary>
    private static string Clip(string text) => text.Length <= 2000 ? text : text[..2000];

    /// <summary>The fields compared as a whole, blank and missing alike, whatever their order.</summary>
    private static string Key(IReadOnlyDictionary<string, string?> fields) =>
        string.Join('\u001f', fields.Where(f => !string.IsNullOrEmpty(f.Value)).OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}\u001e{f.Value}"));
}
