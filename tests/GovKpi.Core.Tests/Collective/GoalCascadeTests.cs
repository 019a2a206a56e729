using GovKpi.Core.Collective;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.Tests.Collective;

public class GoalCascadeTests
{
    private static readonly Dictionary<string, KpiDefinition> Library = BuiltInKpis.Definitions.ToDictionary(d => d.Code);

    private static readonly Objective Online = new() { Code = "MT-TT", Name = "Hồ sơ trực tuyến", Year = 2026, KpiCode = "online_share", ProvinceTarget = 70 };

    private static Unit Unit(string code, DateOnly from, DateOnly? to = null) => new()
    {
        Code = code, NameVi = code, NameEn = code, Kind = UnitKind.Commune, ParentCode = "KH", EffectiveFrom = from, EffectiveTo = to,
    };

    private static UnitTarget Target(string unit, decimal target, string objective = "MT-TT") => new() { ObjectiveCode = objective, UnitCode = unit, Target = target };

    [Fact]
    public void An_objective_needs_a_code_a_name_a_measured_kpi_a_year_and_is_the_only_one_of_its_kpi_that_year()
    {
        var bad = GoalCascade.CheckObjective(Online with { Code = " ", Name = "", Year = 1999, KpiCode = "coordination", ProvinceTarget = -1 }, [], Library.GetValueOrDefault);
        var unknown = GoalCascade.CheckObjective(Online with { KpiCode = "nope" }, [], Library.GetValueOrDefault);
        var twice = GoalCascade.CheckObjective(Online with { Code = "MT-TT2" }, [Online], Library.GetValueOrDefault);
        var itself = GoalCascade.CheckObjective(Online, [Online], Library.GetValueOrDefault);
        var nextYear = GoalCascade.CheckObjective(Online with { Code = "MT-TT2", Year = 2027 }, [Online], Library.GetValueOrDefault);

        Assert.Equal([GoalRule.CodeRequired, GoalRule.NameRequired, GoalRule.YearOutOfRange, GoalRule.KpiNotMeasured, GoalRule.TargetNegative], bad.Select(v => v.Rule));
        Assert.Equal(GoalRule.UnknownKpi, Assert.Single(unknown).Rule);
        Assert.Equal(new GoalViolation(GoalRule.KpiAlreadyHasObjective, "kpiCode", "online_share", "2026", "MT-TT").Arguments, Assert.Single(twice).Arguments);
        Assert.Empty(itself);
        Assert.Empty(nextYear);
    }

    [Fact]
    public void Unit_targets_go_to_known_units_existing_in_the_objectives_year_once_each()
    {
        var units = new Dictionary<string, Unit>
        {
            ["C1"] = Unit("C1", new(2025, 7, 1)),
            ["X1"] = Unit("X1", new(2020, 1, 1), new(2025, 7, 1)),
            ["C9"] = Unit("C9", new(2027, 1, 1)),
        };

        var violations = GoalCascade.CheckUnitTargets(Online, [Target("C1", 75), Target("X1", 70), Target("C9", 70), Target("C1", 80), Target("ZZ", -1)], units.GetValueOrDefault);

        Assert.Equal(
        [
            (GoalRule.UnitNotInYear, "targets[1].unitCode"), (GoalRule.UnitNotInYear, "targets[2].unitCode"), (GoalRule.DuplicateUnit, "targets[3].unitCode"),
            (GoalRule.UnknownUnit, "targets[4].unitCode"), (GoalRule.TargetNegative, "targets[4].target"),
        ], violations.Select(v => (v.Rule, v.Field)));
    }

