using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.Collective;

/// <summary>Where the set that makes a unit's result comes from, most specific first.</summary>
public enum UnitSetSource
{
    /// <summary>The unit's own set (e.g. a commune with a harder online target).</summary>
    Unit,
    /// <summary>The set stored for every unit of its kind.</summary>
    UnitKind,
    /// <summary>The built-in set of its kind (<see cref="UnitKpiSets.BuiltIn"/>): nothing is stored.</summary>
    BuiltIn,
}

/// <summary>A unit's set in force and where it came from.</summary>
public sealed record UnitSetInForce(KpiSet Set, UnitSetSource Source);

/// <summary>A finding of <see cref="UnitKpiSets.Check"/>, located like the SMART check's.</summary>
public sealed record UnitSetViolation(string Field, string KpiCode);

/// <summary>
/// Collective KPI sets (Khánh Hòa keeps separate KPI sets for agencies, units and localities): the
/// same versioned <see cref="KpiSet"/> as a position's, held by a unit kind or by one unit. A unit's
/// result reads the unit's own set in force at the period's start, else its kind's, else the
/// built-in set of its kind. Only measured KPIs belong in them: no manager rates a commune.
/// </summary>
public static class UnitKpiSets
{
    /// <summary>The built-in sets of the kinds the province has; the weights sum to 100%.</summary>
    public static IReadOnlyList<KpiSet> BuiltIn { get; } =
    [
        Kind(UnitKind.Commune, "Chính quyền xã phục vụ người dân: đúng hạn, trực tuyến, hài lòng, ít phản ánh.",
            ("on_time_rate", 35), ("online_share", 25), ("satisfaction_avg", 25), ("complaint_rate", 15)),
        Kind(UnitKind.Agency, "Sở, ngành: giải quyết thủ tục đúng hạn, trực tuyến, người dân hài lòng.",
            ("on_time_rate", 40), ("online_share", 20), ("satisfaction_avg", 25), ("completion_rate", 15)),
        Kind(UnitKind.Division, "Phòng chuyên môn: đúng hạn, giải quyết xong, ít trả lại do lỗi.",
            ("on_time_rate", 50), ("completion_rate", 25), ("error_return_rate", 25)),
        Kind(UnitKind.ServiceCentre, "Trung tâm phục vụ hành chính công: đúng hạn, hài lòng, trực tuyến, ít trả lại do lỗi.",
            ("on_time_rate", 40), ("satisfaction_avg", 30), ("online_share", 15), ("error_return_rate", 15)),
    ];

    /// <summary>The code a unit kind's set is held under: the kind's name, as the API spells it.</summary>
    public static string KindCode(UnitKind kind) => kind.ToString();

    public static KpiSet? BuiltInFor(UnitKind kind) =>
        BuiltIn.SingleOrDefault(s => s.PositionCode == KindCode(kind));

    /// <summary>
    /// The set that makes <paramref name="unit"/>'s result for a period starting on
    /// <paramref name="periodStart"/>, from the stored collective sets (any holders); none for a
    /// kind without a stored or built-in set (the province).
    /// </summary>
    public static UnitSetInForce? SetFor(Unit unit, IEnumerable<KpiSet> stored, DateOnly periodStart)
    {
        var sets = stored.ToList();
        if (KpiVersions.SetAt(sets.Where(s => s.Holder == KpiSetHolder.Unit && s.PositionCode == unit.Code), periodStart) is { } own)
        {
            return new(own, UnitSetSource.Unit);
        }

        var kind = KindCode(unit.Kind);
        if (KpiVersions.SetAt(sets.Where(s => s.Holder == KpiSetHolder.UnitKind && s.PositionCode == kind), periodStart) is { } ofKind)
        {
            return new(ofKind, UnitSetSource.UnitKind);
        }

        return BuiltInFor(unit.Kind) is { } builtIn && builtIn.EffectiveFrom <= periodStart ? new(builtIn, UnitSetSource.BuiltIn) : null;
    }

    /// <summary>
    /// What a collective set needs beyond the SMART check: every KPI measured from records
    /// (a behavioural rating has no rater for a unit).
    /// </summary>
    public static IReadOnlyList<UnitSetViolation> Check(IReadOnlyList<KpiSetItem> items, Func<string, KpiDefinition?> findDefinition) =>
        [.. items.Select((item, i) => (item, i))
            .Where(x => findDefinition(x.item.KpiCode) is { Kind: KpiKind.Qualitative })
            .Select(x => new UnitSetViolation($"items[{x.i}].kpiCode", x.item.KpiCode))];

    private static KpiSet Kind(UnitKind kind, string note, params (string Code, decimal Weight)[] items) => new()
    {
        Holder = KpiSetHolder.UnitKind,
        PositionCode = KindCode(kind),
        Version = 1,
        EffectiveFrom = BuiltInKpis.Since,
        Note = note,
        Items = GroupKpiSets.Items(items),
    };
}
