using System.Globalization;
using GovKpi.Core.Access;
using GovKpi.Core.KpiLibrary;

namespace GovKpi.Core.Organisation;

/// <summary>The organisation files, in the order an import reads them (each may refer only to the kinds before it or to itself).</summary>
public enum OrganisationRecordKind
{
    Units,
    UnitLineage,
    Positions,
    Staff,
    Secondments,
    KpiDefinitions,
    KpiSets,
    Accounts,
}

public static class OrganisationRecordKinds
{
    /// <summary>The file name without extension (<c>units</c> for units.csv or units.xlsx), also the JSON property and the audit's kind.</summary>
    public static string FileStem(this OrganisationRecordKind kind) => kind switch
    {
        OrganisationRecordKind.Units => "units",
        OrganisationRecordKind.UnitLineage => "unit_lineage",
        OrganisationRecordKind.Positions => "positions",
        OrganisationRecordKind.Staff => "staff",
        OrganisationRecordKind.Secondments => "secondments",
        OrganisationRecordKind.KpiDefinitions => "kpi_definitions",
        OrganisationRecordKind.KpiSets => "kpi_sets",
        OrganisationRecordKind.Accounts => "accounts",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string stem, out OrganisationRecordKind kind)
    {
        foreach (var candidate in Enum.GetValues<OrganisationRecordKind>())
        {
            if (candidate.FileStem() == stem)
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}

/// <summary>Where a row came from: a file and its physical line, or a JSON array and the item's index.</summary>
public sealed record RowSource(string File, long Line);

/// <summary>A parsed row of an organisation file and where it came from.</summary>
public sealed record SourcedRow<T>(T Row, RowSource Source);

/// <summary>
/// A row of staff.csv: the person, and the dates from which the placement holds and (when
/// given) on which the person left.
/// </summary>
public sealed record StaffRow
{
    public required StaffMember Member { get; init; }
    /// <summary>Empty in the file: the import date.</summary>
    public DateOnly? EffectiveFrom { get; init; }
    public DateOnly? EffectiveTo { get; init; }
}

public sealed record SecondmentRow(string StaffCode, Secondment Secondment);

/// <summary>A row of kpi_sets.csv: one KPI of one version of a position's set.</summary>
public sealed record KpiSetRow(string PositionCode, int Version, DateOnly EffectiveFrom, string KpiCode, decimal WeightPercent);

public sealed record AccountRow(string UserName, Role Role, string? StaffCode, string? ScopeUnitCode, string? Email);

/// <summary>The fields of a sign-in account that the organisation files set.</summary>
public sealed record AccountEntry
{
    public required string UserName { get; init; }
    public required string DisplayName { get; init; }
    public required Role Role { get; init; }
    public required string ScopeUnitCode { get; init; }
    public string? StaffCode { get; init; }
}

/// <summary>What the files of one import hold; a kind whose file was not given is null and left as it is.</summary>
public sealed record OrganisationRows
{
    public IReadOnlyList<SourcedRow<Unit>>? Units { get; init; }
    public IReadOnlyList<SourcedRow<UnitLineage>>? Lineage { get; init; }
    public IReadOnlyList<SourcedRow<JobPosition>>? Positions { get; init; }
    public IReadOnlyList<SourcedRow<StaffRow>>? Staff { get; init; }
    public IReadOnlyList<SourcedRow<SecondmentRow>>? Secondments { get; init; }
    public IReadOnlyList<SourcedRow<KpiDefinition>>? KpiDefinitions { get; init; }
    public IReadOnlyList<SourcedRow<KpiSetRow>>? KpiSets { get; init; }
    public IReadOnlyList<SourcedRow<AccountRow>>? Accounts { get; init; }

    public bool IsEmpty => Units is null && Lineage is null && Positions is null && Staff is null && Secondments is null
        && KpiDefinitions is null && KpiSets is null && Accounts is null;
}

/// <summary>The organisation as stored before an import.</summary>
public sealed record OrganisationState
{
    public IReadOnlyList<Unit> Units { get; init; } = [];
    public IReadOnlyList<UnitLineage> Lineage { get; init; } = [];
    public IReadOnlyList<JobPosition> Positions { get; init; } = [];
    public IReadOnlyList<StaffMember> Staff { get; init; } = [];
    public IReadOnlyList<StaffPlacement> History { get; init; } = [];
    public IReadOnlyList<KpiDefinition> KpiDefinitions { get; init; } = [];
    public IReadOnlyList<KpiSet> KpiSets { get; init; } = [];
    public IReadOnlyList<AccountEntry> Accounts { get; init; } = [];
}

/// <summary>
/// What is wrong with one field of one row, located for the CLI (<c>file:line:column: reason</c>) and
/// the API (<c>file[index].column</c>). A problem the planning finds also carries a message
/// <see cref="Key"/> and the values it names (<see cref="Args"/>), which a reader words in the
/// person's language (Data's <c>OrganisationProblemWords</c>); <see cref="Reason"/> is then its
/// English wording. A problem of the file readers comes already worded, with no key.
/// </summary>
public sealed record OrganisationProblem(string File, long Line, string Column, string Reason)
{
    public string Key { get; init; } = "";

    public IReadOnlyList<string> Args { get; init; } = [];

    public static OrganisationProblem Coded(string file, long line, string column, string key, params string[] args) =>
        new(file, line, column, string.Format(CultureInfo.InvariantCulture, OrganisationMessages.English[key], args)) { Key = key, Args = args };

    public bool Equals(OrganisationProblem? other) => other is not null
        && (File, Line, Column, Reason, Key) == (other.File, other.Line, other.Column, other.Reason, other.Key)
        && Args.SequenceEqual(other.Args);

    public override int GetHashCode() => HashCode.Combine(File, Line, Column, Reason, Key);

    public override string ToString() => $"{File}:{Line}:{Column}: {Reason}";
}

/// <summary>
/// The planning's problems in English, the language of the command line and of the API's
/// machine readers; the web app words the same keys from <c>Organisation.{key}</c> in Data's
/// <c>DataMessages</c> (Vietnamese and English).
/// </summary>
public static class OrganisationMessages
{
    public static readonly IReadOnlyDictionary<string, string> English = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AfterEffectiveFrom"] = "must be after effective_from {0}",
        ["AfterEffectiveFromOrToday"] = "must be after effective_from {0} (the import date when empty)",
        ["AfterFrom"] = "must be after from {0}",
        ["AfterPlacementStart"] = "must be after {0}, when the current placement started",
        ["AfterSetVersionStart"] = "must be after {0}, when version {1} of the set of {2} starts",
        ["Duplicate"] = "duplicate: {0} is already on line {1}",
        ["DuplicateInSet"] = "duplicate: {0} is already in this set on line {1}",
        ["MoveBeforePlacement"] = "{0} is in {1} as {2} from {3}: a move must start after that date",
        ["NoProvince"] = "no unit has kind province: exactly one is required",
        ["NoProvinceForScope"] = "required: there is no province to default to",
        ["OneProvince"] = "exactly one province is allowed, but there would be {0}: {1}",
        ["OwnParent"] = "a unit cannot be its own parent",
        ["OwnSuccessor"] = "a unit cannot succeed itself",
        ["ParentCycle"] = "the parents make a cycle: {0}",
        ["ParentRequired"] = "required: only the province has no parent",
        ["ProvinceHasParent"] = "the province has no parent: leave parent_code empty",
        ["SetVersionStart"] = "version {0} of the set of {1} starts on {2} (line {3})",
        ["StaffRequiredForRole"] = "required for the role {0}",
        ["UnknownKpi"] = "unknown KPI '{0}'",
        ["UnknownParent"] = "unknown parent unit '{0}'",
        ["UnknownPosition"] = "unknown position '{0}'",
        ["UnknownStaff"] = "unknown staff member '{0}'",
        ["UnknownUnit"] = "unknown unit '{0}'",
        ["WeightPositive"] = "must be more than 0",
        ["WeightSum"] = "the weights of version {0} of the set of {1} sum to {2}, not 100",
    };
}

/// <summary>Where an organisation change was made.</summary>
public enum OrganisationChangeSource
{
    Cli,
    Upload,
    Api,
    Page,
}

/// <summary>One change of the organisation: who, when, from where, which record, and the record before and after (JSON; null when added).</summary>
public sealed record OrganisationAuditEntry(
    DateTimeOffset At, string Actor, OrganisationChangeSource Source, OrganisationRecordKind Kind, string Code, string? Before, string? After);

/// <summary>How the rows of one kind compared with what was stored.</summary>
public sealed record KindSummary(OrganisationRecordKind Kind, int Added, int Changed, int Retired, int Unchanged);

/// <summary>Rows to insert and rows to replace (by key) for one table.</summary>
public sealed record RecordWrites<T>(IReadOnlyList<T> Added, IReadOnlyList<T> Updated);
