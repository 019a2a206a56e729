using ClosedXML.Excel;

namespace GovKpi.Data.Exports;

/// <summary>
/// Column widths from the length of the text, not ClosedXML's <c>AdjustToContents</c>: measuring
/// needs System.Drawing fonts, which are Windows-only from System.Drawing.Common 6 and which a
/// server may lack anyway (the export would fail with a 500).
/// </summary>
public static class SheetWidths
{
    /// <summary>Widens columns <paramref name="first"/>..<paramref name="last"/> to their longest text in rows <paramref name="firstRow"/>..<paramref name="lastRow"/>, within 8 and 60 characters.</summary>
    public static void FitText(IXLWorksheet sheet, int first, int last, int lastRow, int firstRow = 1)
    {
        for (var c = first; c <= last; c++)
        {
            var longest = 0;
            for (var r = firstRow; r <= lastRow; r++)
            {
                longest = Math.Max(longest, sheet.Cell(r, c).GetString().Length);
            }

            sheet.Column(c).Width = Math.Clamp(longest + 2, 8, 60);
        }
    }
}
