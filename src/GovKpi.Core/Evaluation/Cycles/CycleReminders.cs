using GovKpi.Core.Access;

namespace GovKpi.Core.Evaluation.Cycles;

public enum ReminderKind
{
    /// <summary>Write your self-assessment.</summary>
    SelfAssessment,
    /// <summary>Give 360° feedback on a colleague.</summary>
    Feedback360,
    /// <summary>Your result is published; you may appeal until the deadline.</summary>
    AppealWindow,
    /// <summary>(Manager) a person of your unit has not written their self-assessment.</summary>
    SelfAssessmentMissing,
    /// <summary>(Manager, HR) rate a person.</summary>
    Rating,
    /// <summary>(Manager, HR) move the cycle on to the next stage.</summary>
    Advance,
    /// <summary>(Manager, HR) decide an appeal.</summary>
    AppealDecision,
    /// <summary>(Manager, HR) rate again and publish again a result reopened by an upheld appeal.</summary>
    Republish,
}

/// <summary>Something to do in a cycle by <see cref="DueOn"/>, about one person or (none) the cycle; <see cref="Next"/> is the stage to move to.</summary>
public sealed record Reminder(ReminderKind Kind, EvaluationCycle Cycle, StaffEvaluation? About, DateOnly DueOn, CycleStage? Next = null);

/// <summary>
/// Who is reminded: the signed-in person's staff code and role, their unit scope, the evaluations
/// they were asked to give 360° feedback on and those they answered, and the evaluations with an
/// appeal pending.
/// </summary>
public sealed record ReminderFacts(
    string? StaffCode, Role Role, IReadOnlySet<string> Scope, IReadOnlySet<Guid> Requested, IReadOnlySet<Guid> Answered, IReadOnlySet<Guid> PendingAppeals, DateOnly Today);

/// <summary>
/// What someone should do, or see done, by when: their own self-assessment, 360° answers and appeal
/// window; for managers the unit's missing self-assessments and ratings, and the stage to close;
/// for HR the cycles to calibrate. Never who has or has not given 360° feedback.
/// </summary>
public static class CycleReminders
{
    /// <summary>
    /// The reminders of <paramref name="cycles"/> (open ones, those the person belongs to, was asked
    /// about, or manages), earliest due first.
    /// </summary>
    public static IReadOnlyList<Reminder> For(IReadOnlyList<EvaluationCycle> cycles, ILookup<Guid, StaffEvaluation> evaluations, ReminderFacts facts)
    {
        var reminders = new List<Reminder>();
        var me = facts.StaffCode;
        var manages = facts.Role is Role.Manager or Role.Hr;
        foreach (var cycle in cycles.Where(c => c.Stage != CycleStage.Locked).OrderBy(c => c.Deadlines.DueOf(c.Stage)).ThenBy(c => c.UnitCode, StringComparer.Ordinal))
        {
            var due = cycle.Deadlines.DueOf(cycle.Stage);
            var people = evaluations[cycle.Id].ToList();
            var mine = me is null ? null : people.FirstOrDefault(e => e.StaffCode == me);

            void Add(ReminderKind kind, StaffEvaluation? about, DateOnly dueOn, CycleStage? next = null) => reminders.Add(new Reminder(kind, cycle, about, dueOn, next));

            if (cycle.Stage == CycleStage.Feedback360)
            {
                foreach (var asked in people.Where(e => facts.Requested.Contains(e.Id) && !facts.Answered.Contains(e.Id)))
                {
                    Add(ReminderKind.Feedback360, asked, due);
                }
            }

            if (mine is not null)
            {
                switch (cycle.Stage)
                {
                    case CycleStage.SelfAssessment when mine.SelfAssessedAt is null:
                        Add(ReminderKind.SelfAssessment, mine, due);
                        break;
                    case CycleStage.Feedback360:
                        foreach (var colleague in people.Where(e => e.StaffCode != me && !facts.Answered.Contains(e.Id)))
                        {
                            Add(ReminderKind.Feedback360, colleague, due);
                        }

                        break;
                    case CycleStage.Published when mine.State == ResultState.Published && facts.Today <= cycle.Deadlines.Appeal:
                        Add(ReminderKind.AppealWindow, mine, cycle.Deadlines.Appeal);
                        break;
                }
            }

            if (!(manages && facts.Scope.Contains(cycle.UnitCode)))
            {
                continue;
            }

            var others = people.Where(e => e.StaffCode != me).ToList();
            switch (cycle.Stage)
            {
                case CycleStage.SelfAssessment when facts.Role == Role.Manager:
                    foreach (var person in others.Where(e => e.SelfAssessedAt is null))
                    {
                        Add(ReminderKind.SelfAssessmentMissing, person, due);
                    }

                    break;
                case CycleStage.ManagerRating or CycleStage.CollectiveReview when facts.Role == Role.Manager:
                    foreach (var person in others.Where(e => e.Score is null))
                    {
                        Add(ReminderKind.Rating, person, cycle.Deadlines.ManagerRating);
                    }

                    break;
                case CycleStage.Published:
                    foreach (var person in others.Where(e => facts.PendingAppeals.Contains(e.Id)))
                    {
                        Add(ReminderKind.AppealDecision, person, cycle.Deadlines.Appeal);
                    }

                    foreach (var person in others.Where(e => e.State == ResultState.Reopened))
                    {
                        Add(ReminderKind.Republish, person, cycle.Deadlines.Appeal);
                    }

                    break;
            }

            // HR is reminded of the steps only HR takes; managers of every step of their units.
            var advancers = CycleWorkflow.Advancers(cycle.Stage);
            var reminded = facts.Role == Role.Manager ? advancers.Contains(Role.Manager) : advancers.SequenceEqual([Role.Hr]);
            if (reminded && CycleWorkflow.Next(cycle.Stage) is { } next)
            {
                Add(ReminderKind.Advance, null, due, next);
            }
        }

        return reminders;
    }
}
