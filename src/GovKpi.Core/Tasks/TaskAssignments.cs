using System.Globalization;
using GovKpi.Core.Access;
using GovKpi.Core.Calendar;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.Tasks;

/// <summary>The actions of the task-assignment audit trail (the <c>action</c> of a <see cref="TaskAuditEntry"/>).</summary>
public static class TaskActions
{
    public const string Assigned = "Assigned";
    public const string DiaryLogged = "DiaryLogged";
    public const string ProgressReported = "ProgressReported";
    public const string Submitted = "Submitted";
    public const string Returned = "Returned";
    public const string Accepted = "Accepted";
    public const string ObjectiveCauseRecorded = "ObjectiveCauseRecorded";
    /// <summary>A row of the e-office system added the task.</summary>
    public const string Imported = "Imported";
    /// <summary>A row of the e-office system with a higher version replaced the task's terms.</summary>
    public const string Reimported = "Reimported";
}

/// <summary>
/// Who acts on a task: the account, its role, the staff member it is (if any) and the units it may
/// manage. Managers and HR manage the tasks of the units in their scope; only the staff member a
/// task is assigned to works on it.
/// </summary>
public sealed record TaskActor(string UserName, Role Role, string? StaffCode, IReadOnlySet<string> Scope)
{
    public bool Manages(string unitCode) => Role is Role.Manager or Role.Hr && Scope.Contains(unitCode);

    /// <summary>An e-office service account (Integration) imports for the units of its scope, as managers and HR do.</summary>
    public bool MayImportFor(string unitCode) => Role is Role.Manager or Role.Hr or Role.Integration && Scope.Contains(unitCode);

    public bool IsAssignee(TaskAssignment task) => StaffCode is not null && string.Equals(StaffCode, task.StaffCode, StringComparison.Ordinal);
}

/// <summary>Where a staff member works, as an assignment needs it: the unit, the agency above it and the province.</summary>
public sealed record TaskPlace(string StaffCode, string UnitCode, string AgencyCode, string ProvinceCode)
{
    /// <summary>The agency is the unit directly under the province on the way to the person's unit.</summary>
    public static TaskPlace Of(StaffMember staff, OrganisationTree tree)
    {
        var path = tree.PathTo(staff.UnitCode);
        var province = path.Count > 0 ? path[0].Code : staff.UnitCode;
        var agency = path.Count > 1 ? path[1].Code : province;
        return new(staff.Code, staff.UnitCode, agency, province);
    }
}

/// <summary>What a manager asks for: <see cref="Quantity"/> units of the task type's output by <see cref="DueOn"/>.</summary>
/// <summary>
/// What a manager assigns. <see cref="AssignedOn"/> is the day the task was given, when it was given
/// on paper or by phone and is recorded later (at most <see cref="TaskAssignments.MaxBackdatedDays"/>
/// days back); today when null.
/// </summary>
public sealed record TaskOrder(string TaskTypeCode, decimal Quantity, DateOnly DueOn, string ExpectedProduct, string QualityCheck, DateOnly? AssignedOn = null);

public enum TaskRefusal
{
    None,
    /// <summary>400: the input, keyed by field.</summary>
    Invalid,
    /// <summary>403: not this person's to do.</summary>
    Forbidden,
    /// <summary>409: not in this state.</summary>
    Conflict,
}

/// <summary>A problem of a field (named as the API names it), with the key of its message (<c>Tasks.Error.QuantityNotPositive</c>).</summary>
public sealed record TaskProblem(string Field, string Code);

/// <summary>
/// What a rule did: the refusal and its problems, or the changed task with the audit entries to
/// save with it (and the diary entry, when one was logged).
/// </summary>
public sealed record TaskOutcome(TaskRefusal Refusal, IReadOnlyList<TaskProblem> Problems, TaskAssignment? Task,
    IReadOnlyList<TaskAuditEntry> Audit, TaskDiaryEntry? Diary = null)
{
    public bool Ok => Refusal == TaskRefusal.None;

    internal static TaskOutcome Refused(TaskRefusal refusal, params TaskProblem[] problems) => new(refusal, problems, null, []);

    internal static TaskOutcome Refused(List<TaskProblem> problems) => new(TaskRefusal.Invalid, problems, null, []);
}

