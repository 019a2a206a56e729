using System.Text.RegularExpressions;

namespace GovKpi.Assistant.Documents;

/// <summary>
/// A quotable piece of a document: one paragraph, a few short ones together, or part of a very
/// long one. <see cref="Text"/> is the document's own text, so a citation quotes it verbatim.
/// </summary>
public sealed record Passage(string Document, int Ordinal, string Text);

/// <summary>
/// Cuts documents into passages of about a paragraph. Retrieval ranks passages, and a passage is
/// what an answer quotes, so each should hold one idea with enough words around it: a heading or
/// a label ("Mục tiêu:") goes with the text it introduces, a list stays with the line that
/// introduces it, and a paragraph longer than <see cref="MaximumLength"/> is cut between sentences
/// (or, for Thai and Lao, which have no full stops, between words).
/// </summary>
public static partial class PassageSplitter
{
    /// <summary>Short paragraphs are gathered until a passage reaches this length.</summary>
    public const int TargetLength = 350;

    /// <summary>No passage is longer, unless a single word is.</summary>
    public const int MaximumLength = 1000;

    /// <summary>A shorter paragraph that does not end a sentence is a heading or a label.</summary>
    private const int HeadingLength = 100;

    public static IReadOnlyList<Passage> Split(SourceDocument document)
    {
        var passages = new List<Passage>();
        var pending = new List<string>();

        void Emit(IEnumerable<string> paragraphs)
        {
            var text = string.Join("\n", paragraphs);
            if (text.Length > 0)
            {
                passages.Add(new Passage(document.Name, passages.Count, text));
            }
        }

        // Flushes what is pending, except trailing headings, which belong to what comes next.
        void Flush()
        {
            var keep = pending.Count;
            while (keep > 0 && IsHeading(pending[keep - 1]))
            {
                keep--;
            }

            Emit(pending.Take(keep));
            pending.RemoveRange(0, keep);
        }

        var paragraphs = document.Paragraphs;
        for (var i = 0; i < paragraphs.Count; i++)
        {
            var paragraph = paragraphs[i];
            if (Length(pending) + 1 + paragraph.Length > MaximumLength)
            {
                Flush();
            }

            if (Length(pending) + 1 + paragraph.Length > MaximumLength)
            {
                // Too long even with only its headings before it: cut it, the headings open the first piece.
                var pieces = Cut(paragraph, MaximumLength - Length(pending) - 1);
                pending.Add(pieces[0]);
                Emit(pending);
                pending.Clear();
                foreach (var piece in pieces.Skip(1))
                {
                    pending.Add(piece);
                    Emit(pending);
                    pending.Clear();
                }

                continue;
            }

            pending.Add(paragraph);
            var listGoesOn = i + 1 < paragraphs.Count && IsListItem(paragraphs[i + 1]) && (IsListItem(paragraph) || paragraph.EndsWith(':'));
            if (Length(pending) >= TargetLength && !IsHeading(paragraph) && !listGoesOn)
            {
                Flush();
            }
        }

        Emit(pending);
        return passages;
    }

    private static int Length(List<string> paragraphs) => paragraphs.Sum(p => p.Length + 1) - (paragraphs.Count > 0 ? 1 : 0);

    /// <summary>A bullet or numbered item: a list is kept in one passage with the line that introduces it, up to the maximum length.</summary>
    internal static bool IsListItem(string paragraph) => ListItem().IsMatch(paragraph);

    [GeneratedRegex(@"^([•●▪◦‣∙·*–-]\s|\d{1,3}[.)]\s|[a-zđ][.)]\s)")]
    private static partial Regex ListItem();

    internal static bool IsHeading(string paragraph) =>
        paragraph.Length < HeadingLength && paragraph[^1] is not ('.' or '!' or '?' or '…' or '"' or '”' or '»' or ')');

    /// <summary>
    /// Cuts a long paragraph into pieces: the first at most <paramref name="firstLength"/> long, the
    /// others at most <see cref="MaximumLength"/>; a paragraph that fits in two pieces is cut near
    /// its middle, so that no piece is a stub.
    /// </summary>
    private static List<string> Cut(string paragraph, int firstLength)
    {
        var pieces = new List<string>();
        var rest = paragraph;
        var limit = Math.Max(firstLength, TargetLength);
        while (rest.Length > limit)
        {
            var goal = rest.Length < 2 * limit ? rest.Length / 2 : limit / 2;
            var at = CutPoint(rest, goal, limit);
            pieces.Add(rest[..at].TrimEnd());
            rest = rest[at..].TrimStart();
            limit = MaximumLength;
        }

        pieces.Add(rest);
        return pieces;
    }

    /// <summary>
    /// Where to cut: the last end of a sentence between <paramref name="goal"/> and
    /// <paramref name="limit"/>; failing that the first space after <paramref name="goal"/> (Thai
    /// and Lao put spaces between phrases), the last one before it, or the limit itself.
    /// </summary>
    private static int CutPoint(string text, int goal, int limit)
    {
        for (var i = limit - 1; i > goal; i--)
        {
            if (text[i] == ' ' && text[i - 1] is '.' or '!' or '?' or ';' or '…' or '”' or '"')
            {
                return i;
            }
        }

        var after = text.IndexOf(' ', goal, limit - goal);
        if (after > 0)
        {
            return after;
        }

        var before = text.LastIndexOf(' ', goal);
        return before > 0 ? before : limit;
    }
}
