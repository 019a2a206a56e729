using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.Tests.KpiLibrary;

public class BuiltInKpiSetTests
{
    private static readonly IReadOnlyList<KpiSet> DemoSets = GovKpi.Core.DemoProvince.DemoProvinceGenerator.Generate(seed: 3, staffCount: 120).KpiSets;

    private static KpiDefinition? Library(string code) => BuiltInKpis.Definitions.SingleOrDefault(d => d.Code == code);

    [Fact]
    public void Every_built_in_KPI_is_fed_by_records_or_the_managers_rating()
    {
        Assert.All(BuiltInKpis.Definitions, d => Assert.Null(KpiFeed.Check(d)));
    }

    [Fact]
    public void Behavioural_KPIs_take_their_values_from_the_managers_rating_on_anchors()
    {
        Assert.All(BuiltInKpis.Definitions.Where(d => d.Kind == KpiKind.Qualitative),
            d => Assert.Equal(KpiDataSource.ManagerRating, d.DataSource));
        Assert.All(["rule_compliance", "coordination", "initiative"], code => Assert.Equal(KpiKind.Qualitative, Library(code)!.Kind));
    }

    [Fact]
    public void Each_position_group_has_a_set_that_passes_the_SMART_check()
    {
        Assert.Equal(Enum.GetValues<PositionGroup>(), GroupKpiSets.All.Select(s => s.Group));
        Assert.All(GroupKpiSets.All, s => Assert.Empty(SmartCheck.Check(s.Items, Library)));
    }

    [Fact]
    public void Every_KPI_of_every_built_in_set_passes_the_SMART_check_and_has_a_feedable_data_source()
    {
        foreach (var items in DemoSets.Select(s => s.Items).Concat(GroupKpiSets.All.Select(s => s.Items)))
        {
            Assert.Empty(SmartCheck.Check(items, Library));
            Assert.Equal(100m, items.Sum(i => i.WeightPercent));
            Assert.All(items, i => Assert.NotNull(KpiDataSource.Find(Library(i.KpiCode)!.DataSource)));
        }
    }
}
