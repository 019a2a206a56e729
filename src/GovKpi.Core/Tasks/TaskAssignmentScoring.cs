using GovKpi.Core.Calendar;
using GovKpi.Core.Evaluation;

namespace GovKpi.Core.Tasks;

/// <summary>A person's tasks of a period as the task-result score reads them, with the conversion to standard products.</summary>
public sealed record PeriodTasks(IReadOnlyList<AssignedTask> Tasks, ProductConversion Conversion);

/// <summary>
/// Turns assigned tasks into what <see cref="TaskResultScoring"/> scores (Decree 335: quantity,
/// quality, progress): every task due in the period is planned; its product counts as completed
/// once submitted and not returned (under review or accepted); a product submitted after its
/// working-day deadline is a delay, an accepted product that failed its check a failed quality
/// check, each waived by the objective cause the manager recorded.
/// </summary>
public static class TaskAssignmentScoring
{
    /// <summary>The tasks of <paramref name="staffCode"/> due in [<paramref name="from"/>, <paramref name="toExclusive"/>), by due day then id.</summary>
    public static PeriodTasks For(IEnumerable<TaskAssignment> tasks, string staffCode, DateOnly from, DateOnly toExclusive,
        IEnumerable<TaskType> catalogue, WorkingCalendar calendar)
    {
        var due = tasks.Where(t => t.StaffCode == staffCode && t.DueOn >= from && t.DueOn < toExclusive)
            .OrderBy(t => t.DueOn).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();
        return new([.. due.Select(t => ToAssignedTask(t, calendar))], Conversion(due, catalogue, from));
    }

    public static AssignedTask ToAssignedTask(TaskAssignment task, WorkingCalendar calendar)
    {
        var completed = task.State is AssignmentState.Submitted or AssignmentState.Accepted;
        var incidents = new List<TaskIncident>();
        if (completed && TaskAssignments.IsLate(task, calendar))
        {
            incidents.Add(new TaskIncident(TaskIncidentKind.Delay, task.DelayCause));
        }

        if (task.State == AssignmentState.Accepted && task.QualityPassed == false)
        {
            incidents.Add(new TaskIncident(TaskIncidentKind.FailedQualityCheck, task.QualityCause));
        }

        return new AssignedTask(task.Id, task.TaskTypeCode, task.Quantity, completed ? task.QuantityDone : 0) { Incidents = incidents };
    }

    /// <summary>
    /// Standard products per unit of each task type: the version in force at the period's start in
    /// the catalogue the task came from (one rule for a period, as for KPI versions), or the
    /// version the task was assigned with when the type began later in the period.
    /// </summary>
    public static ProductConversion Conversion(IReadOnlyList<TaskAssignment> tasks, IEnumerable<TaskType> catalogue, DateOnly periodStart)
    {
        var types = catalogue.ToList();
        var coefficients = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            if (coefficients.ContainsKey(task.TaskTypeCode))
            {
                continue;
            }

            var versions = types.Where(t => t.Code == task.TaskTypeCode && t.AgencyCode == task.CatalogueAgencyCode).ToList();
            var chosen = TaskCatalogue.InForce(versions, periodStart) ?? versions.SingleOrDefault(v => v.Version == task.TaskTypeVersion);
            if (chosen is not null)
            {
                coefficients[task.TaskTypeCode] = chosen.Coefficient;
            }
        }

        return new ProductConversion(coefficients);
    }
}
