using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GovKpi.Assistant.Search;

namespace GovKpi.Assistant.Privacy;

/// <summary>
/// Pseudonymises personal data in text that is about to leave the machine or be shown to someone
/// who may not read it (issue 5 item 8, issue 11 item 5), and puts it back where it may be shown.
/// Each distinct value gets a placeholder such as [PERSON_1] or [PHONE_2], the same one every time
/// within one mask — "Nguyễn Thị Lan", "NGUYỄN THỊ LAN" and "nguyen thi lan" are one person,
/// "0912 345 678" and "+84 912.345.678" one phone — so the model can still tell people apart and
/// refer to them; <see cref="Restore"/> turns the placeholders back into the values (the first
/// spelling seen), locally. One mask serves one request.
/// <para>
/// Masked (<see cref="Kinds"/>): e-mail addresses; phones (0…, +84…, 84…, with spaces, dots or
/// dashes, or the area code in brackets); citizen identity numbers (12-digit CCCD, 9-digit CMND)
/// as one block, in groups separated by spaces or dashes, or in any spacing after a label
/// ("CCCD", "số định danh"…); passport numbers (a letter and 7 digits); tax codes (10 digits,
/// 10-3 digits, or after "MST"); social-insurance numbers (10 digits after "BHXH"); dates of birth
/// (dd/mm/yyyy, dd-mm-yyyy, "ngày 5 tháng 3 năm 1980" after "sinh", "ngày sinh"…, or right after a
/// masked name); addresses ("số 12 đường …", "thôn/xóm/ấp/tổ dân phố …, xã/phường …"); names
/// the organisation knows (any case, with or without diacritics); names after a title ("ông",
/// "chị", "đồng chí", "TS."); and names built like Vietnamese names (<see cref="VietnameseNames"/>):
/// a family name and a middle name then a given name in one case ("LÊ VĂN THANH", "le van thanh",
/// "Lê Văn Thanh"), or a family name and two or three capitalised words ("Nguyễn Hồng Bửu Long").
/// </para>
/// <para>
/// Dates other than of birth, numbers with dots (amounts: 1.234.567.890 đồng) and document codes
/// (133/2025/NĐ-CP) stay: they are what regulations are about. The heuristics err towards masking: a
/// street named after a person is masked too, which costs nothing where the value is restored.
/// Names in Lao or Thai script are only masked when the organisation knows them.
/// </para>
/// </summary>
public sealed partial class PersonalDataMask
{
    /// <summary>The placeholder kinds, as the model is told of them.</summary>
    public static readonly string[] Kinds = ["PERSON", "PHONE", "EMAIL", "ID", "PASSPORT", "TAXCODE", "INSURANCE", "BIRTHDATE", "ADDRESS"];

    private readonly Dictionary<string, string> _placeholderOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _valueOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _knownNames;
    private readonly int _longestKnownName;

    /// <param name="knownNames">
    /// Names of people the organisation knows, of two words or more (one word alone is too often
    /// an everyday word), looked up word by word so that a province's whole staff costs one set.
    /// </param>
    public PersonalDataMask(IEnumerable<string>? knownNames = null)
    {
        _knownNames = [.. (knownNames ?? []).Select(n => NameKey(n.Normalize(NormalizationForm.FormC))).Where(k => k.Contains(' '))];
        _longestKnownName = _knownNames.Count == 0 ? 0 : _knownNames.Max(k => k.Count(c => c == ' ') + 1);
    }

    /// <summary>The values masked so far, as first written (for tests and the audit trail).</summary>
    public IReadOnlyCollection<string> MaskedValues => _valueOf.Values;

