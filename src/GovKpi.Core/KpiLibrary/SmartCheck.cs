namespace GovKpi.Core.KpiLibrary;

/// <summary>What the SMART check found wrong. Each rule has one localised message in the app.</summary>
public enum SmartRule
{
    EmptySet,
    WeightsDoNotSumTo100,
    WeightNotPositive,
    DuplicateKpi,
    UnknownKpi,
    MissingTarget,
    MissingDataSource,
    /// <summary>No record or rating GovKpi holds can give the KPI a value (<see cref="SmartViolation.Feed"/> says why).</summary>
    NoDataFeedsKpi,
    MissingPeriod,
}

/// <summary>
/// One violation, located: <see cref="Field"/> is the path of the offending input
/// (<c>items[2].weightPercent</c>, <c>weights</c>) and <see cref="KpiCode"/> names the KPI.
/// </summary>
public sealed record SmartViolation(SmartRule Rule, string Field, string? KpiCode, string Detail)
{
    /// <summary>For <see cref="SmartRule.NoDataFeedsKpi"/>: why nothing feeds the KPI, with the arguments of its message.</summary>
    public KpiFeedGap? Feed { get; init; }
}

/// <summary>
/// The SMART check every KPI set passes before it is saved: Specific (a known KPI, once),
/// Measurable (a target), Achievable/Relevant (positive weights that sum to 100%), Time-bound
/// (a measurement period), and fed by a data source GovKpi holds (<see cref="KpiFeed"/>): a KPI
/// that no record or rating can give a value would be scored by nothing.
/// </summary>
public static class SmartCheck
{
    public const decimal RequiredWeightSum = 100m;

    public static IReadOnlyList<SmartViolation> Check(IReadOnlyList<KpiSetItem> items, Func<string, KpiDefinition?> findDefinition)
    {
        var violations = new List<SmartViolation>();
        if (items.Count == 0)
        {
            violations.Add(new(SmartRule.EmptySet, "items", null, ""));
            return violations;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var at = $"items[{i}]";
            if (!seen.Add(item.KpiCode))
            {
                violations.Add(new(SmartRule.DuplicateKpi, $"{at}.kpiCode", item.KpiCode, ""));
            }

            if (item.WeightPercent <= 0)
            {
                violations.Add(new(SmartRule.WeightNotPositive, $"{at}.weightPercent", item.KpiCode, Percent(item.WeightPercent)));
            }

            var definition = findDefinition(item.KpiCode);
            if (definition is null)
            {
                violations.Add(new(SmartRule.UnknownKpi, $"{at}.kpiCode", item.KpiCode, ""));
                continue;
            }

            if ((item.TargetOverride ?? definition.Target) is null)
            {
                violations.Add(new(SmartRule.MissingTarget, $"{at}.target", item.KpiCode, ""));
            }

            if (string.IsNullOrWhiteSpace(definition.DataSource))
            {
                violations.Add(new(SmartRule.MissingDataSource, $"{at}.dataSource", item.KpiCode, ""));
            }
            else if (KpiFeed.Check(definition) is { } gap)
            {
                violations.Add(new(SmartRule.NoDataFeedsKpi, $"{at}.{gap.Field}", item.KpiCode, gap.Detail) { Feed = gap });
            }

            if (definition.Period is null)
            {
                violations.Add(new(SmartRule.MissingPeriod, $"{at}.period", item.KpiCode, ""));
            }
        }

        var sum = items.Sum(i => i.WeightPercent);
        if (sum != RequiredWeightSum)
        {
            var weights = string.Join(", ", items.Select(i => $"{i.KpiCode} {Percent(i.WeightPercent)}"));
            violations.Add(new(SmartRule.WeightsDoNotSumTo100, "weights", null, $"{Percent(sum)}: {weights}"));
        }

        return violations;
    }

    private static string Percent(decimal value) =>
        value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
