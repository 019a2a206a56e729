using GovKpi.Core.KpiLibrary;
using static GovKpi.Core.DemoProvince.DemoPositions;

namespace GovKpi.Core.DemoProvince;

/// <summary>
/// KPI sets of the demo province, built from <see cref="BuiltInKpis.Definitions"/>: the
/// dossier specialist's template in two versions (the 2026 one follows Decree 335/2025, which
/// weighs progress more), and a set for every other position of <see cref="DemoPositions.All"/>:
/// the measured KPIs of the dossiers a position handles, then ratings on anchors for the work
/// no record counts. Every KPI is fed by records or the manager's rating (<see cref="KpiFeed"/>).
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
            [.. Items(("on_time_rate", 25), ("per_working_day", 15), ("error_return_rate", 15), ("satisfaction_avg", 15),
                ("complaint_rate", 10), ("rule_compliance", 10), ("coordination", 5), ("initiative", 5))
                .Select(i => i.KpiCode == "on_time_rate" ? i with { TargetOverride = 98m, ObjectiveCode = DemoGoals.OnTime } : i)],
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

        sets.Add(Set(ProvinceLeader, "Lãnh đạo tỉnh: chỉ số phục vụ người dân của toàn tỉnh và năng lực điều hành.",
            ("on_time_rate", 15), ("online_share", 10), ("satisfaction_avg", 10), ("unit_leadership", 35), ("rule_compliance", 10), ("coordination", 10), ("initiative", 10)));
        sets.Add(Set(AgencyLeader, "Lãnh đạo sở: thủ tục hành chính của ngành đúng hạn, người dân hài lòng, cơ quan hoàn thành kế hoạch.",
            ("on_time_rate", 15), ("satisfaction_avg", 10), ("complaint_rate", 5), ("unit_leadership", 30), ("rule_compliance", 15), ("coordination", 10), ("initiative", 15)));
        sets.Add(Set(Personnel, "Tổ chức cán bộ: chất lượng tham mưu về bộ máy, biên chế, đánh giá.",
            ("work_quality", 35), ("digital_work", 10), ("rule_compliance", 25), ("coordination", 15), ("initiative", 15)));
        sets.Add(Set(AdministrativeReform, "Cải cách hành chính: dịch vụ công trực tuyến và mức độ hài lòng là kết quả của công tác cải cách.",
            ("online_share", 15), ("satisfaction_avg", 10), ("work_quality", 25), ("digital_work", 15), ("rule_compliance", 10), ("coordination", 10), ("initiative", 15)));
        sets.Add(Set(Budget, "Tài chính - ngân sách: ý kiến thẩm định dự toán, quyết toán đúng quy định.",
            ("work_quality", 40), ("digital_work", 10), ("rule_compliance", 25), ("coordination", 15), ("initiative", 10)));
        sets.Add(Set(Investment, "Kế hoạch - đầu tư: hồ sơ đăng ký đầu tư, doanh nghiệp đúng hạn, không sai sót.",
            ("on_time_rate", 25), ("error_return_rate", 15), ("online_share", 10), ("work_quality", 15), ("rule_compliance", 15), ("coordination", 10), ("initiative", 10)));
        sets.Add(Set(NaturalResources, "Tài nguyên - môi trường: hồ sơ thẩm định môi trường, nước, khoáng sản đúng hạn.",
            ("on_time_rate", 25), ("error_return_rate", 15), ("work_quality", 20), ("rule_compliance", 15), ("coordination", 10), ("initiative", 15)));
        sets.Add(Set(Agriculture, "Nông nghiệp: phần lớn là chương trình, kế hoạch; đánh giá chất lượng tham mưu và phối hợp với xã.",
            ("work_quality", 35), ("rule_compliance", 15), ("coordination", 25), ("initiative", 25)));
        sets.Add(Set(Construction, "Quy hoạch - xây dựng: giấy phép xây dựng đúng hạn; phản ánh về trật tự xây dựng.",
            ("on_time_rate", 25), ("error_return_rate", 15), ("complaint_rate", 10), ("work_quality", 15), ("rule_compliance", 15), ("coordination", 10), ("initiative", 10)));
        sets.Add(Set(Transport, "Giao thông vận tải: hồ sơ cấp phép vận tải đúng hạn, không sai sót.",
            ("on_time_rate", 25), ("error_return_rate", 15), ("work_quality", 20), ("rule_compliance", 15), ("coordination", 10), ("initiative", 15)));
        sets.Add(Set(Trade, "Công thương: hồ sơ cấp phép của ngành và chất lượng quản lý thị trường, an toàn thực phẩm.",
            ("on_time_rate", 20), ("error_return_rate", 10), ("work_quality", 25), ("rule_compliance", 15), ("coordination", 15), ("initiative", 15)));
        sets.Add(Set(Science, "Khoa học, công nghệ và chuyển đổi số: hồ sơ trực tuyến là kết quả đo được của chuyển đổi số.",
            ("online_share", 15), ("digital_work", 30), ("work_quality", 20), ("rule_compliance", 10), ("coordination", 10), ("initiative", 15)));
        sets.Add(Set(CultureSocial, "Văn hóa - xã hội: chất lượng tham mưu và phối hợp với cơ sở.",
            ("work_quality", 35), ("rule_compliance", 15), ("coordination", 25), ("initiative", 25)));
        sets.Add(Set(Education, "Giáo dục: hồ sơ của ngành đúng hạn; chất lượng quản lý chuyên môn, thi cử.",
            ("on_time_rate", 15), ("work_quality", 35), ("rule_compliance", 20), ("coordination", 15), ("initiative", 15)));
        sets.Add(Set(Health, "Y tế: hồ sơ cấp chứng chỉ, giấy phép hành nghề đúng hạn, không sai sót.",
            ("on_time_rate", 20), ("error_return_rate", 15), ("work_quality", 20), ("rule_compliance", 15), ("coordination", 15), ("initiative", 15)));
        sets.Add(Set(LabourSocial, "Lao động, người có công và xã hội: hồ sơ chế độ giải quyết đúng hạn, người dân hài lòng.",
            ("on_time_rate", 25), ("error_return_rate", 15), ("satisfaction_avg", 10), ("complaint_rate", 10), ("rule_compliance", 15), ("coordination", 10), ("initiative", 15)));
        sets.Add(Set(EthnicReligious, "Dân tộc - tôn giáo: chất lượng tham mưu chính sách và phối hợp với địa phương.",
            ("work_quality", 35), ("rule_compliance", 20), ("coordination", 25), ("initiative", 20)));
        sets.Add(Set(Inspector, "Thanh tra: kết luận thanh tra, giải quyết khiếu nại đúng pháp luật, đủ căn cứ.",
            ("work_quality", 40), ("rule_compliance", 30), ("coordination", 15), ("initiative", 15)));
        sets.Add(Set(Accountant, "Kế toán: chứng từ, sổ sách đúng quy định và khớp khi kiểm tra.",
            ("work_quality", 30), ("safekeeping", 25), ("rule_compliance", 25), ("coordination", 10), ("initiative", 10)));
        sets.Add(Set(Journalist, "Phóng viên, biên tập viên: chất lượng tin, bài và sản xuất trên môi trường số.",
            ("work_quality", 40), ("digital_work", 20), ("rule_compliance", 15), ("coordination", 10), ("initiative", 15)));
        sets.Add(Set(Records, "Văn thư - lưu trữ: văn bản đến, đi kịp thời; lưu trữ, con dấu đúng quy định.",
            ("service_support", 30), ("safekeeping", 30), ("digital_work", 10), ("rule_compliance", 15), ("coordination", 5), ("initiative", 10)));
        sets.Add(Set(Treasurer, "Thủ quỹ - hành chính: quỹ tiền mặt khớp sổ sách; hậu cần, hội họp kịp thời.",
            ("safekeeping", 35), ("service_support", 30), ("rule_compliance", 20), ("coordination", 5), ("initiative", 10)));
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

    private static IReadOnlyList<KpiSetItem> Items(params (string Code, decimal Weight)[] items) => GroupKpiSets.Items(items);
}