    public string Mask(string text)
    {
        text = text.Normalize(NormalizationForm.FormC);
        text = Email().Replace(text, m => Placeholder("EMAIL", m.Value));
        text = LabelledNumber().Replace(text, Labelled);
        text = TaxCodeWithBranch().Replace(text, m => Placeholder("TAXCODE", m.Value));
        text = Phone().Replace(text, m => Placeholder("PHONE", m.Value));
        text = Passport().Replace(text, m => Placeholder("PASSPORT", m.Value));
        text = GroupedNumber().Replace(text, m => Digits(m.Value).Length is 9 or 12 && !AllYears(m.Value) ? Placeholder("ID", m.Value) : m.Value);
        text = IdentityNumber().Replace(text, m => Placeholder("ID", m.Value));
        text = BirthDate().Replace(text, m => m.Groups["label"].Value + Placeholder("BIRTHDATE", m.Groups["date"].Value));
        text = BirthYear().Replace(text, m => m.Groups["label"].Value + Placeholder("BIRTHDATE", m.Groups["date"].Value));
        text = Address().Replace(text, m => Placeholder("ADDRESS", m.Value));
        text = KnownNames(text);

        text = NameWithVanOrThi.Replace(text, m => MiddleNamed(m, lowerCaseToo: true));
        text = CapitalisedNameWithMiddle.Replace(text, m => MiddleNamed(m, lowerCaseToo: false));
        text = TitleCaseName.Replace(text, m => Placeholder("PERSON", m.Value));
        // After whole names, so that "Anh" or "Cô" inside one ("Kiều Tuấn Anh Khoa") is not taken for a title.
        text = TitledName().Replace(text, m => m.Groups["title"].Value + Placeholder("PERSON", m.Groups["name"].Value));
        // "[PERSON_1], 05/03/1980": a date beside a name in a list of people is that person's birth date.
        return DateBesideName().Replace(text, m => m.Groups["lead"].Value + Placeholder("BIRTHDATE", m.Groups["date"].Value));
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
        var key = kind + "\u0001" + Normalised(kind, value);
        if (_placeholderOf.TryGetValue(key, out var existing))
        {
            return existing;
        }

        var number = _counts[kind] = _counts.GetValueOrDefault(kind) + 1;
        var placeholder = $"[{kind}_{number}]";
        _placeholderOf[key] = placeholder;
        _valueOf[placeholder] = value;
        return placeholder;
    }

    /// <summary>What makes two spellings one value: case, diacritics and spacing of names; separators and +84 of numbers.</summary>
    private static string Normalised(string kind, string value) => kind switch
    {
        "PHONE" => Digits(value) is var d && d.StartsWith("84", StringComparison.Ordinal) && d.Length >= 11 ? "0" + d[2..] : Digits(value),
        "ID" or "TAXCODE" or "INSURANCE" => Digits(value),
        "PASSPORT" => Spaces().Replace(value, "").ToUpperInvariant(),
        "BIRTHDATE" => BirthDateKey(value),
        _ => NameKey(value),
    };

    private static string Digits(string text) => string.Concat(text.Where(char.IsAsciiDigit));

    private static string BirthDateKey(string date)
    {
        var numbers = NumberRun().Matches(date).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
        return numbers.Count == 3 ? $"{numbers[2]:D4}-{numbers[1]:D2}-{numbers[0]:D2}" : string.Join("-", numbers);
    }

    /// <summary>A labelled number: masked as its label says when its digits fit the kind, the rest of a longer run left to the other rules.</summary>
    private string Labelled(Match m)
    {
        var (kind, counts) = m.Groups["tax"].Success ? ("TAXCODE", new[] { 10, 12, 13 })
            : m.Groups["insurance"].Success ? ("INSURANCE", [10])
            : m.Groups["passport"].Success ? ("PASSPORT", [8, 9])
            : ("ID", [9, 12]);
        var number = m.Groups["number"].Value;
        var end = LongestPrefixWithDigits(number, counts, allowLetter: kind == "PASSPORT");
        return end == 0 ? m.Value : m.Groups["label"].Value + Placeholder(kind, number[..end]) + number[end..];
    }

