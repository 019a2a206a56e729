using System.Globalization;
using System.Text;

namespace GovKpi.Core.DemoProvince;

/// <summary>
/// Personal names drawn the way Vietnamese names are distributed: a family name (họ) by its
/// share of the population (Nguyễn alone is close to four in ten), a middle name (tên đệm) and
/// a given name (tên) that depend on gender.
/// </summary>
internal static class VietnameseNames
{
    // Approximate shares in percent of the population.
    private static readonly (string Name, double Weight)[] FamilyNames =
    [
        ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Huỳnh", 3.2), ("Hoàng", 2.5),
        ("Phan", 4.5), ("Võ", 2.5), ("Vũ", 1.4), ("Đặng", 2.1), ("Bùi", 2), ("Đỗ", 1.4),
        ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1), ("Lý", 0.5), ("Trương", 0.8), ("Đinh", 0.6),
        ("Đoàn", 0.5), ("Lâm", 0.4), ("Mai", 0.4), ("Tô", 0.3), ("Châu", 0.3), ("Lưu", 0.3),
        ("Cao", 0.4), ("Thái", 0.3), ("Tạ", 0.2), ("Kiều", 0.1), ("Quách", 0.1), ("Chế", 0.05),
        // Raglai family names of Khánh Sơn, Khánh Vĩnh and Bác Ái.
        ("Pi Năng", 0.05), ("Mấu", 0.04), ("Chamaléa", 0.04), ("Katơr", 0.03),
    ];

    private static readonly string[] MaleMiddle =
        ["Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Ngọc", "Xuân", "Hoàng", "Anh", "Trọng", "Quang", "Tấn", "Đình", "Bá", "Nhật", "Gia"];

    private static readonly string[] FemaleMiddle =
        ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Minh", "Bảo", "Mỹ", "Phương", "Hồng", "Thùy", "Diệu", "Khánh", "Hoài", "Quỳnh", "Như", "Tường"];

    private static readonly string[] MaleGiven =
        ["Hùng", "Dũng", "Tuấn", "Nam", "Long", "Sơn", "Hải", "Phong", "Quang", "Thắng", "Hiếu", "Trung", "Khoa", "Bình",
         "Cường", "Đạt", "Huy", "Khánh", "Lâm", "Phúc", "Tài", "Thành", "Vinh", "Toàn", "Nghĩa", "Hoàng", "Kiên", "Lộc",
         "Minh", "Nhân", "Phát", "Quân", "Sang", "Tâm", "Thiện", "Trí", "Tùng", "Việt", "Vũ", "Đông", "Hòa", "Tín"];

    private static readonly string[] FemaleGiven =
        ["Lan", "Hương", "Hoa", "Mai", "Linh", "Trang", "Thảo", "Hằng", "Nga", "Ngọc", "Nhung", "Phương", "Thủy", "Vân",
         "Yến", "Hà", "Hạnh", "Dung", "Giang", "Huyền", "Loan", "Oanh", "Quyên", "Tâm", "Uyên", "Ánh", "Châu", "Diễm",
         "Hiền", "Khuê", "Liên", "My", "Nhi", "Quỳnh", "Thư", "Trâm", "Tuyết", "Vy", "Xuân", "Hồng", "Nguyệt", "Thơ"];

    private static readonly double FamilyTotal = FamilyNames.Sum(f => f.Weight);

    public static string Next(Random random)
    {
        var female = random.NextDouble() < 0.52;
        var family = PickFamily(random);
        var middle = Pick(random, female ? FemaleMiddle : MaleMiddle);
        var given = Pick(random, female ? FemaleGiven : MaleGiven);
        return $"{family} {middle} {given}";
    }

    private static string PickFamily(Random random)
    {
        var x = random.NextDouble() * FamilyTotal;
        foreach (var (name, weight) in FamilyNames)
        {
            x -= weight;
            if (x < 0)
            {
                return name;
            }
        }

        return FamilyNames[0].Name;
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    /// <summary>"Phường Bắc Nha Trang" → "Bac Nha Trang": the form English names and codes use.</summary>
    public static string WithoutDiacritics(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            switch (c)
            {
                case 'đ':
                    builder.Append('d');
                    break;
                case 'Đ':
                    builder.Append('D');
                    break;
                default:
                    if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
