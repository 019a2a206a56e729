using static GovKpi.Core.DemoProvince.DemoPositions;

namespace GovKpi.Core.DemoProvince;

/// <summary>A division (phòng) of an agency and the professional positions its staff hold.</summary>
internal sealed record DivisionTemplate(string Code, string NameVi, string NameEn, IReadOnlyList<string> Positions);

/// <summary>
/// A provincial agency (sở, ban, ngành). <see cref="IsPublicServiceUnit"/> marks a public
/// service unit (đơn vị sự nghiệp), whose staff are viên chức rather than công chức.
/// </summary>
internal sealed record AgencyTemplate(string Code, string NameVi, string NameEn, IReadOnlyList<DivisionTemplate> Divisions, bool IsPublicServiceUnit = false);

/// <summary>
/// The agencies of a province after the March 2025 restructuring of provincial departments
/// (e.g. Home Affairs took over Labour, Finance took over Planning and Investment,
/// Construction took over Transport, Agriculture and Environment were joined).
/// </summary>
internal static class Agencies
{
    private static DivisionTemplate D(string code, string vi, string en, params string[] positions) => new(code, vi, en, positions);

    private static DivisionTemplate Office(string vi = "Văn phòng") =>
        D("VP", vi, "Office", GeneralAffairs, Accountant, Records, GeneralAffairs, Treasurer);

