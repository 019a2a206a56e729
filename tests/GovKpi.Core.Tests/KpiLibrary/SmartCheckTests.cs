using GovKpi.Core.KpiLibrary;

namespace GovKpi.Core.Tests.KpiLibrary;

public class SmartCheckTests
{
    private static KpiDefinition? Library(string code) => BuiltInKpis.Definitions.FirstOrDefault(d => d.Code == code);

    private static KpiSetItem Item(string code, decimal weight, decimal? target = null) =>
        new() { KpiCode = code, WeightPercent = weight, TargetOverride = target };

    [Fact]
    public void The_built_in_dossier_specialist_set_passes()
    {
        Assert.Empty(SmartCheck.Check(BuiltInKpis.DossierSpecialistItems, Library));
        Assert.Equal(8, BuiltInKpis.DossierSpecialistItems.Count);
    }

    [Fact]
    public void Weights_summing_to_90_percent_are_refused_naming_every_weight()
    {
        var violations = SmartCheck.Check([Item("on_time_rate", 50), Item("satisfaction_avg", 40)], Library);

        var v = Assert.Single(violations);
        Assert.Equal(SmartRule.WeightsDoNotSumTo100, v.Rule);
        Assert.Equal("weights", v.Field);
        Assert.Equal("90%: on_time_rate 50%, satisfaction_avg 40%", v.Detail);
    }

    [Fact]
    public void Fractional_weights_that_sum_exactly_to_100_pass()
    {
        Assert.Empty(SmartCheck.Check([Item("on_time_rate", 33.34m), Item("satisfaction_avg", 33.33m), Item("complaint_rate", 33.33m)], Library));
    }

    [Fact]
    public void A_KPI_without_target_data_source_or_period_is_named_with_the_field()
    {
        var vague = new KpiDefinition
        {
            Code = "vague", NameVi = "Mơ hồ", NameEn = "Vague", Kind = KpiKind.Quantitative,
            UnitOfMeasure = "%", Direction = KpiDirection.HigherIsBetter, EffectiveFrom = new(2025, 1, 1),
        };

        var violations = SmartCheck.Check([Item("vague", 100)], c => c == "vague" ? vague : null);

        Assert.Equal(
            [(SmartRule.MissingTarget, "items[0].target"), (SmartRule.MissingDataSource, "items[0].dataSource"), (SmartRule.MissingPeriod, "items[0].period")],
            violations.Select(v => (v.Rule, v.Field)));
        Assert.All(violations, v => Assert.Equal("vague", v.KpiCode));
    }

    [Fact]
    public void A_target_given_in_the_set_makes_a_KPI_measurable()
    {
        var noTarget = BuiltInKpis.Definitions[0] with { Target = null };

        Assert.Empty(SmartCheck.Check([Item(noTarget.Code, 100, target: 97)], _ => noTarget));
    }

    [Fact]
    public void Unknown_duplicate_and_non_positive_entries_are_each_located()
    {
        var violations = SmartCheck.Check([Item("on_time_rate", 60), Item("on_time_rate", 40), Item("nope", 0)], Library);

        Assert.Contains(violations, v => v is { Rule: SmartRule.DuplicateKpi, Field: "items[1].kpiCode" });
        Assert.Contains(violations, v => v is { Rule: SmartRule.UnknownKpi, Field: "items[2].kpiCode", KpiCode: "nope" });
        Assert.Contains(violations, v => v is { Rule: SmartRule.WeightNotPositive, Field: "items[2].weightPercent" });
    }

    [Fact]
    public void An_empty_set_is_refused()
    {
        Assert.Equal(SmartRule.EmptySet, Assert.Single(SmartCheck.Check([], Library)).Rule);
    }
}