    /// <summary>The length of the longest start of <paramref name="number"/> holding exactly one of <paramref name="counts"/> digits and ending on a digit.</summary>
    private static int LongestPrefixWithDigits(string number, int[] counts, bool allowLetter)
    {
        var best = 0;
        var digits = 0;
        for (var i = 0; i < number.Length; i++)
        {
            if (char.IsAsciiDigit(number[i]) || (allowLetter && i == 0 && char.IsAsciiLetterUpper(number[i])))
            {
                digits++;
                if (counts.Contains(digits))
                {
                    best = i + 1;
                }
            }
        }

        return best;
    }

    /// <summary>The names the organisation knows, in any case, with or without marks and with any spacing: the longest run of words that is one.</summary>
    private string KnownNames(string text)
    {
        if (_longestKnownName == 0)
        {
            return text;
        }

        var words = Word().Matches(text);
        var masked = new StringBuilder(text.Length);
        var copied = 0;
        for (var i = 0; i < words.Count; i++)
        {
            for (var n = Math.Min(_longestKnownName, words.Count - i); n >= 2; n--)
            {
                var (start, end) = (words[i].Index, words[i + n - 1].Index + words[i + n - 1].Length);
                var run = text[start..end];
                // Words parted by anything but spaces ("Trang, Đặng") make no key of the set.
                if (_knownNames.Contains(NameKey(run)))
                {
                    masked.Append(text, copied, start - copied).Append(Placeholder("PERSON", run));
                    copied = end;
                    i += n - 1;
                    break;
                }
            }
        }

        return masked.Append(text, copied, text.Length - copied).ToString();
    }

    private static string NameKey(string name) => Spaces().Replace(LatinFolding.Fold(name).ToLowerInvariant(), " ").Trim();

    private string MiddleNamed(Match m, bool lowerCaseToo)
    {
        var (core, extra) = (m.Groups["core"].Value, m.Groups["extra"].Value);
        if (!OneCase(core) || (!lowerCaseToo && !char.IsUpper(core[0])))
        {
            return m.Value;
        }

        // A fourth word belongs to the name only in title case: "le van thanh đi" is a name and a verb.
        return extra.Length > 0 && IsTitleCase(core) && IsTitleCase(extra) ? Placeholder("PERSON", core + extra) : Placeholder("PERSON", core) + extra;
    }

    private static string[] Words(string text) => Spaces().Split(text.Trim());

    /// <summary>A name of one case throughout: "LÊ VĂN THANH", "Lê Văn Thanh" or "lê văn thanh", not "lê Văn thanh".</summary>
    private static bool OneCase(string name)
    {
        var words = Words(name);
        var upperFirst = words.Count(w => char.IsUpper(w[0]));
        return upperFirst == words.Length || upperFirst == 0;
    }

    private static bool IsTitleCase(string text) => Words(text).All(w => char.IsUpper(w[0]) && !w.Skip(1).Any(char.IsUpper));

    /// <summary>"2023 2024 2025" is a row of years, not an identity number.</summary>
    private static bool AllYears(string number) => NumberRun().Matches(number).All(m => m.Length == 4 && m.Value[..2] is "19" or "20");

    private const string Letters = @"[\p{L}\p{M}]";
    private const string CapitalisedWord = @"\p{Lu}[\p{Ll}\p{M}]*";
    private const string DateForms = @"\d{1,2}\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?(?:19|20)\d{2}|(?i:ngày\s+)?\d{1,2}\s+(?i:tháng)\s+\d{1,2}\s*,?\s+(?i:năm)\s+(?:19|20)\d{2}";

    private static string Alternatives(IEnumerable<string> words) =>
        "(?:" + string.Join("|", words.Select(w => Regex.Escape(w).Replace(@"\ ", @"\s+"))) + ")";

    private static readonly string GivenName = $@"(?!{Alternatives(VietnameseNames.WithFolded(VietnameseNames.NotGivenNames))}(?!{Letters})){Letters}+";

    private static readonly string[] NameLikeFamilies = [.. VietnameseNames.FamilyNames.Except(VietnameseNames.CommonWordFamilyNames)];

