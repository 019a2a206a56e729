using System.Globalization;
using GovKpi.Core.Evaluation.Cycles;

namespace GovKpi.Core.Notifications;

/// <summary>
/// The evaluation deadlines and reminders that reach a person's inbox (issue 13, item 4), each
/// person's own part of <see cref="CycleReminders"/>: at the self-assessment stage everyone who has
/// not written theirs is told the deadline once, and reminded once when it is
/// <see cref="ReminderDays"/> days away or nearer; at the 360° stage everyone with a colleague (or a
/// person they were asked about) still to answer is reminded once; once a result is published its
/// person is told until when they may appeal. The source keys carry the deadline, so a moved
/// deadline is told again and nothing else is told twice.
/// </summary>
public static class EvaluationNotices
{
    /// <summary>How many days before the self-assessment deadline the reminder comes.</summary>
    public const int ReminderDays = 2;

    /// <summary>
    /// The notices due on <paramref name="today"/> (Vietnam date) for <paramref name="cycles"/>, their
    /// evaluations, the 360° requests (<paramref name="requested"/>) and the 360° answers given
    /// (<paramref name="answered"/>), created at <paramref name="now"/>; the inbox drops those already stored.
    /// </summary>
    public static IReadOnlyList<Notification> Due(
        IEnumerable<EvaluationCycle> cycles, ILookup<Guid, StaffEvaluation> evaluations,
        IReadOnlyCollection<RespondentRequest> requested, IReadOnlyCollection<FeedbackRespondent> answered,
        DateOnly today, DateTimeOffset now)
    {
        var notices = new List<Notification>();
        var given = answered.Select(a => (a.EvaluationId, a.RespondentCode)).ToHashSet();
        foreach (var cycle in cycles.OrderBy(c => c.Id))
        {
            var people = evaluations[cycle.Id].OrderBy(e => e.StaffCode, StringComparer.Ordinal).ToList();
            var period = cycle.Period.Label;

            void Add(NotificationKind kind, string source, string texts, string staff, Guid? evaluation, DateOnly due) => notices.Add(new Notification
            {
                SourceKey = $"{source}:{cycle.Id:N}:{staff}:{due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
                RecipientStaffCode = staff,
                Kind = kind,
                Subject = LocalisableText.Of($"Notifications.{texts}.Subject", period, Date(due), cycle.UnitName),
                Body = LocalisableText.Of($"Notifications.{texts}.Body", period, Date(due), cycle.UnitName),
                Link = evaluation is { } id ? $"/evaluation/{id}" : "/evaluation",
                CreatedAt = now,
            });

            switch (cycle.Stage)
            {
                case CycleStage.SelfAssessment:
                    var due = cycle.Deadlines.SelfAssessment;
                    foreach (var person in people.Where(e => e.SelfAssessedAt is null))
                    {
                        Add(NotificationKind.EvaluationDeadline, "cycle-deadline", "EvaluationDeadline", person.StaffCode, person.Id, due);
                        if (today >= due.AddDays(-ReminderDays))
                            Add(NotificationKind.EvaluationReminder, "cycle-reminder", "EvaluationReminder", person.StaffCode, person.Id, due);
                    }
                    break;
                case CycleStage.Feedback360:
                    var ids = people.Select(e => e.Id).ToHashSet();
                    var owing = people
                        .Where(me => people.Any(other => other.StaffCode != me.StaffCode && !given.Contains((other.Id, me.StaffCode))))
                        .Select(me => me.StaffCode)
                        .Concat(requested.Where(r => ids.Contains(r.EvaluationId) && !given.Contains((r.EvaluationId, r.RespondentCode))).Select(r => r.RespondentCode))
                        .Distinct(StringComparer.Ordinal)
                        .Order(StringComparer.Ordinal);
                    foreach (var staff in owing)
                        Add(NotificationKind.EvaluationReminder, "cycle-feedback", "EvaluationReminder.Feedback360", staff, null, cycle.Deadlines.Feedback360);
                    break;
                case CycleStage.Published when today <= cycle.Deadlines.Appeal:
                    foreach (var person in people.Where(e => e.State == ResultState.Published))
                        Add(NotificationKind.EvaluationDeadline, "cycle-appeal", "EvaluationDeadline.Appeal", person.StaffCode, person.Id, cycle.Deadlines.Appeal);
                    break;
            }
        }
        return notices;
    }

    private static string Date(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
