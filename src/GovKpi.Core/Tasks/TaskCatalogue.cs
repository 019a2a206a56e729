using GovKpi.Core.Evaluation;

namespace GovKpi.Core.Tasks;

/// <summary>The groups of the task catalogue (DOMAIN.md, "standard products").</summary>
public enum TaskGroup
{
    /// <summary>Leadership and direction.</summary>
    A,
    /// <summary>Professional work shared by every agency.</summary>
    B,
    /// <summary>The agency's own work; the head of the agency approves each type.</summary>
    C,
    /// <summary>Other tasks.</summary>
    D,
}

/// <summary>
/// What HR enters for a task type: the catalogue's facts without the version, which the catalogue
/// numbers itself. <see cref="AgencyCode"/> is the agency whose catalogue holds it, or the
/// province's code for the province-wide catalogue.
/// </summary>
public sealed record TaskTypeDraft(
    string Code, string AgencyCode, TaskGroup Group, string Name, string UnitOfOutput,
    decimal ConversionFactor, decimal Difficulty, DateOnly EffectiveFrom, string? ApprovedBy);

/// <summary>
/// One version of a task type: one unit of output is worth <see cref="ConversionFactor"/> ×
/// <see cref="Difficulty"/> standard products (sản phẩm chuẩn) from <see cref="EffectiveFrom"/>
/// until <see cref="EffectiveTo"/> (both included; open-ended while null).
/// </summary>
public sealed record TaskType(
    string Code, string AgencyCode, TaskGroup Group, string Name, string UnitOfOutput,
    decimal ConversionFactor, decimal Difficulty, int Version, DateOnly EffectiveFrom, DateOnly? EffectiveTo, string? ApprovedBy)
{
    public bool InForceOn(DateOnly day) => EffectiveFrom <= day && (EffectiveTo is null || day <= EffectiveTo);

    /// <summary>Standard products per unit of output.</summary>
    public decimal Coefficient => ConversionFactor * Difficulty;

    /// <summary><paramref name="quantity"/> units of output in standard products.</summary>
    public decimal StandardProducts(decimal quantity) => quantity * Coefficient;
}

public enum TaskTypeProblem
{
    CodeInvalid,
    AgencyRequired,
    NameRequired,
    UnitRequired,
    FactorNotPositive,
    DifficultyOutOfRange,
    /// <summary>A group C type needs the approval of the agency's head.</summary>
    ApprovalRequired,
    CodeTaken,
    UnknownTaskType,
    /// <summary>A new version must start after the one in force begins, or it would erase history.</summary>
    NotAfterCurrentVersion,
    /// <summary>A new version keeps its type's agency and code.</summary>
    AgencyChanged,
}

/// <summary>
/// An invalid field of a task-type request, named as the API names it (<c>conversionFactor</c>,
/// <c>approvedBy</c>…), with the code of its message (<c>TaskType.ApprovalRequired</c>).
/// </summary>
public sealed record TaskTypeFieldProblem(string Field, string Code)
{
    public static TaskTypeFieldProblem Of(string field, TaskTypeProblem problem) => new(field, $"TaskType.{problem}");
}

/// <summary>A problem of row <see cref="Index"/> (from 0) of an imported catalogue.</summary>
public sealed record TaskTypeRowProblem(int Index, TaskTypeFieldProblem Problem);

/// <summary>The changes of an import in row order, or the problems that stop all of it.</summary>
public sealed record TaskCatalogueImport(IReadOnlyList<TaskTypeRowProblem> Problems, IReadOnlyList<TaskTypeChange> Changes);

public enum TaskTypeAction
{
    Created,
    NewVersion,
}

/// <summary>The audit of a catalogue change: the version it ended (if any) and the one it added.</summary>
public sealed record TaskTypeAudit(TaskTypeAction Action, string Code, string AgencyCode, TaskType? Ended, TaskType Added);