    /// <summary>
    /// In capitals or title case: a family name that is no everyday word, one or two middle names
    /// and a given name ("LÂM ĐÌNH THẮNG", "Lam Dinh Thang"), and in title case one more given name
    /// ("Kiều Tuấn Anh Khoa").
    /// </summary>
    private static readonly Regex CapitalisedNameWithMiddle = new(
        $@"(?<!{Letters})(?i:(?<core>{Alternatives(VietnameseNames.WithFolded(NameLikeFamilies))}(?:\s+{Alternatives(VietnameseNames.WithFolded(VietnameseNames.MiddleNames))}){{1,2}}\s+{GivenName})(?<extra>\s+{GivenName})?)(?!{Letters})",
        RegexOptions.CultureInvariant);

    /// <summary>
    /// In any case, lower case too: any family name, "văn" or "thị", perhaps another middle name,
    /// and a given name ("mai văn hòa", "trần thị hồng"); without diacritics only the commonest
    /// family names ("le van thanh").
    /// </summary>
    private static readonly Regex NameWithVanOrThi = new(
        $@"(?<!{Letters})(?i:(?<core>(?:{Alternatives(VietnameseNames.AsWritten(VietnameseNames.FamilyNames))}\s+{Alternatives(VietnameseNames.GenderMiddleNames)}"
        + $@"|{Alternatives(VietnameseNames.AsWritten(VietnameseNames.CommonestFamilyNames.Select(LatinFolding.Fold)))}\s+{Alternatives(VietnameseNames.GenderMiddleNames.Select(LatinFolding.Fold))})"
        + $@"(?:\s+{Alternatives(VietnameseNames.WithFolded(VietnameseNames.MiddleNames))})?\s+{GivenName})(?<extra>\s+{GivenName})?)(?!{Letters})",
        RegexOptions.CultureInvariant);