/// <summary>
/// The rules of assigned tasks and their work diary, decided and applied here: each returns the
/// changed task and its audit entries, or why nothing changed. Wrong person before wrong state
/// before bad input, so a person who may not act learns nothing about the task's state.
/// </summary>
public static class TaskAssignments
{
    public const string ManualSource = "manual";
    public const int MaxIdLength = 80;
    /// <summary>How far back a task given on paper may be recorded: a month, so a closed period is not rewritten from memory.</summary>
    public const int MaxBackdatedDays = 31;
    public const int MaxProductLength = 500;
    public const int MaxQualityCheckLength = 1000;
    public const int MaxTextLength = 2000;
    public const decimal MaxQuantity = 1_000_000m;
    /// <summary>Hours of one diary entry: a day has no more.</summary>
    public const decimal MaxEntryHours = 24m;

    /// <summary>The version of the task type a task of <paramref name="place"/> uses on <paramref name="day"/>: the agency's own, else the province's.</summary>
    public static TaskType? TypeInForce(IEnumerable<TaskType> catalogue, string code, TaskPlace place, DateOnly day)
    {
        var versions = catalogue.Where(t => string.Equals(t.Code, code, StringComparison.Ordinal)).ToList();
        return TaskCatalogue.InForce(versions.Where(t => t.AgencyCode == place.AgencyCode), day)
            ?? TaskCatalogue.InForce(versions.Where(t => t.AgencyCode == place.ProvinceCode), day);
    }

    /// <summary>
    /// A manager assigns a task to a staff member of a unit in their scope, from the catalogue in
    /// force on the assignment day. <paramref name="place"/> is null when no staff member has the code.
    /// </summary>
    public static TaskOutcome Assign(string id, TaskOrder order, TaskPlace? place, IEnumerable<TaskType> catalogue, TaskActor actor, DateTimeOffset now)
    {
        if (!(actor.Role is Role.Manager or Role.Hr) || (place is not null && !actor.Manages(place.UnitCode)))
        {
            return TaskOutcome.Refused(TaskRefusal.Forbidden);
        }

        var today = DateOnly.FromDateTime(now.ToOffset(VietnamTime.Offset).DateTime);
        var assignedOn = order.AssignedOn ?? today;
        var problems = CheckTerms(order, assignedOn);
        if (assignedOn > today || assignedOn < today.AddDays(-MaxBackdatedDays))
        {
            problems.Add(new("assignedOn", "Tasks.Error.AssignedOn"));
        }

        TaskType? type = null;
        if (place is null)
        {
            problems.Add(new("staffCode", "Tasks.Error.UnknownStaff"));
        }
        else if ((type = TypeInForce(catalogue, order.TaskTypeCode.Trim(), place, assignedOn)) is null)
        {
            problems.Add(new("taskType", "Tasks.Error.UnknownTaskType"));
        }

        if (problems.Count > 0)
        {
            return TaskOutcome.Refused(problems);
        }

        var task = New(id, ManualSource, 1, order, place!, type!, assignedOn, actor.UserName, now);
        var audit = new Trail(actor.UserName, actor.Role.ToString(), now);
        audit.Write(task, TaskActions.Assigned, "task", "", Describe(task), "");
        if (assignedOn != today)
        {
            // Recorded after the day it was given: the trail keeps both days.
            audit.Write(task, TaskActions.Assigned, "assignedOn", Day(today), Day(assignedOn), "");
        }
        return new(TaskRefusal.None, [], task, audit.Entries);
    }

