using System.Globalization;
using GovKpi.Core.Organisation;

namespace GovKpi.Data.Files;

/// <summary>
/// A stored record as the fields of its file's row (the inverse of <see cref="OrganisationRecords"/>),
/// so that an edit can start from what is stored, change some fields and go through the same
/// parsing and planning as an import.
/// </summary>
public static class OrganisationRecordFields
{
    public static Dictionary<string, string?> Of(Unit unit) => new(StringComparer.Ordinal)
    {
        ["code"] = unit.Code,
        ["name_vi"] = unit.NameVi,
        ["name_en"] = unit.NameEn,
        ["kind"] = unit.Kind.Code(),
        ["parent_code"] = unit.ParentCode,
        ["effective_from"] = Day(unit.EffectiveFrom),
        ["effective_to"] = Day(unit.EffectiveTo),
    };

    public static Dictionary<string, string?> Of(JobPosition position) => new(StringComparer.Ordinal)
    {
        ["code"] = position.Code,
        ["name_vi"] = position.NameVi,
        ["name_en"] = position.NameEn,
        ["group"] = position.Group.Code(),
        ["description"] = position.Description,
    };

    /// <summary>The person with their latest placement: its start and, once they have left, its end.</summary>
    public static Dictionary<string, string?> Of(StaffMember member, StaffPlacement latest) => new(StringComparer.Ordinal)
    {
        ["code"] = member.Code,
        ["full_name"] = member.FullName,
        ["type"] = latest.Type.Code(),
        ["unit_code"] = latest.UnitCode,
        ["position_code"] = latest.PositionCode,
        ["leader"] = latest.Leader.Code(),
        ["skills"] = string.Join(OrganisationCsvWriter.SkillSeparator, member.Skills),
        ["email"] = member.Email,
        ["effective_from"] = Day(latest.EffectiveFrom),
        ["effective_to"] = Day(latest.EffectiveTo),
    };

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
