using GovKpi.Core.Organisation;

namespace GovKpi.Core.DelegatedTasks;

/// <summary>How the power was handed down (phân cấp / phân quyền / ủy quyền).</summary>
public enum DelegationKind
{
    /// <summary>Phân cấp.</summary>
    Decentralised,
    /// <summary>Phân quyền.</summary>
    Delegated,
    /// <summary>Ủy quyền: may stay at the same level (the provincial People's Committee to one of its agencies).</summary>
    Authorised,
}

/// <summary>Levels of the two-level local government, with the ministries above them; highest first.</summary>
public enum GovernmentLevel
{
    Ministry,
    Province,
    Commune,
}

public enum ReportRhythm
{
    Once,
    Monthly,
    Quarterly,
    HalfYearly,
    Yearly,
}

/// <summary>A due date moved, with why; the task keeps every one.</summary>
public sealed record DeadlineExtension(DateOnly From, DateOnly To, string Reason, DateOnly DecidedOn);

/// <summary>
/// A registered task: who handed it down on which legal basis, from which level to which, to which
/// units, by when, and how often they report. A task handed on by the province to its communes is a
/// child naming its <see cref="ParentCode"/>.
/// </summary>
public sealed record RegisteredTask
{
    public required string Code { get; init; }
    public required string Title { get; init; }
    public required string SourceBody { get; init; }
    public required string LegalBasis { get; init; }
    public required DelegationKind Kind { get; init; }
    public required GovernmentLevel FromLevel { get; init; }
    public required GovernmentLevel ToLevel { get; init; }
    public required IReadOnlyList<string> ReceivingUnitCodes { get; init; }
    public required DateOnly StartOn { get; init; }
    public required DateOnly DueOn { get; init; }
    public required ReportRhythm ReportRhythm { get; init; }
    public string? ParentCode { get; init; }
    public IReadOnlyList<DeadlineExtension> Extensions { get; init; } = [];
    public DelegatedTaskStatus Status { get; init; } = DelegatedTaskStatus.InProgress;
}

/// <summary>
/// Why a rule refused: the field it concerns, a message key the reader localises, and the values
/// the message names (dates as yyyy-MM-dd).
/// </summary>
public sealed record RegisterProblem(string Field, string Key, IReadOnlyList<string> Args)
{
    public RegisterProblem(string field, string key, params string[] args) : this(field, key, (IReadOnlyList<string>)args) { }
}

/// <summary>One change a rule made, for the caller to write to the task's audit trail.</summary>
public sealed record TaskChange(string TaskCode, string Action, string Field, string OldValue, string NewValue, string Reason);

/// <summary>What a rule gives back: the records after it, what changed, or why it refused.</summary>
public sealed record RegisterResult<T>(T? Value, IReadOnlyList<TaskChange> Changes, IReadOnlyList<RegisterProblem> Problems)
{
    public bool Refused => Problems.Count > 0;

    internal static RegisterResult<T> Refuse(IReadOnlyList<RegisterProblem> problems) => new(default, [], problems);
}

public static class RegisterKeys
{
    public const string CodeRequired = "DelegatedTask.CodeRequired";
    public const string TitleRequired = "DelegatedTask.TitleRequired";
    public const string SourceBodyRequired = "DelegatedTask.SourceBodyRequired";
    public const string LegalBasisRequired = "DelegatedTask.LegalBasisRequired";
    public const string NoReceivingUnit = "DelegatedTask.NoReceivingUnit";
    public const string UnitUnknown = "DelegatedTask.UnitUnknown";
    /// <summary>Args: unit code, the day it ceased.</summary>
    public const string UnitCeased = "DelegatedTask.UnitCeased";
    /// <summary>Args: unit code, the day it comes into force.</summary>
    public const string UnitNotYetInForce = "DelegatedTask.UnitNotYetInForce";
    /// <summary>Args: unit code, its level, the task's to-level.</summary>
    public const string UnitLevelMismatch = "DelegatedTask.UnitLevelMismatch";
    public const string LevelsNotDownward = "DelegatedTask.LevelsNotDownward";
    public const string DueNotAfterStart = "DelegatedTask.DueNotAfterStart";
    public const string UnitListedTwice = "DelegatedTask.UnitListedTwice";
    public const string OnlyProvinceTasksHandOn = "DelegatedTask.OnlyProvinceTasksHandOn";
    public const string NotACommuneOfTheProvince = "DelegatedTask.NotACommuneOfTheProvince";
    public const string ExtensionReasonRequired = "DelegatedTask.ExtensionReasonRequired";
    public const string ExtensionNotLater = "DelegatedTask.ExtensionNotLater";
    public const string PercentOutOfRange = "DelegatedTask.PercentOutOfRange";
    public const string ReporterNotReceiving = "DelegatedTask.ReporterNotReceiving";
    public const string ReportBeforeStart = "DelegatedTask.ReportBeforeStart";
    public const string ReportTextRequired = "DelegatedTask.ReportTextRequired";
}

