using System.IO.Compression;
using System.Text;

namespace GovKpi.Web.Tests.Shared;

/// <summary>
/// .xlsx packages written by hand, so that a test chooses exactly how the sheet is stored (inline or
/// shared strings, styles, cells without references) and can build a zip bomb without holding it.
/// </summary>
internal static class TestWorkbooks
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private static readonly Dictionary<string, byte[]> Bombs = [];

    /// <summary>A sheet whose XML is 200 MB of identical rows under <paramref name="header"/> (a row's XML), compressed as hard as deflate can; built once per header.</summary>
    public static byte[] Bomb(string header)
    {
        lock (Bombs)
        {
            if (!Bombs.TryGetValue(header, out var bytes))
            {
                var row = string.Concat(Enumerable.Repeat("<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>", 1000));
                bytes = Package(sheet =>
                {
                    sheet.Write(header);
                    for (var written = 0L; written < 200L << 20; written += row.Length)
                    {
                        sheet.Write(row);
                    }
                }, level: CompressionLevel.SmallestSize);
                Bombs[header] = bytes;
            }

            return bytes;
        }
    }

    /// <summary>A header row then <paramref name="rows"/> rows of inline strings, one per column.</summary>
    public static byte[] Sheet(string[] header, IEnumerable<string[]> rows) => Package(sheet =>
    {
        sheet.Write(Row(1, header));
        var line = 2;
        foreach (var row in rows)
        {
            sheet.Write(Row(line++, row));
        }
    });

    /// <summary>A row of inline strings at <paramref name="line"/>, columns from A.</summary>
    public static string Row(int line, params string[] values) =>
        $"<row r=\"{line}\">" + string.Concat(values.Select((v, i) => $"<c r=\"{(char)('A' + i)}{line}\" t=\"inlineStr\"><is><t>{v}</t></is></c>")) + "</row>";

    /// <summary>A workbook of one sheet whose <c>sheetData</c> content <paramref name="writeRows"/> writes; shared strings and styles when given.</summary>
    public static byte[] Package(Action<TextWriter> writeRows, string? sharedStrings = null, string? styles = null, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var bytes = new MemoryStream();
        using (var zip = new ZipArchive(bytes, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Entry(string name, Action<TextWriter> write)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, level).Open(), new UTF8Encoding(false));
                write(writer);
            }

            var overrides = new StringBuilder();
            overrides.Append("""<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>""");
            overrides.Append("""<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""");
            var rels = new StringBuilder($"""<Relationship Id="rId1" Type="{Relationships}/worksheet" Target="worksheets/sheet1.xml"/>""");
            if (sharedStrings is not null)
            {
                overrides.Append("""<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>""");
                rels.Append($"""<Relationship Id="rId2" Type="{Relationships}/sharedStrings" Target="sharedStrings.xml"/>""");
                Entry("xl/sharedStrings.xml", w => w.Write($"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{Main}">{sharedStrings}</sst>"""));
            }

            if (styles is not null)
            {
                overrides.Append("""<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>""");
                rels.Append($"""<Relationship Id="rId3" Type="{Relationships}/styles" Target="styles.xml"/>""");
                Entry("xl/styles.xml", w => w.Write($"""<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{Main}">{styles}</styleSheet>"""));
            }

            Entry("[Content_Types].xml", w => w.Write($"""<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>"""));
            Entry("_rels/.rels", w => w.Write($"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{Relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>"""));
            Entry("xl/workbook.xml", w => w.Write($"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="{Relationships}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""));
            Entry("xl/_rels/workbook.xml.rels", w => w.Write($"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"""));
            Entry("xl/worksheets/sheet1.xml", w =>
            {
                w.Write($"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{Main}"><sheetData>""");
                writeRows(w);
                w.Write("</sheetData></worksheet>");
            });
        }

        return bytes.ToArray();
    }
}
