using ClosedXML.Excel;
using GovKpi.Core.Uploads;
using GovKpi.Data.Files;
using GovKpi.Data.Resources;

namespace GovKpi.Web.Tests.Shared;

/// <summary>The streamed .xlsx reader behind every upload: what it reads from each way a cell can be stored, and what it refuses before reading.</summary>
public sealed class SpreadsheetReaderTests
{
    private static List<SheetRow> Read(byte[] workbook, SpreadsheetLimits? limits = null) =>
        [.. SpreadsheetReader.Rows(new MemoryStream(workbook), "bang.xlsx", limits ?? SpreadsheetLimits.Default)];

    [Fact]
    public void Texts_numbers_dates_and_booleans_of_a_workbook_written_by_a_spreadsheet_program_read_as_typed_cells()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Trang 1");
        sheet.Cell(1, 1).Value = "họ_tên";
        sheet.Cell(1, 2).Value = "điểm";
        sheet.Cell(1, 4).Value = "ngày";
        sheet.Cell(2, 1).Value = "Hồ Thị Lan";
        sheet.Cell(2, 2).Value = 12.5;
        sheet.Cell(2, 4).Value = new DateTime(2025, 9, 2, 14, 30, 0);
        sheet.Cell(2, 5).Value = true;
        sheet.Cell(4, 1).Value = "Hồ Thị Lan";
        using var bytes = new MemoryStream();
        workbook.SaveAs(bytes);

        var rows = Read(bytes.ToArray()).Where(r => r.Cells.Count > 0).ToList();

