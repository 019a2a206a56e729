using GovKpi.Core.Collective;
using GovKpi.Core.Evaluation;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.Tests.Collective;

public class UnitResultsTests
{
    private static readonly DateOnly Q3 = new(2026, 7, 1);

    private static readonly Dictionary<string, KpiDefinition> Library = BuiltInKpis.Definitions.ToDictionary(d => d.Code);

    private static Unit Commune(string code) => new()
    {
        Code = code, NameVi = code, NameEn = code, Kind = UnitKind.Commune, ParentCode = "KH", EffectiveFrom = new(2025, 7, 1),
    };

    private static KpiSet Set(KpiSetHolder holder, string code, int version, DateOnly from, params (string Kpi, decimal Weight, decimal? Target)[] items) => new()
    {
        Holder = holder, PositionCode = code, Version = version, EffectiveFrom = from,
        Items = [.. items.Select(i => new KpiSetItem { KpiCode = i.Kpi, WeightPercent = i.Weight, TargetOverride = i.Target })],
    };

    private static UnitSetInForce CommuneSet() => UnitKpiSets.SetFor(Commune("C1"), [], Q3)!;

    [Fact]
    public void A_commune_without_a_stored_set_is_judged_by_the_built_in_commune_set()
    {
        var set = UnitKpiSets.SetFor(Commune("C1"), [], Q3);

        Assert.Equal(UnitSetSource.BuiltIn, set!.Source);
        Assert.Equal(["on_time_rate", "online_share", "satisfaction_avg", "complaint_rate"], set.Set.Items.Select(i => i.KpiCode));
        Assert.All(UnitKpiSets.BuiltIn, s => Assert.Equal(100m, s.Items.Sum(i => i.WeightPercent)));
        Assert.Null(UnitKpiSets.SetFor(Commune("C1") with { Kind = UnitKind.Province }, [], Q3));
    }

    [Fact]
    public void The_units_own_set_wins_over_its_kinds_and_the_version_in_force_at_the_period_start_applies()
    {
        KpiSet[] stored =
        [
            Set(KpiSetHolder.UnitKind, "Commune", 1, new(2026, 1, 1), ("on_time_rate", 100, null)),
            Set(KpiSetHolder.Unit, "C1", 1, new(2026, 1, 1), ("online_share", 100, 80)) with { EffectiveTo = new(2026, 8, 1) },
            Set(KpiSetHolder.Unit, "C1", 2, new(2026, 8, 1), ("online_share", 100, 90)),
            Set(KpiSetHolder.Position, "C1", 1, new(2026, 1, 1), ("complaint_rate", 100, null)),
        ];

        var c1Q3 = UnitKpiSets.SetFor(Commune("C1"), stored, Q3)!;
        var c1Q4 = UnitKpiSets.SetFor(Commune("C1"), stored, new(2026, 10, 1))!;
        var c2 = UnitKpiSets.SetFor(Commune("C2"), stored, Q3)!;
        var c2Before = UnitKpiSets.SetFor(Commune("C2"), stored, new(2025, 10, 1))!;

        Assert.Equal((UnitSetSource.Unit, 1), (c1Q3.Source, c1Q3.Set.Version));
        Assert.Equal((UnitSetSource.Unit, 2), (c1Q4.Source, c1Q4.Set.Version));
        Assert.Equal((UnitSetSource.UnitKind, "on_time_rate"), (c2.Source, c2.Set.Items.Single().KpiCode));
        Assert.Equal(UnitSetSource.BuiltIn, c2Before.Source);
    }

    [Fact]
    public void A_units_result_is_the_weighted_achievement_of_its_set_direction_aware_and_capped()
    {
        var values = new Dictionary<string, KpiValue>
        {
            ["on_time_rate"] = new(49, 50),        // 98 % against 98 % → 100 %
            ["online_share"] = new(35, 50),        // 70 % against 70 % → 100 %, 
            ["satisfaction_avg"] = new(45, 10),    // 4.5 against 4.5 → 100 %
            ["complaint_rate"] = new(1, 100),      // 1 % against at most 0.5 % → 50 %
        };

        var result = UnitResults.Of("C1", CommuneSet(), Library, values, new Dictionary<string, CascadedTarget>());

        // (35 + 25 + 25 + 15 × 50 %) ÷ 100
        Assert.Equal(0.925m, result.Ratio);
        Assert.Equal([1m, 1m, 1m, 0.5m], result.Lines.Select(l => l.Achievement!.Value));
        Assert.Equal((KpiSetHolder.UnitKind, "Commune", UnitSetSource.BuiltIn), (result.SetHolder, result.SetCode, result.Source));
    }

    [Fact]
    public void A_kpi_without_a_value_is_left_out_and_a_unit_without_any_has_no_result()
    {
        var some = UnitResults.Of("C1", CommuneSet(), Library, new Dictionary<string, KpiValue> { ["on_time_rate"] = new(45, 50), ["online_share"] = new(0, 0) }, new Dictionary<string, CascadedTarget>());
        var none = UnitResults.Of("C1", CommuneSet(), Library, new Dictionary<string, KpiValue>(), new Dictionary<string, CascadedTarget>());

        // 90 % ÷ 98 %, the only KPI with a value
        Assert.Equal(Math.Min(1, 90m / 98m), some.Ratio);
        Assert.Null(some.Lines.Single(l => l.KpiCode == "online_share").Achievement);
        Assert.Null(none.Ratio);
        Assert.Equal("KpiNone", none.Explanation.Key);
    }

    [Fact]
    public void A_target_cascaded_to_the_unit_replaces_the_sets_and_keeps_its_objective()
    {
        var values = new Dictionary<string, KpiValue> { ["online_share"] = new(40, 50) };
        var cascaded = new Dictionary<string, CascadedTarget> { ["online_share"] = new(80m, "MT-2026-TT") };

        var result = UnitResults.Of("C1", CommuneSet(), Library, values, cascaded, onlyKpis: ["online_share"]);

        var line = Assert.Single(result.Lines);
        Assert.Equal((80m, "MT-2026-TT", 1m), (line.Target, line.ObjectiveCode, line.Achievement));
        Assert.Equal(1m, result.Ratio);
    }

    [Fact]
    public void Units_rank_best_first_equal_results_share_a_rank_and_units_without_a_result_come_last()
    {
        UnitResult Result(string unit, decimal? ratio) => new(unit, KpiSetHolder.UnitKind, "Commune", 1, UnitSetSource.BuiltIn, [], ratio, Explanation.Of("Kpi", ""));

        var ranked = UnitResults.Rank([Result("C3", 0.8m), Result("C1", 0.9m), Result("C4", null), Result("C2", 0.9m), Result("C5", 0.7m)]);

        Assert.Equal([("C1", (int?)1), ("C2", 1), ("C3", 3), ("C5", 4), ("C4", null)], ranked.Select(r => (r.Result.UnitCode, r.Rank)));
    }

    [Fact]
    public void A_collective_set_accepts_only_measured_kpis()
    {
        var violations = UnitKpiSets.Check(GroupKpiSets.Items(("on_time_rate", 50), ("coordination", 50)), code => Library.GetValueOrDefault(code));

        Assert.Equal([new UnitSetViolation("items[1].kpiCode", "coordination")], violations);
    }
}
