using GovKpi.Core.Organisation;

namespace GovKpi.Core.KpiLibrary;

/// <summary>
/// The KPI library every province starts from, and the template set of the one-stop-shop
/// dossier specialist (Chuyên viên xử lý hồ sơ, bộ phận Một cửa) from DOMAIN.md. Quantitative
/// KPIs name the measurement formula of CONTRACTS.md they are computed by.
/// </summary>
public static class BuiltInKpis
{
    /// <summary>Start of Khánh Hòa's KPI scoring; the built-in versions are valid from then.</summary>
    public static readonly DateOnly Since = new(2025, 4, 1);

    public const string DossierSpecialistPosition = "CV-MOTCUA";

    public static JobPosition DossierSpecialist { get; } = new()
    {
        Code = DossierSpecialistPosition,
        NameVi = "Chuyên viên xử lý hồ sơ, bộ phận Một cửa",
        NameEn = "One-stop-shop dossier specialist",
        Group = PositionGroup.Professional,
        Description = "Tiếp nhận, xử lý và trả kết quả hồ sơ thủ tục hành chính cho người dân và doanh nghiệp; hướng dẫn bổ sung hồ sơ; phối hợp với các phòng chuyên môn.",
    };

    public static IReadOnlyList<KpiDefinition> Definitions { get; } =
    [
        Quantitative("on_time_rate", "Tỷ lệ hồ sơ xử lý đúng hạn", "Dossiers processed on time",
            "Hồ sơ kết thúc xử lý không muộn hơn ngày hẹn trả, trên số hồ sơ đã kết thúc cộng hồ sơ còn mở đã quá hạn.",
            "%", KpiDirection.HigherIsBetter, 98m, 95m, 90m, KpiDataSource.Dossiers),
        Quantitative("per_working_day", "Số hồ sơ xử lý mỗi ngày làm việc", "Dossiers processed per working day",
            "Số hồ sơ kết thúc trong kỳ chia cho số ngày làm việc; chỉ tiêu đặt theo định mức độ phức tạp của từng đơn vị.",
            "hồ sơ/ngày", KpiDirection.HigherIsBetter, 8m, 6m, 4m, KpiDataSource.Dossiers),
        Quantitative("error_return_rate", "Tỷ lệ hồ sơ trả lại / yêu cầu bổ sung do lỗi người xử lý", "Dossiers returned or sent back for supplement due to handler error",
            "Hồ sơ bị trả lại hoặc yêu cầu bổ sung lần đầu do lỗi của người xử lý, trên số hồ sơ đã kết thúc.",
            "%", KpiDirection.LowerIsBetter, 2m, 3m, 5m, KpiDataSource.Dossiers),
        Quantitative("satisfaction_avg", "Mức độ hài lòng của người dân", "Citizen satisfaction",
            "Điểm trung bình các phiếu khảo sát (1–5) về hồ sơ của phạm vi đánh giá.",
            "điểm (1–5)", KpiDirection.HigherIsBetter, 4.5m, 4.2m, 3.8m, KpiDataSource.Surveys),
        Quantitative("complaint_rate", "Tỷ lệ phản ánh, kiến nghị về thái độ, quy trình, hướng dẫn", "Complaints about attitude, process or guidance",
            "Phản ánh được xác định là đúng, trên số hồ sơ đã kết thúc.",
            "%", KpiDirection.LowerIsBetter, 0.5m, 0.8m, 1.5m, KpiDataSource.Complaints),
        Quantitative("online_share", "Tỷ lệ hồ sơ trực tuyến", "Online dossier share",
            "Hồ sơ tiếp nhận qua kênh trực tuyến trên tổng số hồ sơ tiếp nhận.",
            "%", KpiDirection.HigherIsBetter, 70m, 60m, 50m, KpiDataSource.Dossiers),
        Quantitative("completion_rate", "Tỷ lệ hồ sơ giải quyết xong", "Completion rate",
            "Hồ sơ đã xử lý hoặc đã trả kết quả, trên số hồ sơ kết thúc cộng hồ sơ rút.",
            "%", KpiDirection.HigherIsBetter, 95m, 90m, 85m, KpiDataSource.Dossiers),
        Quantitative("trained_staff_share", "Tỷ lệ cán bộ được đào tạo kỹ năng số / sử dụng AI", "Staff trained in digital skills / AI use",
            "Người làm việc tại đơn vị vào ngày cuối kỳ có chứng nhận hoàn thành (đạt) một khóa kỹ năng số hoặc sử dụng AI còn hiệu lực ngày đó, trên số người làm việc tại đơn vị ngày đó.",
            "%", KpiDirection.HigherIsBetter, 80m, 70m, 50m, KpiDataSource.TrainingRecords),
        Rating("rule_compliance", "Chấp hành quy định, quy trình", "Compliance with rules and procedures",
            "Thực hiện đúng quy trình tiếp nhận, thẩm định và trả kết quả; không để xảy ra sai sót thủ tục."),
        Rating("coordination", "Phối hợp với đồng nghiệp và đơn vị", "Coordination with colleagues and units",
            "Chủ động trao đổi, chuyển hồ sơ liên thông kịp thời, hỗ trợ đồng nghiệp."),
        Rating("initiative", "Chủ động, trách nhiệm, thái độ phục vụ", "Initiative, responsibility, service attitude",
            "Tận tình hướng dẫn người dân, đề xuất cải tiến, chịu trách nhiệm về kết quả."),
        Rating("unit_leadership", "Lãnh đạo, điều hành, tổ chức thực hiện nhiệm vụ của đơn vị", "Leading and organising the unit's work",
            "Phân công rõ người, rõ việc, rõ thời hạn; đơn vị hoàn thành kế hoạch công tác; tháo gỡ kịp thời vướng mắc của cấp dưới."),
        Rating("work_quality", "Chất lượng sản phẩm tham mưu, chuyên môn", "Quality of advisory and professional work",
            "Văn bản, báo cáo, ý kiến thẩm định, kết luận, tin bài đúng yêu cầu chuyên môn, đủ căn cứ, được cấp trên chấp nhận không phải sửa lớn."),
        Rating("digital_work", "Ứng dụng công nghệ thông tin, chuyển đổi số trong công việc", "Digital ways of working",
            "Xử lý văn bản, hồ sơ trên môi trường điện tử, dùng chữ ký số, cập nhật đầy đủ dữ liệu vào các hệ thống dùng chung."),
        Rating("service_support", "Phục vụ, hỗ trợ hoạt động chung của cơ quan", "Support to the agency's work",
            "Bảo đảm văn thư, hội họp, hậu cần kịp thời; không để sai sót làm gián đoạn hoạt động chung."),
        Rating("safekeeping", "Quản lý tài liệu, tiền, tài sản đúng quy định", "Keeping documents, cash and assets as required",
            "Lưu trữ, bảo quản văn bản, hồ sơ, quỹ tiền mặt, tài sản đúng quy định; sổ sách khớp với thực tế khi kiểm tra."),
    ];

