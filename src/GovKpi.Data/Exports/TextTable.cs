using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using CsvHelper;
using CsvHelper.Configuration;
using GovKpi.Data.Files;

namespace GovKpi.Data.Exports;

/// <summary>
/// A list of text columns under a header, as the audit trail exports it: one worksheet (the layout of
/// <see cref="PageTable"/>, text cells) or a CSV file (UTF-8 with a byte-order mark, so Excel
/// shows Vietnamese letters; header on the first line).
/// </summary>
public sealed record TextTable(string Title, IReadOnlyList<string> Header, IReadOnlyList<double> Widths, IEnumerable<IReadOnlyList<string>> Rows)
{
    public void WriteXlsx(Stream output)
    {
        using var workbook = new XLWorkbook();
        var sheet = PageTable.Sheet(workbook, Title, Header, Rows.Select(values => (IReadOnlyList<PageTableCell>)[.. values.Select(PageTableCell.Of)]));
        Sheets.Widths(sheet, Widths);
        workbook.SaveNeutralised(output);
    }

    public async Task WriteCsvAsync(Stream output, CancellationToken ct)
    {
        await using var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        // A reason typed as =HYPERLINK(…) must stay text when the file is opened in a spreadsheet.
        await using var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape });
        foreach (var title in Header)
        {
            csv.WriteField(title);
        }

        await csv.NextRecordAsync();
        foreach (var values in Rows)
        {
            ct.ThrowIfCancellationRequested();
            foreach (var value in values)
            {
                csv.WriteField(value);
            }

            await csv.NextRecordAsync();
        }
    }
}
