namespace GovKpi.Assistant.Search;

/// <summary>The languages the assistant reads questions in and answers them in.</summary>
public enum QuestionLanguage
{
    Vietnamese,
    English,
    Thai,
    Lao,
}

public static class QuestionLanguages
{
    /// <summary>The culture name answers are written in (resource lookup).</summary>
    public static string CultureName(this QuestionLanguage language) => language switch
    {
        QuestionLanguage.English => "en",
        QuestionLanguage.Thai => "th",
        QuestionLanguage.Lao => "lo",
        _ => "vi",
    };

    /// <summary>
    /// Thai or Lao by script; Vietnamese when any letter carries a Vietnamese mark; otherwise,
    /// for Latin text typed without marks, English when it has more English function words than
    /// common Vietnamese syllables. Vietnamese is the product's language and wins a tie.
    /// </summary>
    public static QuestionLanguage Detect(string question)
    {
        var thai = question.Count(c => c is >= '\u0E00' and <= '\u0E7F');
        var lao = question.Count(c => c is >= '\u0E80' and <= '\u0EFF');
        if (thai + lao > 0)
        {
            return lao > thai ? QuestionLanguage.Lao : QuestionLanguage.Thai;
        }

        if (LatinFolding.HasVietnameseMarks(question))
        {
            return QuestionLanguage.Vietnamese;
        }

        var words = question.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('?', '.', ',', '!', ':', ';', '"', '\'', '(', ')'))
            .ToList();
        var english = words.Count(EnglishFunctionWords.Contains);
        var vietnamese = words.Count(VietnameseSyllables.Contains);
        return english > vietnamese ? QuestionLanguage.English : QuestionLanguage.Vietnamese;
    }

    internal static readonly HashSet<string> EnglishFunctionWords = new(StringComparer.Ordinal)
    {
        "a", "about", "an", "and", "are", "as", "at", "be", "been", "by", "can", "could", "did", "do", "does", "for", "from",
        "had", "has", "have", "how", "in", "into", "is", "it", "its", "many", "much", "of", "on", "or", "should", "tell",
        "that", "the", "their", "there", "these", "they", "this", "those", "to", "was", "were", "what", "when", "where",
        "which", "who", "whom", "whose", "why", "will", "with", "would", "me", "please", "according", "say", "says",
        "article", "document", "documents", "text", "mention", "mentions", "mentioned",
    };

    /// <summary>Frequent Vietnamese syllables without marks that are not also English words.</summary>
    private static readonly HashSet<string> VietnameseSyllables = new(StringComparer.Ordinal)
    {
        "cua", "va", "cac", "nhung", "duoc", "trong", "cho", "nay", "voi", "khong", "gi", "nao", "bao", "nhieu", "la",
        "co", "mot", "nguoi", "cong", "chuc", "vien", "viec", "ngay", "nam", "tinh", "xa", "huyen", "quy", "dinh", "theo",
        "tai", "ve", "tu", "den", "da", "dang", "se", "hay", "hoac", "neu", "thi", "ma", "nhu", "sao", "khi", "phai", "dung",
        "ung", "danh", "gia", "ket", "qua", "hieu", "chinh", "quyen", "cap", "lanh", "dao", "nhan", "ho", "thu", "tuc",
        "hanh", "lam", "bo", "nhiem", "vu", "giup", "muc", "tieu", "ty", "le", "hoi", "dau", "ai", "ra", "thuc", "hien",
    };
}