    /// <summary>The staff member writes a day's work on their task: hours in (0, 24], a day from the assignment to today.</summary>
    public static TaskOutcome LogDiary(TaskAssignment task, DateOnly day, decimal hours, string text, TaskActor actor, DateTimeOffset now)
    {
        if (Refusal(actor.IsAssignee(task), task, AssignmentState.Assigned, AssignmentState.Returned) is { } refused)
        {
            return refused;
        }

        var today = DateOnly.FromDateTime(now.ToOffset(VietnamTime.Offset).DateTime);
        var problems = new List<TaskProblem>();
        if (day > today || day < task.AssignedOn)
        {
            problems.Add(new("day", "Tasks.Error.DiaryDay"));
        }

        if (hours is <= 0 or > MaxEntryHours)
        {
            problems.Add(new("hours", "Tasks.Error.DiaryHours"));
        }

        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > MaxTextLength)
        {
            problems.Add(new("text", "Tasks.Error.TextRequired"));
        }

        if (problems.Count > 0)
        {
            return TaskOutcome.Refused(problems);
        }

        var entry = new TaskDiaryEntry { TaskId = task.Id, StaffCode = task.StaffCode, Day = day, Hours = hours, Text = text.Trim(), RecordedAt = now };
        task.Revision++;
        var audit = new Trail(actor.UserName, actor.Role.ToString(), now);
        audit.Write(task, TaskActions.DiaryLogged, "diary", "", $"{Day(day)} {Number(hours)} h", entry.Text);
        return new(TaskRefusal.None, [], task, audit.Entries, entry);
    }

    /// <summary>The staff member reports how much is done: a quantity of output (at least 0) and a percentage (0–100).</summary>
    public static TaskOutcome ReportProgress(TaskAssignment task, decimal quantityDone, int percentDone, TaskActor actor, DateTimeOffset now)
    {
        if (Refusal(actor.IsAssignee(task), task, AssignmentState.Assigned, AssignmentState.Returned) is { } refused)
        {
            return refused;
        }

        var problems = new List<TaskProblem>();
        if (quantityDone is < 0 or > MaxQuantity)
        {
            problems.Add(new("quantityDone", "Tasks.Error.QuantityDone"));
        }

        if (percentDone is < 0 or > 100)
        {
            problems.Add(new("percentDone", "Tasks.Error.Percent"));
        }

        if (problems.Count > 0)
        {
            return TaskOutcome.Refused(problems);
        }

        var audit = new Trail(actor.UserName, actor.Role.ToString(), now);
        audit.Write(task, TaskActions.ProgressReported, "progress", $"{Number(task.QuantityDone)} ({task.PercentDone}%)",
            $"{Number(quantityDone)} ({percentDone}%)", "");
        task.QuantityDone = quantityDone;
        task.PercentDone = percentDone;
        task.Revision++;
        return new(TaskRefusal.None, [], task, audit.Entries);
    }

    /// <summary>
    /// The staff member submits the product, now. <paramref name="quantityDone"/> defaults to the
    /// quantity last reported, or the whole quantity when none was.
    /// </summary>
    public static TaskOutcome Submit(TaskAssignment task, decimal? quantityDone, TaskActor actor, DateTimeOffset now)
    {
        if (Refusal(actor.IsAssignee(task), task, AssignmentState.Assigned, AssignmentState.Returned) is { } refused)
        {
            return refused;
        }

        if (quantityDone is < 0 or > MaxQuantity)
        {
            return TaskOutcome.Refused([new("quantityDone", "Tasks.Error.QuantityDone")]);
        }

        var audit = new Trail(actor.UserName, actor.Role.ToString(), now);
        var done = quantityDone ?? (task.QuantityDone > 0 ? task.QuantityDone : task.Quantity);
        audit.Write(task, TaskActions.Submitted, "state", task.State.ToString(), AssignmentState.Submitted.ToString(),
            $"{Number(done)} / {Number(task.Quantity)}");
        task.QuantityDone = done;
        task.PercentDone = 100;
        task.State = AssignmentState.Submitted;
        task.SubmittedAt = now;
        task.Submissions++;
        task.ReturnReason = null;
        task.Revision++;
        return new(TaskRefusal.None, [], task, audit.Entries);
    }

    /// <summary>The manager returns the submitted product with a reason; the staff member works on and submits again.</summary>
    public static TaskOutcome Return(TaskAssignment task, string reason, TaskActor actor, DateTimeOffset now)
    {
        if (Refusal(actor.Manages(task.UnitCode), task, AssignmentState.Submitted) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxTextLength)
        {
            return TaskOutcome.Refused([new("reason", "Tasks.Error.ReasonRequired")]);
        }

        var audit = new Trail(actor.UserName, actor.Role.ToString(), now);
        audit.Write(task, TaskActions.Returned, "state", task.State.ToString(), AssignmentState.Returned.ToString(), reason.Trim());
        task.State = AssignmentState.Returned;
        task.ReturnReason = reason.Trim();
        task.ReviewedBy = actor.UserName;
        task.ReviewedAt = now;
        task.Revision++;
        return new(TaskRefusal.None, [], task, audit.Entries);
    }

    /// <summary>The manager accepts the submitted product, with its quality check passed or failed.</summary>
    public static TaskOutcome Accept(TaskAssignment task, bool qualityPassed, string? note, TaskActor actor, DateTimeOffset now)
    {
        if (Refusal(actor.Manages(task.UnitCode), task, AssignmentState.Submitted) is { } refused)
        {
            return refused;
        }

        if (note?.Trim().Length > MaxTextLength)
        {
            return TaskOutcome.Refused([new("note", "Tasks.Error.TextRequired")]);
        }

        var audit = new Trail(actor.UserName, actor.Role.ToString(), now);
        audit.Write(task, TaskActions.Accepted, "qualityPassed", "", qualityPassed ? "true" : "false", note?.Trim() ?? "");
        task.State = AssignmentState.Accepted;
        task.QualityPassed = qualityPassed;
        task.ReviewedBy = actor.UserName;
        task.ReviewedAt = now;
        task.Revision++;
        return new(TaskRefusal.None, [], task, audit.Entries);
    }

    /// <summary>
    /// The manager records an objective cause (confirmed by a competent authority) that waives
    /// the task's delay or its failed quality check. A delay needs a late product (under review or
    /// accepted); a failed check needs an accepted product that failed it. A new cause replaces
    /// the old one, both kept in the audit trail.
    /// </summary>
    public static TaskOutcome RecordObjectiveCause(TaskAssignment task, TaskIncidentKind kind, string cause, TaskActor actor,
        WorkingCalendar calendar, DateTimeOffset now)
    {
        if (!actor.Manages(task.UnitCode))
        {
            return TaskOutcome.Refused(TaskRefusal.Forbidden);
        }

        var applies = kind == TaskIncidentKind.Delay
            ? task.State is AssignmentState.Submitted or AssignmentState.Accepted && IsLate(task, calendar)
            : task.State == AssignmentState.Accepted && task.QualityPassed == false;
        if (!applies)
        {
            return TaskOutcome.Refused(TaskRefusal.Conflict,
                new TaskProblem("kind", kind == TaskIncidentKind.Delay ? "Tasks.Error.NotLate" : "Tasks.Error.QualityNotFailed"));
        }

        if (string.IsNullOrWhiteSpace(cause) || cause.Trim().Length > MaxTextLength)
        {
            return TaskOutcome.Refused([new("cause", "Tasks.Error.CauseRequired")]);
        }

        var audit = new Trail(actor.UserName, actor.Role.ToString(), now);
        var field = kind == TaskIncidentKind.Delay ? "delayCause" : "qualityCause";
        audit.Write(task, TaskActions.ObjectiveCauseRecorded, field, (kind == TaskIncidentKind.Delay ? task.DelayCause : task.QualityCause) ?? "",
            cause.Trim(), "");
        if (kind == TaskIncidentKind.Delay)
        {
            task.DelayCause = cause.Trim();
        }
        else
        {
            task.QualityCause = cause.Trim();
        }

        task.Revision++;
        return new(TaskRefusal.None, [], task, audit.Entries);
    }

    /// <summary>The day the product is due: a deadline that falls on a day off moves to the next working day.</summary>
    public static DateOnly WorkingDue(DateOnly dueOn, WorkingCalendar calendar)
    {
        var day = dueOn;
        for (var i = 0; i < 60 && !calendar.IsWorkingDay(day); i++)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>Whether the product was submitted after its working-day deadline (Vietnam's calendar day).</summary>
    public static bool IsLate(TaskAssignment task, WorkingCalendar calendar) =>
        task.SubmittedAt is { } at && DateOnly.FromDateTime(at.ToOffset(VietnamTime.Offset).DateTime) > WorkingDue(task.DueOn, calendar);

    /// <summary>The terms every task needs, from the page, the API or an e-office row.</summary>
    internal static List<TaskProblem> CheckTerms(TaskOrder order, DateOnly assignedOn)
    {
        var problems = new List<TaskProblem>();
        if (order.Quantity is <= 0 or > MaxQuantity)
        {
            problems.Add(new("quantity", "Tasks.Error.QuantityNotPositive"));
        }

        if (order.DueOn < assignedOn)
        {
            problems.Add(new("dueOn", "Tasks.Error.DueBeforeAssigned"));
        }

        if (string.IsNullOrWhiteSpace(order.ExpectedProduct) || order.ExpectedProduct.Trim().Length > MaxProductLength)
        {
            problems.Add(new("expectedProduct", "Tasks.Error.ProductRequired"));
        }

        if (string.IsNullOrWhiteSpace(order.QualityCheck) || order.QualityCheck.Trim().Length > MaxQualityCheckLength)
        {
            problems.Add(new("qualityCheck", "Tasks.Error.QualityCheckRequired"));
        }

        return problems;
    }

    internal static TaskAssignment New(string id, string source, int version, TaskOrder order, TaskPlace place, TaskType type, DateOnly assignedOn,
        string assignedBy, DateTimeOffset now) => new()
    {
        Id = id, Source = source, SourceVersion = version, UnitCode = place.UnitCode, StaffCode = place.StaffCode, TaskTypeCode = type.Code,
        CatalogueAgencyCode = type.AgencyCode, TaskTypeVersion = type.Version, Quantity = order.Quantity, AssignedOn = assignedOn, DueOn = order.DueOn,
        ExpectedProduct = order.ExpectedProduct.Trim(), QualityCheck = order.QualityCheck.Trim(), AssignedBy = assignedBy, AssignedAt = now,
        State = AssignmentState.Assigned,
    };

    internal static string Describe(TaskAssignment t) =>
        $"{t.StaffCode} {t.TaskTypeCode} v{t.TaskTypeVersion} × {Number(t.Quantity)} {Day(t.AssignedOn)}→{Day(t.DueOn)}: {t.ExpectedProduct} | {t.QualityCheck}";

    private static TaskOutcome? Refusal(bool allowed, TaskAssignment task, params AssignmentState[] states) =>
        !allowed ? TaskOutcome.Refused(TaskRefusal.Forbidden)
        : !states.Contains(task.State) ? TaskOutcome.Refused(TaskRefusal.Conflict, new TaskProblem("state", $"Tasks.Error.State.{task.State}"))
        : null;

    internal static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    internal static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Writes the audit entries of one change, all at its instant.</summary>
    internal sealed class Trail(string actor, string role, DateTimeOffset at)
    {
        private readonly List<TaskAuditEntry> _entries = [];

        public IReadOnlyList<TaskAuditEntry> Entries => _entries;

        public void Write(TaskAssignment task, string action, string field, string oldValue, string newValue, string reason) =>
            _entries.Add(new TaskAuditEntry
            {
                TaskId = task.Id, At = at, Actor = actor, ActorRole = role, Action = action, Field = field, OldValue = oldValue,
                NewValue = newValue, Reason = reason,
            });
    }
}
