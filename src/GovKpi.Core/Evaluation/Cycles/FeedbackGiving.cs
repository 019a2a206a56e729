namespace GovKpi.Core.Evaluation.Cycles;

/// <summary>What one 360° answer adds: that the colleague answered, and the answer, with nothing to join them on.</summary>
public sealed record FeedbackGiven(FeedbackRespondent Respondent, FeedbackAnswerRow Answer);

/// <summary>
/// A colleague's 360° answer about a person: a rating of every question of
/// <see cref="Feedback360.Questions"/> and an optional comment, once per colleague. Nothing of the
/// answer goes into the audit trail: it records the number of answers when the 360° stage closes
/// (<see cref="StageMove"/>), never who answered or when.
/// </summary>
public static class FeedbackGiving
{
    public static CycleChange<FeedbackGiven> Give(
        StaffEvaluation evaluation, string respondentCode, IReadOnlyDictionary<string, int>? ratings, string? comment, bool alreadyAnswered)
    {
        var problems = new CycleProblems();
        ratings ??= new Dictionary<string, int>();
        foreach (var question in Feedback360.Questions)
        {
            if (!ratings.TryGetValue(question, out var rating) || rating is < Feedback360.LowestRating or > Feedback360.HighestRating)
            {
                problems.Add($"ratings.{question}", "FeedbackRating", Feedback360.LowestRating, Feedback360.HighestRating);
            }
        }

        foreach (var unknown in ratings.Keys.Except(Feedback360.Questions))
        {
            problems.Add($"ratings.{unknown}", "FeedbackQuestion", string.Join(", ", Feedback360.Questions));
        }

        if ((comment?.Length ?? 0) > Feedback360.MaximumCommentLength)
        {
            problems.Add("comment", "TooLong", Feedback360.MaximumCommentLength);
        }

        if (problems.Count > 0)
        {
            return CycleChange.Invalid<FeedbackGiven>(problems);
        }

        if (alreadyAnswered)
        {
            return CycleChange.Refused<FeedbackGiven>("FeedbackTwice", evaluation.StaffName);
        }

        var given = new FeedbackGiven(
            new FeedbackRespondent { EvaluationId = evaluation.Id, RespondentCode = respondentCode },
            // A random (version 4) id: a time-ordered one would date the answer and so hint at who gave it.
            new FeedbackAnswerRow
            {
                Id = Guid.NewGuid(),
                EvaluationId = evaluation.Id,
                Ratings = Feedback360.Questions.ToDictionary(q => q, q => ratings[q]),
                Comment = comment?.Trim() ?? "",
            });
        return CycleChange.Applied(given);
    }
}
