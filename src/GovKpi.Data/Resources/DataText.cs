using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;

namespace GovKpi.Data.Resources;

/// <summary>
/// The words of what the readers refuse (a row, a cell, a workbook), one key per error, so the
/// same error reads the same from every reader. Rendered in the current UI culture when the error
/// is found: Vietnamese (the neutral <c>DataMessages.resx</c>) for the web app, English
/// (<c>DataMessages.en.resx</c>) for the command line, which runs under en-US. Arguments are
/// formatted with the invariant culture, so a number or a date reads the same on every host.
/// </summary>
public static class DataText
{
    private static readonly ResourceManager Messages = new("GovKpi.Data.Resources.DataMessages", typeof(DataText).Assembly);

    public static string Get(string key, params object?[] args)
    {
        var template = Messages.GetString(key, CultureInfo.CurrentUICulture)
            ?? throw new ArgumentException($"No message '{key}' in DataMessages.resx.", nameof(key));
        return args.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, args);
    }

    /// <summary>
    /// A stored reason (a quarantined row's) in the current UI culture. A reason is worded when the
    /// row is refused, in the language of whoever imported it — English from the command line,
    /// Vietnamese from the web app — and stored as text; this finds the message it was made from,
    /// in either language, and words it again with the same arguments. The problems of one row
    /// are stored joined by <c>; </c>, each after the first led by its column; a part that is no
    /// known message stays as it is.
    /// </summary>
    public static string Reword(string reason) =>
        string.Join("; ", RewordParts(reason).Select(p => p.Column.Length == 0 ? p.Text : $"{p.Column}: {p.Text}"));

    /// <summary><see cref="Reword"/> in parts: the problems of the row, each with the column it leads with (empty for the first).</summary>
    public static IReadOnlyList<(string Column, string Text)> RewordParts(string reason)
    {
        if (Reworded(reason) is { } whole)
        {
            return [("", whole)];
        }

        var parts = new List<(string Column, string Text)>();
        foreach (var (part, i) in reason.Split("; ").Select((p, i) => (p, i)))
        {
            var colon = i == 0 ? -1 : part.IndexOf(": ", StringComparison.Ordinal);
            var (column, text) = colon > 0 && !part[..colon].Contains(' ', StringComparison.Ordinal)
                ? (part[..colon], part[(colon + 2)..])
                : ("", part);
            parts.Add((column, Reworded(text) ?? text));
        }

        return parts;
    }

    private static string? Reworded(string text)
    {
        foreach (var (key, pattern) in Patterns.Value)
        {
            var match = pattern.Match(text);
            if (match.Success)
            {
                var count = Enumerable.Range(0, 10).Where(n => match.Groups[$"a{n}"].Success).DefaultIfEmpty(-1).Max() + 1;
                var args = Enumerable.Range(0, count).Select(n => (object?)match.Groups[$"a{n}"].Value).ToArray();
                return Get(key, args);
            }
        }

        return null;
    }

    /// <summary>Every message of both languages as a pattern whose groups are its arguments, the longest first so that a message never matches as a shorter one's argument.</summary>
    private static readonly Lazy<IReadOnlyList<(string Key, Regex Pattern)>> Patterns = new(() =>
    [
        .. new[] { CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("en") }
            .SelectMany(culture => Messages.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!.Cast<DictionaryEntry>())
            .Select(e => (Key: (string)e.Key, Template: (string)e.Value!))
            .OrderByDescending(e => e.Template.Length)
            .Select(e => (e.Key, Pattern(e.Template))),
    ]);

    private static Regex Pattern(string template)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pattern = Regex.Replace(Regex.Escape(template), @"\\{(\d)}", m =>
            seen.Add(m.Groups[1].Value) ? $"(?<a{m.Groups[1].Value}>.*?)" : $"\\k<a{m.Groups[1].Value}>");
        return new Regex($"^{pattern}$", RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
