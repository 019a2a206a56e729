using System.Text.RegularExpressions;

namespace GovKpi.Assistant.Search;

/// <summary>One word or word pair of a question, and the field it must be found in.</summary>
internal sealed record QueryTerm(string Field, string Text);

/// <summary>
/// What a question asks for, as index terms: its words and adjacent word pairs without the
/// question words ("bao nhiêu", "là gì", "what", "อะไร", "ແມ່ນຫຍັງ") and function words ("của",
/// "những", "the"), which a passage that answers need not contain and which would otherwise count
/// as unanswered parts of the question.
/// A word typed with Vietnamese marks must match as written (<see cref="PassageFields.Exact"/>:
/// "đô" is not "độ"); a word typed without them matches any marked form
/// (<see cref="PassageFields.Folded"/>), so "quyet dinh" finds "quyết định" and a half-marked
/// question still works word by word.
/// </summary>
internal sealed partial record QuestionTerms(QuestionLanguage Language, IReadOnlyList<QueryTerm> Words, IReadOnlyList<QueryTerm> Pairs)
{
    public static QuestionTerms From(string question)
    {
        question = Documents.DocumentReader.Clean(Privacy.PersonalDataMask.WithoutContactNumbers(question));
        var language = QuestionLanguages.Detect(question);
        var tokens = Tokens(question);
        var kept = Keep(tokens, language);

        var words = new List<QueryTerm>();
        var pairs = new List<QueryTerm>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!kept[i])
            {
                continue;
            }

