namespace GovKpi.Core.Evaluation.Cycles;

/// <summary>
/// What is wrong with a request, located at its field (<c>ratings.initiative</c>, <c>reason</c>, …):
/// a problem code and its arguments. The web layer words it (<c>Evaluation.Error.{Code}</c>), so Core
/// stays free of any language.
/// </summary>
public sealed record CycleProblem(string Field, string Code, IReadOnlyList<object> Arguments)
{
    public static CycleProblem Of(string field, string code, params object[] arguments) => new(field, code, arguments);
}

/// <summary>
/// The problems of one request, at most one per field: a later problem on a field replaces an
/// earlier one, except where <see cref="AddFirst"/> keeps the first (a more telling one).
/// </summary>
public sealed class CycleProblems
{
    private readonly Dictionary<string, CycleProblem> _byField = new(StringComparer.Ordinal);

    public int Count => _byField.Count;

    public IReadOnlyList<CycleProblem> All => [.. _byField.Values];

    public bool Has(string field) => _byField.ContainsKey(field);

    public void Add(string field, string code, params object[] arguments) => _byField[field] = CycleProblem.Of(field, code, arguments);

    public void AddFirst(string field, string code, params object[] arguments) => _byField.TryAdd(field, CycleProblem.Of(field, code, arguments));

    /// <summary>A free text the request must give (a self-assessment, an appeal, a comment), at most <paramref name="maximum"/> characters.</summary>
    public void CheckText(string? text, string field, int maximum)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            Add(field, "Required");
        }
        else if (text.Length > maximum)
        {
            Add(field, "TooLong", maximum);
        }
    }

    /// <summary>The reason written to the audit trail with a change.</summary>
    public void CheckReason(string? reason, string field, bool required)
    {
        if (required && string.IsNullOrWhiteSpace(reason))
        {
            Add(field, "Reason");
        }
        else if (reason?.Length > CycleChange.MaximumReasonLength)
        {
            Add(field, "TooLong", CycleChange.MaximumReasonLength);
        }
    }

    /// <summary>The problems of points that <see cref="RatingPoints.Parse"/> refused, as <c>Points.{Problem}</c> with the maximum.</summary>
    public void AddPoints(IEnumerable<PointsError> errors)
    {
        foreach (var e in errors)
        {
            // A task-line problem already on the field says more than "missing".
            AddFirst(e.Field, $"Points.{e.Problem}", e.Maximum);
        }
    }
}

/// <summary>
/// What a change of a cycle came to: applied (with what it added, the records having been changed
/// and their audit entries written), refused as input (<see cref="Problems"/>, HTTP 400) or refused
/// as things stand (<see cref="Conflict"/>, HTTP 409). A refused change has changed nothing.
/// </summary>
public sealed record CycleChange<T>(T? Applied, IReadOnlyList<CycleProblem> Problems, CycleProblem? Conflict)
{
    public bool IsApplied => Conflict is null && Problems.Count == 0;
}

public static class CycleChange
{
    /// <summary>Free texts (self-assessment, appeal): the longest accepted.</summary>
    public const int MaximumTextLength = 4000;

    /// <summary>Reasons written to the audit trail: the longest accepted.</summary>
    public const int MaximumReasonLength = 1000;

    public static CycleChange<T> Applied<T>(T value) => new(value, [], null);

    public static CycleChange<T> Invalid<T>(CycleProblems problems) => new(default, problems.All, null);

    public static CycleChange<T> Refused<T>(string code, params object[] arguments) => new(default, [], CycleProblem.Of("", code, arguments));
}

/// <summary>
/// The words of the reasons Core writes to the audit trail for changes nobody gave a reason for
/// (a self-assessment, a level set by calibration), in the language of whoever makes the change.
/// </summary>
public interface IAuditWording
{
    /// <summary>Why a self-assessment's numbers and text changed.</summary>
    string SelfAssessment { get; }

    /// <summary>Why the HTXS quota was applied to a group (its share of HTT, none when the policy has no quota).</summary>
    string Quota(decimal? share);

    /// <summary>Why calibration set a person's level (<paramref name="band"/> is the level of the score alone).</summary>
    string Level(ClassificationReason reason, ClassificationLevel band, ClassificationLevel level, decimal score);
}
