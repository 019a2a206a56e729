using System.Globalization;
using GovKpi.Core.Evaluation.Cycles;

namespace GovKpi.Core.Notifications;

/// <summary>
/// The evaluation deadlines and reminders that reach a person's inbox (issue 13, item 4): each
/// person of a cycle at the self-assessment stage who has not written theirs is told the deadline
/// once, and reminded once when it is <see cref="ReminderDays"/> days away or nearer. The source
/// keys carry the deadline, so a moved deadline is told again and nothing else is told twice.
/// </summary>
public static class EvaluationNotices
{
    /// <summary>How many days before the self-assessment deadline the reminder comes.</summary>
    public const int ReminderDays = 2;

    /// <summary>
    /// The notices due on <paramref name="today"/> (Vietnam date) for <paramref name="cycles"/> and
    /// their evaluations, created at <paramref name="now"/>; the inbox drops those already stored.
    /// </summary>
    public static IReadOnlyList<Notification> Due(
        IEnumerable<EvaluationCycle> cycles, ILookup<Guid, StaffEvaluation> evaluations, DateOnly today, DateTimeOffset now)
    {
        var notices = new List<Notification>();
        foreach (var cycle in cycles.Where(c => c.Stage == CycleStage.SelfAssessment).OrderBy(c => c.Id))
        {
            var due = cycle.Deadlines.SelfAssessment;
            var date = due.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
            var key = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var period = cycle.Period.Label;
            foreach (var person in evaluations[cycle.Id].Where(e => e.SelfAssessedAt is null).OrderBy(e => e.StaffCode, StringComparer.Ordinal))
            {
                Notification Notice(NotificationKind kind, string source) => new()
                {
                    SourceKey = $"{source}:{cycle.Id:N}:{person.StaffCode}:{key}",
                    RecipientStaffCode = person.StaffCode,
                    Kind = kind,
                    Subject = LocalisableText.Of($"Notifications.{kind}.Subject", period, date),
                    Body = LocalisableText.Of($"Notifications.{kind}.Body", period, date, cycle.UnitName),
                    Link = $"/evaluation/{person.Id}",
                    CreatedAt = now,
                };

                notices.Add(Notice(NotificationKind.EvaluationDeadline, "cycle-deadline"));
                if (today >= due.AddDays(-ReminderDays))
                    notices.Add(Notice(NotificationKind.EvaluationReminder, "cycle-reminder"));
            }
        }
        return notices;
    }
}
