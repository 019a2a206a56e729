using GovKpi.Core.KpiLibrary;

namespace GovKpi.Core.Tests.KpiLibrary;

public class KpiVersionsTests
{
    private static readonly DateOnly Revised = new(2026, 7, 1);

    private static KpiDefinition Version(int version, decimal target, DateOnly from, DateOnly? to) => new()
    {
        Code = "ON_TIME",
        Version = version,
        NameVi = "Tỷ lệ hồ sơ đúng hạn",
        NameEn = "On-time rate",
        Kind = KpiKind.Quantitative,
        FormulaRef = "on_time_rate",
        UnitOfMeasure = "%",
        Direction = KpiDirection.HigherIsBetter,
        Target = target,
        EffectiveFrom = from,
        EffectiveTo = to,
    };

    private static readonly KpiDefinition[] RevisedMidYear =
    [
        Version(1, 95m, new(2025, 4, 1), Revised),
        Version(2, 98m, Revised, null),
    ];

    private static KpiSet Set(int version, DateOnly from, DateOnly? to, decimal weight) => new()
    {
        PositionCode = "MC",
        Version = version,
        EffectiveFrom = from,
        EffectiveTo = to,
        Items = [new KpiSetItem { KpiCode = "ON_TIME", WeightPercent = weight }],
    };

    [Fact]
    public void A_period_that_began_before_a_mid_year_revision_is_judged_against_the_old_target()
    {
        Assert.Equal(95m, KpiVersions.DefinitionAt(RevisedMidYear, new(2026, 1, 1))!.Target);
        Assert.Equal(95m, KpiVersions.DefinitionAt(RevisedMidYear, new(2026, 6, 30))!.Target);
    }

    [Fact]
    public void A_period_from_the_revision_date_is_judged_against_the_new_target()
    {
        Assert.Equal(98m, KpiVersions.DefinitionAt(RevisedMidYear, Revised)!.Target);
        Assert.Equal(98m, KpiVersions.DefinitionAt(RevisedMidYear, new(2026, 10, 1))!.Target);
    }

    [Fact]
    public void A_period_that_began_before_any_version_has_no_definition()
    {
        Assert.Null(KpiVersions.DefinitionAt(RevisedMidYear, new(2025, 1, 1)));
        Assert.Empty(KpiVersions.DefinitionsAt(RevisedMidYear, d => d.Code, new(2025, 1, 1)));
    }

    [Fact]
    public void A_retired_definition_judges_no_period_after_its_end()
    {
        KpiDefinition[] retired = [Version(1, 95m, new(2025, 4, 1), new(2026, 1, 1))];

        Assert.Null(KpiVersions.DefinitionAt(retired, new(2026, 4, 1)));
    }

    [Fact]
    public void Definitions_are_picked_per_key_each_at_the_periods_start()
    {
        var byFormula = KpiVersions.DefinitionsAt(RevisedMidYear, d => d.FormulaRef!, new(2026, 4, 1));

        Assert.Equal(1, byFormula["on_time_rate"].Version);
    }

    [Fact]
    public void The_set_in_force_is_the_latest_version_that_started_by_the_periods_start()
    {
        KpiSet[] sets = [Set(1, new(2025, 4, 1), Revised, 40m), Set(2, Revised, null, 60m)];

        Assert.Equal(1, KpiVersions.SetAt(sets, new(2026, 1, 1))!.Version);
        Assert.Equal(2, KpiVersions.SetAt(sets, new(2026, 7, 1))!.Version);
        Assert.Equal(2, KpiVersions.SetsAt(sets, new(2026, 10, 1))["MC"].Version);
        Assert.Null(KpiVersions.SetAt(sets, new(2025, 1, 1)));
    }

    [Fact]
    public void A_person_is_judged_on_the_measured_KPIs_of_their_own_set_only()
    {
        var rating = Version(1, 95m, new(2025, 1, 1), null) with { Code = "LEADERSHIP", Kind = KpiKind.Qualitative, FormulaRef = null };
        var definitions = new Dictionary<string, KpiDefinition> { ["ON_TIME"] = RevisedMidYear[1], ["LEADERSHIP"] = rating };
        var set = Set(1, new(2025, 1, 1), null, 60) with
        {
            Items = [new KpiSetItem { KpiCode = "ON_TIME", WeightPercent = 60 }, new KpiSetItem { KpiCode = "LEADERSHIP", WeightPercent = 40 }],
        };

        Assert.Equal(["on_time_rate"], KpiVersions.MeasuredBy(set, definitions));
        Assert.Empty(KpiVersions.MeasuredBy(null, definitions));
    }
}
