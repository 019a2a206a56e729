using System.Globalization;
using System.Text;

namespace GovKpi.Core.Search;

/// <summary>
/// Vietnamese-aware matching for the search box: case and diacritics do not matter ("nguyen van"
/// finds "Nguyễn Văn"; đ is d, which Unicode does not decompose), and each word typed is the start
/// of a word of the text, in any order ("van ng" finds "Nguyễn Văn").
/// </summary>
public sealed class SearchText
{
    private readonly string[] _words;

    private SearchText(string[] words) => _words = words;

    /// <summary>The folded words of what was typed; none when it has no letter or digit.</summary>
    public IReadOnlyList<string> Words => _words;

    public static SearchText Of(string typed) => new(WordsOf(typed));

    /// <summary>Whether every typed word starts some word of any of <paramref name="texts"/>.</summary>
    public bool Matches(params ReadOnlySpan<string?> texts)
    {
        if (_words.Length == 0)
        {
            return false;
        }

        var haystack = new List<string>();
        foreach (var text in texts)
        {
            if (text is not null)
            {
                haystack.AddRange(WordsOf(text));
            }
        }

        return _words.All(w => haystack.Exists(h => h.StartsWith(w, StringComparison.Ordinal)));
    }

    /// <summary>Lower case, without diacritics, đ as d: the form both sides are compared in.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            folded.Append(c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c));
        }

        return folded.ToString();
    }

    /// <summary>
    /// Words split at anything that is not a letter or digit, so a code such as "C1-TT" or
    /// "2.000815" is found from its first part too.
    /// </summary>
    private static string[] WordsOf(string text)
    {
        var folded = Fold(text);
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inWord = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(folded[start..i]);
                start = -1;
            }
        }

        return [.. words];
    }
}
