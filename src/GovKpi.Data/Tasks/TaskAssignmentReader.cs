using GovKpi.Core.Calendar;
using GovKpi.Core.Organisation;
using GovKpi.Core.Tasks;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Data.Tasks;

/// <summary>
/// Reads assigned tasks for the task-result score: the seam between the task register and the
/// evaluation. <see cref="TasksForAsync"/> gives a person's tasks due in a period as the score
/// counts them, with the conversion to standard products of the catalogue.
/// </summary>
public sealed class TaskAssignmentReader(GovKpiDbContext db)
{
    /// <summary>The tasks of <paramref name="staffCode"/> due in [<paramref name="from"/>, <paramref name="toExclusive"/>).</summary>
    public async Task<PeriodTasks> TasksForAsync(string staffCode, DateOnly from, DateOnly toExclusive, CancellationToken ct)
    {
        var (tasks, catalogue, calendar) = await LoadAsync(staffCode, from, toExclusive, ct);
        return TaskAssignmentScoring.For(tasks, staffCode, from, toExclusive, catalogue, calendar);
    }

    /// <summary>The stored tasks of the period, the catalogue versions of their types and the working calendar.</summary>
    public async Task<(List<TaskAssignment> Tasks, List<TaskType> Catalogue, WorkingCalendar Calendar)> LoadAsync(
        string staffCode, DateOnly from, DateOnly toExclusive, CancellationToken ct)
    {
        var tasks = await db.TaskAssignments.AsNoTracking()
            .Where(t => t.StaffCode == staffCode && t.DueOn >= from && t.DueOn < toExclusive).ToListAsync(ct);
        return (tasks, await CatalogueOfAsync(tasks.Select(t => t.TaskTypeCode), ct), await CalendarAsync(db, ct));
    }

    /// <summary>Every version of the task types with these codes, in every catalogue.</summary>
    public async Task<List<TaskType>> CatalogueOfAsync(IEnumerable<string> codes, CancellationToken ct)
    {
        var wanted = codes.Distinct(StringComparer.Ordinal).ToList();
        var rows = await db.TaskTypes.AsNoTracking().Where(t => wanted.Contains(t.Code)).ToListAsync(ct);
        return [.. rows.Select(r => r.ToTaskType())];
    }

    /// <summary>The stored calendar (calendar.csv) when one was imported, else the official one.</summary>
    public static async Task<WorkingCalendar> CalendarAsync(GovKpiDbContext db, CancellationToken ct)
    {
        var exceptions = await db.CalendarExceptions.AsNoTracking().ToListAsync(ct);
        return exceptions.Count == 0 ? WorkingCalendar.Official : new WorkingCalendar(exceptions);
    }

    /// <summary>Where each of these staff members works now, for assigning tasks to them.</summary>
    public async Task<Dictionary<string, TaskPlace>> PlacesAsync(IEnumerable<string> staffCodes, CancellationToken ct)
    {
        var codes = staffCodes.Distinct(StringComparer.Ordinal).ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => codes.Contains(s.Code)).ToListAsync(ct);
        var tree = new OrganisationTree(await db.Units.AsNoTracking().ToListAsync(ct), await db.UnitLineage.AsNoTracking().ToListAsync(ct));
        return staff.ToDictionary(s => s.Code, s => TaskPlace.Of(s, tree), StringComparer.Ordinal);
    }
}
