using GovKpi.Core.Evaluation;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.Collective;

/// <summary>One of the province's yearly objectives: a KPI and the target the province sets itself for the year.</summary>
public sealed record Objective
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required int Year { get; init; }
    public required string KpiCode { get; init; }
    public required decimal ProvinceTarget { get; init; }
    public string RecordedBy { get; init; } = "";
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>The target a unit takes on for the year under an objective; it keeps the objective it serves.</summary>
public sealed record UnitTarget
{
    public required string ObjectiveCode { get; init; }
    public required string UnitCode { get; init; }
    public required decimal Target { get; init; }
    public string RecordedBy { get; init; } = "";
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>A target a unit's result is judged against, and the objective it was cascaded from.</summary>
public sealed record CascadedTarget(decimal Target, string ObjectiveCode);

public enum GoalRule
{
    CodeRequired,
    NameRequired,
    YearOutOfRange,
    UnknownKpi,
    /// <summary>A behavioural rating cannot be a province's objective: nothing measures it for a unit.</summary>
    KpiNotMeasured,
    TargetNegative,
    /// <summary>One objective per KPI and year, so that a unit's target for the KPI is never ambiguous.</summary>
    KpiAlreadyHasObjective,
    UnknownUnit,
    UnitNotInYear,
    DuplicateUnit,
    UnknownObjective,
    /// <summary>A target serves an objective of another KPI.</summary>
    ObjectiveOfAnotherKpi,
    /// <summary>A target serves an objective of another year.</summary>
    ObjectiveOfAnotherYear,
}

/// <summary>A broken cascade rule, located by the path of the offending input.</summary>
public sealed record GoalViolation(GoalRule Rule, string Field, params string[] Arguments);

public enum GoalWarningKind
{
    /// <summary>A rate KPI: a unit's target is looser than the province's, so the province cannot reach its own.</summary>
    LooserThanProvince,
    /// <summary>An additive KPI (a count per working day): the units' targets do not add up to the province's.</summary>
    DoNotAddUp,
}

/// <summary>A cascade that is allowed but should make HR look again.</summary>
public sealed record GoalWarning(GoalWarningKind Kind, string? UnitCode, decimal Target, decimal ProvinceTarget);

/// <summary>
/// The rules of cascading goals: the province's yearly objectives (one per KPI and year) go to
/// units as targets for the same year, and on to positions' KPI sets, whose items name the
/// objective they serve. Every target is thus traceable to its objective and back.
/// </summary>
public static class GoalCascade
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    public static IReadOnlyList<GoalViolation> CheckObjective(Objective objective, IEnumerable<Objective> others, Func<string, KpiDefinition?> findDefinition)
    {
        var violations = new List<GoalViolation>();
        if (string.IsNullOrWhiteSpace(objective.Code))
        {
            violations.Add(new(GoalRule.CodeRequired, "code"));
        }

        if (string.IsNullOrWhiteSpace(objective.Name))
        {
            violations.Add(new(GoalRule.NameRequired, "name"));
        }

        if (objective.Year is < FirstYear or > LastYear)
        {
            violations.Add(new(GoalRule.YearOutOfRange, "year", Number(FirstYear), Number(LastYear)));
        }

        switch (findDefinition(objective.KpiCode))
        {
            case null:
                violations.Add(new(GoalRule.UnknownKpi, "kpiCode", objective.KpiCode));
                break;
            case { Kind: KpiKind.Qualitative }:
                violations.Add(new(GoalRule.KpiNotMeasured, "kpiCode", objective.KpiCode));
                break;
        }

        if (objective.ProvinceTarget < 0)
        {
            violations.Add(new(GoalRule.TargetNegative, "provinceTarget"));
        }

        if (others.FirstOrDefault(o => o.Code != objective.Code && o.KpiCode == objective.KpiCode && o.Year == objective.Year) is { } taken)
        {
            violations.Add(new(GoalRule.KpiAlreadyHasObjective, "kpiCode", objective.KpiCode, Number(objective.Year), taken.Code));
        }

        return violations;
    }

    /// <summary>Units' targets under <paramref name="objective"/>: known units that exist during its year, once each, not negative.</summary>
    public static IReadOnlyList<GoalViolation> CheckUnitTargets(Objective objective, IReadOnlyList<UnitTarget> targets, Func<string, Unit?> findUnit)
    {
        var violations = new List<GoalViolation>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var (yearStart, yearEnd) = (new DateOnly(objective.Year, 1, 1), new DateOnly(objective.Year + 1, 1, 1));
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            var at = $"targets[{i}]";
            if (findUnit(target.UnitCode) is not { } unit)
            {
                violations.Add(new(GoalRule.UnknownUnit, $"{at}.unitCode", target.UnitCode));
            }
            else if (unit.EffectiveFrom >= yearEnd || unit.EffectiveTo is { } to && to <= yearStart)
            {
                violations.Add(new(GoalRule.UnitNotInYear, $"{at}.unitCode", target.UnitCode, Number(objective.Year)));
            }

            if (!seen.Add(target.UnitCode))
            {
                violations.Add(new(GoalRule.DuplicateUnit, $"{at}.unitCode", target.UnitCode));
            }

            if (target.Target < 0)
            {
                violations.Add(new(GoalRule.TargetNegative, $"{at}.target"));
            }
        }

