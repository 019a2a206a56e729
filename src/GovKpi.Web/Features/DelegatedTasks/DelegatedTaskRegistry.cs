using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.Calendar;
using GovKpi.Core.DelegatedTasks;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Data.DelegatedTasks;
using GovKpi.Data.Files;
using GovKpi.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.DelegatedTasks;

/// <summary>What stopped a change to the registry.</summary>
public enum RegistryRefusal
{
    None,
    NotFound,
    Forbidden,
    Invalid,
    Duplicate,
}

/// <summary>What the registry answers: the value, or why not (with located messages when invalid).</summary>
public sealed record RegistryResult<T>(RegistryRefusal Refusal, Dictionary<string, string[]> Errors, T? Value)
{
    public static RegistryResult<T> Refused(RegistryRefusal refusal, Dictionary<string, string[]>? errors = null) => new(refusal, errors ?? [], default);
}

/// <summary>A report as stored, with the names and sizes of its evidence files.</summary>
public sealed record StoredReport(long Id, ImplementationReport Report, IReadOnlyList<EvidenceResponse> Evidence);

/// <summary>A task with everything recorded about it.</summary>
public sealed record TaskFile(RegisteredTask Task, IReadOnlyList<StoredReport> Reports, IReadOnlyList<Inspection> Inspections)
{
    public IReadOnlyList<ImplementationReport> ImplementationReports { get; } = [.. Reports.Select(r => r.Report)];
}

/// <summary>An evidence file to store with a report.</summary>
public sealed record EvidenceUpload(string FileName, string ContentType, byte[] Content);

