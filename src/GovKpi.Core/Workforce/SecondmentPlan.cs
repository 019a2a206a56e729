using System.Text.Json;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.Workforce;

public enum PlanStatus
{
    Draft,
    Approved,
    Rejected,
}

/// <summary>A secondment plan (kế hoạch biệt phái): lines drafted, edited, then approved or rejected by a leader.</summary>
public sealed class SecondmentPlan
{
    public required string Id { get; init; }
    public required string Title { get; set; }
    public PlanStatus Status { get; set; }
    /// <summary>Whether the assistant drafted the lines (a person still edits and approves them).</summary>
    public bool Proposed { get; set; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
    public int Revision { get; set; }
    public List<SecondmentPlanLine> Lines { get; set; } = [];
}

/// <summary>One person of a plan: seconded from a unit to another over <c>[From, To)</c>, and why.</summary>
public sealed class SecondmentPlanLine
{
    public long Id { get; set; }
    public string PlanId { get; set; } = "";
    public int Number { get; set; }
    public required string StaffCode { get; set; }
    public required string FromUnitCode { get; set; }
    public required string ToUnitCode { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public string Reason { get; set; } = "";
}

/// <summary>One change of a plan, kept for good (append-only).</summary>
public sealed class SecondmentPlanAuditEntry
{
    public long Id { get; init; }
    public required string PlanId { get; init; }
    public required string Action { get; init; }
    public required string Actor { get; init; }
    public DateTimeOffset At { get; init; }
    /// <summary>The plan after the change, as JSON.</summary>
    public required string Detail { get; init; }
}

public static class PlanActions
{
    public const string Created = "created";
    public const string Proposed = "proposed";
    public const string Edited = "edited";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
}

/// <summary>A line as given by a person: checked before it enters a plan.</summary>
public sealed record PlanLineInput(string? StaffCode, string? ToUnitCode, DateOnly? From, DateOnly? To, string? Reason);

public enum PlanOutcome
{
    Done,
    Invalid,
    NotDraft,
}

public sealed record PlanChange(PlanOutcome Outcome, IReadOnlyList<WorkforceProblem> Problems, IReadOnlyList<SecondmentPlanAuditEntry> Audit,
    IReadOnlyList<SecondmentRow> Secondments)
{
    public static PlanChange Refused(PlanOutcome outcome, params WorkforceProblem[] problems) => new(outcome, problems, [], []);
}

/// <summary>
/// The rules of a secondment plan: lines are checked against the organisation (known person and
/// unit, from where they work on the first day, dates in order, no overlap with a secondment they
/// already have or another line); only a draft changes; approval turns each line into a
/// <see cref="Secondment"/> row for the organisation's change path, so nothing about the staff
/// changes before it.
/// </summary>
public static class SecondmentPlans
{
    public const int MaxLines = 500;

