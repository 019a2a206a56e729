namespace GovKpi.Core.DemoProvince;

/// <summary>Kinds of commune-level unit, before and after the 2025 reform.</summary>
internal enum CommuneType
{
    /// <summary>Phường: urban ward.</summary>
    Ward,
    /// <summary>Xã: rural commune.</summary>
    Commune,
    /// <summary>Đặc khu: special zone (island districts became these in 2025).</summary>
    SpecialZone,
    /// <summary>Thị trấn: township, abolished with the district level in 2025.</summary>
    Township,
}

internal sealed record Place(CommuneType Type, string Name)
{
    public string NameVi => $"{Prefix(Type)} {Name}";

    public string NameEn => $"{VietnameseNames.WithoutDiacritics(Name)} {Type switch
    {
        CommuneType.Ward => "Ward",
        CommuneType.SpecialZone => "Special Zone",
        CommuneType.Township => "Township",
        _ => "Commune",
    }}";

    public static string Prefix(CommuneType type) => type switch
    {
        CommuneType.Ward => "Phường",
        CommuneType.SpecialZone => "Đặc khu",
        CommuneType.Township => "Thị trấn",
        _ => "Xã",
    };
}

/// <summary>A former district's area: the communes created there on 2025-07-01 and the ones they replaced.</summary>
internal sealed record Area(string Name, IReadOnlyList<Place> NewUnits, IReadOnlyList<Place> FormerUnits);

