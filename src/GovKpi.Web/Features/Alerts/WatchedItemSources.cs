using GovKpi.Core.Alerts;
using GovKpi.Core.Calendar;
using GovKpi.Core.Tasks;
using GovKpi.Core.DelegatedTasks;
using GovKpi.Data;
using GovKpi.Web.Features.DelegatedTasks;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Alerts;

/// <summary>
/// One kind of work the early-warning engine watches. The evaluation asks every registered source,
/// so a new kind (delegated tasks) is one more implementation registered in <see cref="AlertServices"/>.
/// </summary>
public interface IWatchedItemSource
{
    WatchedKind Kind { get; }

    /// <summary>
    /// The open items, and those of <paramref name="withOpenAlerts"/> whatever their state so that
    /// their alerts can close; items done long ago without an open alert are not loaded.
    /// </summary>
    Task<IReadOnlyList<WatchedItem>> ItemsAsync(IReadOnlySet<string> withOpenAlerts, WorkingHours hours, WorkingCalendar calendar, CancellationToken ct);
}

/// <summary>Dossiers, as their latest version stands; the handler is the dossier's handler.</summary>
public sealed class DossierWatch(GovKpiDbContext db) : IWatchedItemSource
{
    public WatchedKind Kind => WatchedKind.Dossier;

    public async Task<IReadOnlyList<WatchedItem>> ItemsAsync(IReadOnlySet<string> withOpenAlerts, WorkingHours hours, WorkingCalendar calendar, CancellationToken ct)
    {
        var ids = withOpenAlerts.ToList();
        var dossiers = await db.Dossiers.AsNoTracking().Where(d => d.FinishedAt == null || ids.Contains(d.DossierId)).ToListAsync(ct);
        return [.. dossiers.Select(WatchedItem.From)];
    }
}

/// <summary>Assigned tasks not yet submitted or accepted (a returned product is open again); the handler is the assignee.</summary>
public sealed class AssignedTaskWatch(GovKpiDbContext db) : IWatchedItemSource
{
    public WatchedKind Kind => WatchedKind.AssignedTask;

    public async Task<IReadOnlyList<WatchedItem>> ItemsAsync(IReadOnlySet<string> withOpenAlerts, WorkingHours hours, WorkingCalendar calendar, CancellationToken ct)
    {
        var ids = withOpenAlerts.ToList();
        var tasks = await db.TaskAssignments.AsNoTracking()
            .Where(t => (t.State != AssignmentState.Submitted && t.State != AssignmentState.Accepted) || ids.Contains(t.Id)).ToListAsync(ct);
        return [.. tasks.Select(t => WatchedItem.From(t, hours, calendar))];
    }
}

/// <summary>
/// Delegated tasks, one item per receiving unit (<c>{code}/{unit}</c>), due at the close of office
/// on the task's due date; the warning goes to the receiving unit's head. A register holds hundreds
/// of tasks, not millions, so the whole of it is read and the completed ones without an open alert dropped.
/// </summary>
public sealed class DelegatedTaskWatch(DelegatedTaskRegistry registry) : IWatchedItemSource
{
    public WatchedKind Kind => WatchedKind.DelegatedTask;

    public async Task<IReadOnlyList<WatchedItem>> ItemsAsync(IReadOnlySet<string> withOpenAlerts, WorkingHours hours, WorkingCalendar calendar, CancellationToken ct) =>
        [.. (await registry.LoadAllAsync(ct))
            .SelectMany(file => WatchedItem.From(file.Task, file.ImplementationReports, hours))
            .Where(item => item.DoneAt is null || withOpenAlerts.Contains(item.Id))];
}
