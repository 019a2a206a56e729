using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using GovKpi.Core.Uploads;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;
using Word = DocumentFormat.OpenXml.Wordprocessing;

namespace GovKpi.Assistant.Documents;

/// <summary>A file the assistant cannot take text from; the message names the file and the reason.</summary>
public sealed class DocumentFormatException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Turns a handbook, regulation or guidance file into paragraphs: .txt, .md, .html/.htm, .pdf and
/// .docx. Paragraph boundaries come from the format itself (lines or blank-line blocks, block
/// elements, PDF text blocks, Word paragraphs) because passages are quoted back to people and
/// must read as the author wrote them.
/// </summary>
public static partial class DocumentReader
{
    public static readonly IReadOnlySet<string> Extensions =
        new HashSet<string>([".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx"], StringComparer.OrdinalIgnoreCase);

    public static bool IsSupported(string path) => Extensions.Contains(Path.GetExtension(path));

    public static SourceDocument Read(string path) => Read(path, DocumentLimits.Default);

    /// <summary>Reads within <paramref name="limits"/>; a file over one throws <see cref="UploadLimitException"/> before it is expanded further.</summary>
    public static SourceDocument Read(string path, DocumentLimits limits)
    {
        var name = Path.GetFileName(path);
        List<string> raw;
        try
        {
            raw = Bounded(name, Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".txt" => PlainText(File.ReadAllText(path), markdown: false),
                ".md" or ".markdown" => PlainText(File.ReadAllText(path), markdown: true),
                ".html" or ".htm" => Html(path),
                ".pdf" => Pdf(path, limits),
                ".docx" => Docx(path, limits),
                var other => throw new DocumentFormatException($"{name}: '{other}' files are not supported ({string.Join(", ", Extensions)})"),
            }, limits);
        }
        catch (Exception e) when (e is not (DocumentFormatException or UploadLimitException or IOException or UnauthorizedAccessException or OutOfMemoryException))
        {
            // The parsers throw their own exception types for a damaged or mislabelled file.
            throw new DocumentFormatException($"{name}: not a readable {Path.GetExtension(path).TrimStart('.').ToUpperInvariant()} file ({e.Message})", e);
        }

