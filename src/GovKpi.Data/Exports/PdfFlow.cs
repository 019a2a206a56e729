using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace GovKpi.Data.Exports;

/// <summary>
/// Text and table rows flowing down A4 pages, wrapped to the width and continued on a new page
/// when the page is full. Enough layout for forms and lists, without a document-model library.
/// </summary>
internal sealed class PdfFlow : IDisposable
{
    private const double Margin = 42;
    private const double CellPadding = 3;

    /// <summary>
    /// Subsets of the two DejaVu faces, each embedded once per document whatever the sizes used:
    /// the resolver's flattened composites (<see cref="FlatComposites"/>) keep the letters with two
    /// marks (ễ, ồ, ấ) whole in the subset.
    /// </summary>
    private static readonly XPdfFontOptions FontOptions = new(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset);

    private readonly PdfDocument _document;
    private PdfPage _page = null!;
    private XGraphics _graphics = null!;
    private double _y;

    public PdfFlow(string title)
    {
        PdfSetup.Ensure();
        _document = new PdfDocument();
        _document.Info.Title = title;
        Regular = new XFont(DejaVuFontResolver.Family, 9.5, XFontStyleEx.Regular, FontOptions);
        Bold = new XFont(DejaVuFontResolver.Family, 9.5, XFontStyleEx.Bold, FontOptions);
        Heading = new XFont(DejaVuFontResolver.Family, 12, XFontStyleEx.Bold, FontOptions);
        NewPage();
    }

    public XFont Regular { get; }
    public XFont Bold { get; }
    public XFont Heading { get; }

    private double Width => _page.Width.Point - 2 * Margin;
    private double Bottom => _page.Height.Point - Margin;

    public void Centered(string text, XFont font)
    {
        foreach (var line in Wrap(text, font, Width))
        {
            var height = font.GetHeight();
            Fit(height);
            _graphics.DrawString(line, font, XBrushes.Black, new XRect(Margin, _y, Width, height), XStringFormats.TopCenter);
            _y += height;
        }
    }

    public void Paragraph(string text, XFont font)
    {
        foreach (var line in Wrap(text, font, Width))
        {
            var height = font.GetHeight();
            Fit(height);
            _graphics.DrawString(line, font, XBrushes.Black, new XRect(Margin, _y, Width, height), XStringFormats.TopLeft);
            _y += height;
        }
    }

    public void Space(double points) => _y += points;

    /// <summary>A bordered table row; <paramref name="widths"/> are shares of the page width, and the tallest cell sets the height.</summary>
    public void Row(IReadOnlyList<string> cells, IReadOnlyList<double> widths, XFont font)
    {
        var columns = cells.Select((text, i) => Wrap(text, font, Width * widths[i] - 2 * CellPadding)).ToList();
        var height = columns.Max(c => c.Count) * font.GetHeight() + 2 * CellPadding;
        Fit(height);
        var x = Margin;
        for (var i = 0; i < cells.Count; i++)
        {
            var width = Width * widths[i];
            _graphics.DrawRectangle(XPens.Black, x, _y, width, height);
            var y = _y + CellPadding;
            foreach (var line in columns[i])
            {
                _graphics.DrawString(line, font, XBrushes.Black, new XRect(x + CellPadding, y, width - 2 * CellPadding, font.GetHeight()), XStringFormats.TopLeft);
                y += font.GetHeight();
            }

            x += width;
        }

        _y += height;
    }

    public void Save(Stream output)
    {
        _graphics.Dispose();
        _document.Save(output, closeStream: false);
    }

    public void Dispose()
    {
        _graphics.Dispose();
        _document.Dispose();
    }

    private void Fit(double height)
    {
        if (_y + height > Bottom)
        {
            NewPage();
        }
    }

    private void NewPage()
    {
        _graphics?.Dispose();
        _page = _document.AddPage();
        _page.Size = PageSize.A4;
        _graphics = XGraphics.FromPdfPage(_page);
        _y = Margin;
    }

    /// <summary>Greedy word wrap of each line of <paramref name="text"/>; a word longer than the width is cut where it overflows.</summary>
    private List<string> Wrap(string text, XFont font, double width) => text.Split('\n').SelectMany(line => WrapLine(line, font, width)).ToList();

    private List<string> WrapLine(string text, XFont font, double width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (_graphics.MeasureString(candidate, font).Width <= width)
            {
                line = candidate;
                continue;
            }

            if (line.Length > 0)
            {
                lines.Add(line);
            }

            line = word;
            while (line.Length > 1 && _graphics.MeasureString(line, font).Width > width)
            {
                var cut = line.Length - 1;
                while (cut > 1 && _graphics.MeasureString(line[..cut], font).Width > width)
                {
                    cut--;
                }

                lines.Add(line[..cut]);
                line = line[cut..];
            }
        }

        lines.Add(line);
        return lines;
    }
}
