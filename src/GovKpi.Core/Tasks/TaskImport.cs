namespace GovKpi.Core.Tasks;

/// <summary>
/// One row of the e-office contract (docs/FILES.md, "task_assignments.csv"): the other system's
/// task <see cref="ExternalId"/> at its <see cref="Version"/>, assigned to a staff member.
/// </summary>
public sealed record ImportedTask(string Source, string ExternalId, int Version, string StaffCode, TaskOrder Order, DateOnly AssignedOn, string? AssignedBy)
{
    /// <summary>The GovKpi task id of the row: source and external id, so re-importing finds the same task.</summary>
    public string TaskId => $"{Source}:{ExternalId}";
}

/// <summary>A problem of row <see cref="Index"/> (from 0), at a column of the contract.</summary>
public sealed record TaskRowProblem(int Index, TaskProblem Problem);

/// <summary>
/// What an import does: the tasks the valid rows add, those whose terms they replaced, and their
/// audit; the rows with <see cref="Problems"/> land nowhere but in the quarantine.
/// </summary>
public sealed record TaskImportPlan(IReadOnlyList<TaskRowProblem> Problems, IReadOnlyList<TaskAssignment> Added, IReadOnlyList<TaskAssignment> Replaced,
    int Unchanged, IReadOnlyList<TaskAuditEntry> Audit)
{
    public bool Ok => Problems.Count == 0;
}

/// <summary>
/// The e-office import, with the guarantees of the dossier import: a row equal to the stored
/// version changes nothing (so re-importing a file changes nothing); a row with a higher version
/// replaces the task's terms (its progress, product and review stay); a lower version is older
/// news and is skipped; the same version with other content is a conflict; within one file the
/// highest version of an id wins. A row with a problem is refused alone: the valid rows land all the
/// same, as the dossier import lands its valid rows and quarantines the others.
/// </summary>
public static class TaskImport
{
    public const int MaxExternalIdLength = 60;
    public const int MaxSourceLength = 18;

    /// <summary>Field of a task's terms → the contract's column.</summary>
    private static readonly Dictionary<string, string> Columns = new(StringComparer.Ordinal)
    {
        ["quantity"] = "quantity", ["dueOn"] = "due_on", ["expectedProduct"] = "expected_product", ["qualityCheck"] = "quality_check",
    };

    /// <param name="places">Where each staff member named by the rows works (a code missing is unknown).</param>
    /// <param name="existing">The stored tasks with the ids the rows name.</param>
    public static TaskImportPlan Plan(IReadOnlyList<ImportedTask> rows, IReadOnlyDictionary<string, TaskPlace> places, IReadOnlyList<TaskAssignment> existing,
        IEnumerable<TaskType> catalogue, TaskActor actor, DateTimeOffset now)
    {
        var types = catalogue.ToList();
        var problems = new List<TaskRowProblem>();
        var resolved = new Dictionary<int, (TaskPlace Place, TaskType Type)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            void Problem(string column, string code) => problems.Add(new(i, new TaskProblem(column, code)));
            if (!TaskCatalogue.IsValidCode(row.Source) || row.Source.Length > MaxSourceLength
                || string.Equals(row.Source, TaskAssignments.ManualSource, StringComparison.OrdinalIgnoreCase))
            {
                Problem("source", "Tasks.Error.Source");
            }

            if (string.IsNullOrWhiteSpace(row.ExternalId) || row.ExternalId.Length > MaxExternalIdLength || row.ExternalId.Any(char.IsWhiteSpace))
            {
                Problem("external_id", "Tasks.Error.ExternalId");
            }

            foreach (var p in TaskAssignments.CheckTerms(row.Order, row.AssignedOn))
            {
                Problem(Columns[p.Field], p.Code);
            }

            if (!places.TryGetValue(row.StaffCode, out var place))
            {
                Problem("staff_code", "Tasks.Error.UnknownStaff");
                continue;
            }

            if (!actor.MayImportFor(place.UnitCode))
            {
                Problem("staff_code", "Tasks.Error.OutsideScope");
                continue;
            }

            if (TaskAssignments.TypeInForce(types, row.Order.TaskTypeCode, place, row.AssignedOn) is { } type)
            {
                resolved[i] = (place, type);
            }
            else
            {
                Problem("task_type", "Tasks.Error.UnknownTaskType");
            }
        }

