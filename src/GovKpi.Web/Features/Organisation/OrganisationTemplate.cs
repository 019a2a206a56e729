using ClosedXML.Excel;
using GovKpi.Data.Files;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Organisation;

/// <summary>
/// The downloadable template of the organisation files: a notes sheet explaining every column of
/// every file (in the caller's language, Vietnamese by default), then one sheet per file with its
/// header row, named as the file. Saving a sheet alone as <c>units.xlsx</c> (or as CSV) gives a
/// file the import reads. Built from <see cref="OrganisationRecords"/>, so it cannot drift from the readers.
/// </summary>
public static class OrganisationTemplate
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Build(IStringLocalizer<SharedResource> l)
    {
        using var workbook = new XLWorkbook();
        var notes = workbook.AddWorksheet(Sheet(l["Organisation.Template.Notes"]));
        notes.Cell(1, 1).Value = l["Organisation.Template.File"].Value;
        notes.Cell(1, 2).Value = l["Organisation.Template.Column"].Value;
        notes.Cell(1, 3).Value = l["Organisation.Template.Required"].Value;
        notes.Cell(1, 4).Value = l["Organisation.Template.Meaning"].Value;
        notes.Row(1).Style.Font.Bold = true;
        var line = 2;
        foreach (var definition in OrganisationRecords.All)
        {
            var sheet = workbook.AddWorksheet(definition.FileStem);
            for (var i = 0; i < definition.Columns.Count; i++)
            {
                var column = definition.Columns[i];
                sheet.Cell(1, i + 1).Value = column.Name;
                notes.Cell(line, 1).Value = definition.FileStem + ".csv";
                notes.Cell(line, 2).Value = column.Name;
                notes.Cell(line, 3).Value = (column.Required ? l["Organisation.Template.Yes"] : l["Organisation.Template.No"]).Value;
                notes.Cell(line, 4).Value = l[$"Organisation.Column.{definition.FileStem}.{column.Name}"].Value;
                line++;
            }

            sheet.Row(1).Style.Font.Bold = true;
            // Codes such as 00123 must stay text: Excel would otherwise drop the leading zeros.
            sheet.Columns(1, definition.Columns.Count).Style.NumberFormat.Format = "@";
            sheet.Columns(1, definition.Columns.Count).Width = 18;
        }

        GovKpi.Data.Exports.SheetWidths.FitText(notes, 1, 3, line);
        notes.Column(4).Width = 100;
        notes.Column(4).Style.Alignment.WrapText = true;
        using var output = new MemoryStream();
        workbook.SaveNeutralised(output);
        return output.ToArray();
    }

    /// <summary>Excel allows 31 characters in a sheet name.</summary>
    private static string Sheet(string name) => name.Length <= 31 ? name : name[..31];
}
