using ClosedXML.Excel;

namespace GovKpi.Data.Files;

/// <summary>
/// Text that a spreadsheet would take for a formula (<c>=HYPERLINK(…)</c>, <c>+cmd|…</c>, <c>@SUM(…)</c>,
/// <c>-2+3</c>, or one hidden behind a tab or carriage return) is written with a leading apostrophe
/// in every CSV and .xlsx GovKpi writes, so that opening a file never runs what a source put in a
/// name or code. Numbers are not text: a negative value is written as it is.
/// </summary>
public static class FormulaSafety
{
    public const char Escape = '\'';

    public static bool StartsLikeAFormula(ReadOnlySpan<char> text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    public static string Neutralise(string text) => StartsLikeAFormula(text) ? Escape + text : text;

    /// <summary>Saves <paramref name="workbook"/> with every text cell neutralised.</summary>
    public static void SaveNeutralised(this XLWorkbook workbook, Stream output)
    {
        foreach (var cell in workbook.Worksheets.SelectMany(sheet => sheet.CellsUsed()))
        {
            // ClosedXML 0.95 turns a text value that starts with '=' into a formula; GovKpi writes no formula of its own.
            var text = cell.HasFormula ? "=" + cell.FormulaA1 : cell.DataType == XLDataType.Text ? cell.GetString() : null;
            if (text is not null && StartsLikeAFormula(text))
            {
                cell.FormulaA1 = null;
                cell.SetValue(Neutralise(text));
                cell.DataType = XLDataType.Text;
            }
        }

        workbook.SaveAs(output);
    }
}
