using System.Text;
using System.Text.RegularExpressions;

namespace GovKpi.Core;

/// <summary>Vietnamese text as people type it: with diacritics, or without them on a keyboard without Vietnamese input.</summary>
public static class VietnameseText
{
    /// <summary>Lower case without the Latin diacritics, <c>đ</c> as <c>d</c>: "Tỷ lệ trễ hạn" and "ty le tre han" fold alike.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            // Only the Latin combining accents: Lao and Thai vowel signs are marks too, and letters of their words.
            if (c is < '\u0300' or > '\u036f')
            {
                folded.Append(c == 'đ' ? 'd' : c);
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// The words of <paramref name="original"/> that a folded phrase (found in its folded form)
    /// came from, as they were written: "tra ket qua" in "Trả kết quả, hướng dẫn" is "Trả kết quả".
    /// </summary>
    public static string Quote(string original, string foldedPhrase)
    {
        var text = original.Normalize(NormalizationForm.FormC);
        var folded = Fold(text);
        if (folded.Length == text.Length)
        {
            var pattern = string.Join(@"\W+", foldedPhrase.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape));
            var match = Regex.Match(folded, @"(?<!\w)" + pattern + @"(?!\w)");
            if (match.Success)
            {
                return text.Substring(match.Index, match.Length);
            }
        }

        return foldedPhrase;
    }
}
