namespace GovKpi.Core.Evaluation.Cycles;

/// <summary>
/// The threads of an evaluation: the person and their manager discuss one item of it at a time.
/// A message is on the person's side when the person wrote it, on the manager's otherwise.
/// </summary>
public static class Comments
{
    /// <summary>Items of an evaluation that have a comment thread.</summary>
    public static IReadOnlyList<string> Items { get; } =
        ["overall", "selfAssessment", "generalCriteria", "taskResults", "unitResult", "feedback360", "level", "kpis"];

    public static CycleChange<EvaluationComment> Add(StaffEvaluation evaluation, string? item, string? text, bool byPerson, AuditTrail audit)
    {
        var problems = new CycleProblems();
        if (item is null || !Items.Contains(item))
        {
            problems.Add("item", "CommentItem", string.Join(", ", Items));
        }

        problems.CheckText(text, "text", Feedback360.MaximumCommentLength);
        if (problems.Count > 0)
        {
            return CycleChange.Invalid<EvaluationComment>(problems);
        }

        return CycleChange.Applied(new EvaluationComment
        {
            EvaluationId = evaluation.Id,
            Item = item!,
            Side = byPerson ? CommentSide.Person : CommentSide.Manager,
            Author = audit.By.UserName,
            AuthorName = audit.By.DisplayName,
            Text = text!.Trim(),
            At = audit.At,
        });
    }
}