/// <summary>
/// A catalogue change: the versions to save (the previous one with its new end, then the new
/// one), or the problems that stop it.
/// </summary>
public sealed record TaskTypeChange(IReadOnlyList<TaskTypeFieldProblem> Problems, TaskType? Ended, TaskType? Added, TaskTypeAudit? Audit)
{
    public bool Ok => Problems.Count == 0;
}

/// <summary>
/// The rules of the task catalogue. Each agency keeps its own versions of a code; a new version
/// from a date ends the one in force the day before, so every day has at most one version.
/// </summary>
public static class TaskCatalogue
{
    public const int MaxCodeLength = 50;
    public const int MaxNameLength = 300;
    public const decimal MinDifficulty = 0.5m;
    public const decimal MaxDifficulty = 2m;

    public static List<TaskTypeFieldProblem> Check(TaskTypeDraft draft)
    {
        var problems = new List<TaskTypeFieldProblem>();
        if (!IsValidCode(draft.Code))
        {
            problems.Add(TaskTypeFieldProblem.Of("code", TaskTypeProblem.CodeInvalid));
        }

        if (string.IsNullOrWhiteSpace(draft.AgencyCode))
        {
            problems.Add(TaskTypeFieldProblem.Of("agencyCode", TaskTypeProblem.AgencyRequired));
        }

        if (string.IsNullOrWhiteSpace(draft.Name) || draft.Name.Length > MaxNameLength)
        {
            problems.Add(TaskTypeFieldProblem.Of("name", TaskTypeProblem.NameRequired));
        }

        if (string.IsNullOrWhiteSpace(draft.UnitOfOutput))
        {
            problems.Add(TaskTypeFieldProblem.Of("unitOfOutput", TaskTypeProblem.UnitRequired));
        }

        if (draft.ConversionFactor <= 0)
        {
            problems.Add(TaskTypeFieldProblem.Of("conversionFactor", TaskTypeProblem.FactorNotPositive));
        }

        if (draft.Difficulty is < MinDifficulty or > MaxDifficulty)
        {
            problems.Add(TaskTypeFieldProblem.Of("difficulty", TaskTypeProblem.DifficultyOutOfRange));
        }

        if (draft.Group == TaskGroup.C && string.IsNullOrWhiteSpace(draft.ApprovedBy))
        {
            problems.Add(TaskTypeFieldProblem.Of("approvedBy", TaskTypeProblem.ApprovalRequired));
        }

        return problems;
    }

    public static bool IsValidCode(string? code) =>
        !string.IsNullOrWhiteSpace(code) && code.Length <= MaxCodeLength
        && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>
    /// A new task type, version 1, open-ended. <paramref name="existing"/> are the versions of the
    /// same agency and code already stored (the code is then taken).
    /// </summary>
    public static TaskTypeChange Create(TaskTypeDraft draft, IReadOnlyList<TaskType> existing)
    {
        var problems = Check(draft);
        if (existing.Count > 0)
        {
            problems.Add(TaskTypeFieldProblem.Of("code", TaskTypeProblem.CodeTaken));
        }

        if (problems.Count > 0)
        {
            return new TaskTypeChange(problems, null, null, null);
        }

        var added = From(draft, 1);
        return new TaskTypeChange([], null, added, new TaskTypeAudit(TaskTypeAction.Created, added.Code, added.AgencyCode, null, added));
    }