    public static IReadOnlyList<AgencyTemplate> All { get; } =
    [
        new("VPUB", "Văn phòng UBND tỉnh", "Office of the Provincial People's Committee",
        [
            D("HCTC", "Phòng Hành chính - Tổ chức", "Administration and Personnel Division", Personnel, Records, Accountant, Treasurer),
            D("TH", "Phòng Tổng hợp", "General Affairs Division", GeneralAffairs),
            D("KT", "Phòng Kinh tế", "Economic Division", Investment, Budget, Land),
            D("KSTT", "Phòng Kiểm soát thủ tục hành chính", "Administrative Procedures Control Division", AdministrativeReform, Justice),
        ]),
        new("VPDB", "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh", "Office of the National Assembly Delegation and Provincial People's Council",
        [
            Office("Phòng Hành chính - Tổ chức - Quản trị"),
            D("CTQH", "Phòng Công tác Quốc hội", "National Assembly Affairs Division", GeneralAffairs),
            D("CTHD", "Phòng Công tác Hội đồng nhân dân", "People's Council Affairs Division", GeneralAffairs, Justice),
        ]),
        new("SNV", "Sở Nội vụ", "Department of Home Affairs",
        [
            Office(),
            D("TCBC", "Phòng Tổ chức, biên chế và tổ chức phi chính phủ", "Organisation and Staffing Division", Personnel),
            D("CCVC", "Phòng Công chức, viên chức", "Civil Servants Division", Personnel),
            D("CCHC", "Phòng Cải cách hành chính và Văn thư - Lưu trữ", "Administrative Reform and Archives Division", AdministrativeReform, Records),
            D("LDVL", "Phòng Lao động - Việc làm và Người có công", "Labour, Employment and Veterans Division", LabourSocial),
        ]),
        new("STC", "Sở Tài chính", "Department of Finance",
        [
            Office(),
            D("NS", "Phòng Quản lý ngân sách", "Budget Division", Budget),
            D("DT", "Phòng Quản lý đầu tư", "Investment Division", Investment),
            D("DKKD", "Phòng Đăng ký kinh doanh", "Business Registration Division", Investment),
            D("GCS", "Phòng Quản lý giá và công sản", "Prices and Public Assets Division", Budget),
        ]),
        new("SXD", "Sở Xây dựng", "Department of Construction",
        [
            Office(),
            D("QHKT", "Phòng Quy hoạch - Kiến trúc", "Planning and Architecture Division", Construction),
            D("QLXD", "Phòng Quản lý xây dựng", "Construction Management Division", Construction),
            D("GT", "Phòng Quản lý giao thông", "Transport Division", Transport),
            D("PTDT", "Phòng Phát triển đô thị và nhà ở", "Urban Development and Housing Division", Construction, Land),
        ]),
        new("SNNMT", "Sở Nông nghiệp và Môi trường", "Department of Agriculture and Environment",
        [
            Office(),
            D("DD", "Phòng Quản lý đất đai", "Land Management Division", Land),
            D("MT", "Phòng Môi trường", "Environment Division", NaturalResources),
            D("TTBVTV", "Phòng Trồng trọt và Bảo vệ thực vật", "Crops and Plant Protection Division", Agriculture),
            D("TS", "Phòng Thủy sản và Kiểm ngư", "Fisheries Division", Agriculture),
            D("NTM", "Phòng Phát triển nông thôn", "Rural Development Division", Agriculture),
        ]),
        new("SCT", "Sở Công Thương", "Department of Industry and Trade",
        [
            Office(),
            D("QLCN", "Phòng Quản lý công nghiệp", "Industry Division", Trade),
            D("QLTM", "Phòng Quản lý thương mại", "Trade Division", Trade),
            D("QLNL", "Phòng Quản lý năng lượng", "Energy Division", Trade, Construction),
        ]),
        new("SKHCN", "Sở Khoa học và Công nghệ", "Department of Science and Technology",
        [
            Office(),
            D("QLKH", "Phòng Quản lý khoa học", "Science Management Division", Science),
            D("CDS", "Phòng Chuyển đổi số", "Digital Transformation Division", Science),
            D("BCVT", "Phòng Bưu chính, viễn thông", "Post and Telecommunications Division", Science),
        ]),
        new("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "Department of Culture, Sports and Tourism",
        [
            Office(),
            D("QLVH", "Phòng Quản lý văn hóa và gia đình", "Culture and Family Division", CultureSocial),
            D("QLDL", "Phòng Quản lý du lịch", "Tourism Division", CultureSocial, Trade),
            D("TDTT", "Phòng Quản lý thể dục thể thao", "Sports Division", CultureSocial),
            D("BCXB", "Phòng Báo chí - Xuất bản", "Press and Publishing Division", CultureSocial),
        ]),
        new("SGDDT", "Sở Giáo dục và Đào tạo", "Department of Education and Training",
        [
            Office(),
            D("GDMN", "Phòng Giáo dục Mầm non - Tiểu học", "Preschool and Primary Education Division", Education),
            D("GDTrH", "Phòng Giáo dục Trung học", "Secondary Education Division", Education),
            D("KT", "Phòng Khảo thí và Kiểm định chất lượng", "Examinations and Quality Division", Education),
        ]),
        new("SYT", "Sở Y tế", "Department of Health",
        [
            Office(),
            D("NVY", "Phòng Nghiệp vụ Y", "Medical Affairs Division", Health),
            D("NVD", "Phòng Nghiệp vụ Dược", "Pharmacy Division", Health),
            D("BTXH", "Phòng Bảo trợ xã hội và Trẻ em", "Social Protection and Children Division", LabourSocial),
        ]),
        new("STP", "Sở Tư pháp", "Department of Justice",
        [
            Office(),
            D("HCTP", "Phòng Hành chính tư pháp", "Civil Justice Division", Justice),
            D("BTTP", "Phòng Bổ trợ tư pháp", "Judicial Support Division", Justice),
            D("XDVB", "Phòng Xây dựng và Kiểm tra văn bản", "Legal Documents Division", Justice),
        ]),
        new("SDTTG", "Sở Dân tộc và Tôn giáo", "Department of Ethnic and Religious Affairs",
        [
            Office(),
            D("CSDT", "Phòng Chính sách dân tộc", "Ethnic Policy Division", EthnicReligious),
            D("TG", "Phòng Tôn giáo", "Religious Affairs Division", EthnicReligious),
        ]),
        new("TTRA", "Thanh tra tỉnh", "Provincial Inspectorate",
        [
            Office(),
            D("NV1", "Phòng Nghiệp vụ 1", "Inspection Division 1", Inspector),
            D("NV2", "Phòng Nghiệp vụ 2", "Inspection Division 2", Inspector),
            D("TCD", "Phòng Tiếp công dân và Xử lý đơn", "Citizen Reception and Petitions Division", Inspector),
        ]),
        new("BQLKKT", "Ban Quản lý Khu kinh tế Vân Phong", "Van Phong Economic Zone Authority",
        [
            Office(),
            D("QLDT", "Phòng Quản lý đầu tư", "Investment Division", Investment),
            D("QHXD", "Phòng Quy hoạch - Xây dựng", "Planning and Construction Division", Construction, Land),
            D("QLMT", "Phòng Quản lý môi trường", "Environment Division", NaturalResources),
        ]),
        new("BPTTH", "Báo và Phát thanh, Truyền hình Khánh Hòa", "Khanh Hoa Newspaper, Radio and Television",
        [
            Office("Phòng Hành chính - Trị sự"),
            D("TS", "Phòng Thời sự", "News Division", Journalist),
            D("DT", "Phòng Báo điện tử", "Online Newspaper Division", Journalist, Science),
            D("KT", "Phòng Kỹ thuật - Công nghệ", "Engineering Division", Science),
        ], IsPublicServiceUnit: true),
    ];
}
