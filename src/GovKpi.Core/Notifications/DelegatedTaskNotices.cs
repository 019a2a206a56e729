using System.Globalization;
using GovKpi.Core.DelegatedTasks;

namespace GovKpi.Core.Notifications;

/// <summary>A delegated task as the notices read it: the task, every report given, every inspection.</summary>
public sealed record DelegatedTaskRecord(RegisteredTask Task, IReadOnlyList<ImplementationReport> Reports, IReadOnlyList<Inspection> Inspections);

/// <summary>
/// The delegated-task dates that reach a person's inbox (issue 13, item 4): the head of each
/// receiving unit is reminded of a report date <see cref="ReminderDays"/> days ahead when the unit
/// has not reported for that period yet, told once the date has passed without a report, and
/// reminded of each open inspection follow-up from <see cref="ReminderDays"/> days before its due
/// date. The source keys carry the date, so a moved deadline is told again and nothing else twice.
/// </summary>
public static class DelegatedTaskNotices
{
    /// <summary>How many days before a report date or a follow-up's due date the reminder comes.</summary>
    public const int ReminderDays = 3;

    /// <param name="headOf">The head of a unit on <paramref name="today"/>, or null when the post is vacant (nobody to tell).</param>
    public static IReadOnlyList<Notification> Due(IEnumerable<DelegatedTaskRecord> register, Func<string, string?> headOf, DateOnly today, DateTimeOffset now)
    {
        var notices = new List<Notification>();
        foreach (var (task, reports, inspections) in register.OrderBy(r => r.Task.Code, StringComparer.Ordinal))
        {
            var link = "/delegated-tasks/task?code=" + Uri.EscapeDataString(task.Code);

            void Add(NotificationKind kind, string source, string texts, string unit, DateOnly due, string detail)
            {
                if (headOf(unit) is not { } head)
                {
                    return;
                }

                notices.Add(new Notification
                {
                    SourceKey = $"{source}:{task.Code}:{detail}:{unit}:{Iso(due)}:{head}",
                    RecipientStaffCode = head,
                    Kind = kind,
                    Subject = LocalisableText.Of($"Notifications.{texts}.Subject", task.Code, task.Title, Date(due), unit),
                    Body = LocalisableText.Of($"Notifications.{texts}.Body", task.Code, task.Title, Date(due), unit),
                    Link = link,
                    CreatedAt = now,
                });
            }

            var missing = TaskReporting.Missing([task], reports, today);
            foreach (var gap in missing)
            {
                Add(NotificationKind.DelegatedTaskReportDate, "dt-report-missing", "DelegatedTaskReportMissing", gap.UnitCode, gap.DueOn, "report");
            }

            if (task.Status != DelegatedTaskStatus.Completed)
            {
                foreach (var unit in task.ReceivingUnitCodes)
                {
                    if (NextReportDate(task, reports, unit, today) is { } next && today >= next.AddDays(-ReminderDays))
                    {
                        Add(NotificationKind.DelegatedTaskReportDate, "dt-report", "DelegatedTaskReportDate", unit, next, "report");
                    }
                }
            }

            foreach (var inspection in inspections)
            {
                for (var f = 0; f < inspection.Findings.Count; f++)
                {
                    var actions = inspection.Findings[f].Actions;
                    for (var a = 0; a < actions.Count; a++)
                    {
                        if (actions[a].IsClosed || today < actions[a].DueOn.AddDays(-ReminderDays))
                        {
                            continue;
                        }

                        foreach (var unit in task.ReceivingUnitCodes)
                        {
                            Add(NotificationKind.InspectionFollowUp, "dt-follow-up", "InspectionFollowUp", unit, actions[a].DueOn,
                                string.Create(CultureInfo.InvariantCulture, $"{inspection.Number}.{f}.{a}"));
                        }
                    }
                }
            }
        }

        return notices;
    }

    /// <summary>
    /// The first report date on or after <paramref name="today"/> that <paramref name="unit"/> has
    /// not yet reported for (no report since the date before it), unless its latest report says 100 %.
    /// </summary>
    private static DateOnly? NextReportDate(RegisteredTask task, IReadOnlyList<ImplementationReport> reports, string unit, DateOnly today)
    {
        var own = reports.Where(r => r.TaskCode == task.Code && r.UnitCode == unit && r.ReportedOn <= today).ToList();
        if (TaskReporting.LatestByUnit(task, own).TryGetValue(unit, out var latest) && latest.PercentDone >= 100)
        {
            return null;
        }

        var previous = task.StartOn.AddDays(-1);
        foreach (var due in TaskReporting.ReportDueDates(task))
        {
            if (due >= today)
            {
                var after = previous;
                return own.Any(r => r.ReportedOn > after) ? null : due;
            }

            previous = due;
        }

        return null;
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Date(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
