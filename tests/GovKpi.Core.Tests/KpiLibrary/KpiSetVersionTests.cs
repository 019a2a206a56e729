using GovKpi.Core.KpiLibrary;

namespace GovKpi.Core.Tests.KpiLibrary;

public class KpiSetVersionTests
{
    [Fact]
    public void The_first_set_of_a_position_is_version_1_and_open_ended()
    {
        var (created, closed) = KpiSet.NextVersion([], "CV", new(2026, 1, 1), BuiltInKpis.DossierSpecialistItems, "");

        Assert.Equal(1, created.Version);
        Assert.Null(created.EffectiveTo);
        Assert.Null(closed);
    }

    [Fact]
    public void A_new_version_ends_the_open_one_the_day_it_starts()
    {
        var v1 = BuiltInKpis.DossierSpecialistSet;

        var (v2, closed) = KpiSet.NextVersion([v1], v1.PositionCode, new(2026, 1, 1), BuiltInKpis.DossierSpecialistItems, "Rà soát năm 2026");

        Assert.Equal(2, v2.Version);
        Assert.Equal(new DateOnly(2026, 1, 1), closed!.EffectiveTo);
        Assert.False(closed.IsActiveOn(new(2026, 1, 1)));
        Assert.True(v2.IsActiveOn(new(2026, 1, 1)));
    }

    [Fact]
    public void A_new_version_cannot_start_before_the_open_one()
    {
        var v1 = BuiltInKpis.DossierSpecialistSet;

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            KpiSet.NextVersion([v1], v1.PositionCode, v1.EffectiveFrom, BuiltInKpis.DossierSpecialistItems, ""));
    }
}
