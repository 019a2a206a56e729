using GovKpi.Core.Calendar;

namespace GovKpi.Core.Tasks;

public enum DiaryFlagKind
{
    /// <summary>One task's hours on one day are above the policy's working-day limit.</summary>
    TaskHoursOverDay,
    /// <summary>A person's hours on one day, over all their tasks, are above the limit.</summary>
    DayHoursOverDay,
    /// <summary>The same text as the person's entry of the working day before: copied, not written.</summary>
    CopiedText,
}

/// <summary>How far a diary day may go before the manager is told: 12 hours by default.</summary>
public sealed record DiaryPolicy(decimal MaxHoursPerDay)
{
    public static DiaryPolicy Default { get; } = new(12m);
}

/// <summary>
/// A diary pattern the manager should look at. <see cref="TaskId"/> is the task (null for a day's
/// total over several tasks); <see cref="PreviousDay"/> is the day a copied text was first written.
/// </summary>
public sealed record DiaryFlag(DiaryFlagKind Kind, string StaffCode, DateOnly Day, string? TaskId, decimal Hours, DateOnly? PreviousDay, string? Text);

/// <summary>
/// Finds the diary entries that look wrong: more hours in a day than a working day can hold, and
/// the same text on consecutive working days (weekends and holidays between them do not break the
/// run). They are only flags: the manager decides.
/// </summary>
public static class DiaryFlags
{
    public static IReadOnlyList<DiaryFlag> Find(IEnumerable<TaskDiaryEntry> entries, WorkingCalendar calendar, DiaryPolicy policy)
    {
        var flags = new List<DiaryFlag>();
        foreach (var person in entries.GroupBy(e => e.StaffCode, StringComparer.Ordinal))
        {
            var byDay = person.GroupBy(e => e.Day).OrderBy(d => d.Key).ToList();
            foreach (var day in byDay)
            {
                var perTask = day.GroupBy(e => e.TaskId, StringComparer.Ordinal).ToList();
                foreach (var task in perTask.Where(t => t.Sum(e => e.Hours) > policy.MaxHoursPerDay).OrderBy(t => t.Key, StringComparer.Ordinal))
                {
                    flags.Add(new(DiaryFlagKind.TaskHoursOverDay, person.Key, day.Key, task.Key, task.Sum(e => e.Hours), null, null));
                }

                var total = day.Sum(e => e.Hours);
                if (perTask.Count > 1 && total > policy.MaxHoursPerDay)
                {
                    flags.Add(new(DiaryFlagKind.DayHoursOverDay, person.Key, day.Key, null, total, null, null));
                }
            }

            for (var i = 1; i < byDay.Count; i++)
            {
                var (before, after) = (byDay[i - 1], byDay[i]);
                if (calendar.WorkingDays(before.Key.AddDays(1), after.Key) > 0)
                {
                    continue;
                }

                var earlier = before.Select(e => Normalised(e.Text)).ToHashSet(StringComparer.Ordinal);
                foreach (var entry in after.OrderBy(e => e.Id).Where(e => earlier.Contains(Normalised(e.Text))))
                {
                    flags.Add(new(DiaryFlagKind.CopiedText, person.Key, after.Key, entry.TaskId, entry.Hours, before.Key, entry.Text));
                }
            }
        }

        return [.. flags.OrderBy(f => f.Day).ThenBy(f => f.StaffCode, StringComparer.Ordinal).ThenBy(f => f.Kind)];
    }

    /// <summary>Case and spacing do not make a copied text new.</summary>
    private static string Normalised(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
