namespace GovKpi.Core.DelegatedTasks;

/// <summary>One receiving unit's implementation report: how far, in its words, with the evidence files it attached.</summary>
public sealed record ImplementationReport(
    string TaskCode, string UnitCode, DateOnly ReportedOn, int PercentDone, string Text, IReadOnlyList<string> EvidenceFiles, string Reporter);

/// <summary>A report a unit owed by <see cref="DueOn"/> and has not given.</summary>
public sealed record MissingReport(string TaskCode, string UnitCode, DateOnly DueOn);

public static class TaskReporting
{
    /// <summary>
    /// The days reports fall due: the end of every month, quarter, half-year or year after the start
    /// and before the due date, then the due date itself (the only one for a one-off report).
    /// </summary>
    public static IReadOnlyList<DateOnly> ReportDueDates(DateOnly startOn, DateOnly dueOn, ReportRhythm rhythm)
    {
        var months = rhythm switch
        {
            ReportRhythm.Monthly => 1,
            ReportRhythm.Quarterly => 3,
            ReportRhythm.HalfYearly => 6,
            ReportRhythm.Yearly => 12,
            _ => 0,
        };
        var dates = new List<DateOnly>();
        if (months > 0)
        {
            // The first period end on or after the start: periods are calendar ones, so a task
            // starting mid-quarter reports at the quarter's end.
            var monthIndex = ((startOn.Month - 1) / months + 1) * months;
            for (var end = PeriodEnd(startOn.Year, monthIndex); end < dueOn; monthIndex += months, end = PeriodEnd(startOn.Year, monthIndex))
            {
                if (end >= startOn)
                {
                    dates.Add(end);
                }
            }
        }

        dates.Add(dueOn);
        return dates;
    }

    // The last day of the month that ends after monthIndex months counted from January of year.
    private static DateOnly PeriodEnd(int year, int monthIndex) => new DateOnly(year, 1, 1).AddMonths(monthIndex).AddDays(-1);

    public static IReadOnlyList<DateOnly> ReportDueDates(RegisteredTask task) => ReportDueDates(task.StartOn, task.DueOn, task.ReportRhythm);

    /// <summary>
    /// The latest report of each receiving unit: by report date, and among reports of one day the
    /// last one given.
    /// </summary>
    public static IReadOnlyDictionary<string, ImplementationReport> LatestByUnit(RegisteredTask task, IReadOnlyList<ImplementationReport> reports) =>
        reports.Select((r, i) => (r, i)).Where(x => x.r.TaskCode == task.Code)
            .GroupBy(x => x.r.UnitCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(x => x.r.ReportedOn).ThenBy(x => x.i).Last().r, StringComparer.Ordinal);

    /// <summary>
    /// Completed only while every receiving unit's latest report says 100 %: a later, lower report
    /// takes the task back to in progress.
    /// </summary>
    public static DelegatedTaskStatus StatusFrom(RegisteredTask task, IReadOnlyList<ImplementationReport> reports)
    {
        var latest = LatestByUnit(task, reports);
        return task.ReceivingUnitCodes.Count > 0 && task.ReceivingUnitCodes.All(u => latest.TryGetValue(u, out var r) && r.PercentDone >= 100)
            ? DelegatedTaskStatus.Completed
            : DelegatedTaskStatus.InProgress;
    }

    /// <summary>
    /// Takes a report from a receiving unit and sets the task's status from the latest reports,
    /// noting the status change when there is one.
    /// </summary>
    public static RegisterResult<RegisteredTask> Report(RegisteredTask task, IReadOnlyList<ImplementationReport> earlier, ImplementationReport report)
    {
        var problems = new List<RegisterProblem>();
        if (report.PercentDone is < 0 or > 100)
        {
            problems.Add(new("percent_done", RegisterKeys.PercentOutOfRange, report.PercentDone.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (!task.ReceivingUnitCodes.Contains(report.UnitCode, StringComparer.Ordinal))
        {
            problems.Add(new("unit_code", RegisterKeys.ReporterNotReceiving, report.UnitCode, task.Code));
        }

        if (report.ReportedOn < task.StartOn)
        {
            problems.Add(new("reported_on", RegisterKeys.ReportBeforeStart, TaskRegistration.Day(report.ReportedOn), TaskRegistration.Day(task.StartOn)));
        }

        if (string.IsNullOrWhiteSpace(report.Text))
        {
            problems.Add(new("text", RegisterKeys.ReportTextRequired));
        }

        if (problems.Count > 0)
        {
            return RegisterResult<RegisteredTask>.Refuse(problems);
        }

        var status = StatusFrom(task, [.. earlier, report with { TaskCode = task.Code }]);
        var changes = new List<TaskChange>
        {
            new(task.Code, TaskActions.Reported, "percent_done", "", report.PercentDone.ToString(System.Globalization.CultureInfo.InvariantCulture), report.UnitCode),
        };
        if (status != task.Status)
        {
            changes.Add(new(task.Code, TaskActions.StatusChanged, "status", task.Status.ToString(), status.ToString(), ""));
        }

        return new(task with { Status = status }, changes, []);
    }

    /// <summary>
    /// The reports owed and not given as of <paramref name="today"/>: for each task, receiving unit
    /// and report due date before today, when the unit gave no report after the previous due date
    /// (or the start) and before the next one. Each report fills one due date, so a late report
    /// clears the gap it was late for only; a unit whose latest report said 100 % owes nothing more.
    /// </summary>
    public static IReadOnlyList<MissingReport> Missing(IReadOnlyList<RegisteredTask> tasks, IReadOnlyList<ImplementationReport> reports, DateOnly today)
    {
        var missing = new List<MissingReport>();
        foreach (var task in tasks)
        {
            var latest = LatestByUnit(task, [.. reports.Where(r => r.ReportedOn <= today)]);
            var dueDates = ReportDueDates(task);
            foreach (var unit in task.ReceivingUnitCodes)
            {
                if (latest.TryGetValue(unit, out var last) && last.PercentDone >= 100)
                {
                    continue;
                }

                var unitReports = reports.Where(r => r.TaskCode == task.Code && r.UnitCode == unit && r.ReportedOn <= today)
                    .Select(r => r.ReportedOn).Order().ToList();
                var previous = task.StartOn.AddDays(-1);
                var next = 0;
                for (var i = 0; i < dueDates.Count && dueDates[i] < today; i++)
                {
                    var due = dueDates[i];
                    var following = i + 1 < dueDates.Count ? dueDates[i + 1] : DateOnly.MaxValue;
                    while (next < unitReports.Count && unitReports[next] <= previous)
                    {
                        next++;
                    }

                    // One report fills one due date: a late one (before the next due date) fills
                    // the gap it was late for, and does not also count for the next period.
                    if (next < unitReports.Count && unitReports[next] < following)
                    {
                        next++;
                    }
                    else
                    {
                        missing.Add(new(task.Code, unit, due));
                    }

                    previous = due;
                }
            }
        }

        return missing;
    }
}
