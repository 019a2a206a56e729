using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.Collective;

/// <summary>
/// The field a deputy head is in charge of (lĩnh vực phụ trách): sub-units of their unit, KPIs of
/// its set, or both. Organisation data kept by HR.
/// </summary>
public sealed record DeputyField
{
    public required string StaffCode { get; init; }
    public IReadOnlyList<string> UnitCodes { get; init; } = [];
    public IReadOnlyList<string> KpiCodes { get; init; } = [];
    public string RecordedBy { get; init; } = "";
    public DateTimeOffset RecordedAt { get; init; }
}

public enum DeputyFieldRule
{
    NotADeputy,
    EmptyField,
    UnknownUnit,
    /// <summary>A deputy is in charge of part of their own unit, not of another unit.</summary>
    UnitOutsideOwnUnit,
    DuplicateUnit,
    UnknownKpi,
    KpiNotMeasured,
    DuplicateKpi,
}

public sealed record DeputyFieldViolation(DeputyFieldRule Rule, string Field, params string[] Arguments);

/// <summary>What a deputy's field covers, for their field result.</summary>
/// <param name="UnitCode">The deputy's unit, whose set and targets judge the field.</param>
/// <param name="RecordUnits">The units whose records (with their sub-units') make the values.</param>
/// <param name="Kpis">The set's KPIs counted, or null for all of them.</param>
public sealed record FieldScope(string UnitCode, IReadOnlyList<string> RecordUnits, IReadOnlyCollection<string>? Kpis);

/// <summary>
/// Rules for deputies' fields. A deputy's field result is their unit's set, with its targets,
/// applied to the records of the sub-units in their charge, counting only the KPIs in their
/// charge when the field names KPIs: the same computation as the head's unit result, narrowed.
/// </summary>
public static class DeputyFields
{
    public static IReadOnlyList<DeputyFieldViolation> Check(DeputyField field, StaffMember? deputy, OrganisationTree tree, Func<string, KpiDefinition?> findDefinition)
    {
        var violations = new List<DeputyFieldViolation>();
        if (deputy is not { Leader: LeaderRole.Deputy })
        {
            violations.Add(new(DeputyFieldRule.NotADeputy, "staffCode", field.StaffCode));
            return violations;
        }

        if (field.UnitCodes.Count == 0 && field.KpiCodes.Count == 0)
        {
            violations.Add(new(DeputyFieldRule.EmptyField, "unitCodes"));
        }

        var own = tree.SubtreeOf(deputy.UnitCode);
        var units = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < field.UnitCodes.Count; i++)
        {
            var code = field.UnitCodes[i];
            var at = $"unitCodes[{i}]";
            if (tree.Find(code) is null)
            {
                violations.Add(new(DeputyFieldRule.UnknownUnit, at, code));
            }
            else if (!own.Contains(code))
            {
                violations.Add(new(DeputyFieldRule.UnitOutsideOwnUnit, at, code, deputy.UnitCode));
            }

            if (!units.Add(code))
            {
                violations.Add(new(DeputyFieldRule.DuplicateUnit, at, code));
            }
        }

        var kpis = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < field.KpiCodes.Count; i++)
        {
            var code = field.KpiCodes[i];
            var at = $"kpiCodes[{i}]";
            switch (findDefinition(code))
            {
                case null:
                    violations.Add(new(DeputyFieldRule.UnknownKpi, at, code));
                    break;
                case { Kind: KpiKind.Qualitative }:
                    violations.Add(new(DeputyFieldRule.KpiNotMeasured, at, code));
                    break;
            }

            if (!kpis.Add(code))
            {
                violations.Add(new(DeputyFieldRule.DuplicateKpi, at, code));
            }
        }

        return violations;
    }

    /// <summary>The scope of a deputy's field result; without a field, the whole unit (as the head's).</summary>
    public static FieldScope ScopeOf(StaffMember deputy, DeputyField? field) => new(
        deputy.UnitCode,
        field is { UnitCodes.Count: > 0 } ? field.UnitCodes : [deputy.UnitCode],
        field is { KpiCodes.Count: > 0 } ? field.KpiCodes : null);
}
