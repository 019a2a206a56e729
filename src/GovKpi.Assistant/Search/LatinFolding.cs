using System.Globalization;
using System.Text;

namespace GovKpi.Assistant.Search;

/// <summary>
/// Vietnamese without diacritics: "Quyết định" and "quyet dinh" both become "quyet dinh". Tone
/// marks and vowel marks (â ă ê ô ơ ư) are dropped and đ becomes d, the way people type on a
/// keyboard without a Vietnamese input method. Only marks on Latin letters are dropped: Thai and
/// Lao write vowels and tones as combining marks too, and removing those would merge different
/// words.
/// </summary>
public static class LatinFolding
{
    public static string Fold(string text)
    {
        if (text.All(char.IsAscii))
        {
            return text;
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var baseIsLatin = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                if (!baseIsLatin)
                {
                    folded.Append(c);
                }

                continue;
            }

            baseIsLatin = IsLatin(c);
            folded.Append(c switch { 'đ' => 'd', 'Đ' => 'D', _ => c });
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>True when the text carries a Vietnamese diacritic, i.e. was typed with them.</summary>
    public static bool HasVietnameseMarks(string text) => text.Any(c => IsLatin(c) && !char.IsAscii(c) && char.IsLetter(c));

    private static bool IsLatin(char c) => c <= '\u024F' || c is >= '\u1E00' and <= '\u1EFF';
}