        Assert.Equal([1, 2, 4], rows.Select(r => r.Line));
        Assert.Equal(["họ_tên", "điểm", "ngày"], rows[0].Cells.Select(c => c.Text));
        var values = rows[1];
        Assert.Equal([1, 2, 4, 5], values.Cells.Select(c => c.Column));
        Assert.Equal((SheetCellKind.Text, "Hồ Thị Lan"), (values.Cell(1)!.Value.Kind, values.Cell(1)!.Value.Text));
        Assert.Equal((SheetCellKind.Number, 12.5), (values.Cell(2)!.Value.Kind, values.Cell(2)!.Value.Number));
        Assert.Null(values.Cell(3));
        Assert.Equal((SheetCellKind.Date, new DateTime(2025, 9, 2, 14, 30, 0)), (values.Cell(4)!.Value.Kind, values.Cell(4)!.Value.Date));
        Assert.True(values.Cell(5)!.Value.Boolean);
        Assert.Equal("Hồ Thị Lan", rows[2].Cell(1)!.Value.Text);
    }

    [Fact]
    public void Inline_strings_shared_rich_text_custom_date_formats_and_cells_without_references_are_read_and_empty_cells_and_rows_skipped()
    {
        var sharedStrings = """<si><t>mã</t></si><si><r><t>Phòng </t></r><r><rPr><b/></rPr><t>Nội vụ</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si><si><t></t></si>""";
        var styles = """<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="4"/></cellXfs>""";
        var workbook = TestWorkbooks.Package(sheet => sheet.Write(
            """<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>đơn_vị</t></is></c><c r="C1" t="inlineStr"><is><t>ngày</t></is></c></row>"""
            + """<row r="2"><c r="A2"><v>7</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" s="1"><v>45901</v></c><c r="D2" s="2"><v>1234.5</v></c></row>"""
            + """<row r="3" spans="1:4"/>"""
            + """<row r="5"><c t="inlineStr"><is><t>không tham chiếu</t></is></c><c><v>3</v></c><c r="C5" t="s"><v>2</v></c><c r="D5" s="1"/></row>"""
            + """<row><c r="A6" t="d"><v>2026-01-31T00:00:00</v></c><c r="B6" t="str"><v>=công thức</v></c><c r="C6" t="b"><v>0</v></c></row>"""),
            sharedStrings, styles);

        var rows = Read(workbook);

        Assert.Equal([1, 2, 3, 5, 6], rows.Select(r => r.Line));
        Assert.Equal(["mã", "đơn_vị", "ngày"], rows[0].Cells.Select(c => c.Text));
        Assert.Equal("Phòng Nội vụ", rows[1].Cell(2)!.Value.Text);
        Assert.Equal((SheetCellKind.Date, new DateTime(2025, 9, 1)), (rows[1].Cell(3)!.Value.Kind, rows[1].Cell(3)!.Value.Date));
        Assert.Equal((SheetCellKind.Number, 1234.5), (rows[1].Cell(4)!.Value.Kind, rows[1].Cell(4)!.Value.Number));
        Assert.Empty(rows[2].Cells);
        // A cell without a reference follows the one before it; an empty shared string and a styled cell without a value are no value.
        Assert.Equal([(1, "không tham chiếu"), (2, "3")], rows[3].Cells.Select(c => (c.Column, c.Text)));
        Assert.Equal(new DateTime(2026, 1, 31), rows[4].Cell(1)!.Value.Date);
        Assert.Equal("=công thức", rows[4].Cell(2)!.Value.Text);
        Assert.Equal((SheetCellKind.Boolean, false), (rows[4].Cell(3)!.Value.Kind, rows[4].Cell(3)!.Value.Boolean));
    }

    [Fact]
    public void A_sheet_over_the_row_limit_is_refused_while_reading_with_the_limit_it_crossed()
    {
        var workbook = TestWorkbooks.Sheet(["mã"], Enumerable.Range(1, 150).Select(i => new[] { $"NV{i}" }));

        var within = Read(workbook, new SpreadsheetLimits { MaxRows = 151 });
        var refused = Assert.Throws<UploadLimitException>(() => Read(workbook, new SpreadsheetLimits { MaxRows = 100 }));

        Assert.Equal(151, within.Count);
        Assert.Equal((UploadLimit.Rows, 100L, "bang.xlsx"), (refused.Kind, refused.Limit, refused.FileName));
        Assert.Throws<UploadLimitException>(() => SpreadsheetReader.Check(new MemoryStream(workbook), "bang.xlsx", new SpreadsheetLimits { MaxRows = 100 }));
    }

    [Fact]
    public void A_value_beyond_the_column_limit_is_refused()
    {
        var workbook = TestWorkbooks.Package(sheet => sheet.Write("""<row r="1"><c r="A1"><v>1</v></c><c r="AA1"><v>2</v></c></row>"""));

        var refused = Assert.Throws<UploadLimitException>(() => Read(workbook, new SpreadsheetLimits { MaxColumns = 26 }));

        Assert.Equal((UploadLimit.Columns, 26L), (refused.Kind, refused.Limit));
        Assert.Equal(2, Read(workbook, new SpreadsheetLimits { MaxColumns = 27 }).Single().Cells.Count);
    }

    [Fact]
    public void A_zip_bomb_workbook_is_refused_for_its_compression_ratio_without_being_inflated_whole()
    {
        var bomb = TestWorkbooks.Bomb(TestWorkbooks.Row(1, "mã"));
        var before = GC.GetAllocatedBytesForCurrentThread();

        var refused = Assert.Throws<UploadLimitException>(() => SpreadsheetReader.Rows(new MemoryStream(bomb), "bom.xlsx", SpreadsheetLimits.Default));

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal((UploadLimit.CompressionRatio, "bom.xlsx"), (refused.Kind, refused.FileName));
        // The sheet is 200 MB of XML; refusing it allocates a few buffers, not the sheet.
        Assert.True(allocated < 16L << 20, $"allocated {allocated:N0} bytes");
        Assert.True(bomb.Length < 1 << 20, $"the bomb is {bomb.Length:N0} bytes");
    }

    [Fact]
    public void A_file_that_is_not_a_zip_package_is_unreadable_rather_than_over_a_limit()
    {
        var refused = Assert.Throws<WorkbookException>(() => Read("mã,đơn_vị\nNV1,C1\n"u8.ToArray()));

        Assert.Equal("bang.xlsx:1: " + DataText.Get("Workbook.NotAPackage"), refused.Message);
    }

    [Fact]
    public void One_rule_gives_each_column_the_text_it_expects_and_refuses_serials_and_fractional_ids_at_their_cell()
    {
        var row = new SheetRow(5, []) { Sheet = "Trang 1" };
        string Read(SheetCell cell, CellExpectation expect) => SheetCells.Read(row, cell, expect, out var refusal) ?? "refused " + refusal;

        Assert.Equal("123456789012345680", Read(new(1, SheetCellKind.Number, "1.2345678901234568E+17", 1.2345678901234568E+17), CellExpectation.Code));
        Assert.Equal("123456789012345678", Read(new(1, SheetCellKind.Number, "123456789012345678", 1.2345678901234568E+17), CellExpectation.Code));
        Assert.Equal("12.5", Read(new(2, SheetCellKind.Number, "12.50", 12.5), CellExpectation.Number));
        Assert.StartsWith("refused 'Trang 1'!C5: ", Read(new(3, SheetCellKind.Number, "12.5", 12.5), CellExpectation.Code), StringComparison.Ordinal);
        Assert.Equal("2025-09-01", Read(new(4, SheetCellKind.Date, "45901.5", 45901.5, new DateTime(2025, 9, 1, 12, 0, 0)), CellExpectation.Date));
        Assert.Equal("2025-09-01T12:00:00", Read(new(4, SheetCellKind.Date, "45901.5", 45901.5, new DateTime(2025, 9, 1, 12, 0, 0)), CellExpectation.Time));
        Assert.StartsWith("refused 'Trang 1'!D5: ", Read(new(4, SheetCellKind.Number, "45901", 45901), CellExpectation.Date), StringComparison.Ordinal);
        Assert.StartsWith("refused 'Trang 1'!D5: ", Read(new(4, SheetCellKind.Number, "45901.5", 45901.5), CellExpectation.Time), StringComparison.Ordinal);
        foreach (var serial in new[] { 0.5, -1, 1, 60 })
        {
            var cell = new SheetCell(4, SheetCellKind.Date, serial.ToString(System.Globalization.CultureInfo.InvariantCulture), serial, DateTime.FromOADate(serial));
            Assert.StartsWith("refused 'Trang 1'!D5: ", Read(cell, CellExpectation.Time), StringComparison.Ordinal);
        }

        Assert.Equal("true", Read(new(5, SheetCellKind.Boolean, "TRUE", 1), CellExpectation.Boolean));
        Assert.Equal("D-1", Read(new(6, SheetCellKind.Text, "D-1"), CellExpectation.Code));
    }
}
