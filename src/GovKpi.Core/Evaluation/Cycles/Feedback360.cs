namespace GovKpi.Core.Evaluation.Cycles;

/// <summary>One colleague's anonymous answer: a rating of 1–5 per question and an optional comment.</summary>
public sealed record FeedbackAnswer(IReadOnlyDictionary<string, int> Ratings, string Comment);

public sealed record QuestionAverage(string Question, decimal Average);

/// <summary>
/// What may be shown of a person's 360° feedback. Below <see cref="Feedback360.MinimumRespondents"/>
/// answers nothing is shown, not even how many answered, so that no answer can be traced to a
/// colleague: <see cref="Shown"/> is false and the other fields are empty.
/// </summary>
public sealed record FeedbackSummary(bool Shown, int? Respondents, IReadOnlyList<QuestionAverage> Averages, IReadOnlyList<string> Comments)
{
    public static FeedbackSummary Withheld { get; } = new(false, null, [], []);
}

/// <summary>
/// The 360° questionnaire (the behavioural criteria rated by peers in the KPI set of a position:
/// coordination with colleagues, service attitude, responsibility, initiative) and its summary.
/// </summary>
public static class Feedback360
{
    /// <summary>Fewer answers than this are never shown to anyone (issue 4: "shown only when at least 3 people answered").</summary>
    public const int MinimumRespondents = 3;

    /// <summary>What the trail says of a number of answers below <see cref="MinimumRespondents"/>.</summary>
    public const string WithheldCount = "<3";

    public const int LowestRating = 1;
    public const int HighestRating = 5;
    public const int MaximumCommentLength = 2000;

    public static IReadOnlyList<string> Questions { get; } = ["cooperation", "service_attitude", "responsibility", "initiative"];

    /// <summary>
    /// Per question the mean rating (two decimals); comments in text order, so the order of answering
    /// tells nothing. Released only once the 360° stage of the cycle is closed (<paramref name="stage"/>
    /// past it): read while answers still come, two summaries would give one answer's ratings.
    /// </summary>
    public static FeedbackSummary Summarise(IReadOnlyCollection<FeedbackAnswer> answers, CycleStage stage)
    {
        if (stage <= CycleStage.Feedback360 || answers.Count < MinimumRespondents)
        {
            return FeedbackSummary.Withheld;
        }

        var averages = Questions
            .Select(q => new QuestionAverage(q, decimal.Round((decimal)answers.Average(a => a.Ratings[q]), 2, MidpointRounding.AwayFromZero)))
            .ToList();
        var comments = answers.Select(a => a.Comment.Trim()).Where(c => c.Length > 0).Order(StringComparer.Ordinal).ToList();
        return new FeedbackSummary(true, answers.Count, averages, comments);
    }
}
