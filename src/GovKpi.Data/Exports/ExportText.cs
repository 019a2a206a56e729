using System.Globalization;
using GovKpi.Core.Evaluation;

namespace GovKpi.Data.Exports;

/// <summary>
/// The words of the exported forms and lists. Official documents are in Vietnamese
/// (<see cref="Vietnamese"/>); <see cref="English"/> serves readers who asked for English. Numbers
/// are written in <see cref="Culture"/> (87,5 in Vietnamese).
/// </summary>
public sealed record ExportText
{
    public required CultureInfo Culture { get; init; }
    public required string Nation { get; init; }
    public required string Motto { get; init; }
    public required string FormTitle { get; init; }
    public required string SummaryTitle { get; init; }
    public required string PublishedListTitle { get; init; }
    public required string FullName { get; init; }
    public required string StaffCode { get; init; }
    public required string Position { get; init; }
    public required string Unit { get; init; }
    public required string Agency { get; init; }
    public required string Period { get; init; }
    public required string Number { get; init; }
    public required string Criterion { get; init; }
    public required string Assessment { get; init; }
    public required string Points { get; init; }
    public required string MaxPoints { get; init; }
    public required string GeneralCriteria { get; init; }
    public required string TaskResults { get; init; }
    public required string Total { get; init; }
    public required string Level { get; init; }
    public required string Reason { get; init; }
    public required string Note { get; init; }
    public required string HowComputed { get; init; }
    public required string SelfComment { get; init; }
    public required string ManagerComment { get; init; }
    public required string Distribution { get; init; }
    public required string People { get; init; }
    public required string Share { get; init; }
    public required string PublishedOn { get; init; }
    public required string AppealUntil { get; init; }
    public required string Content { get; init; }
    public required string SelfPoints { get; init; }
    public required string RatedPoints { get; init; }
    public required string RatingLevel { get; init; }
    public required string Classification { get; init; }
    public required string KpiAchievement { get; init; }
    public required string TaskRatio { get; init; }
    public required string LeaderUnitResult { get; init; }
    public required string LeaderOrganising { get; init; }
    public required string Adjusted { get; init; }
    public required string SignPerson { get; init; }
    public required string SignManager { get; init; }
    public required string SignHead { get; init; }
    public required string SignCompiler { get; init; }
    public required string SignHint { get; init; }
    public required string Unsigned { get; init; }
    public required Func<DateOnly, string> SignedOn { get; init; }
    public required IReadOnlyDictionary<ClassificationLevel, string> Levels { get; init; }
    public required IReadOnlyDictionary<ClassificationReason, string> Reasons { get; init; }

    public string Score(decimal value) => value.ToString("0.##", Culture);

    public string Date(DateOnly value) => value.ToString("d", Culture);

    public string Percent(decimal ratio) => (ratio * 100).ToString("0.##", Culture) + "%";

    /// <summary>The date line under a signature title: the date it was given, or blanks to fill by hand.</summary>
    public string Signed(DateOnly? on) => on is { } d ? SignedOn(d) : Unsigned;

