using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Calendar;
using GovKpi.Core.DelegatedTasks;
using GovKpi.Data;
using GovKpi.Data.DelegatedTasks;
using GovKpi.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.DelegatedTasks;

public sealed record RegisterTaskRequest(string? Code, string? Title, string? SourceAgency, string? LegalBasis, string? ReceivingUnitCode,
    string? AssignedOn, string? DueOn);

/// <summary>reportedOn is optional (today in Vietnam).</summary>
public sealed record ProgressReportRequest(string? ReportedOn, int? PercentDone, string? Text);

public sealed record ProgressReportResponse(DateOnly ReportedOn, int PercentDone, string Text, string Reporter);

/// <summary>A task with its pace today: status, and the numbers the status comes from.</summary>
public sealed record DelegatedTaskResponse(string Code, string Title, string SourceAgency, string LegalBasis, string ReceivingUnitCode,
    string ReceivingUnitName, DateOnly AssignedOn, DateOnly DueOn, string Status, string Progress, int PercentDone, double ExpectedPercent,
    int WorkingDaysElapsed, int WorkingDaysTotal, int WorkingDaysLeft, int WorkingDaysOverdue, IReadOnlyList<ProgressReportResponse> Reports);

/// <summary>What stopped a change to the registry.</summary>
public enum RegistryRefusal
{
    None,
    NotFound,
    Forbidden,
    Invalid,
    Duplicate,
}

