using System.IO.Compression;
using System.Text;

namespace GovKpi.Web.Tests.Shared;

/// <summary>
/// Damaged and tricky dossier workbooks written by hand, part by part, for the CLI import and the
/// upload alike: each is a well-formed dossier workbook with one thing broken. <see cref="Damaged"/>
/// cannot be read at all (refused whole, located at the file, sheet, row or part); <see cref="Tricky"/>
/// can, but a cell of its data row contradicts its type or its column (refused with its row).
/// </summary>
internal static class MalformedWorkbooks
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private static readonly string[] Header =
        ["dossier_id", "procedure_code", "unit_code", "channel", "received_at", "due_at", "status", "updated_at"];

    private static readonly string[] Values =
        ["D-1", "1.001193", "C1-TT", "online", "2025-07-03T08:15:00+07:00", "2025-07-10T17:00:00+07:00", "processing", "2025-07-03T09:00:00+07:00"];

    /// <summary>A row of inline strings; <paramref name="cells"/> replaces cells by column index with raw cell XML.</summary>
    private static string Row(int line, string[] values, Dictionary<int, string>? cells = null) =>
        $"<row r=\"{line}\">" + string.Concat(values.Select((v, i) => cells?.GetValueOrDefault(i)
            ?? $"<c r=\"{(char)('A' + i)}{line}\" t=\"inlineStr\"><is><t>{v}</t></is></c>")) + "</row>";

    private static string Rows(string dataRow) => Row(1, Header) + dataRow;

    private static string Sheet(string rows) => $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{Main}"><sheetData>{rows}</sheetData></worksheet>""";

    private static string DataRow(int column, string cell) => Row(2, Values, new() { [column] = cell });

    /// <summary>The parts of a valid one-sheet workbook with shared strings and a date style (index 1), then <paramref name="change"/> applied.</summary>
    private static byte[] Package(Action<Dictionary<string, string?>> change)
    {
        var parts = new Dictionary<string, string?>
        {
            ["[Content_Types].xml"] = """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>""",
            ["_rels/.rels"] = $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{Relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>""",
            ["xl/workbook.xml"] = $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="{Relationships}"><sheets><sheet name="Hồ sơ" sheetId="1" r:id="rId1"/></sheets></workbook>""",
            ["xl/_rels/workbook.xml.rels"] = $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{Relationships}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{Relationships}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="{Relationships}/styles" Target="styles.xml"/></Relationships>""",
            ["xl/sharedStrings.xml"] = $"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{Main}"><si><t>D-1</t></si></sst>""",
            ["xl/styles.xml"] = $"""<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{Main}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="22"/></cellXfs></styleSheet>""",
            ["xl/worksheets/sheet1.xml"] = Sheet(Rows(Row(2, Values))),
        };
        change(parts);
        using var bytes = new MemoryStream();
        using (var zip = new ZipArchive(bytes, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in parts)
            {
                if (content is not null)
                {
                    using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
                    writer.Write(content);
                }
            }
        }

        return bytes.ToArray();
    }

    private static byte[] WithSheet(string rows) => Package(p => p["xl/worksheets/sheet1.xml"] = Sheet(rows));

    /// <summary>A valid dossier workbook of one row, every cell an inline string.</summary>
    public static byte[] Valid() => Package(_ => { });

    /// <summary>Workbooks refused whole: file name → bytes.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Damaged() =>
    [
        ("not-a-zip.xlsx", "dossier_id,procedure_code\nD-1,1.001193\n"u8.ToArray()),
        ("truncated.xlsx", Valid()[..(Valid().Length / 2)]),
        ("empty-file.xlsx", []),
        ("empty-zip.xlsx", Package(p => p.Keys.ToList().ForEach(k => p[k] = null))),
        ("no-workbook-part.xlsx", Package(p => p["xl/workbook.xml"] = null)),
        ("no-content-types.xlsx", Package(p => p["[Content_Types].xml"] = null)),
        ("workbook-not-xml.xlsx", Package(p => p["xl/workbook.xml"] = "<workbook><sheets><sheet name=")),
        ("sheet-part-missing.xlsx", Package(p => p["xl/worksheets/sheet1.xml"] = null)),
        ("sheet-not-xml.xlsx", Package(p => p["xl/worksheets/sheet1.xml"] = "this is not XML at all")),
        ("sheet-cut-mid-row.xlsx", Package(p => p["xl/worksheets/sheet1.xml"] = Sheet(Rows(Row(2, Values)))[..400])),
        ("sheet-with-dtd.xlsx", Package(p => p["xl/worksheets/sheet1.xml"] =
            $"""<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><worksheet xmlns="{Main}"><sheetData>{Rows("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&lol2;</t></is></c></row>")}</sheetData></worksheet>""")),
        ("shared-strings-not-xml.xlsx", Package(p => p["xl/sharedStrings.xml"] = "<sst><si><t>x</t></sst>")),
        ("styles-not-xml.xlsx", Package(p => p["xl/styles.xml"] = "<styleSheet><<")),
        ("column-aaaa.xlsx", WithSheet(Rows(DataRow(0, """<c r="AAAA2" t="inlineStr"><is><t>D-1</t></is></c>""")))),
        ("column-beyond-xfd.xlsx", WithSheet(Rows(DataRow(0, """<c r="XFE2" t="inlineStr"><is><t>D-1</t></is></c>""")))),
        ("reference-of-another-row.xlsx", WithSheet(Rows(DataRow(0, """<c r="A7" t="inlineStr"><is><t>D-1</t></is></c>""")))),
        ("row-1048577.xlsx", WithSheet(Rows(Row(1_048_577, Values)))),
        ("row-huge.xlsx", WithSheet(Rows("<row r=\"99999999999999999999\"><c t=\"inlineStr\"><is><t>D-1</t></is></c></row>"))),
        ("row-zero.xlsx", WithSheet("<row r=\"0\"><c t=\"inlineStr\"><is><t>dossier_id</t></is></c></row>")),
        ("rows-out-of-order.xlsx", WithSheet(Row(1, Header) + Row(3, Values) + Row(2, Values))),
        ("row-1-twice.xlsx", WithSheet(Row(1, Header) + Row(1, Header) + Row(2, Values))),
        ("column-name-twice.xlsx", WithSheet(Row(1, [.. Header, "dossier_id"]) + Row(2, [.. Values, "D-2"]))),
        ("cell-twice.xlsx", WithSheet(Rows(DataRow(1, """<c r="A2" t="inlineStr"><is><t>D-2</t></is></c>""")))),
    ];

    /// <summary>Workbooks read, whose data row is refused for one cell: file name → (bytes, the column refused).</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes, string Column)> Tricky() =>
    [
        ("shared-string-out-of-range.xlsx", WithSheet(Rows(DataRow(0, """<c r="A2" t="s"><v>7</v></c>"""))), "dossier_id"),
        ("date-garbage.xlsx", WithSheet(Rows(DataRow(4, """<c r="E2" t="d"><v>hôm qua</v></c>"""))), "received_at"),
        ("number-with-text.xlsx", WithSheet(Rows(DataRow(0, """<c r="A2" t="n"><v>mười hai</v></c>"""))), "dossier_id"),
        ("number-nan.xlsx", WithSheet(Rows(DataRow(0, """<c r="A2"><v>NaN</v></c>"""))), "dossier_id"),
        ("boolean-maybe.xlsx", WithSheet(Rows(DataRow(6, """<c r="G2" t="b"><v>có lẽ</v></c>"""))), "status"),
        ("unknown-type.xlsx", WithSheet(Rows(DataRow(2, """<c r="C2" t="zz"><v>C1-TT</v></c>"""))), "unit_code"),
        ("inline-string-without-is.xlsx", WithSheet(Rows(DataRow(0, """<c r="A2" t="inlineStr"/>"""))), "dossier_id"),
        ("id-with-fraction.xlsx", WithSheet(Rows(DataRow(0, """<c r="A2"><v>12.5</v></c>"""))), "dossier_id"),
        ("serial-half.xlsx", WithSheet(Rows(DataRow(4, """<c r="E2" s="1"><v>0.5</v></c>"""))), "received_at"),
        ("serial-minus-one.xlsx", WithSheet(Rows(DataRow(4, """<c r="E2" s="1"><v>-1</v></c>"""))), "received_at"),
        ("serial-one.xlsx", WithSheet(Rows(DataRow(4, """<c r="E2" s="1"><v>1</v></c>"""))), "received_at"),
        ("serial-beyond-9999.xlsx", WithSheet(Rows(DataRow(4, """<c r="E2" s="1"><v>99999999</v></c>"""))), "received_at"),
        ("bare-number-as-time.xlsx", WithSheet(Rows(DataRow(5, """<c r="F2"><v>45901.5</v></c>"""))), "due_at"),
    ];

    /// <summary>
    /// 3 KB that used to hold an upload worker for seconds: a cell of 30,000 nested elements, which the
    /// SDK's element loading took in time quadratic in the depth.
    /// </summary>
    public static byte[] DeeplyNested() => WithSheet(Rows(DataRow(3,
        "<c r=\"D2\">" + string.Concat(Enumerable.Repeat("<x>", 30_000)) + string.Concat(Enumerable.Repeat("</x>", 30_000)) + "</c>")));
}