    [Fact]
    public void A_set_item_must_serve_an_objective_of_the_same_kpi_and_year()
    {
        var objectives = new Dictionary<string, Objective> { [Online.Code] = Online };
        KpiSetItem[] items =
        [
            new() { KpiCode = "online_share", WeightPercent = 30, TargetOverride = 75, ObjectiveCode = "MT-TT" },
            new() { KpiCode = "on_time_rate", WeightPercent = 30, ObjectiveCode = "MT-TT" },
            new() { KpiCode = "satisfaction_avg", WeightPercent = 20, ObjectiveCode = "MT-NONE" },
            new() { KpiCode = "complaint_rate", WeightPercent = 20 },
        ];

        var in2026 = GoalCascade.CheckSetItems(items, new(2026, 1, 1), objectives.GetValueOrDefault);
        var in2027 = GoalCascade.CheckSetItems(items[..1], new(2027, 1, 1), objectives.GetValueOrDefault);

        Assert.Equal([(GoalRule.ObjectiveOfAnotherKpi, "items[1].objectiveCode"), (GoalRule.UnknownObjective, "items[2].objectiveCode")], in2026.Select(v => (v.Rule, v.Field)));
        Assert.Equal(GoalRule.ObjectiveOfAnotherYear, Assert.Single(in2027).Rule);
    }

    [Fact]
    public void For_a_rate_each_unit_target_looser_than_the_provinces_is_warned()
    {
        var higher = GoalCascade.Warnings(Online, Library["online_share"], [Target("C2", 65), Target("C1", 75), Target("C3", 70)]);
        var complaints = Online with { KpiCode = "complaint_rate", ProvinceTarget = 0.5m };
        var lower = GoalCascade.Warnings(complaints, Library["complaint_rate"], [Target("C1", 0.4m), Target("C2", 0.8m)]);

        Assert.Equal([new GoalWarning(GoalWarningKind.LooserThanProvince, "C2", 65, 70)], higher);
        Assert.Equal([new GoalWarning(GoalWarningKind.LooserThanProvince, "C2", 0.8m, 0.5m)], lower);
    }

    [Fact]
    public void For_a_count_per_working_day_the_units_targets_must_add_up_to_the_provinces()
    {
        var perDay = Online with { KpiCode = "per_working_day", ProvinceTarget = 100 };

        var shortOf = GoalCascade.Warnings(perDay, Library["per_working_day"], [Target("C1", 40), Target("C2", 50)]);
        var enough = GoalCascade.Warnings(perDay, Library["per_working_day"], [Target("C1", 40), Target("C2", 60)]);

        Assert.Equal([new GoalWarning(GoalWarningKind.DoNotAddUp, null, 90, 100)], shortOf);
        Assert.Empty(enough);
        Assert.True(GoalCascade.IsAdditive(Library["per_working_day"]));
        Assert.False(GoalCascade.IsAdditive(Library["online_share"]));
    }

    [Fact]
    public void A_units_targets_for_a_year_come_from_that_years_objectives_by_kpi()
    {
        var older = Online with { Code = "MT-TT-25", Year = 2025 };

        var targets = GoalCascade.TargetsOf("C1", 2026, [Online, older], [Target("C1", 75), Target("C1", 60, "MT-TT-25"), Target("C2", 90)]);

        Assert.Equal(new CascadedTarget(75, "MT-TT"), Assert.Single(targets).Value);
    }

    [Fact]
    public void The_tree_of_an_objective_holds_its_unit_targets_and_the_position_set_versions_of_its_year_that_serve_it()
    {
        KpiSet Position(string code, int version, DateOnly from, DateOnly? to, string? objective) => new()
        {
            PositionCode = code, Version = version, EffectiveFrom = from, EffectiveTo = to,
            Items = [new KpiSetItem { KpiCode = "online_share", WeightPercent = 20, TargetOverride = 80, ObjectiveCode = objective }],
        };

        var tree = GoalTree.Of(Online, [Target("C2", 72), Target("C1", 75), Target("C1", 60, "OTHER")],
        [
            Position("CV-MOTCUA", 1, new(2025, 1, 1), new(2026, 1, 1), "MT-TT"),
            Position("CV-MOTCUA", 2, new(2026, 1, 1), null, "MT-TT"),
            Position("CV-KHAC", 1, new(2026, 1, 1), null, null),
            Position("C1", 1, new(2026, 1, 1), null, "MT-TT") with { Holder = KpiSetHolder.Unit },
        ]);

        Assert.Equal(["C1", "C2"], tree.Units.Select(u => u.UnitCode));
        Assert.Equal(("CV-MOTCUA", 2, (decimal?)80), Assert.Single(tree.Positions) is var p ? (p.PositionCode, p.SetVersion, p.Target) : default);
    }
}