    /// <summary>
    /// A new version of a task type from <see cref="TaskTypeDraft.EffectiveFrom"/>: the latest
    /// version ends the day before. <paramref name="versions"/> are the stored versions of the
    /// same agency and code.
    /// </summary>
    public static TaskTypeChange NewVersion(TaskTypeDraft draft, IReadOnlyList<TaskType> versions)
    {
        var problems = Check(draft);
        var latest = versions.MaxBy(v => v.Version);
        if (latest is null)
        {
            problems.Add(TaskTypeFieldProblem.Of("code", TaskTypeProblem.UnknownTaskType));
        }
        else
        {
            if (draft.EffectiveFrom <= latest.EffectiveFrom)
            {
                problems.Add(TaskTypeFieldProblem.Of("effectiveFrom", TaskTypeProblem.NotAfterCurrentVersion));
            }

            if (!string.Equals(draft.AgencyCode, latest.AgencyCode, StringComparison.Ordinal))
            {
                problems.Add(TaskTypeFieldProblem.Of("agencyCode", TaskTypeProblem.AgencyChanged));
            }
        }

        if (problems.Count > 0 || latest is null)
        {
            return new TaskTypeChange(problems, null, null, null);
        }

        // A version that had already ended before the new one begins keeps its end: the gap
        // between them is a time with no version in force, which HR chose.
        var dayBefore = draft.EffectiveFrom.AddDays(-1);
        var ended = latest.EffectiveTo is { } to && to <= dayBefore ? null : latest with { EffectiveTo = dayBefore };
        var added = From(draft, latest.Version + 1);
        return new TaskTypeChange([], ended, added, new TaskTypeAudit(TaskTypeAction.NewVersion, added.Code, added.AgencyCode, ended, added));
    }

    /// <summary>
    /// A catalogue file, all or nothing: each row adds a type, or a version of a type already
    /// there (stored or on an earlier row), or nothing when it repeats a version already there, so
    /// importing the same file again changes nothing. <paramref name="existing"/> are the stored
    /// versions of the codes the rows name.
    /// </summary>
    public static TaskCatalogueImport Import(IReadOnlyList<TaskTypeDraft> rows, IReadOnlyList<TaskType> existing)
    {
        var versions = existing.GroupBy(t => (t.AgencyCode, t.Code)).ToDictionary(g => g.Key, g => g.ToList());
        var problems = new List<TaskTypeRowProblem>();
        var changes = new List<TaskTypeChange>();
        for (var i = 0; i < rows.Count; i++)
        {
            var key = (rows[i].AgencyCode.Trim(), rows[i].Code.Trim());
            var known = versions.GetValueOrDefault(key) ?? [];
            var latest = known.MaxBy(v => v.Version);
            if (Check(rows[i]).Count == 0 && known.Any(v => From(rows[i], v.Version) == v with { EffectiveTo = null }))
            {
                continue;
            }

            var change = latest is null ? Create(rows[i], known) : NewVersion(rows[i], known);
            problems.AddRange(change.Problems.Select(p => new TaskTypeRowProblem(i, p)));
            if (change.Ok)
            {
                changes.Add(change);
                versions[key] = [.. known.Select(v => v.Version == change.Ended?.Version ? change.Ended : v), change.Added!];
            }
        }

        return problems.Count > 0 ? new TaskCatalogueImport(problems, []) : new TaskCatalogueImport([], changes);
    }

    /// <summary>The version of a task type in force on <paramref name="day"/>, if any.</summary>
    public static TaskType? InForce(IEnumerable<TaskType> versions, DateOnly day) =>
        versions.Where(v => v.InForceOn(day)).MaxBy(v => v.Version);

    /// <summary>
    /// The conversion table an evaluation uses on <paramref name="day"/>: each code's version in
    /// force then, the agency's own version before the province's; other agencies' types are
    /// not its to use.
    /// </summary>
    public static ProductConversion ConversionOn(IEnumerable<TaskType> catalogue, string agencyCode, string provinceCode, DateOnly day)
    {
        var coefficients = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var byCode in catalogue.GroupBy(t => t.Code, StringComparer.Ordinal))
        {
            var own = InForce(byCode.Where(t => t.AgencyCode == agencyCode), day);
            var chosen = own ?? InForce(byCode.Where(t => t.AgencyCode == provinceCode), day);
            if (chosen is not null)
            {
                coefficients[byCode.Key] = chosen.Coefficient;
            }
        }

        return new ProductConversion(coefficients);
    }

    private static TaskType From(TaskTypeDraft d, int version) =>
        new(d.Code.Trim(), d.AgencyCode.Trim(), d.Group, d.Name.Trim(), d.UnitOfOutput.Trim(), d.ConversionFactor, d.Difficulty, version,
            d.EffectiveFrom, null, string.IsNullOrWhiteSpace(d.ApprovedBy) ? null : d.ApprovedBy.Trim());
}
