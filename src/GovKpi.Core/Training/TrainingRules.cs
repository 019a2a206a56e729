namespace GovKpi.Core.Training;

/// <summary>Why a course, session or completion is refused; the web words each one for its field.</summary>
public enum TrainingProblem
{
    None,
    CodeMissing,
    NameMissing,
    ValidMonthsOutOfRange,
    CourseUnknown,
    DatesReversed,
    PlaceMissing,
    TrainerMissing,
    SessionUnknown,
    CompletedBeforeSession,
    CompletedInFuture,
    AlreadyCompleted,
}

/// <summary>A refusal with the field it concerns (request field names, as the API receives them).</summary>
public sealed record TrainingRefusal(TrainingProblem Problem, string Field);

/// <summary>The rules for recording courses, sessions and completions.</summary>
public static class TrainingRules
{
    public const int CodeLength = 40;

    public static IReadOnlyList<TrainingRefusal> CheckCourse(TrainingCourse course)
    {
        var refusals = new List<TrainingRefusal>();
        if (string.IsNullOrWhiteSpace(course.Code) || course.Code.Trim().Length > CodeLength)
        {
            refusals.Add(new(TrainingProblem.CodeMissing, "code"));
        }

        if (string.IsNullOrWhiteSpace(course.Name))
        {
            refusals.Add(new(TrainingProblem.NameMissing, "name"));
        }

        if (course.ValidMonths is < 1 or > 120)
        {
            refusals.Add(new(TrainingProblem.ValidMonthsOutOfRange, "validMonths"));
        }

        return refusals;
    }

    public static IReadOnlyList<TrainingRefusal> CheckSession(TrainingSession session, TrainingCourse? course)
    {
        var refusals = new List<TrainingRefusal>();
        if (course is null)
        {
            refusals.Add(new(TrainingProblem.CourseUnknown, "courseCode"));
        }

        if (session.To < session.From)
        {
            refusals.Add(new(TrainingProblem.DatesReversed, "to"));
        }

        if (string.IsNullOrWhiteSpace(session.Place))
        {
            refusals.Add(new(TrainingProblem.PlaceMissing, "place"));
        }

        if (string.IsNullOrWhiteSpace(session.Trainer))
        {
            refusals.Add(new(TrainingProblem.TrainerMissing, "trainer"));
        }

        return refusals;
    }

    /// <summary>
    /// The completion of <paramref name="session"/> by a person, with the day it stops counting
    /// taken from the course; or why not: it cannot precede the session's first day or follow
    /// today, and a person passes a session once.
    /// </summary>
    public static (TrainingCompletion? Completion, IReadOnlyList<TrainingRefusal> Refusals) Complete(
        TrainingSession? session, TrainingCourse? course, string staffCode, DateOnly completedOn, CompletionResult result,
        DateOnly today, IEnumerable<TrainingCompletion> earlier, string recordedBy, DateTimeOffset now)
    {
        if (session is null || course is null)
        {
            return (null, [new(TrainingProblem.SessionUnknown, "sessionId")]);
        }

        var refusals = new List<TrainingRefusal>();
        if (completedOn < session.From)
        {
            refusals.Add(new(TrainingProblem.CompletedBeforeSession, "completedOn"));
        }
        else if (completedOn > today)
        {
            refusals.Add(new(TrainingProblem.CompletedInFuture, "completedOn"));
        }

        if (earlier.Any(c => c.SessionId == session.Id && c.StaffCode == staffCode && c.Result == CompletionResult.Passed))
        {
            refusals.Add(new(TrainingProblem.AlreadyCompleted, "staffCode"));
        }

        if (refusals.Count > 0)
        {
            return (null, refusals);
        }

        return (new TrainingCompletion
        {
            SessionId = session.Id,
            CourseCode = course.Code,
            StaffCode = staffCode,
            CompletedOn = completedOn,
            Result = result,
            ValidUntil = course.ValidMonths is { } months ? completedOn.AddMonths(months).AddDays(-1) : null,
            RecordedBy = recordedBy,
            RecordedAt = now,
        }, []);
    }
}
