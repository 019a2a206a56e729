using ClosedXML.Excel;
using GovKpi.Core.Evaluation;
using GovKpi.Data.Files;

namespace GovKpi.Data.Exports;

public sealed record UnitSummaryRow(string StaffCode, string FullName, string Position, decimal GeneralCriteria, decimal TaskResults, decimal Total,
    ClassificationLevel Level, ClassificationReason Reason)
{
    /// <summary>Calibration flags or other remarks shown beside the person.</summary>
    public string Note { get; init; } = "";
}

public sealed record UnitSummary(string UnitName, string Period, IReadOnlyList<UnitSummaryRow> Rows);

/// <summary>
/// The unit summary as one worksheet: title (A1), unit and period (A2), a header on row 4 and one
/// person per row from row 5 (STT, code, name, position, general criteria, task results, total,
/// level, basis, note), then the distribution of levels (count and share).
/// </summary>
public static class UnitSummaryExcel
{
    public const int HeaderRow = 4;

    public static void Write(UnitSummary summary, ExportText text, Stream output)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet(Sheets.Name(summary.UnitName));
        sheet.Cell(1, 1).Value = text.SummaryTitle;
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(2, 1).Value = $"{text.Unit}: {summary.UnitName} — {text.Period}: {summary.Period}";
        string[] header = [text.Number, text.StaffCode, text.FullName, text.Position, text.GeneralCriteria, text.TaskResults, text.Total, text.Level, text.Reason, text.Note];
        Sheets.Header(sheet, HeaderRow, header);

        var row = HeaderRow;
        foreach (var (person, i) in summary.Rows.Select((p, i) => (p, i)))
        {
            row++;
            sheet.Cell(row, 1).Value = i + 1;
            sheet.Cell(row, 2).Value = person.StaffCode;
            sheet.Cell(row, 3).Value = person.FullName;
            sheet.Cell(row, 4).Value = person.Position;
            Sheets.Score(sheet.Cell(row, 5), person.GeneralCriteria);
            Sheets.Score(sheet.Cell(row, 6), person.TaskResults);
            Sheets.Score(sheet.Cell(row, 7), person.Total);
            sheet.Cell(row, 8).Value = text.Levels[person.Level];
            sheet.Cell(row, 9).Value = text.Reasons[person.Reason];
            sheet.Cell(row, 10).Value = person.Note;
        }

        row += 2;
        sheet.Cell(row, 1).Value = text.Distribution;
        sheet.Cell(row, 1).Style.Font.Bold = true;
        Sheets.Header(sheet, ++row, [text.Level, text.People, text.Share]);
        foreach (var level in Enum.GetValues<ClassificationLevel>())
        {
            row++;
            var count = summary.Rows.Count(r => r.Level == level);
            sheet.Cell(row, 1).Value = text.Levels[level];
            sheet.Cell(row, 2).Value = count;
            sheet.Cell(row, 3).Value = summary.Rows.Count == 0 ? 0 : (double)count / summary.Rows.Count;
            sheet.Cell(row, 3).Style.NumberFormat.Format = "0.0%";
        }

        Sheets.Widths(sheet, [6, 14, 28, 30, 14, 14, 12, 32, 30, 30]);
        workbook.SaveNeutralised(output);
    }
}

/// <summary>Worksheet habits shared by the Excel exports.</summary>
internal static class Sheets
{
    /// <summary>Excel refuses sheet names over 31 characters or with <c>[]:*?/\</c>.</summary>
    public static string Name(string name) => new string(name.Where(c => !"[]:*?/\\".Contains(c)).Take(31).ToArray());

    public static void Header(IXLWorksheet sheet, int row, IReadOnlyList<string> titles)
    {
        for (var c = 0; c < titles.Count; c++)
        {
            var cell = sheet.Cell(row, c + 1);
            cell.Value = titles[c];
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.LightGray;
            cell.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        }
    }

    /// <summary>Scores are stored as numbers (two decimals shown) so that the sheet can be sorted and summed.</summary>
    public static void Score(IXLCell cell, decimal value)
    {
        cell.Value = value;
        cell.Style.NumberFormat.Format = "0.00";
    }

    /// <summary>Fixed widths: measuring text needs System.Drawing fonts, which a server may lack.</summary>
    public static void Widths(IXLWorksheet sheet, IReadOnlyList<double> widths)
    {
        for (var c = 0; c < widths.Count; c++)
        {
            sheet.Column(c + 1).Width = widths[c];
        }
    }
}
