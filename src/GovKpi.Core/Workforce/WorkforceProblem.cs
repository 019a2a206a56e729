namespace GovKpi.Core.Workforce;

/// <summary>
/// Why a workforce rule refused: the field it concerns (e.g. <c>lines[2].to</c>), a message key
/// the reader localises, and the values the message names.
/// </summary>
public sealed record WorkforceProblem(string Field, string Key, IReadOnlyList<string> Args)
{
    public WorkforceProblem(string field, string key, params string[] args) : this(field, key, (IReadOnlyList<string>)args) { }
}

public static class WorkforceKeys
{
    public const string Required = "Workforce.Problem.Required";
    /// <summary>Args: the most lines a plan holds.</summary>
    public const string TooManyLines = "Workforce.Problem.TooManyLines";
    /// <summary>Args: the staff code given.</summary>
    public const string UnknownStaff = "Workforce.Problem.UnknownStaff";
    /// <summary>Args: the unit code given.</summary>
    public const string UnknownUnit = "Workforce.Problem.UnknownUnit";
    /// <summary>Args: the position code given.</summary>
    public const string UnknownPosition = "Workforce.Problem.UnknownPosition";
    public const string ToNotAfterFrom = "Workforce.Problem.ToNotAfterFrom";
    public const string AlreadyInUnit = "Workforce.Problem.AlreadyInUnit";
    public const string OverlapsSecondment = "Workforce.Problem.OverlapsSecondment";
    /// <summary>Args: the number of the other line (from 1).</summary>
    public const string OverlapsLine = "Workforce.Problem.OverlapsLine";
    public const string OnlyDraftEdited = "Workforce.Problem.OnlyDraftEdited";
    public const string AlreadyDecided = "Workforce.Problem.AlreadyDecided";
    public const string NoLines = "Workforce.Problem.NoLines";
    public const string NoLongerInUnit = "Workforce.Problem.NoLongerInUnit";
    public const string OutsideScope = "Workforce.Problem.OutsideScope";
    public const string GivenTwice = "Workforce.Problem.GivenTwice";
    /// <summary>Args: the lowest and the highest value allowed.</summary>
    public const string OutOfRange = "Workforce.Problem.OutOfRange";
    public const string NormEmpty = "Workforce.Problem.NormEmpty";
    public const string ChangedMeanwhile = "Workforce.Problem.ChangedMeanwhile";
}
