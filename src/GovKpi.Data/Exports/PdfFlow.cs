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
    private (IReadOnlyList<PdfCell> Cells, IReadOnlyList<double> Widths)? _header;

    public PdfFlow(string title)
    {
        PdfSetup.Ensure();
        _document = new PdfDocument();
        _document.Info.Title = title;
        Regular = new XFont(DejaVuFontResolver.Family, 9.5, XFontStyleEx.Regular, FontOptions);
        Bold = new XFont(DejaVuFontResolver.Family, 9.5, XFontStyleEx.Bold, FontOptions);
        Heading = new XFont(DejaVuFontResolver.Family, 12, XFontStyleEx.Bold, FontOptions);
        Small = new XFont(DejaVuFontResolver.Family, 8.5, XFontStyleEx.Regular, FontOptions);
        SmallBold = new XFont(DejaVuFontResolver.Family, 8.5, XFontStyleEx.Bold, FontOptions);
        Italic = new XFont(DejaVuFontResolver.Family, 9, XFontStyleEx.Italic, FontOptions);
        NewPage();
    }

    public XFont Regular { get; }
    public XFont Bold { get; }
    public XFont Heading { get; }
    public XFont Small { get; }
    public XFont SmallBold { get; }

    /// <summary>Slanted by PDFsharp from the regular face, so it adds no font file.</summary>
    public XFont Italic { get; }

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

    /// <summary>A bordered table row in one font, its cells left-aligned; see <see cref="Row(IReadOnlyList{PdfCell}, IReadOnlyList{double}, bool)"/>.</summary>
    public void Row(IReadOnlyList<string> cells, IReadOnlyList<double> widths, XFont font) =>
        Row(cells.Select(c => new PdfCell(c, font)).ToList(), widths);

    /// <summary>
    /// A table row; <paramref name="widths"/> are shares of the page width, each cell's text wraps
    /// within it and the tallest cell sets the height. A row that does not fit starts a new page,
    /// under the header of the table begun with <see cref="BeginTable"/>.
    /// </summary>
    public void Row(IReadOnlyList<PdfCell> cells, IReadOnlyList<double> widths, bool border = true)
    {
        var height = Height(cells, widths);
        if (_y + height > Bottom)
        {
            NewPage();
            if (_header is { } header)
            {
                Draw(header.Cells, header.Widths, Height(header.Cells, header.Widths), border: true);
            }
        }

        Draw(cells, widths, height, border);
    }

    /// <summary>Starts a table: draws its header row and repeats it at the top of every page the table continues on, until <see cref="EndTable"/>.</summary>
    public void BeginTable(IReadOnlyList<PdfCell> header, IReadOnlyList<double> widths)
    {
        _header = null;
        Row(header, widths);
        _header = (header, widths);
    }

    public void EndTable() => _header = null;

    /// <summary>Starts a new page unless <paramref name="points"/> of height are left on this one: keeps a block such as the signatures together.</summary>
    public void KeepTogether(double points)
    {
        if (_y + points > Bottom)
        {
            NewPage();
        }
    }

    /// <summary>A thin rule between two shares of the width, just above the current position (the line under the national motto).</summary>
    public void Rule(double from, double to)
    {
        _graphics.DrawLine(XPens.Black, Margin + Width * from, _y + 1, Margin + Width * to, _y + 1);
        _y += 3;
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

    private double Height(IReadOnlyList<PdfCell> cells, IReadOnlyList<double> widths) =>
        cells.Select((cell, i) => Wrap(cell.Text, cell.Font, Width * widths[i] - 2 * CellPadding).Count * cell.Font.GetHeight()).Max() + 2 * CellPadding;

    private void Draw(IReadOnlyList<PdfCell> cells, IReadOnlyList<double> widths, double height, bool border)
    {
        var x = Margin;
        for (var i = 0; i < cells.Count; i++)
        {
            var (cell, width) = (cells[i], Width * widths[i]);
            if (border)
            {
                _graphics.DrawRectangle(XPens.Black, x, _y, width, height);
            }

            var format = cell.Align switch
            {
                PdfAlign.Center => XStringFormats.TopCenter,
                PdfAlign.Right => XStringFormats.TopRight,
                _ => XStringFormats.TopLeft,
            };
            var y = _y + CellPadding;
            foreach (var line in Wrap(cell.Text, cell.Font, width - 2 * CellPadding))
            {
                _graphics.DrawString(line, cell.Font, XBrushes.Black, new XRect(x + CellPadding, y, width - 2 * CellPadding, cell.Font.GetHeight()), format);
                y += cell.Font.GetHeight();
            }

            x += width;
        }

        _y += height;
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

internal enum PdfAlign
{
    Left,
    Center,
    Right,
}

/// <summary>One cell of a <see cref="PdfFlow"/> row: its text (wrapped to the cell, <c>\n</c> starts a line), font and alignment.</summary>
internal sealed record PdfCell(string Text, XFont Font, PdfAlign Align = PdfAlign.Left);
