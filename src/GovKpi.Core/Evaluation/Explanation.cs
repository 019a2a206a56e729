using System.Globalization;
using System.Text.RegularExpressions;

namespace GovKpi.Core.Evaluation;

/// <summary>
/// Why a number is what it is, so that every score can be shown with its formula. <see cref="Key"/>
/// names a localised sentence (the app's resources hold <c>Evaluation.Explanation.{Key}</c> in Vietnamese and
/// English with <c>{0}</c>… placeholders, listed in docs/EVALUATION-SCORING.md), filled with
/// <see cref="Arguments"/> (numbers in the invariant culture, codes, recorded causes).
/// <see cref="Formula"/> is the same computation in symbols with its numbers, readable in any
/// language (the PDF form prints it).
/// </summary>
public sealed record Explanation(string Key, IReadOnlyList<string> Arguments, string Formula)
{
    public static Explanation Of(string key, string formula, params string[] arguments) => new(key, arguments, formula);
}

/// <summary>How numbers appear in explanations: invariant culture, trailing zeros dropped.</summary>
internal static class Show
{
    public static string N(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A ratio as a percentage: 0.955 → <c>95.5%</c>.</summary>
    public static string Pct(decimal ratio) => (ratio * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static decimal Round(decimal value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);
}

/// <summary>
/// Explanations keep their numbers in the invariant culture (the API's formulas stay
/// machine-readable); a reader's text writes them in the reader's culture, because in Vietnamese
/// "93.93" reads as ninety-three thousand nine hundred thirty.
/// </summary>
public static partial class ExplanationNumbers
{
    /// <summary><paramref name="invariant"/> with each decimal point between digits written as <paramref name="culture"/> writes it.</summary>
    public static string InCulture(string invariant, CultureInfo culture)
    {
        var separator = culture.NumberFormat.NumberDecimalSeparator;
        return separator == "." ? invariant : DecimalPoint().Replace(invariant, separator);
    }

    [GeneratedRegex(@"(?<=\d)\.(?=\d)", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalPoint();
}
