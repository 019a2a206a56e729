using ClosedXML.Excel;
using GovKpi.Data.Files;

namespace GovKpi.Data.Exports;

/// <summary>One cell of a <see cref="PageTable"/>: a number when the page showed a number, text otherwise.</summary>
public readonly record struct PageTableCell(string? Text, double? Number)
{
    public static PageTableCell Of(string text) => new(text, null);

    public static PageTableCell Of(double number) => new(null, number);
}

/// <summary>
/// A table as a person saw it on a page (after their filter and sort, every page of it), written as
/// one worksheet: title in A1, header on row <see cref="HeaderRow"/>, rows below. Numbers stay
/// numbers so the sheet can be summed; text stays text, neutralised when it starts like a formula.
/// </summary>
public sealed record PageTable(string Title, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<PageTableCell>> Rows)
{
    public const int HeaderRow = 3;

    public void WriteXlsx(Stream output)
    {
        using var workbook = new XLWorkbook();
        var sheet = Sheet(workbook, Title, Header, Rows);
        // From row 2: the title in A1 may be long and should not widen the first column.
        SheetWidths.FitText(sheet, 1, Math.Max(1, Header.Count), sheet.LastRowUsed()?.RowNumber() ?? HeaderRow, firstRow: HeaderRow);
        workbook.SaveNeutralised(output);
    }

    /// <summary>The one layout of every exported table: title in A1, header on <see cref="HeaderRow"/>, frozen, rows below.</summary>
    internal static IXLWorksheet Sheet(XLWorkbook workbook, string title, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<PageTableCell>> rows)
    {
        var sheet = workbook.AddWorksheet(Sheets.Name(title) is { Length: > 0 } name ? name : "1");
        sheet.Cell(1, 1).SetValue(title);
        sheet.Cell(1, 1).Style.Font.Bold = true;
        Sheets.Header(sheet, HeaderRow, header);
        var row = HeaderRow;
        foreach (var values in rows)
        {
            row++;
            for (var c = 0; c < values.Count; c++)
            {
                var cell = sheet.Cell(row, c + 1);
                if (values[c].Number is { } number)
                {
                    cell.SetValue(number);
                }
                else
                {
                    // Text as text: a code like 0012 or a value like 1/2 must not become a number or a date.
                    cell.SetValue(values[c].Text ?? "");
                }
            }
        }

        sheet.SheetView.FreezeRows(HeaderRow);
        return sheet;
    }
}