/// <summary>
/// Place names of the demo province, grouped by the former district they lie in so that merged
/// communes are neighbours, as in the real reform. The names are real places of Khánh Hòa and
/// former Ninh Thuận; which former communes form which new one is invented by the generator.
/// </summary>
internal static class Gazetteer
{
    public static IReadOnlyList<Area> Areas { get; } =
    [
        Area("Nha Trang",
            "P:Nha Trang; P:Bắc Nha Trang; P:Tây Nha Trang; P:Nam Nha Trang",
            "P:Vĩnh Hải; P:Vĩnh Phước; P:Vĩnh Thọ; P:Xương Huân; P:Vạn Thạnh; P:Phương Sài; P:Phương Sơn; P:Phước Long; "
            + "P:Phước Tân; P:Phước Tiến; P:Phước Hòa; P:Lộc Thọ; P:Tân Lập; P:Vĩnh Nguyên; P:Vĩnh Trường; P:Vĩnh Hòa; "
            + "P:Ngọc Hiệp; X:Vĩnh Lương; X:Vĩnh Phương; X:Vĩnh Ngọc; X:Vĩnh Thạnh; X:Vĩnh Trung; X:Vĩnh Hiệp; X:Vĩnh Thái; X:Phước Đồng"),
        Area("Khánh Vĩnh",
            "X:Khánh Vĩnh; X:Trung Khánh Vĩnh; X:Tây Khánh Vĩnh; X:Nam Khánh Vĩnh; X:Bắc Khánh Vĩnh",
            "TT:Khánh Vĩnh; X:Khánh Bình; X:Khánh Đông; X:Khánh Hiệp; X:Khánh Nam; X:Khánh Phú; X:Khánh Thành; "
            + "X:Khánh Thượng; X:Khánh Trung; X:Cầu Bà; X:Liên Sang; X:Sơn Thái; X:Giang Ly"),
        Area("Trường Sa",
            "DK:Trường Sa",
            "TT:Trường Sa; X:Song Tử Tây; X:Sinh Tồn"),
        Area("Cam Ranh",
            "P:Cam Ranh; P:Bắc Cam Ranh; P:Cam Linh; P:Ba Ngòi; X:Nam Cam Ranh",
            "P:Cam Nghĩa; P:Cam Phúc Bắc; P:Cam Phúc Nam; P:Cam Lộc; P:Cam Phú; P:Ba Ngòi; P:Cam Thuận; P:Cam Lợi; "
            + "P:Cam Linh; X:Cam Thành Nam; X:Cam Phước Đông; X:Cam Thịnh Tây; X:Cam Thịnh Đông; X:Cam Lập; X:Cam Bình"),
        Area("Diên Khánh",
            "X:Diên Khánh; X:Diên Lạc; X:Diên Điền; X:Diên Lâm; X:Diên Thọ; X:Suối Hiệp",
            "TT:Diên Khánh; X:Diên An; X:Diên Toàn; X:Diên Thạnh; X:Diên Phú; X:Diên Sơn; X:Diên Điền; X:Diên Lạc; "
            + "X:Diên Hòa; X:Diên Bình; X:Diên Đồng; X:Diên Xuân; X:Diên Tân; X:Diên Phước; X:Diên Thọ; X:Diên Lâm; "
            + "X:Suối Hiệp; X:Suối Tiên; X:Bình Lộc"),
        Area("Phan Rang - Tháp Chàm",
            "P:Phan Rang; P:Đông Hải; P:Ninh Chữ; P:Bảo An; P:Đô Vinh",
            "P:Đô Vinh; P:Phước Mỹ; P:Bảo An; P:Phủ Hà; P:Thanh Sơn; P:Mỹ Hương; P:Tấn Tài; P:Kinh Dinh; P:Đạo Long; "
            + "P:Đài Sơn; P:Đông Hải; P:Mỹ Đông; P:Mỹ Bình; P:Mỹ Hải; P:Văn Hải; X:Thành Hải"),
        Area("Ninh Hòa",
            "P:Ninh Hòa; P:Đông Ninh Hòa; P:Hòa Thắng; X:Bắc Ninh Hòa; X:Tân Định; X:Nam Ninh Hòa; X:Tây Ninh Hòa; X:Hòa Trí",
            "P:Ninh Hiệp; P:Ninh Đa; P:Ninh Giang; P:Ninh Hà; P:Ninh Diêm; P:Ninh Thủy; P:Ninh Hải; X:Ninh An; X:Ninh Thọ; "
            + "X:Ninh Tây; X:Ninh Thượng; X:Ninh Bình; X:Ninh Phụng; X:Ninh Xuân; X:Ninh Quang; X:Ninh Trung; X:Ninh Thân; "
            + "X:Ninh Đông; X:Ninh Phú; X:Ninh Vân; X:Ninh Ích; X:Ninh Lộc; X:Ninh Hưng; X:Ninh Tân"),
        Area("Cam Lâm",
            "X:Cam Lâm; X:Suối Dầu; X:Cam Hiệp; X:Cam An",
            "TT:Cam Đức; X:Cam Hải Đông; X:Cam Hải Tây; X:Cam Hòa; X:Cam Tân; X:Cam Hiệp Bắc; X:Cam Hiệp Nam; "
            + "X:Cam Thành Bắc; X:Cam An Bắc; X:Cam An Nam; X:Cam Phước Tây; X:Sơn Tân; X:Suối Cát; X:Suối Tân"),
        Area("Vạn Ninh",
            "X:Đại Lãnh; X:Tu Bông; X:Vạn Thắng; X:Vạn Ninh; X:Vạn Hưng",
            "TT:Vạn Giã; X:Đại Lãnh; X:Vạn Thọ; X:Vạn Phước; X:Vạn Long; X:Vạn Khánh; X:Vạn Bình; X:Vạn Phú; "
            + "X:Vạn Lương; X:Vạn Thắng; X:Vạn Hưng; X:Xuân Sơn"),
        Area("Ninh Sơn",
            "X:Ninh Sơn; X:Lâm Sơn; X:Anh Dũng; X:Mỹ Sơn",
            "TT:Tân Sơn; X:Quảng Sơn; X:Lâm Sơn; X:Lương Sơn; X:Hòa Sơn; X:Ma Nới; X:Mỹ Sơn; X:Nhơn Sơn"),
        Area("Khánh Sơn",
            "X:Khánh Sơn; X:Tây Khánh Sơn; X:Đông Khánh Sơn",
            "TT:Tô Hạp; X:Sơn Lâm; X:Sơn Bình; X:Sơn Hiệp; X:Sơn Trung; X:Thành Sơn; X:Ba Cụm Bắc; X:Ba Cụm Nam"),
        Area("Ninh Phước",
            "X:Ninh Phước; X:Phước Hữu; X:Phước Hậu",
            "TT:Phước Dân; X:Phước Thái; X:Phước Vinh; X:Phước Sơn; X:Phước Hải; X:Phước Hậu; X:Phước Thuận; X:An Hải; X:Phước Hữu"),
        Area("Thuận Nam",
            "X:Thuận Nam; X:Cà Ná; X:Phước Dinh",
            "X:Phước Nam; X:Phước Minh; X:Phước Diêm; X:Nhị Hà; X:Phước Ninh; X:Phước Hà; X:Cà Ná; X:Phước Dinh"),
        Area("Bác Ái",
            "X:Bác Ái; X:Bác Ái Đông; X:Bác Ái Tây",
            "X:Phước Đại; X:Phước Chính; X:Phước Tiến; X:Phước Tân; X:Phước Thắng; X:Phước Thành; X:Phước Trung; X:Phước Bình; X:Phước Hòa"),
        Area("Ninh Hải",
            "X:Xuân Hải; X:Vĩnh Hải",
            "TT:Khánh Hải; X:Tri Hải; X:Nhơn Hải; X:Thanh Hải; X:Hộ Hải; X:Tân Hải; X:Xuân Hải; X:Vĩnh Hải; X:Phương Hải"),
        Area("Thuận Bắc",
            "X:Thuận Bắc; X:Công Hải",
            "X:Bắc Phong; X:Bắc Sơn; X:Lợi Hải; X:Công Hải; X:Phước Chiến; X:Phước Kháng"),
    ];

    private static Area Area(string name, string newUnits, string formerUnits) => new(name, Parse(newUnits), Parse(formerUnits));

    private static IReadOnlyList<Place> Parse(string places) =>
        places.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p =>
            {
                var colon = p.IndexOf(':');
                var type = p[..colon] switch
                {
                    "P" => CommuneType.Ward,
                    "DK" => CommuneType.SpecialZone,
                    "TT" => CommuneType.Township,
                    _ => CommuneType.Commune,
                };
                return new Place(type, p[(colon + 1)..]);
            })
            .ToList();
}
