namespace GovKpi.Core.DelegatedTasks;

public enum InspectionKind
{
    /// <summary>Kiểm tra, thanh tra.</summary>
    Inspection,
    /// <summary>Hậu kiểm: after the task or a stage of it is done.</summary>
    PostInspection,
}

/// <summary>Something the inspected unit must do about a finding, by when; closed once done.</summary>
public sealed record FollowUpAction(string Text, DateOnly DueOn, DateOnly? ClosedOn = null, string ClosureNote = "")
{
    public bool IsClosed => ClosedOn is not null;
}

public sealed record Finding(string Text, IReadOnlyList<FollowUpAction> Actions)
{
    /// <summary>Open until every follow-up is closed; a finding nobody has acted on yet is open.</summary>
    public bool IsOpen => Actions.Count == 0 || Actions.Any(a => !a.IsClosed);
}

public sealed record Inspection(
    string TaskCode, int Number, InspectionKind Kind, string Inspector, DateOnly On, IReadOnlyList<Finding> Findings);

/// <summary>An open finding as the register lists it, with its open actions and whether any is past due.</summary>
public sealed record OpenFinding(string TaskCode, int InspectionNumber, int FindingIndex, string Text, IReadOnlyList<FollowUpAction> OpenActions, bool Overdue);

public static class InspectionKeys
{
    public const string InspectorRequired = "DelegatedTask.InspectorRequired";
    public const string InspectionBeforeStart = "DelegatedTask.InspectionBeforeStart";
    public const string FindingTextRequired = "DelegatedTask.FindingTextRequired";
    public const string ActionDueBeforeInspection = "DelegatedTask.ActionDueBeforeInspection";
    public const string PostInspectionWithoutInspection = "DelegatedTask.PostInspectionWithoutInspection";
    public const string NoSuchFollowUp = "DelegatedTask.NoSuchFollowUp";
    public const string FollowUpAlreadyClosed = "DelegatedTask.FollowUpAlreadyClosed";
    public const string ClosureBeforeInspection = "DelegatedTask.ClosureBeforeInspection";
}

public static class TaskInspections
{
    /// <summary>
    /// Records an inspection of a task, numbered after the earlier ones. A post-inspection needs an
    /// inspection on or before its day; follow-ups fall due on or after the inspection.
    /// </summary>
    public static RegisterResult<Inspection> Record(
        RegisteredTask task, IReadOnlyList<Inspection> earlier, InspectionKind kind, string inspector, DateOnly on, IReadOnlyList<Finding> findings)
    {
        var problems = new List<RegisterProblem>();
        if (string.IsNullOrWhiteSpace(inspector))
        {
            problems.Add(new("inspector", InspectionKeys.InspectorRequired));
        }

        if (on < task.StartOn)
        {
            problems.Add(new("on", InspectionKeys.InspectionBeforeStart, TaskRegistration.Day(on), TaskRegistration.Day(task.StartOn)));
        }

        var ofTask = earlier.Where(i => i.TaskCode == task.Code).ToList();
        if (kind == InspectionKind.PostInspection && !ofTask.Any(i => i.Kind == InspectionKind.Inspection && i.On <= on))
        {
            problems.Add(new("kind", InspectionKeys.PostInspectionWithoutInspection, task.Code));
        }

        for (var f = 0; f < findings.Count; f++)
        {
            if (string.IsNullOrWhiteSpace(findings[f].Text))
            {
                problems.Add(new($"findings[{f}].text", InspectionKeys.FindingTextRequired));
            }

            for (var a = 0; a < findings[f].Actions.Count; a++)
            {
                if (findings[f].Actions[a].DueOn < on)
                {
                    problems.Add(new($"findings[{f}].actions[{a}].due_on", InspectionKeys.ActionDueBeforeInspection, TaskRegistration.Day(findings[f].Actions[a].DueOn)));
                }
            }
        }

        if (problems.Count > 0)
        {
            return RegisterResult<Inspection>.Refuse(problems);
        }

        var number = ofTask.Count == 0 ? 1 : ofTask.Max(i => i.Number) + 1;
        var open = findings.Select(f => f with { Actions = [.. f.Actions.Select(a => a with { ClosedOn = null, ClosureNote = "" })] }).ToList();
        var inspection = new Inspection(task.Code, number, kind, inspector.Trim(), on, open);
        return new(inspection, [new(task.Code, TaskActions.InspectionRecorded, "inspection", "", $"{kind} {number}", inspector.Trim())], []);
    }

    /// <summary>Closes one follow-up action of an inspection, with what was done.</summary>
    public static RegisterResult<Inspection> Close(Inspection inspection, int findingIndex, int actionIndex, DateOnly closedOn, string note)
    {
        var field = $"findings[{findingIndex}].actions[{actionIndex}]";
        if (findingIndex < 0 || findingIndex >= inspection.Findings.Count || actionIndex < 0 || actionIndex >= inspection.Findings[findingIndex].Actions.Count)
        {
            return RegisterResult<Inspection>.Refuse([new(field, InspectionKeys.NoSuchFollowUp)]);
        }

        var action = inspection.Findings[findingIndex].Actions[actionIndex];
        if (action.IsClosed)
        {
            return RegisterResult<Inspection>.Refuse([new(field, InspectionKeys.FollowUpAlreadyClosed, TaskRegistration.Day(action.ClosedOn!.Value))]);
        }

        if (closedOn < inspection.On)
        {
            return RegisterResult<Inspection>.Refuse([new(field, InspectionKeys.ClosureBeforeInspection, TaskRegistration.Day(inspection.On))]);
        }

        var finding = inspection.Findings[findingIndex];
        var actions = finding.Actions.Select((a, i) => i == actionIndex ? a with { ClosedOn = closedOn, ClosureNote = note.Trim() } : a).ToList();
        var findings = inspection.Findings.Select((f, i) => i == findingIndex ? f with { Actions = actions } : f).ToList();
        return new(inspection with { Findings = findings },
            [new(inspection.TaskCode, TaskActions.FollowUpClosed, field, "", TaskRegistration.Day(closedOn), note.Trim())], []);
    }

    /// <summary>Every open finding, with its open actions; overdue when one of them was due before today.</summary>
    public static IReadOnlyList<OpenFinding> OpenFindings(IReadOnlyList<Inspection> inspections, DateOnly today) =>
        [.. inspections.SelectMany(i => i.Findings.Select((f, index) => (i, f, index)))
            .Where(x => x.f.IsOpen)
            .Select(x =>
            {
                var open = x.f.Actions.Where(a => !a.IsClosed).ToList();
                return new OpenFinding(x.i.TaskCode, x.i.Number, x.index, x.f.Text, open, open.Any(a => a.DueOn < today));
            })];
}