/// <summary>
/// The register of delegated tasks and their implementation reports (DOMAIN.md, "Delegated and
/// decentralised tasks"): HR registers a task for a unit, that unit reports progress, and people
/// see the tasks of the units in their scope with their pace on working days.
/// </summary>
public sealed class DelegatedTaskRegistry(GovKpiDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <summary>A task and its reports, or null when no task has that code.</summary>
    public async Task<(DelegatedTask Task, IReadOnlyList<ProgressReport> Reports)?> LoadAsync(string code, CancellationToken ct)
    {
        var task = await db.DelegatedTasks.AsNoTracking().SingleOrDefaultAsync(t => t.Code == code, ct);
        if (task is null)
        {
            return null;
        }

        var reports = await db.DelegatedTaskReports.AsNoTracking().Where(r => r.TaskCode == code).OrderBy(r => r.ReportedOn).ThenBy(r => r.Id).ToListAsync(ct);
        return (task.ToTask(), [.. reports.Select(r => r.ToReport())]);
    }

    public async Task<WorkingCalendar> CalendarAsync(CancellationToken ct)
    {
        var exceptions = await db.CalendarExceptions.AsNoTracking().ToListAsync(ct);
        return exceptions.Count == 0 ? WorkingCalendar.Official : new WorkingCalendar(exceptions);
    }

    /// <summary>The tasks received by units in <paramref name="scope"/>, soonest due first.</summary>
    public async Task<IReadOnlyList<DelegatedTaskResponse>> ListAsync(UnitScope scope, CancellationToken ct)
    {
        var codes = scope.Codes.ToList();
        var tasks = await db.DelegatedTasks.AsNoTracking().Where(t => codes.Contains(t.ReceivingUnitCode)).ToListAsync(ct);
        var taskCodes = tasks.Select(t => t.Code).ToList();
        var reports = (await db.DelegatedTaskReports.AsNoTracking().Where(r => taskCodes.Contains(r.TaskCode)).ToListAsync(ct))
            .OrderBy(r => r.ReportedOn).ThenBy(r => r.Id).ToLookup(r => r.TaskCode, r => r.ToReport());
        var calendar = await CalendarAsync(ct);
        return [.. tasks.OrderBy(t => t.DueOn).ThenBy(t => t.Code, StringComparer.Ordinal)
            .Select(t => Response(t.ToTask(), [.. reports[t.Code]], scope, calendar))];
    }

    public DelegatedTaskResponse Response(DelegatedTask task, IReadOnlyList<ProgressReport> reports, UnitScope scope, WorkingCalendar calendar)
    {
        var progress = TaskProgress.Assess(task, reports, VietnamTime.Today(clock), calendar);
        return new DelegatedTaskResponse(task.Code, task.Title, task.SourceAgency, task.LegalBasis, task.ReceivingUnitCode,
            scope.Tree.Find(task.ReceivingUnitCode)?.NameVi ?? task.ReceivingUnitCode, task.AssignedOn, task.DueOn, task.Status.ToString(),
            progress.Status.ToString(), progress.PercentDone, Math.Round(progress.ExpectedPercent, 1), progress.WorkingDaysElapsed,
            progress.WorkingDaysTotal, progress.WorkingDaysLeft, progress.WorkingDaysOverdue,
            [.. reports.Select(r => new ProgressReportResponse(r.ReportedOn, r.PercentDone, r.Text, r.Reporter))]);
    }

    public async Task<(RegistryRefusal Refusal, Dictionary<string, string[]> Errors, DelegatedTask? Task)> RegisterAsync(
        RegisterTaskRequest request, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var code = Required(errors, "code", request.Code, DelegatedTaskModel.CodeLength);
        var title = Required(errors, "title", request.Title, DelegatedTaskModel.TitleLength);
        var agency = Required(errors, "sourceAgency", request.SourceAgency, DelegatedTaskModel.AgencyLength);
        var basis = Required(errors, "legalBasis", request.LegalBasis, DelegatedTaskModel.LegalBasisLength);
        var unitCode = Required(errors, "receivingUnitCode", request.ReceivingUnitCode, 40);
        var assigned = Date(errors, "assignedOn", request.AssignedOn);
        var due = Date(errors, "dueOn", request.DueOn);
        if (assigned is { } a && due is { } d && d < a)
        {
            errors["dueOn"] = [l["DelegatedTasks.Error.DueBeforeAssigned"]];
        }

        if (unitCode is not null && scope.Tree.Find(unitCode) is null)
        {
            errors["receivingUnitCode"] = [l["DelegatedTasks.Error.UnknownUnit", unitCode]];
        }

        if (errors.Count > 0)
        {
            return (RegistryRefusal.Invalid, errors, null);
        }

        if (!scope.Contains(unitCode!))
        {
            return (RegistryRefusal.Forbidden, errors, null);
        }

        if (await db.DelegatedTasks.AnyAsync(t => t.Code == code, ct))
        {
            errors["code"] = [l["DelegatedTasks.Error.Duplicate", code!]];
            return (RegistryRefusal.Duplicate, errors, null);
        }

        var record = new DelegatedTaskRecord
        {
            Code = code!, Title = title!, SourceAgency = agency!, LegalBasis = basis!, ReceivingUnitCode = unitCode!,
            AssignedOn = assigned!.Value, DueOn = due!.Value, Status = DelegatedTaskStatus.InProgress,
            RegisteredBy = user.UserName, RegisteredAt = clock.GetUtcNow(),
        };
        db.DelegatedTasks.Add(record);
        await db.SaveChangesAsync(ct);
        return (RegistryRefusal.None, errors, record.ToTask());
    }

    /// <summary>Adds a report of the receiving unit; a report of 100 % completes the task.</summary>
    public async Task<(RegistryRefusal Refusal, Dictionary<string, string[]> Errors)> ReportAsync(
        string code, ProgressReportRequest request, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var task = await db.DelegatedTasks.SingleOrDefaultAsync(t => t.Code == code, ct);
        if (task is null)
        {
            return (RegistryRefusal.NotFound, errors);
        }

        if (!scope.Contains(task.ReceivingUnitCode))
        {
            return (RegistryRefusal.Forbidden, errors);
        }

        var today = VietnamTime.Today(clock);
        var reportedOn = string.IsNullOrWhiteSpace(request.ReportedOn) ? today : Date(errors, "reportedOn", request.ReportedOn);
        if (reportedOn is { } on && (on < task.AssignedOn || on > today))
        {
            errors["reportedOn"] = [l["DelegatedTasks.Error.ReportDate", task.AssignedOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)]];
        }

        if (request.PercentDone is not (>= 0 and <= 100))
        {
            errors["percentDone"] = [l["DelegatedTasks.Error.Percent"]];
        }

        var text = Required(errors, "text", request.Text, DelegatedTaskModel.ReportTextLength);
        if (errors.Count > 0)
        {
            return (RegistryRefusal.Invalid, errors);
        }

        db.DelegatedTaskReports.Add(new DelegatedTaskReportRecord
        {
            TaskCode = task.Code, ReportedOn = reportedOn!.Value, PercentDone = request.PercentDone!.Value, Text = text!,
            Reporter = user.DisplayName, ReporterUserName = user.UserName, RecordedAt = clock.GetUtcNow(),
        });
        if (request.PercentDone == 100)
        {
            task.Status = DelegatedTaskStatus.Completed;
        }

        await db.SaveChangesAsync(ct);
        return (RegistryRefusal.None, errors);
    }

    private string? Required(Dictionary<string, string[]> errors, string field, string? value, int maximumLength)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim().Length > maximumLength)
        {
            errors[field] = [l["DelegatedTasks.Error.Required", maximumLength]];
            return null;
        }

        return value.Trim();
    }

    private DateOnly? Date(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[field] = [l["DelegatedTasks.Error.Date"]];
        return null;
    }
}