        // Within the file the highest valid version of an id wins; two different rows at one version cannot both be right.
        var latest = new Dictionary<string, int>(StringComparer.Ordinal);
        var refused = problems.Select(p => p.Index).ToHashSet();
        var valid = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            if (refused.Contains(i))
            {
                continue;
            }

            valid++;
            if (!latest.TryGetValue(rows[i].TaskId, out var j) || rows[i].Version > rows[j].Version)
            {
                latest[rows[i].TaskId] = i;
            }
            else if (rows[i].Version == rows[j].Version && rows[i] != rows[j])
            {
                problems.Add(new(i, new TaskProblem("version", "Tasks.Error.VersionConflict")));
                valid--;
            }
        }

        var stored = existing.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var added = new List<TaskAssignment>();
        var replaced = new List<TaskAssignment>();
        var unchanged = valid - latest.Count;
        var audit = new TaskAssignments.Trail(actor.UserName, actor.Role.ToString(), now);
        foreach (var i in latest.Values.Order())
        {
            var row = rows[i];
            var r = resolved[i];
            var candidate = TaskAssignments.New(row.TaskId, row.Source, row.Version, row.Order, r.Place, r.Type, row.AssignedOn,
                string.IsNullOrWhiteSpace(row.AssignedBy) ? actor.UserName : row.AssignedBy.Trim(), now);
            if (!stored.TryGetValue(row.TaskId, out var task))
            {
                added.Add(candidate);
                audit.Write(candidate, TaskActions.Imported, "task", "", TaskAssignments.Describe(candidate), $"{row.Source} v{row.Version}");
            }
            else if (row.Version < task.SourceVersion || (row.Version == task.SourceVersion && SameTerms(task, candidate)))
            {
                unchanged++;
            }
            else if (row.Version == task.SourceVersion)
            {
                problems.Add(new(i, new TaskProblem("version", "Tasks.Error.VersionConflict")));
            }
            else
            {
                var before = TaskAssignments.Describe(task);
                task.SourceVersion = row.Version;
                task.StaffCode = candidate.StaffCode;
                task.UnitCode = candidate.UnitCode;
                task.TaskTypeCode = candidate.TaskTypeCode;
                task.CatalogueAgencyCode = candidate.CatalogueAgencyCode;
                task.TaskTypeVersion = candidate.TaskTypeVersion;
                task.Quantity = candidate.Quantity;
                task.AssignedOn = candidate.AssignedOn;
                task.DueOn = candidate.DueOn;
                task.ExpectedProduct = candidate.ExpectedProduct;
                task.QualityCheck = candidate.QualityCheck;
                task.AssignedBy = candidate.AssignedBy;
                task.Revision++;
                replaced.Add(task);
                audit.Write(task, TaskActions.Reimported, "task", before, TaskAssignments.Describe(task), $"{row.Source} v{row.Version}");
            }
        }

        return new TaskImportPlan([.. problems.OrderBy(p => p.Index)], added, replaced, unchanged, audit.Entries);
    }

    private static bool SameTerms(TaskAssignment a, TaskAssignment b) =>
        a.StaffCode == b.StaffCode && a.TaskTypeCode == b.TaskTypeCode && a.Quantity == b.Quantity && a.AssignedOn == b.AssignedOn
        && a.DueOn == b.DueOn && a.ExpectedProduct == b.ExpectedProduct && a.QualityCheck == b.QualityCheck && a.AssignedBy == b.AssignedBy;
}