    /// <summary>Weights of the dossier specialist template; they sum to 100%.</summary>
    public static IReadOnlyList<KpiSetItem> DossierSpecialistItems { get; } =
    [
        new() { KpiCode = "on_time_rate", WeightPercent = 20m },
        new() { KpiCode = "per_working_day", WeightPercent = 15m },
        new() { KpiCode = "error_return_rate", WeightPercent = 15m },
        new() { KpiCode = "satisfaction_avg", WeightPercent = 15m },
        new() { KpiCode = "complaint_rate", WeightPercent = 10m },
        new() { KpiCode = "rule_compliance", WeightPercent = 10m },
        new() { KpiCode = "coordination", WeightPercent = 5m },
        new() { KpiCode = "initiative", WeightPercent = 10m },
    ];

    public static KpiSet DossierSpecialistSet { get; } = new()
    {
        PositionCode = DossierSpecialistPosition,
        Version = 1,
        EffectiveFrom = Since,
        Note = "Mẫu tích hợp sẵn theo bài viết nguồn; rà soát hằng năm cùng người giữ vị trí.",
        Items = DossierSpecialistItems,
    };

    private static KpiDefinition Quantitative(string code, string vi, string en, string description, string unit,
        KpiDirection direction, decimal target, decimal warning, decimal critical, string source) => new()
    {
        Code = code,
        NameVi = vi,
        NameEn = en,
        Description = description,
        Kind = KpiKind.Quantitative,
        FormulaRef = code,
        UnitOfMeasure = unit,
        Direction = direction,
        Target = target,
        WarningThreshold = warning,
        CriticalThreshold = critical,
        DataSource = source,
        Period = MeasurementPeriod.Month,
        EffectiveFrom = Since,
    };

    /// <summary>A behavioural KPI: the manager rates it on the evaluation's anchored scale, so that is its data source.</summary>
    private static KpiDefinition Rating(string code, string vi, string en, string description) => new()
    {
        Code = code,
        NameVi = vi,
        NameEn = en,
        Description = description,
        Kind = KpiKind.Qualitative,
        UnitOfMeasure = "mức đánh giá",
        Direction = KpiDirection.HigherIsBetter,
        Target = (decimal)RatingLevel.Good,
        WarningThreshold = (decimal)RatingLevel.Fair,
        CriticalThreshold = (decimal)RatingLevel.Weak,
        DataSource = KpiDataSource.ManagerRating,
        Period = MeasurementPeriod.Quarter,
        EffectiveFrom = Since,
    };
}
