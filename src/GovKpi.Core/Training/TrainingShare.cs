using GovKpi.Core.Organisation;

namespace GovKpi.Core.Training;

/// <summary>Why a person counts as trained on the day, or why not.</summary>
public enum TrainedStatus
{
    /// <summary>A passed completion of a digital or AI course, valid on the day.</summary>
    Trained,
    /// <summary>No completion of a digital or AI course at all.</summary>
    NotTrained,
    /// <summary>Only failed attempts.</summary>
    OnlyFailed,
    /// <summary>Passed, but every such completion expired before the day.</summary>
    Expired,
    /// <summary>Passed, but only after the day.</summary>
    CompletedLater,
}

/// <summary>One person of the unit on the day, with the completion that makes them trained (or the latest one that does not).</summary>
public sealed record TrainedPerson(string StaffCode, string UnitCode, TrainedStatus Status, TrainingCompletion? Completion);

/// <summary>
/// The digital-capacity KPI of a scope on one day: the people who work there that day
/// (denominator) and those of them holding a passed completion of a <see cref="CourseKind.Digital"/>
/// or <see cref="CourseKind.Ai"/> course that is valid that day (numerator).
/// </summary>
public sealed record TrainingShare(DateOnly Day, IReadOnlyList<TrainedPerson> People)
{
    public static readonly IReadOnlySet<CourseKind> CountedKinds = new HashSet<CourseKind> { CourseKind.Digital, CourseKind.Ai };

    public int Staff => People.Count;
    public int Trained => People.Count(p => p.Status == TrainedStatus.Trained);
    public double? Share => Staff == 0 ? null : (double)Trained / Staff;

    /// <summary>
    /// The people working in <paramref name="unitCodes"/> on <paramref name="day"/> (all units when
    /// null) by their dated placements, and a person without any placement in their current unit
    /// (the demo province's staff); a secondment counts where the person works that day.
    /// </summary>
    public static IReadOnlyList<(string StaffCode, string UnitCode)> StaffOn(DateOnly day, IEnumerable<StaffMember> staff,
        IEnumerable<StaffPlacement> history, IReadOnlySet<string>? unitCodes)
    {
        var placements = history.GroupBy(h => h.StaffCode).ToDictionary(g => g.Key, g => g.ToList());
        var people = new List<(string, string)>();
        foreach (var member in staff)
        {
            string? unit;
            if (placements.TryGetValue(member.Code, out var rows))
            {
                unit = rows.Where(r => r.EffectiveFrom <= day && (r.EffectiveTo is null || day < r.EffectiveTo))
                    .MaxBy(r => r.EffectiveFrom)?.UnitCode;
                if (unit is not null && member.Secondments.FirstOrDefault(s => s.From <= day && (s.To is null || day < s.To)) is { } secondment)
                {
                    unit = secondment.ToUnitCode;
                }
            }
            else
            {
                unit = member.WorkingUnitOn(day);
            }

            if (unit is not null && (unitCodes is null || unitCodes.Contains(unit)))
            {
                people.Add((member.Code, unit));
            }
        }

        return [.. people.OrderBy(p => p.Item1, StringComparer.Ordinal)];
    }

    public static TrainingShare On(DateOnly day, IEnumerable<(string StaffCode, string UnitCode)> people,
        IEnumerable<TrainingCompletion> completions, IEnumerable<TrainingCourse> courses)
    {
        var counted = courses.Where(c => CountedKinds.Contains(c.Kind)).Select(c => c.Code).ToHashSet();
        var byPerson = completions.Where(c => counted.Contains(c.CourseCode)).GroupBy(c => c.StaffCode).ToDictionary(g => g.Key, g => g.ToList());
        return new(day, [.. people.Select(p => Judge(day, p.StaffCode, p.UnitCode, byPerson.GetValueOrDefault(p.StaffCode) ?? []))]);
    }

    private static TrainedPerson Judge(DateOnly day, string staff, string unit, List<TrainingCompletion> completions)
    {
        var passed = completions.Where(c => c.Result == CompletionResult.Passed).ToList();
        if (passed.Where(c => c.CompletedOn <= day && (c.ValidUntil is null || day <= c.ValidUntil)).MaxBy(c => c.CompletedOn) is { } valid)
        {
            return new(staff, unit, TrainedStatus.Trained, valid);
        }

        if (passed.Where(c => c.CompletedOn <= day).MaxBy(c => c.CompletedOn) is { } expired)
        {
            return new(staff, unit, TrainedStatus.Expired, expired);
        }

        if (passed.MinBy(c => c.CompletedOn) is { } later)
        {
            return new(staff, unit, TrainedStatus.CompletedLater, later);
        }

        return completions.Count > 0
            ? new(staff, unit, TrainedStatus.OnlyFailed, completions.MaxBy(c => c.CompletedOn))
            : new(staff, unit, TrainedStatus.NotTrained, null);
    }
}