/// <summary>
/// The register of delegated tasks (DOMAIN.md, "Delegated and decentralised tasks"; issue 13): it
/// parses and checks access, loads the records, asks Core's <see cref="TaskRegistration"/>,
/// <see cref="TaskReporting"/> and <see cref="TaskInspections"/>, and saves what they return
/// with its trail. A task is seen by whoever has one of its receiving units in scope; changes need
/// every unit they touch in scope.
/// </summary>
public sealed class DelegatedTaskRegistry(GovKpiDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public const int MaximumEvidenceBytes = 10 * 1024 * 1024;
    public const int MaximumEvidenceFiles = 10;
    public const int MaximumImportRows = 5_000;

    public static string Link(string code) => $"/delegated-tasks/task?code={Uri.EscapeDataString(code)}";

    public DateOnly Today => VietnamTime.Today(clock);

    public async Task<WorkingCalendar> CalendarAsync(CancellationToken ct)
    {
        var exceptions = await db.CalendarExceptions.AsNoTracking().ToListAsync(ct);
        return exceptions.Count == 0 ? WorkingCalendar.Official : new WorkingCalendar(exceptions);
    }

    /// <summary>Every unit, ceased ones included, so that a ceased unit is named in its refusal rather than unknown.</summary>
    private async Task<Dictionary<string, Unit>> UnitsAsync(CancellationToken ct) =>
        await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, ct);

    /// <summary>A task with its reports and inspections, or null when no task has that code.</summary>
    public async Task<TaskFile?> LoadAsync(string code, CancellationToken ct) =>
        (await LoadManyAsync([code], ct)).SingleOrDefault();

    /// <summary>
    /// Every task of the register with its reports and inspections, for the work that runs for the
    /// whole province rather than for one reader (the early-warning engine, notifications).
    /// </summary>
    public async Task<IReadOnlyList<TaskFile>> LoadAllAsync(CancellationToken ct) =>
        await LoadManyAsync(await db.DelegatedTasks.AsNoTracking().Select(t => t.Code).ToListAsync(ct), ct);

    /// <summary>The tasks with at least one receiving unit in <paramref name="scope"/>, soonest due first.</summary>
    public async Task<IReadOnlyList<TaskFile>> LoadInScopeAsync(UnitScope scope, CancellationToken ct)
    {
        var units = scope.Codes.ToList();
        var codes = await db.DelegatedTaskUnits.AsNoTracking().Where(u => units.Contains(u.UnitCode)).Select(u => u.TaskCode).Distinct().ToListAsync(ct);
        var legacy = await db.DelegatedTasks.AsNoTracking().Where(t => t.ReceivingUnitCode != "" && units.Contains(t.ReceivingUnitCode))
            .Select(t => t.Code).ToListAsync(ct);
        return await LoadManyAsync([.. codes.Union(legacy)], ct);
    }

    private async Task<IReadOnlyList<TaskFile>> LoadManyAsync(IReadOnlyList<string> codes, CancellationToken ct)
    {
        var tasks = await db.DelegatedTasks.AsNoTracking().Where(t => codes.Contains(t.Code)).ToListAsync(ct);
        var units = (await db.DelegatedTaskUnits.AsNoTracking().Where(u => codes.Contains(u.TaskCode)).ToListAsync(ct))
            .OrderBy(u => u.Position).ToLookup(u => u.TaskCode, u => u.UnitCode);
        var extensions = (await db.DelegatedTaskExtensions.AsNoTracking().Where(x => codes.Contains(x.TaskCode)).ToListAsync(ct))
            .OrderBy(x => x.Id).ToLookup(x => x.TaskCode, x => x.ToExtension());
        var reports = (await db.DelegatedTaskReports.AsNoTracking().Where(r => codes.Contains(r.TaskCode)).ToListAsync(ct))
            .OrderBy(r => r.ReportedOn).ThenBy(r => r.Id).ToList();
        var reportIds = reports.Select(r => r.Id).ToList();
        var evidence = (await db.DelegatedTaskEvidence.AsNoTracking().Where(e => reportIds.Contains(e.ReportId))
            .Select(e => new { e.Id, e.ReportId, e.FileName, e.SizeBytes }).ToListAsync(ct)).OrderBy(e => e.Id).ToLookup(e => e.ReportId);
        var inspections = await db.DelegatedTaskInspections.AsNoTracking().Where(i => codes.Contains(i.TaskCode)).ToListAsync(ct);
        var inspectionIds = inspections.Select(i => i.Id).ToList();
        var findings = await db.DelegatedTaskFindings.AsNoTracking().Where(f => inspectionIds.Contains(f.InspectionId)).ToListAsync(ct);
        var findingIds = findings.Select(f => f.Id).ToList();
        var actions = (await db.DelegatedTaskFollowUps.AsNoTracking().Where(a => findingIds.Contains(a.FindingId)).ToListAsync(ct))
            .OrderBy(a => a.Position).ToLookup(a => a.FindingId);
        var findingsOf = findings.OrderBy(f => f.Position).ToLookup(f => f.InspectionId, f => new Finding(f.Text, [.. actions[f.Id].Select(a => a.ToAction())]));
        var inspectionsOf = inspections.OrderBy(i => i.Number)
            .ToLookup(i => i.TaskCode, i => new Inspection(i.TaskCode, i.Number, i.Kind, i.Inspector, i.On, [.. findingsOf[i.Id]]));
        var legacyUnit = tasks.Where(t => t.ReceivingUnitCode != "").ToDictionary(t => t.Code, t => t.ReceivingUnitCode, StringComparer.Ordinal);
        var reportsOf = reports.ToLookup(r => r.TaskCode, r =>
        {
            var files = evidence[r.Id].Select(e => new EvidenceResponse(e.Id, e.FileName, e.SizeBytes,
                $"/api/delegated-tasks/{Uri.EscapeDataString(r.TaskCode)}/evidence/{e.Id.ToString(CultureInfo.InvariantCulture)}")).ToList();
            var report = r.ToReport([.. files.Select(f => f.FileName)]);
            // A report given before reports named their unit is the one unit's of its task.
            return new StoredReport(r.Id, report.UnitCode.Length == 0 ? report with { UnitCode = legacyUnit.GetValueOrDefault(r.TaskCode) ?? "" } : report, files);
        });
        return [.. tasks.OrderBy(t => t.DueOn).ThenBy(t => t.Code, StringComparer.Ordinal).Select(t =>
        {
            var task = t.ToTask([.. units[t.Code]], [.. extensions[t.Code]]);
            var stored = reportsOf[t.Code].ToList();
            // The stored status is what the last report decided; two reports saved at once could each
            // have decided without the other, so the status read is decided again from every report.
            return new TaskFile(task with { Status = TaskReporting.StatusFrom(task, [.. stored.Select(r => r.Report)]) }, stored, [.. inspectionsOf[t.Code]]);
        })];
    }

    /// <summary>Whether the caller sees the task: one of its receiving units is in scope.</summary>
    public static bool Sees(UnitScope scope, RegisteredTask task) => task.ReceivingUnitCodes.Any(scope.Contains);

    /// <summary>The evidence file of a report of a task the caller sees.</summary>
    public async Task<RegistryResult<EvidenceUpload>> EvidenceAsync(string code, long id, UnitScope scope, CancellationToken ct)
    {
        var file = await db.DelegatedTaskEvidence.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        var report = file is null ? null : await db.DelegatedTaskReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == file.ReportId && r.TaskCode == code, ct);
        if (file is null || report is null || await LoadAsync(code, ct) is not { } task)
        {
            return RegistryResult<EvidenceUpload>.Refused(RegistryRefusal.NotFound);
        }

        return Sees(scope, task.Task)
            ? new(RegistryRefusal.None, [], new EvidenceUpload(file.FileName, file.ContentType, file.Content))
            : RegistryResult<EvidenceUpload>.Refused(RegistryRefusal.Forbidden);
    }

    // ---- Registering ----

    /// <summary>The request as the file's row, so the one definition (<see cref="DelegatedTaskListFile"/>) reads it.</summary>
    private static Dictionary<string, string?> Row(RegisterTaskRequest r) => new(StringComparer.Ordinal)
    {
        ["code"] = r.Code, ["title"] = r.Title, ["source_body"] = r.SourceBody, ["legal_basis"] = r.LegalBasis, ["kind"] = r.Kind,
        ["from_level"] = r.FromLevel, ["to_level"] = r.ToLevel,
        ["receiving_unit_codes"] = r.ReceivingUnitCodes is null ? null : string.Join(DelegatedTaskListFile.UnitSeparator, r.ReceivingUnitCodes),
        ["start_on"] = r.StartOn, ["due_on"] = r.DueOn, ["report_rhythm"] = r.ReportRhythm,
    };

    public async Task<RegistryResult<TaskFile>> RegisterAsync(RegisterTaskRequest request, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var errors = new Errors();
        var task = DelegatedTaskListFile.Parse(Row(request), out var fileProblems);
        foreach (var p in fileProblems)
        {
            errors.Add(p.Column, p.Reason);
        }

        if (task is null)
        {
            return RegistryResult<TaskFile>.Refused(RegistryRefusal.Invalid, errors.ToDictionary());
        }

        var units = await UnitsAsync(ct);
        if (task.ReceivingUnitCodes.Any(c => units.ContainsKey(c) && !scope.Contains(c)))
        {
            return RegistryResult<TaskFile>.Refused(RegistryRefusal.Forbidden);
        }

        var result = TaskRegistration.Register(task, units);
        if (result.Refused)
        {
            errors.AddAll(result.Problems, "", this);
            return RegistryResult<TaskFile>.Refused(RegistryRefusal.Invalid, errors.ToDictionary());
        }

        if (await db.DelegatedTasks.AnyAsync(t => t.Code == task.Code, ct))
        {
            errors.Add("code", l["DelegatedTask.CodeTaken", task.Code]);
            return RegistryResult<TaskFile>.Refused(RegistryRefusal.Duplicate, errors.ToDictionary());
        }

        Add(result.Value!, user);
        Trail(result.Changes, user);
        await db.SaveChangesAsync(ct);
        return new(RegistryRefusal.None, [], await LoadAsync(task.Code, ct));
    }

    private void Add(RegisteredTask task, CurrentUser user)
    {
        db.DelegatedTasks.Add(DelegatedTaskRecord.From(task, user.UserName, clock.GetUtcNow()));
        db.DelegatedTaskUnits.AddRange(task.ReceivingUnitCodes.Select((u, i) => new DelegatedTaskUnitRecord { TaskCode = task.Code, UnitCode = u, Position = i }));
    }

    private void Trail(IEnumerable<TaskChange> changes, CurrentUser user)
    {
        var at = clock.GetUtcNow();
        db.DelegatedTaskAudit.AddRange(changes.Select(c => DelegatedTaskAuditEntry.From(c, user.UserName, user.Role.ToString(), at)));
    }

    /// <summary>
    /// Reads a ministry task list (.xlsx or CSV, <see cref="DelegatedTaskListFile"/>) and registers
    /// every task in it, or none: one invalid row (a column, a rule of <see cref="TaskRegistration"/>,
    /// a code already taken or repeated, a unit outside the caller's scope) refuses the whole file with
    /// every problem keyed <c>rows[i].column</c> (i counts data rows from 0), so a corrected file can
    /// simply be sent again.
    /// </summary>
    public async Task<RegistryResult<ImportResponse>> ImportAsync(Stream stream, string fileName, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var errors = new Errors();
        var (rows, header) = TableFile.Read(stream, fileName, [.. DelegatedTaskListFile.Columns.Select(c => c.Name)], MaximumImportRows);
        foreach (var p in header)
        {
            errors.Add($"file.{p.Column}", p.Reason);
        }

        if (rows.Count is 0 or > MaximumImportRows && header.Count == 0)
        {
            errors.Add("file", l["DelegatedTask.ImportRows", MaximumImportRows]);
        }

        if (errors.Count > 0)
        {
            return RegistryResult<ImportResponse>.Refused(RegistryRefusal.Invalid, errors.ToDictionary());
        }

        var units = await UnitsAsync(ct);
        var existing = (await db.DelegatedTasks.AsNoTracking().Select(t => t.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var accepted = new List<RegisterResult<RegisteredTask>>();
        for (var i = 0; i < rows.Count; i++)
        {
            var prefix = $"rows[{i.ToString(CultureInfo.InvariantCulture)}].";
            var task = DelegatedTaskListFile.Parse(rows[i].Fields, out var problems);
            foreach (var p in problems)
            {
                errors.Add(prefix + p.Column, p.Reason);
            }

            if (task is null)
            {
                continue;
            }

            var result = TaskRegistration.Register(task, units);
            errors.AddAll(result.Problems, prefix, this);
            for (var u = 0; u < task.ReceivingUnitCodes.Count; u++)
            {
                if (units.ContainsKey(task.ReceivingUnitCodes[u]) && !scope.Contains(task.ReceivingUnitCodes[u]))
                {
                    errors.Add($"{prefix}receiving_unit_codes[{u.ToString(CultureInfo.InvariantCulture)}]", l["DelegatedTask.UnitOutOfScope", task.ReceivingUnitCodes[u]]);
                }
            }

            if (existing.Contains(task.Code))
            {
                errors.Add(prefix + "code", l["DelegatedTask.CodeTaken", task.Code]);
            }
            else if (!seen.Add(task.Code))
            {
                errors.Add(prefix + "code", l["DelegatedTask.CodeRepeated", task.Code]);
            }

            if (!result.Refused)
            {
                accepted.Add(result);
            }
        }

        if (errors.Count > 0)
        {
            return RegistryResult<ImportResponse>.Refused(RegistryRefusal.Invalid, errors.ToDictionary());
        }

        foreach (var result in accepted)
        {
            Add(result.Value!, user);
            Trail(result.Changes, user);
        }

        await db.SaveChangesAsync(ct);
        return new(RegistryRefusal.None, [], new ImportResponse(rows.Count, [.. accepted.Select(a => a.Value!.Code)]));
    }

    /// <summary>The tasks in scope as the ministry task-list file (the same columns the import reads).</summary>
    public async Task<IReadOnlyList<Dictionary<string, string?>>> ExportRowsAsync(UnitScope scope, CancellationToken ct) =>
        [.. (await LoadInScopeAsync(scope, ct)).OrderBy(t => t.Task.Code, StringComparer.Ordinal).Select(t => DelegatedTaskListFile.Fields(t.Task))];

    // ---- Changing a task ----

    private async Task<(RegistryRefusal Refusal, TaskFile? File)> ForChangeAsync(string code, UnitScope scope, bool everyUnit, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is not { } file)
        {
            return (RegistryRefusal.NotFound, null);
        }

        var inScope = everyUnit ? file.Task.ReceivingUnitCodes.All(scope.Contains) : Sees(scope, file.Task);
        return inScope ? (RegistryRefusal.None, file) : (RegistryRefusal.Forbidden, null);
    }

    /// <summary>
    /// A report of one receiving unit, with its evidence files; the task's status follows every
    /// unit's latest report (<see cref="TaskReporting.Report"/>), so a later, lower report takes a
    /// completed task back to in progress.
    /// </summary>
    public async Task<RegistryResult<TaskFile>> ReportAsync(string code, ReportRequest request, IReadOnlyList<EvidenceUpload> evidence,
        CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var (refusal, file) = await ForChangeAsync(code, scope, everyUnit: false, ct);
        if (file is null)
        {
            return RegistryResult<TaskFile>.Refused(refusal);
        }

        var errors = new Errors();
        var today = Today;
        string? unit = request.UnitCode?.Trim() is { Length: > 0 } given ? given : null;
        if (unit is null)
        {
            var mine = file.Task.ReceivingUnitCodes.Where(scope.Contains).ToList();
            if (mine.Count == 1)
            {
                unit = mine[0];
            }
            else
            {
                errors.Add("unit_code", l["DelegatedTask.UnitRequired", string.Join(", ", mine)]);
            }
        }
        else if (!scope.Contains(unit))
        {
            return RegistryResult<TaskFile>.Refused(RegistryRefusal.Forbidden);
        }

        var reportedOn = string.IsNullOrWhiteSpace(request.ReportedOn) ? today : Date(errors, "reported_on", request.ReportedOn);
        if (reportedOn > today)
        {
            errors.Add("reported_on", l["DelegatedTask.ReportInFuture", Shown(today)]);
        }

        if (request.PercentDone is null)
        {
            errors.Add("percent_done", l["DelegatedTask.PercentRequired"]);
        }

        if (request.Text?.Trim().Length > DelegatedTaskModel.ReportTextLength)
        {
            errors.Add("text", l["DelegatedTask.TooLong", DelegatedTaskModel.ReportTextLength]);
        }

        if (evidence.Count > MaximumEvidenceFiles)
        {
            errors.Add("evidence", l["DelegatedTask.EvidenceCount", MaximumEvidenceFiles]);
        }

        for (var i = 0; i < evidence.Count; i++)
        {
            if (evidence[i].Content.Length is 0 or > MaximumEvidenceBytes || evidence[i].FileName.Length > DelegatedTaskModel.FileNameLength)
            {
                errors.Add($"evidence[{i.ToString(CultureInfo.InvariantCulture)}]", l["DelegatedTask.EvidenceFile", evidence[i].FileName, MaximumEvidenceBytes / 1024 / 1024]);
            }
        }

        if (errors.Count > 0 || unit is null || reportedOn is null || request.PercentDone is null)
        {
            return RegistryResult<TaskFile>.Refused(RegistryRefusal.Invalid, errors.ToDictionary());
        }

        var report = new ImplementationReport(file.Task.Code, unit, reportedOn.Value, request.PercentDone.Value, request.Text?.Trim() ?? "",
            [.. evidence.Select(e => e.FileName)], user.DisplayName);
        var result = TaskReporting.Report(file.Task, file.ImplementationReports, report);
        if (result.Refused)
        {
            errors.AddAll(result.Problems, "", this);
            return RegistryResult<TaskFile>.Refused(RegistryRefusal.Invalid, errors.ToDictionary());
        }

        var record = new DelegatedTaskReportRecord
        {
            TaskCode = file.Task.Code, UnitCode = unit, ReportedOn = report.ReportedOn, PercentDone = report.PercentDone, Text = report.Text,
            Reporter = user.DisplayName, ReporterUserName = user.UserName, RecordedAt = clock.GetUtcNow(),
        };
        db.DelegatedTaskReports.Add(record);
        await db.SaveChangesAsync(ct);
        db.DelegatedTaskEvidence.AddRange(evidence.Select(e => new DelegatedTaskEvidenceRecord
        {
            ReportId = record.Id, FileName = e.FileName, ContentType = e.ContentType, SizeBytes = e.Content.Length, Content = e.Content,
        }));
        var task = await db.DelegatedTasks.SingleAsync(t => t.Code == file.Task.Code, ct);
        task.Status = result.Value!.Status;
        Trail(result.Changes, user);
        await db.SaveChangesAsync(ct);
        return new(RegistryRefusal.None, [], await LoadAsync(code, ct));
    }

    /// <summary>Moves the due date later with the reason (<see cref="TaskRegistration.Extend"/>); every receiving unit must be in scope.</summary>
    public async Task<RegistryResult<TaskFile>> ExtendAsync(string code, ExtendRequest request, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var (refusal, file) = await ForChangeAsync(code, scope, everyUnit: true, ct);
        if (file is null)
        {
            return RegistryResult<TaskFile>.Refused(refusal);
        }

        var errors = new Errors();
        var due = Date(errors, "due_on", request.DueOn);
        if (request.Reason?.Trim().Length > DelegatedTaskModel.TextLength)
        {
            errors.Add("reason", l["DelegatedTask.TooLong", DelegatedTaskModel.TextLength]);
        }

        if (errors.Count > 0 || due is null)
        {
            return RegistryResult<TaskFile>.Refused(RegistryRefusal.Invalid, errors.ToDictionary());
        }

        var result = TaskRegistration.Extend(file.Task, due.Value, request.Reason ?? "", Today);
        if (result.Refused)
        {
            errors.AddAll(result.Problems, "", this);
            return RegistryResult<TaskFile>.Refused(RegistryRefusal.Invalid, errors.ToDictionary());
        }

        var task = await db.DelegatedTasks.SingleAsync(t => t.Code == file.Task.Code, ct);
        task.DueOn = result.Value!.DueOn;
        var extension = result.Value.Extensions[^1];
        db.DelegatedTaskExtensions.Add(new DelegatedTaskExtensionRecord
        {
            TaskCode = task.Code, FromDue = extension.From, ToDue = extension.To, Reason = extension.Reason, DecidedOn = extension.DecidedOn, DecidedBy = user.UserName,
        });
        Trail(result.Changes, user);
        await db.SaveChangesAsync(ct);
        return new(RegistryRefusal.None, [], await LoadAsync(code, ct));
    }

    /// <summary>Hands a province task on to communes (<see cref="TaskRegistration.HandOn"/>): one child task per commune.</summary>
    public async Task<RegistryResult<IReadOnlyList<TaskFile>>> HandOnAsync(string code, HandOnRequest request, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var (refusal, file) = await ForChangeAsync(code, scope, everyUnit: true, ct);
        if (file is null)
        {
            return RegistryResult<IReadOnlyList<TaskFile>>.Refused(refusal);
        }

        var communes = (request.CommuneCodes ?? []).Select(c => c?.Trim() ?? "").ToList();
        var errors = new Errors();
        if (communes.Count == 0)
        {
            errors.Add("commune_codes", l["DelegatedTask.NoCommune"]);
            return RegistryResult<IReadOnlyList<TaskFile>>.Refused(RegistryRefusal.Invalid, errors.ToDictionary());
        }

        var units = await UnitsAsync(ct);
        if (communes.Any(c => units.ContainsKey(c) && !scope.Contains(c)))
        {
            return RegistryResult<IReadOnlyList<TaskFile>>.Refused(RegistryRefusal.Forbidden);
        }

        var result = TaskRegistration.HandOn(file.Task, communes, units);
        errors.AddAll(result.Problems, "", this);
        var childCodes = result.Value?.Select(c => c.Code).ToList() ?? [];
        var taken = await db.DelegatedTasks.AsNoTracking().Where(t => childCodes.Contains(t.Code)).Select(t => t.Code).ToListAsync(ct);
        for (var i = 0; i < childCodes.Count; i++)
        {
            if (taken.Contains(childCodes[i]))
            {
                errors.Add($"commune_codes[{i.ToString(CultureInfo.InvariantCulture)}]", l["DelegatedTask.CodeTaken", childCodes[i]]);
            }
        }

        if (errors.Count > 0)
        {
            return RegistryResult<IReadOnlyList<TaskFile>>.Refused(RegistryRefusal.Invalid, errors.ToDictionary());
        }

        foreach (var child in result.Value!)
        {
            Add(child, user);
        }

        Trail(result.Changes, user);
        await db.SaveChangesAsync(ct);
        return new(RegistryRefusal.None, [], await LoadManyAsync(childCodes, ct));
    }

    /// <summary>Records an inspection of a task (<see cref="TaskInspections.Record"/>); the caller's role was checked by <see cref="DelegatedTaskAccess"/>.</summary>
    public async Task<RegistryResult<Inspection>> InspectAsync(string code, InspectionRequest request, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var (refusal, file) = await ForChangeAsync(code, scope, everyUnit: true, ct);
        if (file is null)
        {
            return RegistryResult<Inspection>.Refused(refusal);
        }

        var errors = new Errors();
        InspectionKind? kind = request.Kind?.Trim() switch
        {
            "inspection" => InspectionKind.Inspection,
            "post_inspection" => InspectionKind.PostInspection,
            _ => null,
        };
        if (kind is null)
        {
            errors.Add("kind", l["DelegatedTask.InspectionKind"]);
        }

        var on = Date(errors, "on", request.On);
        var findings = new List<Finding>();
        var requested = request.Findings ?? [];
        for (var f = 0; f < requested.Count; f++)
        {
            var actions = new List<FollowUpAction>();
            var requestedActions = requested[f].Actions ?? [];
            for (var a = 0; a < requestedActions.Count; a++)
            {
                var field = $"findings[{f.ToString(CultureInfo.InvariantCulture)}].actions[{a.ToString(CultureInfo.InvariantCulture)}]";
                var due = Date(errors, field + ".due_on", requestedActions[a].DueOn);
                if (string.IsNullOrWhiteSpace(requestedActions[a].Text))
                {
                    errors.Add(field + ".text", l["DelegatedTask.ActionTextRequired"]);
                }

                actions.Add(new((requestedActions[a].Text ?? "").Trim(), due ?? DateOnly.MaxValue));
            }

            findings.Add(new((requested[f].Text ?? "").Trim(), actions));
        }

        if (errors.Count > 0 || kind is null || on is null)
        {
            return RegistryResult<Inspection>.Refused(RegistryRefusal.Invalid, errors.ToDictionary());
        }

        var result = TaskInspections.Record(file.Task, file.Inspections, kind.Value, request.Inspector ?? "", on.Value, findings);
        if (result.Refused)
        {
            errors.AddAll(result.Problems, "", this);
            return RegistryResult<Inspection>.Refused(RegistryRefusal.Invalid, errors.ToDictionary());
        }

        var inspection = result.Value!;
        var record = new DelegatedTaskInspectionRecord
        {
            TaskCode = inspection.TaskCode, Number = inspection.Number, Kind = inspection.Kind, Inspector = inspection.Inspector, On = inspection.On,
            RecordedBy = user.UserName, RecordedAt = clock.GetUtcNow(),
        };
        db.DelegatedTaskInspections.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            if (!await db.DelegatedTaskInspections.AsNoTracking().AnyAsync(i => i.TaskCode == record.TaskCode && i.Number == record.Number, ct))
            {
                throw;
            }

            // Another inspection of the task took this number in the meantime: the caller sends it again and gets the next.
            errors.Add("number", l["DelegatedTask.InspectionNumberTaken", record.Number]);
            return RegistryResult<Inspection>.Refused(RegistryRefusal.Duplicate, errors.ToDictionary());
        }
        for (var f = 0; f < inspection.Findings.Count; f++)
        {
            var finding = new DelegatedTaskFindingRecord { InspectionId = record.Id, Position = f, Text = inspection.Findings[f].Text };
            db.DelegatedTaskFindings.Add(finding);
            await db.SaveChangesAsync(ct);
            db.DelegatedTaskFollowUps.AddRange(inspection.Findings[f].Actions.Select((a, i) => new DelegatedTaskFollowUpRecord
            {
                FindingId = finding.Id, Position = i, Text = a.Text, DueOn = a.DueOn,
            }));
        }

        Trail(result.Changes, user);
        await db.SaveChangesAsync(ct);
        return new(RegistryRefusal.None, [], inspection);
    }

    /// <summary>Closes a follow-up action of an inspection (<see cref="TaskInspections.Close"/>).</summary>
    public async Task<RegistryResult<Inspection>> CloseFollowUpAsync(string code, int number, CloseFollowUpRequest request, CurrentUser user, UnitScope scope,
        CancellationToken ct)
    {
        var (refusal, file) = await ForChangeAsync(code, scope, everyUnit: true, ct);
        if (file is null)
        {
            return RegistryResult<Inspection>.Refused(refusal);
        }

        if (file.Inspections.SingleOrDefault(i => i.Number == number) is not { } inspection)
        {
            return RegistryResult<Inspection>.Refused(RegistryRefusal.NotFound);
        }

        var errors = new Errors();
        var closedOn = string.IsNullOrWhiteSpace(request.ClosedOn) ? Today : Date(errors, "closed_on", request.ClosedOn);
        if (closedOn is null)
        {
            return RegistryResult<Inspection>.Refused(RegistryRefusal.Invalid, errors.ToDictionary());
        }

        var result = TaskInspections.Close(inspection, request.Finding, request.Action, closedOn.Value, request.Note ?? "");
        if (result.Refused)
        {
            errors.AddAll(result.Problems, "", this);
            return RegistryResult<Inspection>.Refused(RegistryRefusal.Invalid, errors.ToDictionary());
        }

        var closed = result.Value!.Findings[request.Finding].Actions[request.Action];
        var record = await (from a in db.DelegatedTaskFollowUps
                            join f in db.DelegatedTaskFindings on a.FindingId equals f.Id
                            join i in db.DelegatedTaskInspections on f.InspectionId equals i.Id
                            where i.TaskCode == code && i.Number == number && f.Position == request.Finding && a.Position == request.Action
                            select a).SingleAsync(ct);
        record.ClosedOn = closed.ClosedOn;
        record.ClosureNote = closed.ClosureNote;
        Trail(result.Changes, user);
        await db.SaveChangesAsync(ct);
        return new(RegistryRefusal.None, [], result.Value);
    }

    // ---- Reading ----

    public DelegatedTaskResponse Response(TaskFile file, UnitScope scope, WorkingCalendar calendar, IReadOnlyList<MissingReport> missing)
    {
        var today = Today;
        var task = file.Task;
        var latest = TaskReporting.LatestByUnit(task, file.ImplementationReports);
        var tree = scope.Tree.Units.ToDictionary(x => x.Code, StringComparer.Ordinal);
        var units = task.ReceivingUnitCodes.Select(u =>
        {
            var last = latest.GetValueOrDefault(u);
            var percent = last?.PercentDone ?? 0;
            var pace = TaskProgress.Assess(task.StartOn, task.DueOn, percent, today, calendar);
            var unit = scope.Tree.Find(u);
            var level = unit is null ? "" : TaskRegistration.LevelOf(unit, tree)?.Code() ?? "";
            return new UnitProgressResponse(u, unit?.NameVi ?? u, level, percent, last?.ReportedOn, pace.Status.ToString(), percent >= 100,
                [.. missing.Where(m => m.TaskCode == task.Code && m.UnitCode == u).Select(m => m.DueOn)]);
        }).ToList();
        var mean = units.Count == 0 ? 0 : (int)Math.Round(units.Average(u => u.PercentDone), MidpointRounding.AwayFromZero);
        // The pace of the whole task counts as completed only when its status says so: a mean of 100 % is the same thing.
        var progress = TaskProgress.Assess(task.StartOn, task.DueOn, task.Status == DelegatedTaskStatus.Completed ? 100 : Math.Min(mean, 99), today, calendar);
        return new DelegatedTaskResponse(task.Code, task.Title, task.SourceBody, task.LegalBasis, task.Kind.Code(), task.FromLevel.Code(), task.ToLevel.Code(),
            task.StartOn, task.DueOn, task.ReportRhythm.Code(), task.ParentCode, task.Status.ToString(), progress.Status.ToString(), mean,
            Math.Round(progress.ExpectedPercent, 1), progress.WorkingDaysElapsed, progress.WorkingDaysTotal, progress.WorkingDaysLeft, progress.WorkingDaysOverdue,
            units,
            [.. file.Reports.Select(r => new ReportResponse(r.Id, r.Report.UnitCode, r.Report.ReportedOn, r.Report.PercentDone, r.Report.Text, r.Report.Reporter, r.Evidence))],
            [.. task.Extensions.Select(x => new ExtensionResponse(x.From, x.To, x.Reason, x.DecidedOn))],
            [.. file.Inspections.Select(InspectionOf)], Link(task.Code));
    }

    public static InspectionResponse InspectionOf(Inspection i) => new(i.TaskCode, i.Number, i.Kind == InspectionKind.Inspection ? "inspection" : "post_inspection",
        i.Inspector, i.On, [.. i.Findings.Select((f, fi) => new FindingResponse(fi, f.Text, f.IsOpen,
            [.. f.Actions.Select((a, ai) => new FollowUpResponse(ai, a.Text, a.DueOn, a.ClosedOn, a.ClosureNote))]))]);

    /// <summary>One task the caller sees, with its reports, evidence, extensions and inspections.</summary>
    public async Task<RegistryResult<DelegatedTaskResponse>> ReadAsync(string code, UnitScope scope, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is not { } file)
        {
            return RegistryResult<DelegatedTaskResponse>.Refused(RegistryRefusal.NotFound);
        }

        return Sees(scope, file.Task)
            ? new(RegistryRefusal.None, [], Response(file, scope, await CalendarAsync(ct), TaskReporting.Missing([file.Task], file.ImplementationReports, Today)))
            : RegistryResult<DelegatedTaskResponse>.Refused(RegistryRefusal.Forbidden);
    }

    public async Task<IReadOnlyList<DelegatedTaskResponse>> ListAsync(UnitScope scope, CancellationToken ct) =>
        (await ProvinceViewAsync(scope, ct)).Tasks;

    /// <summary>
    /// The province view of the tasks in the caller's scope. Reports owed are
    /// <see cref="TaskReporting.Missing"/> as of today (Vietnam time from the injected clock); open
    /// findings are <see cref="TaskInspections.OpenFindings"/>; an overdue task is one past its due date
    /// and not completed.
    /// </summary>
    public async Task<ProvinceViewResponse> ProvinceViewAsync(UnitScope scope, CancellationToken ct)
    {
        var files = await LoadInScopeAsync(scope, ct);
        var today = Today;
        var calendar = await CalendarAsync(ct);
        var reports = files.SelectMany(f => f.ImplementationReports).ToList();
        var missing = TaskReporting.Missing([.. files.Select(f => f.Task)], reports, today).Where(m => scope.Contains(m.UnitCode)).ToList();
        var tasks = files.Select(f => Response(f, scope, calendar, missing)).ToList();
        var titles = files.ToDictionary(f => f.Task.Code, f => f.Task.Title, StringComparer.Ordinal);
        var shares = tasks.SelectMany(t => t.Units.Where(u => scope.Contains(u.UnitCode)).Select(u => (Task: t, Unit: u))).ToList();
        var byLevel = ByLevel(tasks, shares);
        var byUnit = shares.GroupBy(s => s.Unit.UnitCode, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new UnitRollupResponse(g.Key, g.First().Unit.UnitName, g.First().Unit.Level, g.Count(), g.Count(s => s.Unit.Completed),
                Math.Round(g.Average(s => (double)s.Unit.PercentDone), 1), g.Sum(s => s.Unit.MissingReportsDue.Count))).ToList();
        var overdue = tasks.Where(t => t.DueOn < today && t.Status != nameof(DelegatedTaskStatus.Completed))
            .Select(t => new OverdueTaskResponse(t.Code, t.Title, t.DueOn, t.PercentDone, [.. t.Units.Where(u => !u.Completed).Select(u => u.UnitCode)], t.Link)).ToList();
        var missingRows = missing.OrderBy(m => m.DueOn).ThenBy(m => m.TaskCode, StringComparer.Ordinal).ThenBy(m => m.UnitCode, StringComparer.Ordinal)
            .Select(m => new MissingReportResponse(m.TaskCode, titles[m.TaskCode], m.UnitCode, scope.Tree.Find(m.UnitCode)?.NameVi ?? m.UnitCode, m.DueOn, Link(m.TaskCode))).ToList();
        var findings = TaskInspections.OpenFindings([.. files.SelectMany(f => f.Inspections)], today)
            .Select(f => new OpenFindingResponse(f.TaskCode, f.InspectionNumber, f.FindingIndex, f.Text,
                [.. f.OpenActions.Select((a, i) => new FollowUpResponse(i, a.Text, a.DueOn, a.ClosedOn, a.ClosureNote))], f.Overdue, Link(f.TaskCode))).ToList();
        return new ProvinceViewResponse(today, tasks, byLevel, byUnit, overdue, missingRows, findings);
    }

    private static List<LevelProgressResponse> ByLevel(IReadOnlyList<DelegatedTaskResponse> tasks, IReadOnlyList<(DelegatedTaskResponse Task, UnitProgressResponse Unit)> shares) =>
        [.. tasks.GroupBy(t => t.ToLevel, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var of = shares.Where(s => s.Task.ToLevel == g.Key).ToList();
            return new LevelProgressResponse(g.Key, g.Count(), of.Count, of.Count(s => s.Unit.Completed),
                of.Count == 0 ? 0 : Math.Round(of.Average(s => (double)s.Unit.PercentDone), 1));
        })];

    /// <summary>The ministry view: the tasks handed down from ministry level, by the body that handed them down, and by level.</summary>
    public async Task<MinistryViewResponse> MinistryViewAsync(UnitScope scope, CancellationToken ct)
    {
        var view = await ProvinceViewAsync(scope, ct);
        var fromMinistry = view.Tasks.Where(t => t.FromLevel == GovernmentLevel.Ministry.Code()).ToList();
        var bodies = fromMinistry.GroupBy(t => t.SourceBody, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SourceBodyProgressResponse(g.Key, g.Count(), g.Count(t => t.Status == nameof(DelegatedTaskStatus.Completed)),
                g.Count(t => t.DueOn < view.Today && t.Status != nameof(DelegatedTaskStatus.Completed)), Math.Round(g.Average(t => (double)t.PercentDone), 1),
                [.. g.Select(t => t.Code)])).ToList();
        var shares = fromMinistry.SelectMany(t => t.Units.Where(u => scope.Contains(u.UnitCode)).Select(u => (Task: t, Unit: u))).ToList();
        return new MinistryViewResponse(view.Today, bodies, ByLevel(fromMinistry, shares));
    }

    // ---- Messages ----

    /// <summary>A Core problem in the reader's language: dates (yyyy-MM-dd) shown as dd/MM/yyyy, levels and kinds in words.</summary>
    public string Message(RegisterProblem problem) => l[problem.Key, [.. problem.Args.Select(Argument)]];

    private string Argument(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? Shown(d)
        : Enum.GetNames<GovernmentLevel>().Contains(value, StringComparer.Ordinal) ? l[$"DelegatedTask.Level.{value}"]
        : Enum.GetNames<DelegationKind>().Contains(value, StringComparer.Ordinal) ? l[$"DelegatedTask.Kind.{value}"]
        : value;

    private static string Shown(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private DateOnly? Date(Errors errors, string field, string? value)
    {
        if (DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(field, l["DelegatedTask.Date"]);
        return null;
    }

    /// <summary>Messages by field, in the order found.</summary>
    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _messages = new(StringComparer.Ordinal);

        public int Count => _messages.Count;

        public void Add(string field, string message)
        {
            if (!_messages.TryGetValue(field, out var list))
            {
                _messages[field] = list = [];
            }

            list.Add(message);
        }

        public void AddAll(IEnumerable<RegisterProblem> problems, string prefix, DelegatedTaskRegistry registry)
        {
            foreach (var p in problems)
            {
                Add(prefix + p.Field, registry.Message(p));
            }
        }

        public Dictionary<string, string[]> ToDictionary() => _messages.ToDictionary(m => m.Key, m => m.Value.ToArray(), StringComparer.Ordinal);
    }
}
