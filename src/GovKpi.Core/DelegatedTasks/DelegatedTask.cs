using GovKpi.Core.Calendar;

namespace GovKpi.Core.DelegatedTasks;

/// <summary>Where a delegated task stands as a whole; its pace is <see cref="ProgressStatus"/>.</summary>
public enum DelegatedTaskStatus
{
    InProgress,
    /// <summary>Every receiving unit's latest report says 100 %.</summary>
    Completed,
}

/// <summary>
/// A state-management task handed down to a unit (nhiệm vụ phân cấp, phân quyền, ủy quyền): who
/// gave it, on which legal basis, to which unit, and by when (DOMAIN.md, "Delegated and
/// decentralised tasks").
/// </summary>
public sealed record DelegatedTask(
    string Code, string Title, string SourceAgency, string LegalBasis, string ReceivingUnitCode,
    DateOnly AssignedOn, DateOnly DueOn, DelegatedTaskStatus Status)
{
    /// <summary>
    /// One receiving unit's share of a registered task, with that unit's reports: what the pace and
    /// the progress summary speak of, since each unit reports its own progress.
    /// </summary>
    public static (DelegatedTask Task, IReadOnlyList<ProgressReport> Reports) ForUnit(
        RegisteredTask task, IReadOnlyList<ImplementationReport> reports, string unitCode)
    {
        var latest = TaskReporting.LatestByUnit(task, reports);
        var status = latest.TryGetValue(unitCode, out var last) && last.PercentDone >= 100 ? DelegatedTaskStatus.Completed : DelegatedTaskStatus.InProgress;
        return (new(task.Code, task.Title, task.SourceBody, task.LegalBasis, unitCode, task.StartOn, task.DueOn, status),
            [.. reports.Where(r => r.TaskCode == task.Code && r.UnitCode == unitCode).Select(r => new ProgressReport(r.ReportedOn, r.PercentDone, r.Text, r.Reporter))]);
    }
}

/// <summary>One implementation report of the receiving unit: how far the task is, in its own words.</summary>
public sealed record ProgressReport(DateOnly ReportedOn, int PercentDone, string Text, string Reporter);

public enum ProgressStatus
{
    OnTrack,
    AtRisk,
    Overdue,
    Completed,
}

/// <summary>
/// The pace of a task and the numbers behind it, so a reader can check the verdict: the working
/// days from assignment to the due date (both included), those already gone before today, and the
/// share of the work that time would call for.
/// </summary>
public sealed record ProgressAssessment(
    ProgressStatus Status, int PercentDone, int WorkingDaysTotal, int WorkingDaysElapsed, int WorkingDaysLeft, int WorkingDaysOverdue,
    double ExpectedPercent)
{
    /// <summary>Percentage points of work behind the share of time gone; negative when ahead.</summary>
    public double PointsBehind => ExpectedPercent - PercentDone;
}

public static class TaskProgress
{
    /// <summary>
    /// How many percentage points a task may lag the share of its time gone before it is at risk:
    /// reports are rounded and work comes in steps, so a small lag says nothing.
    /// </summary>
    public const int AtRiskMargin = 15;

    /// <summary>
    /// Completed at 100 %; overdue once the due date has passed unfinished; at risk when the work
    /// done lags the share of working days gone by more than <see cref="AtRiskMargin"/> points;
    /// otherwise on track. Working days follow <paramref name="calendar"/>, so Tết does not count
    /// against a unit.
    /// </summary>
    public static ProgressAssessment Assess(DateOnly assignedOn, DateOnly dueOn, int percentDone, DateOnly today, WorkingCalendar calendar)
    {
        var afterDue = dueOn.AddDays(1);
        // A task due on a day off still has that day: at least one working day to do it in.
        var total = Math.Max(1, calendar.WorkingDays(assignedOn, afterDue));
        var elapsed = Math.Min(total, calendar.WorkingDays(assignedOn, today));
        var left = calendar.WorkingDays(today < assignedOn ? assignedOn : today, afterDue);
        var overdue = today > dueOn ? calendar.WorkingDays(afterDue, today.AddDays(1)) : 0;
        var expected = 100.0 * elapsed / total;
        var status = percentDone >= 100 ? ProgressStatus.Completed
            : today > dueOn ? ProgressStatus.Overdue
            : expected - percentDone > AtRiskMargin ? ProgressStatus.AtRisk
            : ProgressStatus.OnTrack;
        return new ProgressAssessment(status, percentDone, total, elapsed, left, overdue, expected);
    }

    /// <summary>The pace of <paramref name="task"/> from its latest report (0 % without one).</summary>
    public static ProgressAssessment Assess(DelegatedTask task, IReadOnlyList<ProgressReport> reports, DateOnly today, WorkingCalendar calendar) =>
        Assess(task.AssignedOn, task.DueOn, Latest(reports)?.PercentDone ?? 0, today, calendar);

    /// <summary>The latest report: by date, and among reports of one day the last one given.</summary>
    public static ProgressReport? Latest(IReadOnlyList<ProgressReport> reports) =>
        reports.Select((r, i) => (r, i)).OrderBy(x => x.r.ReportedOn).ThenBy(x => x.i).Select(x => x.r).LastOrDefault();
}