public static class TaskActions
{
    public const string Registered = "TaskRegistered";
    public const string HandedOn = "TaskHandedOn";
    public const string DeadlineExtended = "DeadlineExtended";
    public const string Reported = "ProgressReported";
    public const string StatusChanged = "StatusChanged";
    public const string InspectionRecorded = "InspectionRecorded";
    public const string FollowUpClosed = "FollowUpClosed";
}

/// <summary>The register's rules for taking a task in and handing it on.</summary>
public static class TaskRegistration
{
    internal static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The level a unit acts at: a commune (and what sits inside it) at commune level, everything
    /// else of the province at province level. Divisions and service centres take their parent's.
    /// </summary>
    public static GovernmentLevel? LevelOf(Unit unit, IReadOnlyDictionary<string, Unit> units)
    {
        for (var u = unit; u is not null; u = u.ParentCode is { } p && units.TryGetValue(p, out var parent) ? parent : null)
        {
            switch (u.Kind)
            {
                case UnitKind.Commune: return GovernmentLevel.Commune;
                case UnitKind.Province or UnitKind.Agency: return GovernmentLevel.Province;
            }
        }

        return null;
    }

    /// <summary>
    /// Takes a task in when its text fields are given, its due date follows its start, it goes down
    /// (or, authorised, stays level), and every receiving unit is in force on the start date at the
    /// task's to-level. A unit that ceased before the start is refused naming the day it ceased.
    /// </summary>
    public static RegisterResult<RegisteredTask> Register(RegisteredTask task, IReadOnlyDictionary<string, Unit> units)
    {
        var problems = Check(task, units);
        return problems.Count > 0
            ? RegisterResult<RegisteredTask>.Refuse(problems)
            : new(task with { Status = DelegatedTaskStatus.InProgress, Extensions = [] },
                [new(task.Code, TaskActions.Registered, "receiving_unit_codes", "", string.Join(';', task.ReceivingUnitCodes), task.LegalBasis)], []);
    }