            words.Add(Word(tokens[i]));
            if (i + 1 < tokens.Count && kept[i + 1])
            {
                pairs.Add(Pair(tokens[i], tokens[i + 1]));
            }
        }

        return new QuestionTerms(language, words.Distinct().ToList(), pairs.Distinct().ToList());
    }

    private static QueryTerm Word(string token)
    {
        var lower = token.ToLowerInvariant();
        return LatinFolding.HasVietnameseMarks(lower)
            ? new QueryTerm(PassageFields.Exact, VietnameseSpelling.Canonical(lower))
            : new QueryTerm(PassageFields.Folded, lower);
    }

    private static QueryTerm Pair(string first, string second)
    {
        var (a, b) = (Word(first), Word(second));
        return a.Field == PassageFields.Exact && b.Field == PassageFields.Exact
            ? new QueryTerm(PassageFields.ExactPairs, $"{a.Text} {b.Text}")
            : new QueryTerm(PassageFields.FoldedPairs, $"{LatinFolding.Fold(a.Text)} {LatinFolding.Fold(b.Text)}");
    }

    private static List<string> Tokens(string text)
    {
        using var tokenizer = new IcuWordTokenizer(new StringReader(text));
        var term = tokenizer.GetAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        var tokens = new List<string>();
        tokenizer.Reset();
        while (tokenizer.IncrementToken())
        {
            tokens.Add(term.ToString());
        }

        tokenizer.End();
        return tokens;
    }

    /// <summary>Which tokens are content, i.e. not part of a question phrase of the question's language.</summary>
    private static bool[] Keep(List<string> tokens, QuestionLanguage language)
    {
        var kept = Enumerable.Repeat(true, tokens.Count).ToArray();
        if (language == QuestionLanguage.English)
        {
            for (var i = 0; i < tokens.Count; i++)
            {
                kept[i] = !QuestionLanguages.EnglishFunctionWords.Contains(tokens[i].ToLowerInvariant());
            }

            return kept;
        }

        var phrases = QuestionPhrases.Value[language];
        for (var i = 0; i < tokens.Count;)
        {
            var match = phrases
                .Where(p => p.Matches(tokens, i))
                .MaxBy(p => p.Words.Count);
            if (match is null)
            {
                i++;
                continue;
            }

            for (var j = i; j < i + match.Words.Count; j++)
            {
                kept[j] = false;
            }

            i += match.Words.Count;
        }

        return kept;
    }

    /// <summary>
    /// A question phrase. <see cref="Folded"/>: a question typed without marks also matches it
    /// without marks, which is only safe where the bare form is not a common word ("dau" is
    /// "đâu", where, but also "đầu", first; "hoi" is "hỏi", ask, but also "hội", council).
    /// <see cref="AtEnd"/>: only as the last words ("... có áp dụng không?"), because "không"
    /// inside a question is usually a real negation.
    /// </summary>
    private sealed record QuestionPhrase(IReadOnlyList<string> Words, bool Folded, bool AtEnd)
    {
        public bool Matches(List<string> tokens, int at)
        {
            if (at + Words.Count > tokens.Count || (AtEnd && at + Words.Count != tokens.Count))
            {
                return false;
            }

            for (var k = 0; k < Words.Count; k++)
            {
                var token = tokens[at + k];
                var lower = token.ToLowerInvariant();
                // "AI" in capitals is artificial intelligence, not "ai" (who).
                var same = lower == Words[k] && !(token == "AI" && Words[k] == "ai");
                var folded = Folded && !LatinFolding.HasVietnameseMarks(lower) && lower == LatinFolding.Fold(Words[k]) && token != "AI";
                if (!same && !folded)
                {
                    return false;
                }
            }

            return true;
        }
    }

    private static readonly Lazy<Dictionary<QuestionLanguage, List<QuestionPhrase>>> QuestionPhrases = new(() =>
    {
        List<QuestionPhrase> Parse(string list, bool folded, bool atEnd) =>
            list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(p => new QuestionPhrase(Tokens(p).Select(t => t.ToLowerInvariant()).ToList(), folded, atEnd))
                .ToList();

        return new Dictionary<QuestionLanguage, List<QuestionPhrase>>
        {
            [QuestionLanguage.Vietnamese] =
            [
                .. Parse("bao nhiêu, bao giờ, bao lâu, như thế nào, thế nào, ra sao, tại sao, vì sao, là gì, cái gì, những gì, gì, " +
                         "nào, ai, ở đâu, khi nào, lúc nào, có phải, cho biết, vui lòng, xin hỏi", folded: true, atEnd: false),
                // How people refer to the document rather than its subject.
                .. Parse("bài viết, bài báo, tài liệu, nói gì, nói về, đề cập, nhắc đến, nhắc tới, được biết", folded: true, atEnd: false),
                .. Parse("đâu, hỏi, mấy, hãy", folded: false, atEnd: false),
                .. Parse("hay không, hay chưa, không, chưa, vậy, nhỉ, ạ", folded: true, atEnd: true),
                // Function words: a passage that answers may well say it without them.
                .. Parse("những, nhưng, được, các, với, và, là, một, sẽ, rất, khi, hay, theo, đến, về, của, có, bị, từ, tới, để, " +
                         "thì, mà, hoặc, nếu, đã, đang, cũng, vẫn, này, đó, ấy, bằng, như, do, vì, nên, cho, trong, tại, ở",
                         folded: false, atEnd: false),
                .. Parse("những, được, các, với, và, là, một, sẽ, rất, khi, hay, theo, đến, về", folded: true, atEnd: false),
            ],
            [QuestionLanguage.Thai] =
            [
                .. Parse("อะไร, ใคร, ที่ไหน, ไหน, เท่าไร, เท่าไหร่, อย่างไร, ยังไง, เมื่อไร, เมื่อไหร่, ทำไม, กี่, บ้าง, ไหม, " +
                         "หรือไม่, หรือเปล่า, ครับ, ค่ะ, คะ, บทความ, เอกสาร, กล่าวถึง", folded: false, atEnd: false),
            ],
            [QuestionLanguage.Lao] =
            [
                .. Parse("ແມ່ນຫຍັງ, ຫຍັງ, ໃຜ, ຢູ່ໃສ, ໃສ, ເທົ່າໃດ, ແນວໃດ, ເມື່ອໃດ, ອັນໃດ, ໃດ, ຈັກ, ບໍ, ແດ່, ເຈົ້າ, ຂໍ, ບົດຄວາມ, ເອກະສານ", folded: false, atEnd: false),
            ],
        };
    });
}

/// <summary>
/// One spelling for words Vietnamese writes two ways: the tone mark of a final "oa", "oe", "uy"
/// goes on the first vowel in the old style (hòa, thủy) and on the second in the new (hoà,
/// thuỷ). Both are common in official documents; the index and questions use the new style.
/// </summary>
internal static partial class VietnameseSpelling
{
    // Grave, acute, hook above, tilde, dot below.
    private const string Tones = "[\u0300\u0301\u0309\u0303\u0323]";

    public static string Canonical(string word)
    {
        if (word.Length < 2 || word.All(char.IsAscii))
        {
            return word;
        }

        var decomposed = word.Normalize(System.Text.NormalizationForm.FormD);
        var moved = OldStyleTone().Replace(decomposed, m => m.Groups["first"].Value + m.Groups["second"].Value + m.Groups["tone"].Value);
        return ReferenceEquals(moved, decomposed) ? word : moved.Normalize(System.Text.NormalizationForm.FormC);
    }

    // o and its tone mark before a final a or e, u and its tone mark before a final y: "ho\u0300a" becomes "hoa\u0300".
    [GeneratedRegex("(?:(?<first>[oO])(?<tone>" + Tones + ")(?<second>[aAeE])|(?<first>[uU])(?<tone>" + Tones + ")(?<second>[yY]))$")]
    private static partial Regex OldStyleTone();
}
