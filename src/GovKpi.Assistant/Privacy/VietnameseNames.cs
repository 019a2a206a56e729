using GovKpi.Assistant.Search;

namespace GovKpi.Assistant.Privacy;

/// <summary>
/// The words Vietnamese personal names are built from, for <see cref="PersonalDataMask"/>.
/// <para>
/// Family names: the 14 surnames that cover about 90 % of the population (Nguyễn, Trần, Lê, Phạm,
/// Hoàng/Huỳnh, Phan, Vũ/Võ, Đặng, Bùi, Đỗ, Hồ, Ngô, Dương, Lý) and the other surnames of the
/// Kinh majority and of the larger ethnic groups (Tày, Thái, Mường, Nùng: Lò, Lường, Hà, Nông,
/// Bế, Sầm…), as listed in Wikipedia's "Họ người Việt Nam" and in Lê Trung Hoa, "Họ và tên người
/// Việt Nam" (NXB Khoa học Xã hội, 2005). Ethnic groups of the Central Highlands write the family
/// name last ("Y Bhim Niê"); those names are masked when the organisation knows them.
/// </para>
/// <para>
/// Middle names: the commonest middle words (văn and thị first), which tell a name apart from a
/// phrase that merely starts with a word that is also a surname ("hồ sơ", "LÊ DUẨN" aside).
/// </para>
/// Every word is also matched without diacritics ("Nguyen Van Binh", "TRAN THI LAN").
/// </summary>
internal static class VietnameseNames
{
    public static readonly string[] FamilyNames =
    [
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Lí",
        "Trương", "Đinh", "Đoàn", "Lâm", "Mai", "Tô", "Châu", "Lưu", "Cao", "Tạ", "Kiều", "Quách", "Trịnh", "Đào", "Hà", "Thái",
        "Tăng", "Tiêu", "Lương", "Vương", "La", "Lã", "Lại", "Triệu", "Chu", "Khúc", "Khổng", "Kim", "Lục", "Mạc", "Nghiêm",
        "Ninh", "Nông", "Phí", "Phùng", "Quan", "Quản", "Sầm", "Tôn", "Thân", "Thạch", "Tống", "Trình", "Vi", "Viên", "Âu",
        "Bạch", "Bế", "Cù", "Cung", "Diệp", "Doãn", "Đàm", "Đồng", "Giang", "Giáp", "Hàn", "Hầu", "Hứa", "Kha", "Khương", "Lạc",
        "Lò", "Lường", "Lỗ", "Mẫn", "Mông", "Nhan", "Ngụy", "Nhữ", "Phương", "Tào", "Thiều", "Tiết", "Trang", "Ung", "Xa",
        "Âu Dương", "Tôn Thất", "Tôn Nữ", "Công Tôn", "Ông", "Từ", "Văn", "Yên", "Mã", "Nghị", "Ma", "Hoa", "Đồ",
        "Lữ", "Chế", "Đường", "Thều", "Văng", "Tất", "Bành", "Biện", "Cái", "Cấn", "Chương", "Dư", "Hạ", "Hồng",
        "Lạng", "Lều", "Mầu", "Mạch", "Phó", "Quang", "Sơn", "Thi", "Thang", "Trà", "Tường", "Vưu", "Thành",
    ];

    /// <summary>
    /// Family names that are also everyday words in a heading ("Phó Giám Đốc", "Trang Thông Tin",
    /// "Văn Phòng", "Từ Ngày"): they count only before a middle name (<see cref="MiddleNames"/>).
    /// </summary>
    public static readonly string[] CommonWordFamilyNames =
    [
        "Ông", "Từ", "Văn", "Phó", "Trang", "Quang", "Hồng", "Sơn", "Đường", "Đồng", "Hoa", "Ma", "Mã", "Cái", "Hạ", "Thi",
        "Trà", "Giang", "Phương", "Kim", "Hà", "Mai", "Cao", "Thái", "Quan", "Thân", "Tôn", "Dư", "Chương", "Lạc", "Thành",
        "Yên", "Nghị", "Đồ", "La", "Tiết", "Ninh", "Viên", "Chế", "Tất", "Tiêu", "Trình", "Lường", "Phí", "Bạch", "Đào", "Lò",
        "Tạ", "Cung", "Mạch", "Lỗ", "Khúc", "Tăng", "Lại", "Chu", "Trang",
    ];

    /// <summary>
    /// The surnames of most people (about 90 %), the only ones matched without diacritics in lower
    /// case ("le van thanh"): folded, the others are everyday words ("cong", "trong").
    /// </summary>
    public static readonly string[] CommonestFamilyNames =
    [
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
    ];

    /// <summary>
    /// The middle names that mark a name even in lower case, where a family name followed by another
    /// middle name is too often a phrase ("thành công việc", "quan trọng khác").
    /// </summary>
    public static readonly string[] GenderMiddleNames = ["Văn", "Thị"];

    public static readonly string[] MiddleNames =
    [
        "Văn", "Thị", "Đức", "Hữu", "Công", "Quang", "Minh", "Ngọc", "Thanh", "Xuân", "Thu", "Hoàng", "Quốc", "Đình", "Kim",
        "Bảo", "Gia", "Hồng", "Anh", "Tuấn", "Mạnh", "Trọng", "Tấn", "Thành", "Duy", "Phước", "Phúc", "Khánh", "Như", "Mỹ",
        "Thúy", "Thùy", "Diệu", "Hải", "Tiến", "Việt", "Trung", "Huy", "Nhật", "Thế", "Bích", "Cẩm", "Hoài", "Ánh", "Phương",
        "Lan", "Đăng", "Vĩnh", "Chí", "Phú", "Tường", "Mai", "Ngân", "Hà", "Khắc", "Bá", "Viết", "Thái", "Trí", "Hưng",
        "Thiện", "Nam", "Long", "Sỹ", "Sĩ", "Tài", "Tuệ", "Vân", "Đại", "Thục", "Kiều", "Thảo", "Hoa", "Linh", "Hiếu",
        "Đắc", "Hồ", "Phi", "Tùng", "Uyên", "Yến", "Tú", "Cao", "Quý", "Hạnh", "Thủy", "Huyền", "Trường",
    ];

    /// <summary>Words that end a name rather than belong to it, so "lê văn thanh và …" stops before "và".</summary>
    public static readonly string[] NotGivenNames =
    [
        "và", "là", "của", "có", "đã", "được", "với", "cho", "tại", "theo", "về", "trong", "ngoài", "để", "thì", "mà", "hay",
        "hoặc", "nhưng", "các", "những", "này", "đó", "kia", "sinh", "số", "ngày", "tháng", "năm", "phòng", "bản", "hóa", "học",
        "nghệ", "thư", "ký", "kiện", "phố", "sơ", "đi", "đến", "làm", "nhận", "gửi", "họp", "phụ", "nghỉ", "nộp", "xin", "báo",
        "giữ", "kiêm", "chuyên", "trưởng", "phó", "xã", "trấn", "hiếu", "minh bạch",
    ];

    /// <summary>The words as written, plus each one without its diacritics, longest first.</summary>
    public static IEnumerable<string> WithFolded(IEnumerable<string> words) =>
        AsWritten(words.SelectMany(w => new[] { w, LatinFolding.Fold(w) }));

    /// <summary>The words, longest first, so that "Âu Dương" is tried before "Âu".</summary>
    public static IEnumerable<string> AsWritten(IEnumerable<string> words) =>
        words.Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(w => w.Length);
}
