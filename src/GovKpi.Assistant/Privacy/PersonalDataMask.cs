using System.Text.RegularExpressions;

namespace GovKpi.Assistant.Privacy;

/// <summary>
/// Pseudonymises personal identifiers in text that is about to leave the machine (issue 5 item
/// 8), and puts them back in what comes back. Each distinct value gets a placeholder such as
/// [PERSON_1] or [PHONE_2], the same one every time within one mask, so the model can still tell
/// two people apart and refer to them; <see cref="Restore"/> turns the placeholders in its answer
/// back into the real values, locally.
/// <para>
/// Masked: e-mail addresses; Vietnamese phone numbers (0… or +84…, 10 or 11 digits, with spaces,
/// dots or dashes, or the area code in brackets); identity numbers written as one block of digits (12-digit CCCD,
/// 9-digit CMND); names the caller knows (staff of the user's units); and names that look like
/// Vietnamese personal names: a title such as "ông", "chị", "đồng chí", "TS." followed by
/// capitalised words, or a common family name followed by two or three capitalised words
/// ("Nguyễn Thị Bích Thủy", "Le Van Thanh"). The heuristics err towards masking: a street named
/// after a person is masked too, which costs nothing since it is restored in the answer.
/// Names written in Lao or Thai script are only masked when the caller lists them.
/// </para>
/// </summary>
public sealed partial class PersonalDataMask
{
    private readonly Dictionary<string, string> _placeholderOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _valueOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Regex? _knownNames;
    private readonly Dictionary<string, string> _knownSpelling = new(StringComparer.OrdinalIgnoreCase);

    public PersonalDataMask(IEnumerable<string>? knownNames = null)
    {
        var names = (knownNames ?? []).Select(n => n.Trim()).Where(n => n.Length > 1).Distinct().OrderByDescending(n => n.Length).ToList();
        foreach (var name in names)
        {
            _knownSpelling.TryAdd(name, name);
        }

        if (names.Count > 0)
        {
            _knownNames = new Regex(@"(?<![\p{L}\p{M}])(" + string.Join("|", names.Select(Regex.Escape)) + @")(?![\p{L}\p{M}])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }
    }

    /// <summary>The values masked so far (for tests and the audit trail).</summary>
    public IReadOnlyCollection<string> MaskedValues => _placeholderOf.Keys;

    public string Mask(string text)
    {
        text = Email().Replace(text, m => Placeholder("EMAIL", m.Value));
        text = Phone().Replace(text, m => Placeholder("PHONE", m.Value));
        text = IdentityNumber().Replace(text, m => Placeholder("ID", m.Value));
        if (_knownNames is not null)
        {
            // "y bhim niê" is the same person as "Y Bhim Niê": one placeholder.
            text = _knownNames.Replace(text, m => Placeholder("PERSON", _knownSpelling[m.Value]));
        }

        text = TitledName().Replace(text, m => m.Groups["title"].Value + Placeholder("PERSON", m.Groups["name"].Value));
        return FamilyName().Replace(text, m => Placeholder("PERSON", m.Value));
    }

    /// <summary>
    /// The text without e-mail addresses, phone numbers and identity numbers: they say who asks,
    /// not what about, so retrieval leaves them out of the question.
    /// </summary>
    public static string WithoutContactNumbers(string text) =>
        IdentityNumber().Replace(Phone().Replace(Email().Replace(text, " "), " "), " ");

    /// <summary>Puts the masked values back; placeholders this mask never issued are left as they are.</summary>
    public string Restore(string text) => Issued().Replace(text, m => _valueOf.GetValueOrDefault(m.Value, m.Value));

    private string Placeholder(string kind, string value)
    {
        if (_placeholderOf.TryGetValue(value, out var existing))
        {
            return existing;
        }

        var number = _counts[kind] = _counts.GetValueOrDefault(kind) + 1;
        var placeholder = $"[{kind}_{number}]";
        _placeholderOf[value] = placeholder;
        _valueOf[placeholder] = value;
        return placeholder;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    // 0912 345 678, 0912.345.678, +84 912 345 678, 028 3829 1234, (028) 3829 1234.
    [GeneratedRegex(@"(?<![\w+])((\+84|0)([\s.\-]{0,2}\d){9,10}|\(0\d{2,3}\)([\s.\-]{0,2}\d){7,8})(?!\d)")]
    private static partial Regex Phone();

    // A whole block of 12 (CCCD) or 9 (CMND) digits, not part of 1.234.567.890 or 133/2025.
    [GeneratedRegex(@"(?<!\w|\d[.,/-])(\d{12}|\d{9})(?!\w|[.,/-]\d)")]
    private static partial Regex IdentityNumber();

    private const string CapitalisedWord = @"\p{Lu}[\p{Ll}\p{M}]*";

    [GeneratedRegex(@"(?<title>(?<![\p{L}\p{M}])(?i:ông|bà|anh|chị|cô|chú|bác|em|đồng chí|đ/c|ts\.|ths\.|pgs\.|gs\.|mr\.?|mrs\.?|ms\.?)\s+)(?<name>"
        + CapitalisedWord + @"(\s+" + CapitalisedWord + @"){0,3})(?![\p{L}\p{M}])", RegexOptions.CultureInvariant)]
    private static partial Regex TitledName();

    [GeneratedRegex(@"(?<![\p{L}\p{M}])(Nguyễn|Trần|Lê|Phạm|Huỳnh|Hoàng|Phan|Võ|Vũ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Trương|Đinh|Đoàn|Lâm|Mai|Tô|Châu|Lưu|Cao|Tạ|Kiều|Quách|"
        + @"Nguyen|Tran|Le|Pham|Huynh|Hoang|Vo|Vu|Dang|Bui|Do|Ho|Ngo|Duong|Ly|Truong|Dinh|Doan|Lam|Chau|Luu|Ta|Kieu|Quach)"
        + @"(\s+" + CapitalisedWord + @"){2,3}(?![\p{L}\p{M}])", RegexOptions.CultureInvariant)]
    private static partial Regex FamilyName();

    [GeneratedRegex(@"\[(PERSON|PHONE|EMAIL|ID)_\d+\]")]
    private static partial Regex Issued();
}