    public static IReadOnlyList<WorkforceProblem> Check(IReadOnlyList<PlanLineInput> lines, IReadOnlyList<StaffMember> staff, IReadOnlySet<string> units)
    {
        var problems = new List<WorkforceProblem>();
        if (lines.Count > MaxLines)
        {
            problems.Add(new("lines", WorkforceKeys.TooManyLines, MaxLines.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return problems;
        }

        var byCode = staff.ToDictionary(s => s.Code, StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var at = $"lines[{i}]";
            StaffMember? member = null;
            if (string.IsNullOrWhiteSpace(line.StaffCode))
            {
                problems.Add(new($"{at}.staff_code", WorkforceKeys.Required));
            }
            else if (!byCode.TryGetValue(line.StaffCode, out member))
            {
                problems.Add(new($"{at}.staff_code", WorkforceKeys.UnknownStaff, line.StaffCode));
            }

            if (string.IsNullOrWhiteSpace(line.ToUnitCode))
            {
                problems.Add(new($"{at}.to_unit_code", WorkforceKeys.Required));
            }
            else if (!units.Contains(line.ToUnitCode))
            {
                problems.Add(new($"{at}.to_unit_code", WorkforceKeys.UnknownUnit, line.ToUnitCode));
            }

            if (line.From is null)
            {
                problems.Add(new($"{at}.from", WorkforceKeys.Required));
            }

            if (line.To is null)
            {
                problems.Add(new($"{at}.to", WorkforceKeys.Required));
            }
            else if (line.From is { } f && line.To <= f)
            {
                problems.Add(new($"{at}.to", WorkforceKeys.ToNotAfterFrom));
            }

            if (member is null || line.From is not { } from || line.To is not { } to || line.ToUnitCode is null)
            {
                continue;
            }

            if (member.WorkingUnitOn(from) == line.ToUnitCode)
            {
                problems.Add(new($"{at}.to_unit_code", WorkforceKeys.AlreadyInUnit));
            }

            if (member.Secondments.Any(s => s.From < to && (s.To is null || s.To > from)))
            {
                problems.Add(new($"{at}.from", WorkforceKeys.OverlapsSecondment));
            }

            for (var j = 0; j < i; j++)
            {
                if (lines[j].StaffCode == line.StaffCode && lines[j].From < to && lines[j].To > from)
                {
                    problems.Add(new($"{at}.from", WorkforceKeys.OverlapsLine, (j + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
        }

        return problems;
    }

    /// <summary>A new draft from checked lines (the caller checked them with <see cref="Check"/>).</summary>
    public static (SecondmentPlan Plan, SecondmentPlanAuditEntry Audit) Draft(
        string id, string title, IReadOnlyList<PlanLineInput> lines, IReadOnlyList<StaffMember> staff, bool proposed, string actor, DateTimeOffset at)
    {
        var plan = new SecondmentPlan { Id = id, Title = title, Status = PlanStatus.Draft, Proposed = proposed, CreatedBy = actor, CreatedAt = at, Revision = 1 };
        plan.Lines = Lines(id, lines, staff);
        return (plan, AuditOf(plan, proposed ? PlanActions.Proposed : PlanActions.Created, actor, at));
    }

    /// <summary>Replaces the title and lines of a draft.</summary>
    public static PlanChange Edit(SecondmentPlan plan, string title, IReadOnlyList<PlanLineInput> lines, IReadOnlyList<StaffMember> staff, string actor, DateTimeOffset at)
    {
        if (plan.Status != PlanStatus.Draft)
        {
            return PlanChange.Refused(PlanOutcome.NotDraft, new WorkforceProblem("status", WorkforceKeys.OnlyDraftEdited));
        }

        plan.Title = title;
        plan.Lines = Lines(plan.Id, lines, staff);
        plan.Revision++;
        return new PlanChange(PlanOutcome.Done, [], [AuditOf(plan, PlanActions.Edited, actor, at)], []);
    }

    /// <summary>
    /// Approves a draft whose lines still hold against today's organisation; returns the
    /// secondments to record, one per line.
    /// </summary>
    public static PlanChange Approve(SecondmentPlan plan, IReadOnlyList<StaffMember> staff, IReadOnlySet<string> units, string actor, DateTimeOffset at, string? note)
    {
        if (plan.Status != PlanStatus.Draft)
        {
            return PlanChange.Refused(PlanOutcome.NotDraft, new WorkforceProblem("status", WorkforceKeys.AlreadyDecided));
        }

        if (plan.Lines.Count == 0)
        {
            return PlanChange.Refused(PlanOutcome.Invalid, new WorkforceProblem("lines", WorkforceKeys.NoLines));
        }

        var problems = Check([.. plan.Lines.Select(l => new PlanLineInput(l.StaffCode, l.ToUnitCode, l.From, l.To, l.Reason))], staff, units);
        var byCode = staff.ToDictionary(s => s.Code, StringComparer.Ordinal);
        for (var i = 0; i < plan.Lines.Count; i++)
        {
            var line = plan.Lines[i];
            if (byCode.TryGetValue(line.StaffCode, out var member) && member.WorkingUnitOn(line.From) != line.FromUnitCode)
            {
                problems = [.. problems, new($"lines[{i}].from_unit_code", WorkforceKeys.NoLongerInUnit)];
            }
        }

        if (problems.Count > 0)
        {
            return new PlanChange(PlanOutcome.Invalid, problems, [], []);
        }

        Decide(plan, PlanStatus.Approved, actor, at, note);
        return new PlanChange(PlanOutcome.Done, [], [AuditOf(plan, PlanActions.Approved, actor, at)],
            [.. plan.Lines.Select(l => new SecondmentRow(l.StaffCode, new Secondment { ToUnitCode = l.ToUnitCode, From = l.From, To = l.To }))]);
    }

    public static PlanChange Reject(SecondmentPlan plan, string actor, DateTimeOffset at, string? note)
    {
        if (plan.Status != PlanStatus.Draft)
        {
            return PlanChange.Refused(PlanOutcome.NotDraft, new WorkforceProblem("status", WorkforceKeys.AlreadyDecided));
        }

        Decide(plan, PlanStatus.Rejected, actor, at, note);
        return new PlanChange(PlanOutcome.Done, [], [AuditOf(plan, PlanActions.Rejected, actor, at)], []);
    }

    private static void Decide(SecondmentPlan plan, PlanStatus status, string actor, DateTimeOffset at, string? note)
    {
        plan.Status = status;
        plan.DecidedBy = actor;
        plan.DecidedAt = at;
        plan.DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        plan.Revision++;
    }

    private static List<SecondmentPlanLine> Lines(string planId, IReadOnlyList<PlanLineInput> lines, IReadOnlyList<StaffMember> staff)
    {
        var byCode = staff.ToDictionary(s => s.Code, StringComparer.Ordinal);
        return [.. lines.Select((l, i) => new SecondmentPlanLine
        {
            PlanId = planId,
            Number = i + 1,
            StaffCode = l.StaffCode!,
            FromUnitCode = byCode[l.StaffCode!].WorkingUnitOn(l.From!.Value),
            ToUnitCode = l.ToUnitCode!,
            From = l.From.Value,
            To = l.To!.Value,
            Reason = l.Reason?.Trim() ?? "",
        })];
    }

    private static SecondmentPlanAuditEntry AuditOf(SecondmentPlan plan, string action, string actor, DateTimeOffset at) => new()
    {
        PlanId = plan.Id,
        Action = action,
        Actor = actor,
        At = at,
        Detail = JsonSerializer.Serialize(new
        {
            plan.Title,
            Status = plan.Status.ToString(),
            plan.Revision,
            plan.DecisionNote,
            Lines = plan.Lines.Select(l => new { l.StaffCode, l.FromUnitCode, l.ToUnitCode, From = l.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), To = l.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), l.Reason }),
        }),
    };
}
