using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.DemoProvince;

/// <summary>
/// The job positions (vị trí việc làm) of the demo province, with the skills their holders
/// usually have. Codes are stable: the web app and the KPI sets refer to them.
/// </summary>
internal static class DemoPositions
{
    public const string ProvinceLeader = "LD-TINH";
    public const string AgencyLeader = "LD-SO";
    public const string DivisionLeader = "LD-PHONG";
    public const string CommuneLeader = "LD-XA";
    public const string ServiceCentreLeader = "LD-TTPV";
    public const string DossierSpecialist = BuiltInKpis.DossierSpecialistPosition;
    public const string GeneralAffairs = "CV-TONGHOP";
    public const string Personnel = "CV-TCCB";
    public const string AdministrativeReform = "CV-CCHC";
    public const string Budget = "CV-TAICHINH";
    public const string Investment = "CV-KHDT";
    public const string Land = "CV-DATDAI";
    public const string NaturalResources = "CV-MOITRUONG";
    public const string Agriculture = "CV-NONGNGHIEP";
    public const string Construction = "CV-XAYDUNG";
    public const string Transport = "CV-GIAOTHONG";
    public const string Trade = "CV-CONGTHUONG";
    public const string Science = "CV-KHCN";
    public const string CultureSocial = "CV-VHXH";
    public const string Education = "CV-GIAODUC";
    public const string Health = "CV-YTE";
    public const string Justice = "CV-TUPHAP";
    public const string LabourSocial = "CV-LDXH";
    public const string EthnicReligious = "CV-DANTOC";
    public const string Inspector = "THANHTRA";
    public const string Accountant = "KETOAN";
    public const string Journalist = "PHONGVIEN";
    public const string Records = "VANTHU";
    public const string Treasurer = "THUQUY";

    private static JobPosition P(string code, string vi, string en, PositionGroup group, string description) =>
        new() { Code = code, NameVi = vi, NameEn = en, Group = group, Description = description };

