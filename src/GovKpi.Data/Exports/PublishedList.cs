using ClosedXML.Excel;
using GovKpi.Core.Evaluation;
using GovKpi.Data.Files;

namespace GovKpi.Data.Exports;

public sealed record PublishedEntry(string FullName, string Position, decimal Score, ClassificationLevel Level);

/// <summary>The classification results published in the unit, with the date of publication and the end of the appeal window.</summary>
public sealed record PublishedList(string UnitName, string Period, DateOnly PublishedOn, DateOnly AppealUntil, IReadOnlyList<PublishedEntry> Entries)
{
    /// <summary>The agency the unit belongs to, printed above it in the PDF's header; empty when the unit is the agency.</summary>
    public string Agency { get; init; } = "";

    /// <summary>Who compiled (published) the list and the head who approved the results, with the dates they did.</summary>
    public IReadOnlyList<FormSignature> Signatures { get; init; } = [];
}

/// <summary>The published list as Excel (header on row 4, one person per row from row 5: STT, name, position, score, level) or as PDF.</summary>
public static class PublishedListExport
{
    public const int HeaderRow = 4;
    private static readonly double[] PdfWidths = [0.06, 0.26, 0.22, 0.1, 0.36];

    public static void WriteExcel(PublishedList list, ExportText text, Stream output)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet(Sheets.Name(list.UnitName));
        sheet.Cell(1, 1).Value = text.PublishedListTitle;
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(2, 1).Value = $"{text.Unit}: {list.UnitName} — {text.Period}: {list.Period}";
        sheet.Cell(3, 1).Value = $"{text.PublishedOn}: {text.Date(list.PublishedOn)} — {text.AppealUntil}: {text.Date(list.AppealUntil)}";
        Sheets.Header(sheet, HeaderRow, [text.Number, text.FullName, text.Position, text.Total, text.Level]);
        var row = HeaderRow;
        foreach (var (entry, i) in list.Entries.Select((e, i) => (e, i)))
        {
            row++;
            sheet.Cell(row, 1).Value = i + 1;
            sheet.Cell(row, 2).Value = entry.FullName;
            sheet.Cell(row, 3).Value = entry.Position;
            Sheets.Score(sheet.Cell(row, 4), entry.Score);
            sheet.Cell(row, 5).Value = text.Levels[entry.Level];
        }

        Sheets.Widths(sheet, [6, 28, 30, 12, 34]);
        workbook.SaveNeutralised(output);
    }

    public static void WritePdf(PublishedList list, ExportText text, Stream output)
    {
        using var pdf = new PdfFlow($"{text.PublishedListTitle} — {list.UnitName}");
        EvaluationFormPdf.OfficialHeader(pdf, text, list.Agency.Length > 0 ? list.Agency : list.UnitName, list.Agency.Length > 0 ? list.UnitName : "");
        pdf.Space(14);
        pdf.Centered(text.PublishedListTitle, pdf.Heading);
        pdf.Centered($"{text.Unit}: {list.UnitName} — {text.Period}: {list.Period}", pdf.Regular);
        pdf.Centered($"{text.PublishedOn}: {text.Date(list.PublishedOn)} — {text.AppealUntil}: {text.Date(list.AppealUntil)}", pdf.Regular);
        pdf.Space(10);
        pdf.BeginTable([.. new[] { text.Number, text.FullName, text.Position, text.Total, text.Level }.Select(h => new PdfCell(h, pdf.Bold, PdfAlign.Center))], PdfWidths);
        foreach (var (entry, i) in list.Entries.Select((e, i) => (e, i)))
        {
            pdf.Row(
                [
                    new PdfCell((i + 1).ToString(text.Culture), pdf.Regular, PdfAlign.Center), new PdfCell(entry.FullName, pdf.Regular),
                    new PdfCell(entry.Position, pdf.Regular), new PdfCell(text.Score(entry.Score), pdf.Regular, PdfAlign.Right),
                    new PdfCell(text.Levels[entry.Level], pdf.Regular),
                ],
                PdfWidths);
        }

        pdf.EndTable();
        pdf.Space(18);
        EvaluationFormPdf.SignatureBlock(pdf, text, list.Signatures);
        pdf.Save(output);
    }
}