    /// <summary>A family name that is no everyday word, and two or three capitalised words ("Nguyễn Hồng Bửu Long", "Tran Binh Minh").</summary>
    private static readonly Regex TitleCaseName = new(
        $@"(?<!{Letters}){Alternatives(VietnameseNames.WithFolded(NameLikeFamilies))}(?:\s+{CapitalisedWord}){{2,3}}(?!{Letters})",
        RegexOptions.CultureInvariant);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[\p{L}\p{M}'’]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\d+")]
    private static partial Regex NumberRun();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    // MST: 0312345678, số CCCD: 066 190 012 345, sổ BHXH số 7912345678, hộ chiếu C1234567.
    [GeneratedRegex(@"(?<label>(?<![\p{L}\p{M}])(?i:(?<tax>mã\s+số\s+thuế|mst|tax\s+code|tax\s+id)|(?<insurance>(?:mã\s+số\s+|sổ\s+)?bhxh|bhyt|bảo\s+hiểm\s+xã\s+hội|bảo\s+hiểm\s+y\s+tế|social\s+insurance(?:\s+number)?)|(?<passport>hộ\s+chiếu|passport(?:\s+no\.?)?)|(?<id>cccd|cmnd|cmt|căn\s+cước(?:\s+công\s+dân)?|chứng\s+minh(?:\s+nhân\s+dân|\s+thư)?|số\s+định\s+danh(?:\s+cá\s+nhân)?|identity\s+card|id\s+card|id\s+number|id))(?:\s*/\s*(?i:cccd|cmnd))?[\s:#.]*(?:(?i:số|no\.?)[\s:.]*)?)(?<number>[A-Z]?\s?\d(?:[\s.\-]?\d){6,15})(?!\d)",
        RegexOptions.CultureInvariant)]
    private static partial Regex LabelledNumber();

    [GeneratedRegex(@"(?<![\w.,/-])\d{10}\s?-\s?\d{3}(?![\d\w])")]
    private static partial Regex TaxCodeWithBranch();

    // 0912 345 678, 0912.345.678, +84 912 345 678, 84912345678, 028 3829 1234, (028) 3829 1234.
    [GeneratedRegex(@"(?<![\w+])((\+84|84|0)([\s.\-]{0,2}\d){9,10}|\(0\d{2,3}\)([\s.\-]{0,2}\d){7,8})(?!\d)")]
    private static partial Regex Phone();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])[A-Z]\s?\d{7}(?!\d)")]
    private static partial Regex Passport();

    // 066 190 012 345, 066-190-012-345, 225 123 456: identity numbers in groups (dots are thousands in amounts, so not those).
    [GeneratedRegex(@"(?<![\w.,/-])\d{2,4}(?:[ \-]\d{2,4}){2,5}(?![\w]|[.,/-]\d)")]
    private static partial Regex GroupedNumber();

    // A whole block of 12 (CCCD) or 9 (CMND) digits, not part of 1.234.567.890 or 133/2025.
    [GeneratedRegex(@"(?<!\w|\d[.,/-])(\d{12}|\d{9})(?!\w|[.,/-]\d)")]
    private static partial Regex IdentityNumber();

    [GeneratedRegex(@"(?<label>(?<![\p{L}\p{M}])(?<!(?i:phát|nảy|vệ)\s)(?i:ngày\s*,?\s*tháng\s*,?\s*năm\s+sinh|ngày\s+sinh|sinh\s+ngày|sinh|d\.?o\.?b\.?|date\s+of\s+birth|born(?:\s+on)?)[\s:,]*)(?<date>" + DateForms + @")(?!\d)",
        RegexOptions.CultureInvariant)]
    private static partial Regex BirthDate();

    [GeneratedRegex(@"(?<label>(?<![\p{L}\p{M}])(?i:sinh\s+năm|năm\s+sinh|year\s+of\s+birth)[\s:]*)(?<date>(?:19|20)\d{2})(?![\d/.\-])", RegexOptions.CultureInvariant)]
    private static partial Regex BirthYear();

    [GeneratedRegex(@"(?<lead>\[PERSON_\d+\]\s*[,;(\-–]\s*(?:(?i:sinh)\s*)?)(?<date>" + DateForms + @")(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex DateBesideName();

    private const string PlaceWords = @"(?:\p{Lu}[\p{L}\p{M}]*|\d+[A-Za-z]?)(?:\s+(?:\p{Lu}[\p{L}\p{M}]*|\d+[A-Za-z]?))*";

    // số 12 đường Trần Phú, phường Lộc Thọ; thôn Phú Hòa, xã Vĩnh Lương; tổ dân phố 3, phường Vĩnh Hải.
    [GeneratedRegex(@"(?<![\p{L}\p{M}])(?:(?i:số(?:\s+nhà)?)\s+\d+[A-Za-z]?(?:/\d+[A-Za-z]?)*\s*,?\s*(?i:đường|phố|ngõ|ngách|hẻm|kiệt)\s+" + PlaceWords
        + @"|(?i:thôn|xóm|ấp|tổ\s+dân\s+phố|khu\s+phố|buôn|khóm)\s+" + PlaceWords + @"|(?i:tổ)\s+\d+(?=\s*,\s*(?i:phường|xã|thị\s+trấn)))"
        + @"(?:\s*,\s*(?i:thôn|xóm|ấp|tổ\s+dân\s+phố|khu\s+phố|xã|phường|thị\s+trấn|quận|huyện|thị\s+xã|thành\s+phố|tỉnh)\s+" + PlaceWords + ")*",
        RegexOptions.CultureInvariant)]
    private static partial Regex Address();

    [GeneratedRegex(@"(?<title>(?<![\p{L}\p{M}])(?i:ông|bà|anh|chị|cô|chú|bác|em|đồng chí|đ/c|ts\.|ths\.|pgs\.|gs\.|mr\.?|mrs\.?|ms\.?)\s+)(?<name>"
        + CapitalisedWord + @"(\s+" + CapitalisedWord + @"){0,3})(?![\p{L}\p{M}])", RegexOptions.CultureInvariant)]
    private static partial Regex TitledName();

    [GeneratedRegex(@"\[(PERSON|PHONE|EMAIL|ID|PASSPORT|TAXCODE|INSURANCE|BIRTHDATE|ADDRESS)_\d+\]")]
    private static partial Regex Issued();
}