    public static ExportText Vietnamese { get; } = new()
    {
        Culture = CultureInfo.GetCultureInfo("vi-VN"),
        Nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        Motto = "Độc lập - Tự do - Hạnh phúc",
        FormTitle = "PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÔNG CHỨC",
        SummaryTitle = "TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG",
        PublishedListTitle = "DANH SÁCH CÔNG KHAI KẾT QUẢ XẾP LOẠI CHẤT LƯỢNG",
        FullName = "Họ và tên",
        StaffCode = "Mã công chức",
        Position = "Chức vụ, vị trí việc làm",
        Unit = "Đơn vị",
        Agency = "Cơ quan",
        Period = "Kỳ đánh giá",
        Number = "STT",
        Criterion = "Tiêu chí",
        Assessment = "Đánh giá",
        Points = "Điểm",
        MaxPoints = "Tối đa",
        GeneralCriteria = "Tiêu chí chung",
        TaskResults = "Kết quả thực hiện nhiệm vụ",
        Total = "Tổng điểm",
        Level = "Xếp loại",
        Reason = "Căn cứ",
        Note = "Ghi chú",
        HowComputed = "Cách tính điểm",
        SelfComment = "Ý kiến tự nhận xét",
        ManagerComment = "Nhận xét của người quản lý trực tiếp",
        Distribution = "Tỷ lệ xếp loại",
        People = "Số người",
        Share = "Tỷ lệ",
        PublishedOn = "Ngày công khai",
        AppealUntil = "Thời hạn kiến nghị đến hết ngày",
        Content = "Nội dung, tiêu chí đánh giá",
        SelfPoints = "Điểm tự đánh giá",
        RatedPoints = "Điểm cấp trên đánh giá",
        RatingLevel = "Mức đánh giá",
        Classification = "Kết quả xếp loại chất lượng",
        KpiAchievement = "Mức độ hoàn thành KPI (tỷ trọng {0})",
        TaskRatio = "Số lượng, chất lượng, tiến độ sản phẩm được giao: (a + b + c) ÷ 3",
        LeaderUnitResult = "Kết quả hoạt động của cơ quan, đơn vị được giao phụ trách",
        LeaderOrganising = "Năng lực lãnh đạo, quản lý, tổ chức thực hiện nhiệm vụ",
        Adjusted = "Điểm tính theo kết quả {0}, người đánh giá điều chỉnh: {1}",
        SignPerson = "NGƯỜI TỰ ĐÁNH GIÁ",
        SignManager = "NGƯỜI NHẬN XÉT, ĐÁNH GIÁ",
        SignHead = "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ",
        SignCompiler = "NGƯỜI LẬP DANH SÁCH",
        SignHint = "(Ký, ghi rõ họ tên)",
        Unsigned = "Ngày …… tháng …… năm ……",
        SignedOn = d => $"Ngày {d.Day:00} tháng {d.Month:00} năm {d.Year}",
        Levels = new Dictionary<ClassificationLevel, string>
        {
            [ClassificationLevel.Htxs] = "Hoàn thành xuất sắc nhiệm vụ",
            [ClassificationLevel.Htt] = "Hoàn thành tốt nhiệm vụ",
            [ClassificationLevel.Ht] = "Hoàn thành nhiệm vụ",
            [ClassificationLevel.Kht] = "Không hoàn thành nhiệm vụ",
        },
        Reasons = new Dictionary<ClassificationReason, string>
        {
            [ClassificationReason.Band] = "Theo thang điểm",
            [ClassificationReason.Quota] = "Điều chỉnh theo tỷ lệ hoàn thành xuất sắc",
            [ClassificationReason.Forced] = "Không hoàn thành nhiệm vụ theo quy định (không phụ thuộc điểm)",
            [ClassificationReason.Capped] = "Giới hạn mức xếp loại do thời gian công tác",
        },
    };

    public static ExportText English { get; } = new()
    {
        Culture = CultureInfo.GetCultureInfo("en-US"),
        Nation = "SOCIALIST REPUBLIC OF VIETNAM",
        Motto = "Independence - Freedom - Happiness",
        FormTitle = "CIVIL SERVANT EVALUATION AND CLASSIFICATION FORM",
        SummaryTitle = "SUMMARY OF EVALUATION AND CLASSIFICATION RESULTS",
        PublishedListTitle = "PUBLISHED LIST OF CLASSIFICATION RESULTS",
        FullName = "Full name",
        StaffCode = "Staff code",
        Position = "Position",
        Unit = "Unit",
        Agency = "Agency",
        Period = "Period",
        Number = "No.",
        Criterion = "Criterion",
        Assessment = "Assessment",
        Points = "Points",
        MaxPoints = "Max",
        GeneralCriteria = "General criteria",
        TaskResults = "Task results",
        Total = "Total",
        Level = "Level",
        Reason = "Basis",
        Note = "Note",
        HowComputed = "How the score is computed",
        SelfComment = "Self-assessment",
        ManagerComment = "Direct manager's comments",
        Distribution = "Distribution of levels",
        People = "People",
        Share = "Share",
        PublishedOn = "Published on",
        AppealUntil = "Appeals accepted until",
        Content = "Criterion",
        SelfPoints = "Self-assessed",
        RatedPoints = "Rated by the manager",
        RatingLevel = "Rating",
        Classification = "Classification",
        KpiAchievement = "KPI achievement (weight {0})",
        TaskRatio = "Quantity, quality and progress of assigned products: (a + b + c) ÷ 3",
        LeaderUnitResult = "Result of the agency or unit in their charge",
        LeaderOrganising = "Leadership, management and organising capacity",
        Adjusted = "Computed from the results {0}, changed by the rater: {1}",
        SignPerson = "PERSON EVALUATED",
        SignManager = "COMMENTED AND RATED BY",
        SignHead = "HEAD OF THE AGENCY OR UNIT",
        SignCompiler = "LIST COMPILED BY",
        SignHint = "(Signature and full name)",
        Unsigned = "Date: …… / …… / ……",
        SignedOn = d => "Date: " + d.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-US")),
        Levels = new Dictionary<ClassificationLevel, string>
        {
            [ClassificationLevel.Htxs] = "Excellent completion of duties (HTXS)",
            [ClassificationLevel.Htt] = "Good completion of duties (HTT)",
            [ClassificationLevel.Ht] = "Completion of duties (HT)",
            [ClassificationLevel.Kht] = "Non-completion of duties (KHT)",
        },
        Reasons = new Dictionary<ClassificationReason, string>
        {
            [ClassificationReason.Band] = "Score band",
            [ClassificationReason.Quota] = "Moved by the HTXS quota",
            [ClassificationReason.Forced] = "KHT by rule, whatever the score",
            [ClassificationReason.Capped] = "Level capped for time worked",
        },
    };
}