    public static IReadOnlyList<JobPosition> All { get; } =
    [
        P(ProvinceLeader, "Lãnh đạo UBND tỉnh (Chủ tịch, Phó Chủ tịch)", "Provincial People's Committee chair or vice-chair", PositionGroup.Management,
            "Lãnh đạo, chỉ đạo, điều hành hoạt động của UBND tỉnh theo lĩnh vực được phân công."),
        P(AgencyLeader, "Lãnh đạo sở, ban, ngành (Giám đốc, Phó Giám đốc)", "Agency director or deputy director", PositionGroup.Management,
            "Lãnh đạo cơ quan chuyên môn thuộc UBND tỉnh; chịu trách nhiệm trước UBND tỉnh về ngành, lĩnh vực."),
        P(DivisionLeader, "Lãnh đạo phòng (Trưởng phòng, Phó Trưởng phòng)", "Division head or deputy head", PositionGroup.Management,
            "Tổ chức thực hiện nhiệm vụ của phòng; phân công, kiểm tra, đánh giá công chức trong phòng."),
        P(CommuneLeader, "Lãnh đạo UBND xã, phường, đặc khu (Chủ tịch, Phó Chủ tịch)", "Commune People's Committee chair or vice-chair", PositionGroup.Management,
            "Lãnh đạo, điều hành UBND cấp xã trong mô hình chính quyền địa phương hai cấp."),
        P(ServiceCentreLeader, "Lãnh đạo Trung tâm Phục vụ hành chính công (Giám đốc, Phó Giám đốc)", "Public Administration Service Centre director or deputy", PositionGroup.Management,
            "Điều hành việc tiếp nhận, giải quyết và trả kết quả thủ tục hành chính tại Trung tâm; giám sát tiến độ, đúng hạn."),
        BuiltInKpis.DossierSpecialist,
        P(GeneralAffairs, "Chuyên viên tổng hợp", "General affairs officer", PositionGroup.Professional,
            "Tham mưu tổng hợp, xây dựng chương trình, kế hoạch, báo cáo định kỳ của cơ quan."),
        P(Personnel, "Chuyên viên tổ chức cán bộ", "Personnel officer", PositionGroup.Professional,
            "Tham mưu tổ chức bộ máy, biên chế, vị trí việc làm, đánh giá, xếp loại cán bộ, công chức, viên chức."),
        P(AdministrativeReform, "Chuyên viên cải cách hành chính", "Administrative reform officer", PositionGroup.Professional,
            "Theo dõi, kiểm tra cải cách thủ tục hành chính, chỉ số phục vụ người dân và doanh nghiệp."),
        P(Budget, "Chuyên viên quản lý tài chính - ngân sách", "Budget and finance officer", PositionGroup.Professional,
            "Thẩm định dự toán, quyết toán ngân sách; quản lý tài sản công."),
        P(Investment, "Chuyên viên kế hoạch - đầu tư", "Planning and investment officer", PositionGroup.Professional,
            "Thẩm định dự án, cấp giấy chứng nhận đăng ký đầu tư, đăng ký doanh nghiệp."),
        P(Land, "Chuyên viên quản lý đất đai", "Land management officer", PositionGroup.Professional,
            "Thẩm định hồ sơ giao đất, cho thuê đất, chuyển mục đích, cấp giấy chứng nhận quyền sử dụng đất."),
        P(NaturalResources, "Chuyên viên quản lý tài nguyên và môi trường", "Natural resources and environment officer", PositionGroup.Professional,
            "Thẩm định hồ sơ môi trường, tài nguyên nước, khoáng sản; kiểm tra việc chấp hành."),
        P(Agriculture, "Chuyên viên nông nghiệp và phát triển nông thôn", "Agriculture and rural development officer", PositionGroup.Professional,
            "Theo dõi sản xuất nông, lâm, thủy sản; chương trình nông thôn mới; phòng chống thiên tai."),
        P(Construction, "Chuyên viên quản lý quy hoạch - xây dựng", "Planning and construction officer", PositionGroup.Professional,
            "Thẩm định quy hoạch, cấp giấy phép xây dựng, quản lý trật tự xây dựng, hạ tầng đô thị."),
        P(Transport, "Chuyên viên quản lý giao thông vận tải", "Transport officer", PositionGroup.Professional,
            "Quản lý kết cấu hạ tầng giao thông, cấp phép vận tải."),
        P(Trade, "Chuyên viên quản lý công nghiệp - thương mại", "Industry and trade officer", PositionGroup.Professional,
            "Quản lý công nghiệp, thương mại, an toàn thực phẩm thuộc ngành công thương."),
        P(Science, "Chuyên viên khoa học, công nghệ và chuyển đổi số", "Science, technology and digital transformation officer", PositionGroup.Professional,
            "Quản lý khoa học công nghệ, hạ tầng số, chuyển đổi số trong cơ quan nhà nước."),
        P(CultureSocial, "Chuyên viên văn hóa - xã hội", "Culture and social affairs officer", PositionGroup.Professional,
            "Quản lý văn hóa, thể thao, du lịch, thông tin cơ sở; tham mưu chính sách xã hội ở địa phương."),
        P(Education, "Chuyên viên quản lý giáo dục", "Education officer", PositionGroup.Professional,
            "Quản lý chuyên môn giáo dục, thi cử, cơ sở vật chất trường học."),
        P(Health, "Chuyên viên quản lý y tế", "Health officer", PositionGroup.Professional,
            "Quản lý hành nghề y, dược; y tế dự phòng; an toàn thực phẩm thuộc ngành y tế."),
        P(Justice, "Chuyên viên tư pháp - hộ tịch", "Justice and civil registration officer", PositionGroup.Professional,
            "Đăng ký hộ tịch, chứng thực, phổ biến pháp luật, kiểm tra văn bản quy phạm pháp luật."),
        P(LabourSocial, "Chuyên viên lao động, người có công và xã hội", "Labour, veterans and social affairs officer", PositionGroup.Professional,
            "Giải quyết chế độ người có công, bảo trợ xã hội, lao động, việc làm."),
        P(EthnicReligious, "Chuyên viên dân tộc - tôn giáo", "Ethnic and religious affairs officer", PositionGroup.Professional,
            "Thực hiện chính sách dân tộc, tín ngưỡng, tôn giáo."),
        P(Inspector, "Thanh tra viên", "Inspector", PositionGroup.Professional,
            "Thanh tra, giải quyết khiếu nại, tố cáo, phòng chống tham nhũng."),
        P(Accountant, "Kế toán", "Accountant", PositionGroup.Professional,
            "Kế toán, quyết toán kinh phí của cơ quan."),
        P(Journalist, "Phóng viên, biên tập viên", "Reporter and editor", PositionGroup.Professional,
            "Sản xuất tin, bài, chương trình phát thanh, truyền hình."),
        P(Records, "Văn thư - lưu trữ", "Records clerk", PositionGroup.Support,
            "Tiếp nhận, phát hành văn bản; quản lý con dấu; lưu trữ hồ sơ."),
        P(Treasurer, "Thủ quỹ - hành chính", "Treasurer and office clerk", PositionGroup.Support,
            "Quản lý quỹ tiền mặt, hậu cần, phục vụ hội họp."),
    ];

    /// <summary>Skills the holders of a position usually have (codes in English, as in DOMAIN.md).</summary>
    public static IReadOnlyList<string> TypicalSkills(string positionCode) => positionCode switch
    {
        DossierSpecialist => ["customer_service", "digital"],
        Personnel => ["hr", "legal"],
        AdministrativeReform => ["legal", "digital"],
        Budget => ["finance", "accounting"],
        Investment => ["finance", "planning"],
        Land => ["land"],
        NaturalResources => ["environment"],
        Agriculture => ["agriculture"],
        Construction => ["construction", "planning"],
        Transport => ["construction"],
        Trade => ["business"],
        Science => ["digital"],
        CultureSocial => ["culture", "social_welfare"],
        Education => ["education"],
        Health => ["health"],
        Justice => ["legal", "civil_registration"],
        LabourSocial => ["social_welfare"],
        EthnicReligious => ["ethnic_affairs"],
        Inspector => ["inspection", "legal"],
        Accountant => ["accounting", "finance"],
        Journalist => ["media"],
        Records => ["records"],
        GeneralAffairs => ["writing"],
        Treasurer => ["accounting"],
        _ => ["management"],
    };

    /// <summary>Skills anyone may have besides their position's.</summary>
    public static IReadOnlyList<(string Skill, double Share)> CommonSkills { get; } =
    [
        ("digital", 0.35), ("foreign_language", 0.15), ("data_analysis", 0.08), ("land", 0.05),
        ("construction", 0.04), ("finance", 0.05), ("legal", 0.08), ("ethnic_language", 0.03),
    ];
}