        var paragraphs = raw.Select(Clean).Where(p => p.Length > 0).ToList();
        return paragraphs.Count > 0
            ? new SourceDocument(name, paragraphs)
            : throw new DocumentFormatException($"{name}: no text found (a scanned PDF needs text recognition first)");
    }

    /// <summary>Takes paragraphs as the readers yield them and stops at the first one over a limit, so a lazy reader never produces the rest.</summary>
    private static List<string> Bounded(string name, IEnumerable<string> paragraphs, DocumentLimits limits)
    {
        var taken = new List<string>();
        long length = 0;
        foreach (var paragraph in paragraphs)
        {
            if (taken.Count == limits.MaxParagraphs)
            {
                throw new UploadLimitException(name, UploadLimit.Paragraphs, limits.MaxParagraphs);
            }

            length += paragraph.Length;
            if (length > limits.MaxTextLength)
            {
                throw new UploadLimitException(name, UploadLimit.TextLength, limits.MaxTextLength);
            }

            taken.Add(paragraph);
        }

        return taken;
    }

    /// <summary>One line, NFC (so "ộ" typed as o + two combining marks matches "ộ"), whitespace collapsed.</summary>
    internal static string Clean(string paragraph) =>
        Whitespace().Replace(paragraph.Normalize(NormalizationForm.FormC), " ").Trim();

    /// <summary>
    /// Text and Markdown. A file whose lines are all short, with blocks of several lines between
    /// blank lines, was wrapped by hand: its paragraphs are the blocks. Otherwise (the usual case for
    /// text pasted from the web or exported by an editor) every line is a paragraph. Code blocks of
    /// Markdown are kept as written, a line each.
    /// </summary>
    internal static IEnumerable<string> PlainText(string text, bool markdown)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var wrapped = lines.All(l => l.Length <= 100) && lines.Any(string.IsNullOrWhiteSpace)
            && lines.Zip(lines.Skip(1)).Any(pair => !string.IsNullOrWhiteSpace(pair.First) && !string.IsNullOrWhiteSpace(pair.Second));
        var paragraph = new StringBuilder();
        var inCodeFence = false;
        foreach (var original in lines)
        {
            var line = original;
            if (markdown)
            {
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    inCodeFence = !inCodeFence;
                    continue;
                }

                if (inCodeFence)
                {
                    if (paragraph.Length > 0)
                    {
                        yield return paragraph.ToString();
                        paragraph.Clear();
                    }

                    yield return line;
                    continue;
                }

                if (MarkdownRule().IsMatch(line))
                {
                    line = "";
                }
                else if (MarkdownBlockStart().IsMatch(line) || MarkdownListItem().IsMatch(line))
                {
                    // A heading or list item starts its own paragraph even inside a wrapped block.
                    if (paragraph.Length > 0)
                    {
                        yield return paragraph.ToString();
                        paragraph.Clear();
                    }
                }

                line = MarkdownInline(MarkdownListItem().Replace(MarkdownBlockStart().Replace(line, ""), "• "));
            }

            if (string.IsNullOrWhiteSpace(line) || !wrapped)
            {
                if (paragraph.Length > 0)
                {
                    yield return paragraph.ToString();
                    paragraph.Clear();
                }

                if (!wrapped && !string.IsNullOrWhiteSpace(line))
                {
                    yield return line;
                }

                continue;
            }

            paragraph.Append(paragraph.Length > 0 ? " " : "").Append(line.Trim());
        }

        if (paragraph.Length > 0)
        {
            yield return paragraph.ToString();
        }
    }

    private static string MarkdownInline(string line)
    {
        line = MarkdownImageOrLink().Replace(line, "$1");
        line = MarkdownEmphasis().Replace(line, "");
        return HtmlTag().Replace(line, "");
    }

    private static readonly HashSet<string> SkippedElements =
        new(["head", "script", "style", "noscript", "template", "svg", "iframe", "object"], StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> BlockElements = new(
        ["address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "div", "dl", "dt", "figcaption", "figure",
         "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
         "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"],
        StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<string> Html(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = new HtmlParser().ParseDocument(stream);
        var text = new StringBuilder();
        AppendHtmlText(document.DocumentElement, text);
        return text.ToString().Split('\n');
    }

    private static void AppendHtmlText(INode node, StringBuilder text)
    {
        switch (node)
        {
            case IText t:
                // Line breaks in the source are layout, not paragraphs.
                text.Append(Whitespace().Replace(t.Data, " "));
                return;
            case IElement e when SkippedElements.Contains(e.LocalName):
                return;
            case IElement e when e.LocalName == "br":
                text.Append('\n');
                return;

        }

        var block = node is IElement element && BlockElements.Contains(element.LocalName);
        if (block)
        {
            // List items keep a bullet, so that passages keep a list together (PassageSplitter).
            text.Append(node is IElement { LocalName: "li" } ? "\n• " : "\n");
        }

        foreach (var child in node.ChildNodes)
        {
            AppendHtmlText(child, text);
        }

        if (block)
        {
            text.Append('\n');
        }
    }

    /// <summary>PDF text blocks (Docstrum layout analysis) in reading order; a block is a paragraph.</summary>
    private static IEnumerable<string> Pdf(string path, DocumentLimits limits)
    {
        using var pdf = PdfDocument.Open(path);
        if (pdf.NumberOfPages > limits.MaxPdfPages)
        {
            throw new UploadLimitException(Path.GetFileName(path), UploadLimit.PdfPages, limits.MaxPdfPages);
        }

        var paragraphs = new List<string>();
        long length = 0;
        foreach (var page in pdf.GetPages())
        {
            var words = page.GetWords(NearestNeighbourWordExtractor.Instance).ToList();
            if (words.Count == 0)
            {
                continue;
            }

            var blocks = DocstrumBoundingBoxes.Instance.GetBlocks(words);
            paragraphs.AddRange(UnsupervisedReadingOrderDetector.Instance.Get(blocks).Select(b => b.Text.Replace('\n', ' ')));
            length += page.Text.Length;
            if (length > limits.MaxTextLength || paragraphs.Count > limits.MaxParagraphs)
            {
                // Checked per page: a page of a text-heavy PDF is bounded by its content stream, the whole file is not.
                throw new UploadLimitException(Path.GetFileName(path),
                    length > limits.MaxTextLength ? UploadLimit.TextLength : UploadLimit.Paragraphs,
                    length > limits.MaxTextLength ? limits.MaxTextLength : limits.MaxParagraphs);
            }
        }

        return paragraphs;
    }

    /// <summary>
    /// Word paragraphs, streamed from the main part one top-level paragraph at a time (a paragraph
    /// inside a text box is part of its outer paragraph's text), after the package passed
    /// <see cref="ZipGuard"/>: loading the whole body would build every paragraph before
    /// <see cref="Bounded"/> could count them.
    /// </summary>
    private static IEnumerable<string> Docx(string path, DocumentLimits limits)
    {
        using (var package = File.OpenRead(path))
        {
            ZipGuard.Check(package, Path.GetFileName(path), limits);
        }

        using var word = WordprocessingDocument.Open(path, isEditable: false);
        var main = word.MainDocumentPart
            ?? throw new DocumentFormatException($"{Path.GetFileName(path)}: a Word file without a document body");
        using var reader = OpenXmlReader.Create(main);
        var body = false;
        while (reader.Read())
        {
            if (reader.ElementType == typeof(Word.Body))
            {
                body = true;
            }
            else if (reader.IsStartElement && reader.ElementType == typeof(Word.Paragraph))
            {
                yield return ((Word.Paragraph)reader.LoadCurrentElement()!).InnerText;
            }
        }

        if (!body)
        {
            throw new DocumentFormatException($"{Path.GetFileName(path)}: a Word file without a document body");
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^\s{0,3}(#{1,6}\s+|>\s?)")]
    private static partial Regex MarkdownBlockStart();

    // Items keep a bullet, so that passages keep a list together (PassageSplitter).
    [GeneratedRegex(@"^\s*([-*+]|\d{1,3}[.)])\s+")]
    private static partial Regex MarkdownListItem();

    [GeneratedRegex(@"^\s{0,3}([-*_]\s*){3,}$|^\s*\|?[\s:|-]+\|[\s:|-]*$")]
    private static partial Regex MarkdownRule();

    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex MarkdownImageOrLink();

    [GeneratedRegex(@"\*\*|__|`|(?<=\s|^)[*_](?=\S)|(?<=\S)[*_](?=\s|$|[.,;:!?])")]
    private static partial Regex MarkdownEmphasis();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex HtmlTag();
}
