namespace GovKpi.Core.Evaluation.Cycles;

/// <summary>
/// The last day (Vietnam local date, inclusive) of each stage of a cycle: by then the stage
/// should be done and the cycle moved on. <see cref="Appeal"/> is the last day to appeal the
/// published result; the cycle is locked after it.
/// </summary>
public sealed record StageDeadlines(
    DateOnly SelfAssessment,
    DateOnly Feedback360,
    DateOnly ManagerRating,
    DateOnly CollectiveReview,
    DateOnly Calibration,
    DateOnly HeadApproval,
    DateOnly Publication,
    DateOnly Appeal)
{
    /// <summary>Names of the deadlines, in stage order (the JSON field names of the API).</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["selfAssessment", "feedback360", "managerRating", "collectiveReview", "calibration", "headApproval", "publication", "appeal"];

    /// <summary>
    /// Working defaults when the opener gives none: a few days per stage from <paramref name="start"/>
    /// (the later of today and the end of the period), and ten days to appeal after publication.
    /// </summary>
    public static StageDeadlines Default(DateOnly start) => new(
        start.AddDays(3), start.AddDays(6), start.AddDays(9), start.AddDays(11),
        start.AddDays(13), start.AddDays(15), start.AddDays(17), start.AddDays(27));

    public IReadOnlyList<DateOnly> InOrder => [SelfAssessment, Feedback360, ManagerRating, CollectiveReview, Calibration, HeadApproval, Publication, Appeal];

    /// <summary>The deadline by which <paramref name="stage"/> should be over (the appeal deadline for the last two).</summary>
    public DateOnly DueOf(CycleStage stage) => stage switch
    {
        CycleStage.SelfAssessment => SelfAssessment,
        CycleStage.Feedback360 => Feedback360,
        CycleStage.ManagerRating => ManagerRating,
        CycleStage.CollectiveReview => CollectiveReview,
        CycleStage.Calibration => Calibration,
        CycleStage.HeadApproval => HeadApproval,
        CycleStage.Approved => Publication,
        _ => Appeal,
    };

    /// <summary>
    /// The names of the deadlines that are wrong: before <paramref name="today"/>, or before the
    /// deadline of an earlier stage.
    /// </summary>
    public IReadOnlyList<(string Name, DateOnly Earliest)> Problems(DateOnly today)
    {
        var problems = new List<(string, DateOnly)>();
        var earliest = today;
        var dates = InOrder;
        for (var i = 0; i < dates.Count; i++)
        {
            if (dates[i] < earliest)
            {
                problems.Add((Names[i], earliest));
            }
            else
            {
                earliest = dates[i];
            }
        }

        return problems;
    }
}

/// <summary>How close a deadline is.</summary>
public enum Urgency
{
    Upcoming,
    /// <summary>Due within <see cref="Deadline.DueSoon"/>.</summary>
    DueSoon,
    Overdue,
}

public static class Deadline
{
    /// <summary>How long before a deadline a reminder turns urgent.</summary>
    public static readonly TimeSpan DueSoon = TimeSpan.FromDays(3);

    /// <summary>The end of the due day in Vietnam: a deadline on 5 April holds until 6 April 00:00 (UTC+7).</summary>
    public static DateTimeOffset EndOf(DateOnly due) => new(due.AddDays(1).ToDateTime(TimeOnly.MinValue), VietnamTime.Offset);

    public static Urgency UrgencyOf(DateOnly due, DateTimeOffset now)
    {
        var left = EndOf(due) - now;
        return left <= TimeSpan.Zero ? Urgency.Overdue : left <= DueSoon ? Urgency.DueSoon : Urgency.Upcoming;
    }
}
