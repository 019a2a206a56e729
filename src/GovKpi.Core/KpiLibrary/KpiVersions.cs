namespace GovKpi.Core.KpiLibrary;

/// <summary>
/// The one rule for which version of a KPI definition and of a KPI set judges a period: the one in
/// force at the period's start. A target revised from a date inside a year thus leaves the periods
/// that began before that date with the old target, whoever reads them (values, forecasts,
/// calibration, transparency, reports, drafts).
/// </summary>
public static class KpiVersions
{
    /// <summary>The version of one KPI's definition in force on <paramref name="periodStart"/>, or none.</summary>
    public static KpiDefinition? DefinitionAt(IEnumerable<KpiDefinition> versions, DateOnly periodStart) =>
        versions.Where(d => d.IsActiveOn(periodStart)).MaxBy(d => d.Version);

    /// <summary>Of versions of many KPIs, the one in force on <paramref name="periodStart"/> for each key (code or formula).</summary>
    public static Dictionary<string, KpiDefinition> DefinitionsAt(
        IEnumerable<KpiDefinition> versions, Func<KpiDefinition, string> key, DateOnly periodStart) =>
        versions.GroupBy(key, StringComparer.Ordinal)
            .Select(g => DefinitionAt(g, periodStart))
            .OfType<KpiDefinition>()
            .ToDictionary(key, StringComparer.Ordinal);

    /// <summary>
    /// The version of one position's KPI set in force on <paramref name="periodStart"/>: the latest
    /// that started by then, or none. A set is never left without a successor, so a version
    /// that started by then and was not replaced by a later one is the one in force.
    /// </summary>
    public static KpiSet? SetAt(IEnumerable<KpiSet> versions, DateOnly periodStart) =>
        versions.Where(s => s.EffectiveFrom <= periodStart).MaxBy(s => (s.EffectiveFrom, s.Version));

    /// <summary>Of versions of many positions' sets, the one in force on <paramref name="periodStart"/> for each position.</summary>
    public static Dictionary<string, KpiSet> SetsAt(IEnumerable<KpiSet> versions, DateOnly periodStart) =>
        versions.GroupBy(s => s.PositionCode, StringComparer.Ordinal)
            .Select(g => SetAt(g, periodStart))
            .OfType<KpiSet>()
            .ToDictionary(s => s.PositionCode, StringComparer.Ordinal);

    /// <summary>
    /// The measured KPI values a person is judged on: the quantitative items of their set in force
    /// (<see cref="SetAt"/>), by <see cref="KpiDefinition.MeasuredAs"/>; none without a set.
    /// </summary>
    public static IReadOnlySet<string> MeasuredBy(KpiSet? set, IReadOnlyDictionary<string, KpiDefinition> definitions) =>
        (set?.Items ?? []).Select(i => definitions.GetValueOrDefault(i.KpiCode)).OfType<KpiDefinition>()
            .Where(d => d.Kind == KpiKind.Quantitative).Select(d => d.MeasuredAs).ToHashSet(StringComparer.Ordinal);
}
