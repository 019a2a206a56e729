using GovKpi.Core.KpiLibrary;
using static GovKpi.Core.DemoProvince.DemoPositions;

namespace GovKpi.Core.DemoProvince;

/// <summary>
/// KPI sets of the demo province, built from <see cref="BuiltInKpis.Definitions"/>: the
/// dossier specialist's template in two versions (the 2026 one follows Decree 335/2025, which
/// weighs progress more), and sets for the positions that lead or support service delivery.
/// </summary>
internal static class DemoKpiSets
{
    /// <summary>Decree 335/2025/NĐ-CP applies from this day.</summary>
    private static readonly DateOnly Decree335 = new(2026, 1, 1);

    public static IReadOnlyList<KpiSet> All { get; } = Build();

    private static List<KpiSet> Build()
    {
        var sets = new List<KpiSet>();
        var (specialist2026, specialist2025) = KpiSet.NextVersion([BuiltInKpis.DossierSpecialistSet], DossierSpecialist, Decree335,
            Items(("on_time_rate", 25), ("per_working_day", 15), ("error_return_rate", 15), ("satisfaction_avg", 15),
                ("complaint_rate", 10), ("rule_compliance", 10), ("coordination", 5), ("initiative", 5)),
            "Điều chỉnh theo Nghị định 335/2025/NĐ-CP: tăng trọng số tiến độ (đúng hạn).");
        sets.Add(specialist2025!);
        sets.Add(specialist2026);

        sets.Add(Set(ServiceCentreLeader, "Lãnh đạo Trung tâm chịu trách nhiệm về chất lượng phục vụ của cả Trung tâm.",
            ("on_time_rate", 25), ("online_share", 20), ("satisfaction_avg", 20), ("completion_rate", 10), ("complaint_rate", 10), ("coordination", 15)));
        sets.Add(Set(CommuneLeader, "Chỉ số phục vụ người dân của xã, phường gắn với trách nhiệm người đứng đầu.",
            ("on_time_rate", 20), ("online_share", 15), ("satisfaction_avg", 15), ("complaint_rate", 10), ("rule_compliance", 15), ("coordination", 10), ("initiative", 15)));
        sets.Add(Set(Land, "Hồ sơ đất đai chuyển từ Trung tâm sang phòng chuyên môn thẩm định.",
            ("on_time_rate", 30), ("error_return_rate", 20), ("rule_compliance", 20), ("coordination", 15), ("initiative", 15)));
        sets.Add(Set(Justice, "Hộ tịch, chứng thực: phần lớn giải quyết trong ngày.",
            ("on_time_rate", 25), ("error_return_rate", 15), ("satisfaction_avg", 15), ("rule_compliance", 20), ("coordination", 10), ("initiative", 15)));
        sets.Add(Set(DivisionLeader, "Lãnh đạo phòng: đánh giá định tính theo kết quả của phòng.",
            ("rule_compliance", 30), ("coordination", 35), ("initiative", 35)));
        sets.Add(Set(GeneralAffairs, "Chuyên viên tổng hợp: đánh giá định tính hằng quý.",
            ("rule_compliance", 40), ("coordination", 30), ("initiative", 30)));
        return sets;
    }

    private static KpiSet Set(string position, string note, params (string Code, decimal Weight)[] items) => new()
    {
        PositionCode = position,
        Version = 1,
        EffectiveFrom = BuiltInKpis.Since,
        Note = note,
        Items = Items(items),
    };

    private static List<KpiSetItem> Items(params (string Code, decimal Weight)[] items) =>
        items.Select(i => new KpiSetItem { KpiCode = i.Code, WeightPercent = i.Weight }).ToList();
}
