using GovKpi.Core.Organisation;

namespace GovKpi.Core.KpiLibrary;

/// <summary>The built-in KPI set of a position group: where a position without its own set starts from.</summary>
public sealed record GroupKpiSet(PositionGroup Group, string Note, IReadOnlyList<KpiSetItem> Items);

/// <summary>
/// One KPI set per position group (management, professional, support), as seed 001 asks: a
/// single set for every position is unfair, so each group weighs what its work produces. Every
/// KPI is fed by records or by the manager's rating on anchors, and the weights sum to 100%.
/// </summary>
public static class GroupKpiSets
{
    public static IReadOnlyList<GroupKpiSet> All { get; } =
    [
        new(PositionGroup.Management,
            "Kết quả phục vụ của đơn vị được giao phụ trách và năng lực tổ chức thực hiện.",
            Items(("on_time_rate", 15), ("satisfaction_avg", 10), ("unit_leadership", 35), ("rule_compliance", 15), ("coordination", 10), ("initiative", 15))),
        new(PositionGroup.Professional,
            "Chất lượng sản phẩm tham mưu; hồ sơ đúng hạn khi vị trí giải quyết thủ tục hành chính.",
            Items(("work_quality", 35), ("on_time_rate", 15), ("rule_compliance", 20), ("coordination", 15), ("initiative", 15))),
        new(PositionGroup.Support,
            "Bảo đảm hoạt động chung và giữ gìn tài liệu, tài sản.",
            Items(("service_support", 35), ("safekeeping", 25), ("rule_compliance", 20), ("coordination", 10), ("initiative", 10))),
    ];

    public static GroupKpiSet For(PositionGroup group) => All.Single(s => s.Group == group);

    /// <summary>Items of a set from (KPI code, weight %) pairs, in the order given.</summary>
    public static IReadOnlyList<KpiSetItem> Items(params (string Code, decimal Weight)[] items) =>
        [.. items.Select(i => new KpiSetItem { KpiCode = i.Code, WeightPercent = i.Weight })];
}
