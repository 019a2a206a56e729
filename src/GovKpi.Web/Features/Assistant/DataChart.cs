using ScottPlot;

namespace GovKpi.Web.Features.Assistant;

/// <summary>
/// The chart of an answer's table as SVG (ScottPlot): one horizontal bar per row, first row on top,
/// so the page and the API carry the same picture and no script or network is needed to draw it.
/// </summary>
public static class DataChart
{
    private const int Width = 720;
    private const int RowHeight = 26;

    public static string Svg(string title, IReadOnlyList<DataAnswerRow> rows, bool percent)
    {
        var plot = new Plot();
        // DejaVu covers Vietnamese; SkiaSharp finds it through fontconfig (fonts-dejavu-core).
        plot.Font.Set("DejaVu Sans");
        var bars = rows.Select((row, i) => new Bar
        {
            Position = rows.Count - 1 - i,
            Value = (row.Value ?? 0) * (percent ? 100 : 1),
            FillColor = Colors.SteelBlue,
            Label = row.Display,
        }).ToArray();
        var series = plot.Add.Bars(bars);
        series.Horizontal = true;
        series.ValueLabelStyle.FontSize = 11;

        plot.Axes.Left.SetTicks(
            [.. bars.Select(b => b.Position)],
            [.. rows.Select(r => r.Name.Length > 28 ? r.Name[..27] + "…" : r.Name)]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Margins(left: 0, right: 0.15, bottom: 0.02, top: 0.02);
        plot.Title(title, size: 14);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        return plot.GetSvgXml(Width, Math.Max(160, 70 + rows.Count * RowHeight));
    }
}