        return violations;
    }

    /// <summary>
    /// The items of a set version effective from <paramref name="effectiveFrom"/> that name an
    /// objective must serve one of the same KPI and of the year the version starts in.
    /// </summary>
    public static IReadOnlyList<GoalViolation> CheckSetItems(IReadOnlyList<KpiSetItem> items, DateOnly effectiveFrom, Func<string, Objective?> findObjective)
    {
        var violations = new List<GoalViolation>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.ObjectiveCode is not { } code)
            {
                continue;
            }

            var at = $"items[{i}].objectiveCode";
            if (findObjective(code) is not { } objective)
            {
                violations.Add(new(GoalRule.UnknownObjective, at, code));
            }
            else if (objective.KpiCode != item.KpiCode)
            {
                violations.Add(new(GoalRule.ObjectiveOfAnotherKpi, at, code, objective.KpiCode, item.KpiCode));
            }
            else if (objective.Year != effectiveFrom.Year)
            {
                violations.Add(new(GoalRule.ObjectiveOfAnotherYear, at, code, Number(objective.Year), Number(effectiveFrom.Year)));
            }
        }

        return violations;
    }

    /// <summary>
    /// Units' targets that leave the province short of its own: for a rate (a share, an average)
    /// each unit looser than the province; for a count per working day, which adds up across
    /// units, a total below (or, lower-is-better, above) the province's target.
    /// </summary>
    public static IReadOnlyList<GoalWarning> Warnings(Objective objective, KpiDefinition definition, IReadOnlyCollection<UnitTarget> targets)
    {
        if (targets.Count == 0)
        {
            return [];
        }

        var higher = definition.Direction == KpiDirection.HigherIsBetter;
        var province = objective.ProvinceTarget;
        if (IsAdditive(definition))
        {
            var sum = targets.Sum(t => t.Target);
            return (higher ? sum < province : sum > province) ? [new(GoalWarningKind.DoNotAddUp, null, sum, province)] : [];
        }

        return [.. targets
            .Where(t => higher ? t.Target < province : t.Target > province)
            .OrderBy(t => t.UnitCode, StringComparer.Ordinal)
            .Select(t => new GoalWarning(GoalWarningKind.LooserThanProvince, t.UnitCode, t.Target, province))];
    }

    /// <summary>A KPI whose value for the province is the sum of its units': a count over the period's working days.</summary>
    public static bool IsAdditive(KpiDefinition definition) =>
        definition.FormulaRef is { } formula && KpiFormula.Find(formula) is { Denominator.Source: RecordSource.WorkingDays };

    /// <summary>The targets cascaded to <paramref name="unitCode"/> for <paramref name="year"/>, by KPI.</summary>
    public static Dictionary<string, CascadedTarget> TargetsOf(string unitCode, int year, IEnumerable<Objective> objectives, IEnumerable<UnitTarget> targets)
    {
        var ofYear = objectives.Where(o => o.Year == year).ToDictionary(o => o.Code, StringComparer.Ordinal);
        return targets
            .Where(t => t.UnitCode == unitCode && ofYear.ContainsKey(t.ObjectiveCode))
            .ToDictionary(t => ofYear[t.ObjectiveCode].KpiCode, t => new CascadedTarget(t.Target, t.ObjectiveCode), StringComparer.Ordinal);
    }

    /// <summary>How far a value reached a cascaded target, by the rule people are scored with (<see cref="KpiAchievement"/>).</summary>
    public static KpiAchievementLine Achievement(KpiDefinition definition, decimal target, KpiValue? value) =>
        KpiAchievement.Of([new KpiInput(new KpiSetItem { KpiCode = definition.Code, WeightPercent = 100, TargetOverride = target }, definition, value)], KpiScoringPolicy.Decree335).Lines[0];

    private static string Number(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A position's set item that serves an objective: the last step of the cascade.</summary>
public sealed record PositionTarget(string PositionCode, int SetVersion, DateOnly EffectiveFrom, DateOnly? EffectiveTo, decimal WeightPercent, decimal? Target);

/// <summary>An objective with every target that serves it: the cascade read downwards.</summary>
public sealed record GoalTree(Objective Objective, IReadOnlyList<UnitTarget> Units, IReadOnlyList<PositionTarget> Positions)
{
    /// <summary>
    /// The units' targets under <paramref name="objective"/> and the positions' set versions in
    /// force during its year whose items name it.
    /// </summary>
    public static GoalTree Of(Objective objective, IEnumerable<UnitTarget> targets, IEnumerable<KpiSet> positionSets)
    {
        var (yearStart, yearEnd) = (new DateOnly(objective.Year, 1, 1), new DateOnly(objective.Year + 1, 1, 1));
        var units = targets.Where(t => t.ObjectiveCode == objective.Code).OrderBy(t => t.UnitCode, StringComparer.Ordinal).ToList();
        var positions = positionSets
            .Where(s => s.Holder == KpiSetHolder.Position && s.EffectiveFrom < yearEnd && (s.EffectiveTo is null || s.EffectiveTo > yearStart))
            .SelectMany(s => s.Items.Where(i => i.ObjectiveCode == objective.Code)
                .Select(i => new PositionTarget(s.PositionCode, s.Version, s.EffectiveFrom, s.EffectiveTo, i.WeightPercent, i.TargetOverride)))
            .OrderBy(p => p.PositionCode, StringComparer.Ordinal).ThenBy(p => p.SetVersion)
            .ToList();
        return new(objective, units, positions);
    }
}
