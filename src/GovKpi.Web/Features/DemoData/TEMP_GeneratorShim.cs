// TEMPORARY until the generator lands in GovKpi.Core.
namespace GovKpi.Core.DemoProvince
{
    public sealed record DemoProvince(
        IReadOnlyList<GovKpi.Core.Organisation.Unit> Units,
        IReadOnlyList<GovKpi.Core.Organisation.UnitLineage> Lineage,
        IReadOnlyList<GovKpi.Core.Organisation.JobPosition> Positions,
        IReadOnlyList<GovKpi.Core.Organisation.StaffMember> Staff,
        IReadOnlyList<GovKpi.Core.KpiLibrary.KpiDefinition> KpiDefinitions,
        IReadOnlyList<GovKpi.Core.KpiLibrary.KpiSet> KpiSets);

    public static class DemoProvinceGenerator
    {
        public static DemoProvince Generate(int seed, int staff) => throw new NotImplementedException();
    }
}
