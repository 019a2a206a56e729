using GovKpi.Core.Calendar;
using GovKpi.Core.DelegatedTasks;
using GovKpi.Core.Measurement;
using GovKpi.Core.Tasks;

namespace GovKpi.Core.Alerts;

/// <summary>The kinds of work the early-warning engine watches; part of an alert's identity.</summary>
public enum WatchedKind
{
    Dossier,
    AssignedTask,
    DelegatedTask,
    /// <summary>A follow-up of an issue raised at a citizen meeting (FieldWork); its owner is the handler.</summary>
    CitizenIssue,
}

/// <summary>
/// The one shape the engine reads, whatever the work: who handles it in which unit, when it is
/// due, and when it was done (null while open). <see cref="HandlerCode"/> is null when the work
/// is the unit's rather than a person's (a delegated task).
/// </summary>
public sealed record WatchedItem(WatchedKind Kind, string Id, string UnitCode, string? HandlerCode, DateTimeOffset DueAt, DateTimeOffset? DoneAt)
{
    /// <summary>A dossier is done when it is finished (processed, refused, withdrawn…), at its finish time.</summary>
    public static WatchedItem From(DossierVersion dossier) => new(
        WatchedKind.Dossier, dossier.DossierId, dossier.UnitCode, dossier.HandlerCode, dossier.DueAt,
        dossier.Status.IsFinished() ? dossier.FinishedAt ?? dossier.UpdatedAt : null);

    /// <summary>
    /// An assigned task is due at the close of office on its due date, moved to the next working day
    /// as its scoring moves it (<see cref="TaskAssignments.WorkingDue"/>), and done once its product
    /// is submitted or accepted; a returned product makes it open again, as the staff member works on.
    /// </summary>
    public static WatchedItem From(TaskAssignment task, WorkingHours hours, WorkingCalendar calendar) => new(
        WatchedKind.AssignedTask, task.Id, task.UnitCode, task.StaffCode, hours.CloseOf(TaskAssignments.WorkingDue(task.DueOn, calendar)),
        task.State is AssignmentState.Submitted or AssignmentState.Accepted ? task.SubmittedAt ?? task.ReviewedAt : null);

    /// <summary>
    /// A delegated task is watched once per receiving unit (id <c>{code}/{unit}</c>): each unit's
    /// share is due at the close of office on the task's due date (an extended one included), and
    /// done when that unit's latest report says 100 % (at the close of that report's day: reports
    /// carry a date only). A later, lower report opens it again.
    /// </summary>
    public static IReadOnlyList<WatchedItem> From(RegisteredTask task, IReadOnlyList<ImplementationReport> reports, WorkingHours hours)
    {
        var latest = TaskReporting.LatestByUnit(task, reports);
        return [.. task.ReceivingUnitCodes.Select(unit => new WatchedItem(WatchedKind.DelegatedTask, $"{task.Code}/{unit}", unit, null, hours.CloseOf(task.DueOn),
            latest.TryGetValue(unit, out var last) && last.PercentDone >= 100 ? hours.CloseOf(last.ReportedOn) : null))];
    }
}
