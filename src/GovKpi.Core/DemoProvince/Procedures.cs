namespace GovKpi.Core.DemoProvince;

/// <summary>Level of government that settles a procedure: the commune service centres or the province centre.</summary>
public enum ProcedureLevel
{
    Commune,
    Province,
}

/// <summary>
/// An administrative procedure (thủ tục hành chính) of the demo catalogue. <see cref="WorkingDays"/>
/// is the legal processing time; zero means "within the working day" (chứng thực: the same day,
/// or the next morning when received after 15:00). <see cref="Weight"/> is its share of volume.
/// </summary>
public sealed record Procedure(string Code, string NameVi, ProcedureLevel Level, int WorkingDays, double Weight);

/// <summary>
/// The procedures demo dossiers are filed under. Codes follow the national format
/// (<c>1.001234</c>) but are demo codes, not the real numbers of the national catalogue.
/// </summary>
public static class Procedures
{
    public static IReadOnlyList<Procedure> All { get; } =
    [
        new("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản", ProcedureLevel.Commune, 0, 30),
        new("2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản", ProcedureLevel.Commune, 0, 8),
        new("1.001193", "Đăng ký khai sinh", ProcedureLevel.Commune, 1, 10),
        new("1.000656", "Đăng ký khai tử", ProcedureLevel.Commune, 1, 3),
        new("1.000894", "Đăng ký kết hôn", ProcedureLevel.Commune, 3, 3),
        new("2.000635", "Cấp bản sao trích lục hộ tịch", ProcedureLevel.Commune, 1, 6),
        new("1.004873", "Xác nhận tình trạng hôn nhân", ProcedureLevel.Commune, 3, 6),
        new("1.012790", "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu", ProcedureLevel.Commune, 20, 4),
        new("1.012810", "Đăng ký biến động quyền sử dụng đất, tài sản gắn liền với đất", ProcedureLevel.Commune, 10, 6),
        new("1.009994", "Cấp giấy phép xây dựng nhà ở riêng lẻ", ProcedureLevel.Commune, 15, 3),
        new("2.000575", "Đăng ký thành lập hộ kinh doanh", ProcedureLevel.Commune, 3, 4),
        new("2.000720", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", ProcedureLevel.Commune, 3, 2),
        new("1.001776", "Thực hiện, điều chỉnh trợ cấp xã hội hằng tháng", ProcedureLevel.Commune, 10, 2),
        new("1.001731", "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", ProcedureLevel.Commune, 3, 1),
        new("2.001263", "Đăng ký thành lập doanh nghiệp", ProcedureLevel.Province, 3, 12),
        new("2.002034", "Đăng ký thay đổi nội dung đăng ký doanh nghiệp", ProcedureLevel.Province, 3, 14),
        new("2.000488", "Cấp Phiếu lý lịch tư pháp", ProcedureLevel.Province, 10, 12),
        new("1.009972", "Cấp giấy phép xây dựng công trình", ProcedureLevel.Province, 20, 4),
        new("1.011630", "Thẩm định báo cáo nghiên cứu khả thi đầu tư xây dựng", ProcedureLevel.Province, 20, 2),
        new("1.004557", "Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh", ProcedureLevel.Province, 10, 4),
        new("2.000205", "Cấp giấy phép lao động cho người lao động nước ngoài", ProcedureLevel.Province, 5, 5),
        new("1.001765", "Đăng ký biện pháp bảo đảm bằng quyền sử dụng đất", ProcedureLevel.Province, 3, 6),
        new("2.000591", "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", ProcedureLevel.Province, 15, 3),
        new("1.001432", "Công nhận hạng cơ sở lưu trú du lịch", ProcedureLevel.Province, 15, 2),
        new("1.002856", "Cấp giấy phép kinh doanh vận tải bằng xe ô tô", ProcedureLevel.Province, 5, 4),
        new("2.001923", "Cấp giấy chứng nhận đăng ký đầu tư", ProcedureLevel.Province, 15, 3),
        new("1.010727", "Cấp giấy phép môi trường", ProcedureLevel.Province, 20, 2),
    ];
}
