using GovKpi.Core.Collective;
using GovKpi.Core.Evaluation;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.Tests.Collective;

public class DeputyFieldsTests
{
    private static readonly Dictionary<string, KpiDefinition> Library = BuiltInKpis.Definitions.ToDictionary(d => d.Code);

    private static readonly OrganisationTree Tree = new(
    [
        Unit("KH", UnitKind.Province, null), Unit("C1", UnitKind.Commune, "KH"), Unit("C1-TT", UnitKind.ServiceCentre, "C1"),
        Unit("C1-KT", UnitKind.Division, "C1"), Unit("C2", UnitKind.Commune, "KH"),
    ], []);

    private static Unit Unit(string code, UnitKind kind, string? parent) => new()
    {
        Code = code, NameVi = code, NameEn = code, Kind = kind, ParentCode = parent, EffectiveFrom = new(2025, 7, 1),
    };

    private static readonly StaffMember Deputy = new()
    {
        Code = "S010", FullName = "Phó Chủ tịch", Type = StaffType.CanBo, UnitCode = "C1", PositionCode = "PCT-XA", Leader = LeaderRole.Deputy,
    };

    private static DeputyField Field(string[] units, string[] kpis) => new() { StaffCode = "S010", UnitCodes = units, KpiCodes = kpis };

    [Fact]
    public void A_deputys_field_is_sub_units_of_their_own_unit_and_measured_kpis()
    {
        var good = DeputyFields.Check(Field(["C1-TT"], ["online_share"]), Deputy, Tree, Library.GetValueOrDefault);
        var bad = DeputyFields.Check(Field(["C2", "C1-TT", "C1-TT", "NONE"], ["coordination", "nope"]), Deputy, Tree, Library.GetValueOrDefault);
        var empty = DeputyFields.Check(Field([], []), Deputy, Tree, Library.GetValueOrDefault);
        var head = DeputyFields.Check(Field(["C1-TT"], []), Deputy with { Leader = LeaderRole.Head }, Tree, Library.GetValueOrDefault);

        Assert.Empty(good);
        Assert.Equal(
        [
            (DeputyFieldRule.UnitOutsideOwnUnit, "unitCodes[0]"), (DeputyFieldRule.DuplicateUnit, "unitCodes[2]"), (DeputyFieldRule.UnknownUnit, "unitCodes[3]"),
            (DeputyFieldRule.KpiNotMeasured, "kpiCodes[0]"), (DeputyFieldRule.UnknownKpi, "kpiCodes[1]"),
        ], bad.Select(v => (v.Rule, v.Field)));
        Assert.Equal(DeputyFieldRule.EmptyField, Assert.Single(empty).Rule);
        Assert.Equal(DeputyFieldRule.NotADeputy, Assert.Single(head).Rule);
    }

    [Fact]
    public void A_deputys_field_result_counts_the_records_of_their_sub_units_and_only_their_kpis()
    {
        var field = DeputyFields.ScopeOf(Deputy, Field(["C1-TT"], ["online_share"]));
        var whole = DeputyFields.ScopeOf(Deputy, null);

        Assert.Equal(("C1", "C1-TT", "online_share"), (field.UnitCode, Assert.Single(field.RecordUnits), Assert.Single(field.Kpis!)));
        Assert.Equal(("C1", "C1"), (whole.UnitCode, Assert.Single(whole.RecordUnits)));
        Assert.Null(whole.Kpis);
    }
}