    public static IReadOnlyList<RegisterProblem> Check(RegisteredTask task, IReadOnlyDictionary<string, Unit> units)
    {
        var problems = new List<RegisterProblem>();
        void Require(string value, string field, string key)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add(new(field, key));
            }
        }

        Require(task.Code, "code", RegisterKeys.CodeRequired);
        Require(task.Title, "title", RegisterKeys.TitleRequired);
        Require(task.SourceBody, "source_body", RegisterKeys.SourceBodyRequired);
        Require(task.LegalBasis, "legal_basis", RegisterKeys.LegalBasisRequired);
        if (task.DueOn <= task.StartOn)
        {
            problems.Add(new("due_on", RegisterKeys.DueNotAfterStart, Day(task.StartOn), Day(task.DueOn)));
        }

        var sameLevelAllowed = task.Kind == DelegationKind.Authorised;
        if (task.ToLevel < task.FromLevel || (task.ToLevel == task.FromLevel && !sameLevelAllowed) || task.ToLevel == GovernmentLevel.Ministry)
        {
            problems.Add(new("to_level", RegisterKeys.LevelsNotDownward, task.FromLevel.ToString(), task.ToLevel.ToString(), task.Kind.ToString()));
        }

        if (task.ReceivingUnitCodes.Count == 0)
        {
            problems.Add(new("receiving_unit_codes", RegisterKeys.NoReceivingUnit));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < task.ReceivingUnitCodes.Count; i++)
        {
            var code = task.ReceivingUnitCodes[i];
            var field = $"receiving_unit_codes[{i}]";
            if (!seen.Add(code))
            {
                problems.Add(new(field, RegisterKeys.UnitListedTwice, code));
            }
            else if (!units.TryGetValue(code, out var unit))
            {
                problems.Add(new(field, RegisterKeys.UnitUnknown, code));
            }
            else if (unit.EffectiveTo is { } ceased && ceased <= task.StartOn)
            {
                problems.Add(new(field, RegisterKeys.UnitCeased, code, Day(ceased)));
            }
            else if (unit.EffectiveFrom > task.StartOn)
            {
                problems.Add(new(field, RegisterKeys.UnitNotYetInForce, code, Day(unit.EffectiveFrom)));
            }
            else if (LevelOf(unit, units) is var level && level != task.ToLevel)
            {
                problems.Add(new(field, RegisterKeys.UnitLevelMismatch, code, level?.ToString() ?? "", task.ToLevel.ToString()));
            }
        }

        return problems;
    }

    /// <summary>
    /// Hands a province-level task on to communes: one child per commune, coded
    /// <c>{parent}/{commune}</c>, from province to commune, with the parent's basis, dates and
    /// rhythm. Each commune must lie under a receiving unit of the parent (or under the province
    /// that unit belongs to) and be in force on the start date.
    /// </summary>
    public static RegisterResult<IReadOnlyList<RegisteredTask>> HandOn(
        RegisteredTask parent, IReadOnlyList<string> communeCodes, IReadOnlyDictionary<string, Unit> units)
    {
        if (parent.ToLevel != GovernmentLevel.Province)
        {
            return RegisterResult<IReadOnlyList<RegisteredTask>>.Refuse([new("code", RegisterKeys.OnlyProvinceTasksHandOn, parent.Code)]);
        }

        var provinces = parent.ReceivingUnitCodes.Select(c => units.TryGetValue(c, out var u) ? ProvinceOf(u, units) : null)
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
        var problems = new List<RegisterProblem>();
        var children = new List<RegisteredTask>();
        var changes = new List<TaskChange>();
        for (var i = 0; i < communeCodes.Count; i++)
        {
            var code = communeCodes[i];
            var child = parent with
            {
                Code = $"{parent.Code}/{code}", FromLevel = GovernmentLevel.Province, ToLevel = GovernmentLevel.Commune,
                ReceivingUnitCodes = [code], ParentCode = parent.Code, Extensions = [], Status = DelegatedTaskStatus.InProgress,
            };
            var childProblems = Check(child, units)
                .Select(p => p with { Field = p.Field.Replace("receiving_unit_codes[0]", $"commune_codes[{i}]", StringComparison.Ordinal) }).ToList();
            if (childProblems.Count == 0 && units.TryGetValue(code, out var commune) && ProvinceOf(commune, units) is var province && (province is null || !provinces.Contains(province)))
            {
                childProblems.Add(new($"commune_codes[{i}]", RegisterKeys.NotACommuneOfTheProvince, code));
            }

            problems.AddRange(childProblems);
            children.Add(child);
            changes.Add(new(child.Code, TaskActions.HandedOn, "parent_code", "", parent.Code, ""));
        }

        return problems.Count > 0 ? RegisterResult<IReadOnlyList<RegisteredTask>>.Refuse(problems) : new(children, changes, []);
    }

    private static string? ProvinceOf(Unit unit, IReadOnlyDictionary<string, Unit> units)
    {
        for (var u = unit; u is not null; u = u.ParentCode is { } p && units.TryGetValue(p, out var parent) ? parent : null)
        {
            if (u.Kind == UnitKind.Province)
            {
                return u.Code;
            }
        }

        return null;
    }

    /// <summary>
    /// Moves the due date later, keeping the old one and the reason in the task's history. An
    /// earlier or equal date, or no reason, is refused.
    /// </summary>
    public static RegisterResult<RegisteredTask> Extend(RegisteredTask task, DateOnly newDue, string reason, DateOnly decidedOn)
    {
        var problems = new List<RegisterProblem>();
        if (string.IsNullOrWhiteSpace(reason))
        {
            problems.Add(new("reason", RegisterKeys.ExtensionReasonRequired));
        }

        if (newDue <= task.DueOn)
        {
            problems.Add(new("due_on", RegisterKeys.ExtensionNotLater, Day(task.DueOn), Day(newDue)));
        }

        if (problems.Count > 0)
        {
            return RegisterResult<RegisteredTask>.Refuse(problems);
        }

        var extended = task with { DueOn = newDue, Extensions = [.. task.Extensions, new(task.DueOn, newDue, reason.Trim(), decidedOn)] };
        return new(extended, [new(task.Code, TaskActions.DeadlineExtended, "due_on", Day(task.DueOn), Day(newDue), reason.Trim())], []);
    }
}
