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

    private static KpiDefinition Measured(string dataSource, string? formulaRef) => new()
    {
        Code = "x", NameVi = "X", NameEn = "X", Kind = KpiKind.Quantitative, FormulaRef = formulaRef, UnitOfMeasure = "%",
        Direction = KpiDirection.HigherIsBetter, Target = 90, DataSource = dataSource, Period = MeasurementPeriod.Month,
        EffectiveFrom = new(2025, 1, 1),
    };

    private static SmartViolation Refusal(KpiDefinition definition) =>
        Assert.Single(SmartCheck.Check([Item(definition.Code, 100)], c => c == definition.Code ? definition : null));

    [Fact]
    public void A_KPI_whose_data_source_GovKpi_does_not_record_is_refused_naming_the_source_and_the_known_ones()
    {
        var v = Refusal(Measured("Sổ theo dõi của phòng", "on_time_rate"));

        Assert.Equal(SmartRule.NoDataFeedsKpi, v.Rule);
        Assert.Equal("items[0].dataSource", v.Field);
        Assert.Equal(FeedGap.UnknownSource, v.Feed!.Gap);
        Assert.Equal(["Sổ theo dõi của phòng", "dossiers, surveys, complaints, manager_rating, delegated_task_reports, training_records"], v.Feed.Arguments);
        Assert.Contains("is not one GovKpi records", v.Detail);
    }

    [Fact]
    public void A_measured_KPI_needs_a_formula_the_engine_computes()
    {
        Assert.Equal((SmartRule.NoDataFeedsKpi, "items[0].formulaRef", FeedGap.MissingFormula),
            Refusal(Measured("dossiers", null)) is var a ? (a.Rule, a.Field, a.Feed!.Gap) : default);
        var unknown = Refusal(Measured("dossiers", "inspections_closed"));
        Assert.Equal((FeedGap.UnknownFormula, "inspections_closed"), (unknown.Feed!.Gap, unknown.Feed.Arguments[0]));
    }

    [Fact]
    public void A_formula_fed_by_other_records_than_the_named_source_is_refused()
    {
        var v = Refusal(Measured("dossiers", "satisfaction_avg"));

        Assert.Equal(FeedGap.FormulaFromOtherSource, v.Feed!.Gap);
        Assert.Equal(["dossiers", "satisfaction_avg", "surveys"], v.Feed.Arguments);
    }

    [Fact]
    public void Delegated_task_reports_are_held_but_feed_no_KPI_yet()
    {
        Assert.Equal(FeedGap.SourceFeedsNoKpi, Refusal(Measured("delegated_task_reports", "on_time_rate")).Feed!.Gap);
    }

    [Fact]
    public void A_rating_is_fed_only_by_the_managers_rating_and_a_measured_KPI_never_is()
    {
        var rating = Library("coordination")!;

        Assert.Empty(SmartCheck.Check([Item("coordination", 100)], _ => rating));
        Assert.Equal(FeedGap.RatingWithoutRatingSource, Refusal(rating with { DataSource = "surveys" }).Feed!.Gap);
        Assert.Equal(FeedGap.MeasureFromRatingSource, Refusal(Measured("manager_rating", "on_time_rate")).Feed!.Gap);
    }

    [Fact]
    public void Every_formula_of_the_engine_has_exactly_one_data_source()
    {
        Assert.All(GovKpi.Core.Measurement.KpiFormula.All, f => Assert.Single(KpiDataSource.All, s => s.Formulas.Contains(f.Code)));
    }
}
