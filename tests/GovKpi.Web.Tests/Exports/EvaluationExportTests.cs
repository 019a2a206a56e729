using ClosedXML.Excel;
using GovKpi.Core.Evaluation;
using GovKpi.Data.Exports;

namespace GovKpi.Web.Tests.Exports;

/// <summary>The exports read back the way a person or another program reads them: PDFs through pdftotext, workbooks through ClosedXML.</summary>
public sealed class EvaluationExportTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("govkpi-exports-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Decree 335's eight criteria as a manager rated them: 4 + 5 × 3.2 + 3 + 1.8 = 24.8 of 30.</summary>
    private static readonly (string Name, decimal Max, decimal Points, string Level)[] Criteria =
    [
        ("Phẩm chất chính trị", 4, 4, "Xuất sắc"), ("Đạo đức, lối sống", 4, 3.2m, "Tốt"), ("Văn hóa thực thi công vụ", 4, 3.2m, "Tốt"),
        ("Ý thức tổ chức kỷ luật", 4, 3.2m, "Tốt"), ("Tinh thần trách nhiệm", 4, 3.2m, "Tốt"), ("Thái độ phục vụ nhân dân, doanh nghiệp", 4, 3.2m, "Tốt"),
        ("Năng lực đổi mới sáng tạo", 3, 3, "Xuất sắc"), ("Dám nghĩ, dám làm, dám chịu trách nhiệm", 3, 1.8m, "Đạt"),
    ];

    private static EvaluationForm Form(int extraRows = 0) => new(
        new FormPerson("CC-0042", "Nguyễn Thị Hồng Nhung", "Chuyên viên xử lý hồ sơ, bộ phận Một cửa", "Trung tâm Phục vụ hành chính công phường Nha Trang", "UBND phường Nha Trang"),
        "Năm 2026",
        [
            new FormLine("Tiêu chí chung", 30, 26, 24.8m) { Lines = [.. Criteria.Select(c => new FormLine(c.Name, c.Max, null, c.Points, c.Level))] },
            new FormLine("Kết quả thực hiện nhiệm vụ", 70, 62, 60)
            {
                Lines =
                [
                    new FormLine("Mức độ hoàn thành KPI (tỷ trọng 50%)", null, null, null, "92%"),
                    .. Enumerable.Range(1, extraRows).Select(i => new FormLine($"Nhiệm vụ số {i}: tiếp nhận và trả kết quả hồ sơ đúng hạn", null, null, null, "95%")),
                    new FormLine("Số lượng, chất lượng, tiến độ sản phẩm được giao: (a + b + c) ÷ 3", null, null, null, "73,33%"),
                ],
            },
        ],
        88, 84.8m, ClassificationLevel.Htt)
    {
        Formulas = ["Chất lượng: min(100%, 3 ÷ 4) = 75%", "(100% + 75% + 100%) ÷ 3 × 70 = 64.17"],
        SelfComment = "Hoàn thành đầy đủ nhiệm vụ được giao; cần nâng cao kỹ năng số.",
        ManagerComment = "Đồng ý với kết quả tự đánh giá.",
        Signatures =
        [
            new FormSignature("NGƯỜI TỰ ĐÁNH GIÁ", "Nguyễn Thị Hồng Nhung", new DateOnly(2026, 12, 5)),
            new FormSignature("NGƯỜI NHẬN XÉT, ĐÁNH GIÁ", "Trần Văn Quý", new DateOnly(2026, 12, 6)),
            new FormSignature("THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", "", null),
        ],
    };

    /// <summary>The PDF's text (whitespace runs made single spaces), its <c>-layout</c> lines, its page count and its size in bytes.</summary>
    private static (string Text, IReadOnlyList<string> Lines, int Pages, int Bytes) Pdf(Action<Stream> write)
    {
        using var file = new MemoryStream();
        write(file);
        var bytes = file.ToArray();
        var text = PdfToText.Read(bytes);
        return (PdfToText.Flat(text), PdfToText.Lines(PdfToText.Read(bytes, layout: true)), text.Count(c => c == '\f'), bytes.Length);
    }

    [SkippableFact]
    public void The_evaluation_form_lists_each_criterion_once_with_its_level_and_points_the_subtotals_once_the_level_and_three_signatures()
    {
        var (text, lines, pages, bytes) = Pdf(s => EvaluationFormPdf.Write(Form(), ExportText.Vietnamese, s));

        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text);
        Assert.Contains("Độc lập - Tự do - Hạnh phúc", text);
        Assert.Contains("PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÔNG CHỨC", text);
        // Name and code on lines of their own, not run together.
        Assert.Contains("Họ và tên: Nguyễn Thị Hồng Nhung", lines);
        Assert.Contains("Mã công chức: CC-0042", lines);
        Assert.Contains("Chức vụ, vị trí việc làm: Chuyên viên xử lý hồ sơ, bộ phận Một cửa", lines);
        var vi = ExportText.Vietnamese;
        foreach (var (name, max, points, level) in Criteria)
        {
            Assert.Equal(1, PdfToText.Count(text, name));
            if (!name.StartsWith("Dám", StringComparison.Ordinal))
            {
                Assert.Contains(lines, l => l.EndsWith($"{name} {level} {vi.Score(max)} {vi.Score(points)}", StringComparison.Ordinal));
            }
        }

        // Each subtotal once: the group with its maximum, self-assessed and rated points; then the total.
        Assert.Equal(1, PdfToText.Count(text, "Tiêu chí chung"));
        Assert.Equal(1, PdfToText.Count(text, "Kết quả thực hiện nhiệm vụ"));
        Assert.Contains("I Tiêu chí chung 30 26 24,8", lines);
        Assert.Contains("II Kết quả thực hiện nhiệm vụ 70 62 60", lines);
        Assert.Contains("Tổng điểm 100 88 84,8", lines);
        Assert.Contains(lines, l => l.EndsWith("Mức độ hoàn thành KPI (tỷ trọng 50%) 92%", StringComparison.Ordinal));
        Assert.Contains("Tổng điểm: 84,8 — Xếp loại: Hoàn thành tốt nhiệm vụ", text);
        // Written the Vietnamese way: "64.17" would read as sixty-four thousand one hundred seventy.
        Assert.Contains("(100% + 75% + 100%) ÷ 3 × 70 = 64,17", text);
        Assert.DoesNotMatch(@"\d\.\d", text);
        Assert.Contains("cần nâng cao kỹ năng số", text);

        Assert.Contains("NGƯỜI TỰ ĐÁNH GIÁ NGƯỜI NHẬN XÉT, ĐÁNH GIÁ THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", lines);
        Assert.Contains("Ngày 05 tháng 12 năm 2026 Ngày 06 tháng 12 năm 2026 Ngày …… tháng …… năm ……", lines);
        Assert.Contains("Nguyễn Thị Hồng Nhung Trần Văn Quý", lines);

        Assert.Equal(1, pages);
        Assert.True(bytes < 100_000, $"the one-page form weighs {bytes} bytes");
    }

    [SkippableFact]
    public void A_long_form_continues_on_further_pages_under_the_table_header_and_stays_under_100_KB_a_page()
    {
        using var file = new MemoryStream();
        EvaluationFormPdf.Write(Form(extraRows: 80), ExportText.Vietnamese, file);
        var (text, pages, bytes) = (PdfToText.Read(file.ToArray()), PdfToText.Read(file.ToArray()).Count(c => c == '\f'), file.Length);

        Assert.True(pages >= 3, $"expected at least three pages, got {pages}");
        Assert.Contains("Nhiệm vụ số 80: tiếp nhận và trả kết quả", PdfToText.Flat(text));
        // Every page the table runs on opens with its header.
        var tablePages = text.Split('\f').Where(p => p.Contains("Nhiệm vụ số", StringComparison.Ordinal)).ToList();
        Assert.True(tablePages.Count >= 3, $"the table runs on {tablePages.Count} pages");
        Assert.All(tablePages, p => Assert.Contains("Nội dung, tiêu chí đánh giá", PdfToText.Flat(p)));
        Assert.Contains("THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", text);
        Assert.True(bytes < 100_000 * pages, $"{pages} pages weigh {bytes} bytes");
        // PdfPig sees the same letters in two fonts on every page: the regular and the bold subset, each embedded once.
        using var document = UglyToad.PdfPig.PdfDocument.Open(file.ToArray());
        Assert.Contains("Nhiệm vụ số 80", string.Concat(document.GetPages().Select(p => p.Text)));
        Assert.Equal(2, document.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName).Distinct(StringComparer.Ordinal).Count());
    }

    [SkippableFact]
    public void The_form_can_be_printed_in_English()
    {
        var (text, _, _, _) = Pdf(s => EvaluationFormPdf.Write(Form(), ExportText.English, s));

        Assert.Contains("Total: 84.8 — Level: Good completion of duties (HTT)", text);
        Assert.Contains("(100% + 75% + 100%) ÷ 3 × 70 = 64.17", text);
        Assert.Contains("Nguyễn Thị Hồng Nhung", text);
    }

    [Fact]
    public void The_fonts_handed_to_PDFsharp_have_no_composite_glyph_built_on_another_composite()
    {
        // PDFsharp 6.2 subsets fonts with one level of composite closure; a deeper component would be
        // left out and the letter (ễ, ồ, ấ) would print without its base.
        var resolver = new DejaVuFontResolver();
        foreach (var face in new[] { "DejaVuSans", "DejaVuSans-Bold" })
        {
            var glyphs = TrueTypeGlyphs.Read(resolver.GetFont(face)!);

            Assert.True(glyphs.Count > 5000, $"{face}: {glyphs.Count} glyphs");
            var composites = glyphs.Where(g => g.Components.Count > 0).ToList();
            Assert.NotEmpty(composites);
            Assert.All(composites, g => Assert.All(g.Components, c => Assert.Empty(glyphs[c].Components)));
        }
    }

    [Fact]
    public void Missing_fonts_fail_with_a_message_that_says_what_to_install()
    {
        var error = Assert.Throws<ExportFontsMissingException>(() => new DejaVuFontResolver(Path.Combine(_root, "no-fonts")));

        Assert.Contains("DejaVuSans.ttf", error.Message);
        Assert.Contains("fonts-dejavu-core", error.Message);
    }

    [Fact]
    public void The_unit_summary_workbook_has_one_row_per_person_and_the_distribution()
    {
        var summary = new UnitSummary("Phòng Văn hóa - Xã hội", "Năm 2026",
        [
            new UnitSummaryRow("CC-01", "Lê Thị Ánh", "Chuyên viên", 28.5m, 63m, 91.5m, ClassificationLevel.Htxs, ClassificationReason.Band),
            new UnitSummaryRow("CC-02", "Phạm Đức Hải", "Chuyên viên", 24m, 66m, 90m, ClassificationLevel.Htt, ClassificationReason.Quota) { Note = "Cào bằng" },
            new UnitSummaryRow("CC-03", "Võ Minh Khôi", "Cán sự", 20m, 28m, 48m, ClassificationLevel.Kht, ClassificationReason.Band),
        ]);
        using var bytes = new MemoryStream();

        UnitSummaryExcel.Write(summary, ExportText.Vietnamese, bytes);

        using var workbook = new XLWorkbook(new MemoryStream(bytes.ToArray()));
        var sheet = workbook.Worksheet(1);
        Assert.Equal("TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG", sheet.Cell("A1").GetString());
        Assert.Equal("Đơn vị: Phòng Văn hóa - Xã hội — Kỳ đánh giá: Năm 2026", sheet.Cell("A2").GetString());
        Assert.Equal(["STT", "Mã công chức", "Họ và tên", "Chức vụ, vị trí việc làm", "Tiêu chí chung", "Kết quả thực hiện nhiệm vụ", "Tổng điểm", "Xếp loại", "Căn cứ", "Ghi chú"],
            Enumerable.Range(1, 10).Select(c => sheet.Cell(UnitSummaryExcel.HeaderRow, c).GetString()));
        Assert.Equal(("CC-02", "Phạm Đức Hải", 90.0, "Hoàn thành tốt nhiệm vụ", "Điều chỉnh theo tỷ lệ hoàn thành xuất sắc", "Cào bằng"),
            (sheet.Cell("B6").GetString(), sheet.Cell("C6").GetString(), sheet.Cell("G6").GetDouble(), sheet.Cell("H6").GetString(), sheet.Cell("I6").GetString(), sheet.Cell("J6").GetString()));
        Assert.Equal(91.5, sheet.Cell("G5").GetDouble());
        Assert.Equal(3, sheet.Cell("A7").GetDouble());
        // Distribution: title on row 9, header on row 10, HTXS … KHT on rows 11–14.
        Assert.Equal("Tỷ lệ xếp loại", sheet.Cell("A9").GetString());
        Assert.Equal([1.0, 1.0, 0.0, 1.0], Enumerable.Range(11, 4).Select(r => sheet.Cell(r, 2).GetDouble()));
        Assert.Equal("Không hoàn thành nhiệm vụ", sheet.Cell("A14").GetString());
        Assert.Equal(1.0 / 3, sheet.Cell("C14").GetDouble(), 9);
    }

    private static PublishedList Published() => new("UBND phường Nha Trang", "Năm 2026", new DateOnly(2026, 12, 10), new DateOnly(2026, 12, 20),
    [
        new PublishedEntry("Lê Thị Ánh", "Chuyên viên", 91.5m, ClassificationLevel.Htxs),
        new PublishedEntry("Phạm Đức Hải", "Chuyên viên", 90m, ClassificationLevel.Htt),
        new PublishedEntry("Võ Minh Khôi", "Cán sự", 48m, ClassificationLevel.Kht),
    ]);

    [Fact]
    public void The_published_list_workbook_has_the_names_scores_and_levels()
    {
        using var bytes = new MemoryStream();

        PublishedListExport.WriteExcel(Published(), ExportText.Vietnamese, bytes);

        using var workbook = new XLWorkbook(new MemoryStream(bytes.ToArray()));
        var sheet = workbook.Worksheet(1);
        Assert.Equal("DANH SÁCH CÔNG KHAI KẾT QUẢ XẾP LOẠI CHẤT LƯỢNG", sheet.Cell("A1").GetString());
        Assert.Equal("Ngày công khai: 10/12/2026 — Thời hạn kiến nghị đến hết ngày: 20/12/2026", sheet.Cell("A3").GetString());
        Assert.Equal((1.0, "Lê Thị Ánh", 91.5, "Hoàn thành xuất sắc nhiệm vụ"),
            (sheet.Cell("A5").GetDouble(), sheet.Cell("B5").GetString(), sheet.Cell("D5").GetDouble(), sheet.Cell("E5").GetString()));
        Assert.Equal("Không hoàn thành nhiệm vụ", sheet.Cell("E7").GetString());
        Assert.True(sheet.Cell("A8").IsEmpty());
    }

    [SkippableFact]
    public void The_published_list_PDF_has_the_official_header_every_person_and_the_signatures_under_100_KB()
    {
        var list = Published() with
        {
            Agency = "UBND phường Nha Trang",
            Signatures = [new FormSignature("NGƯỜI LẬP DANH SÁCH", "Trần Văn Quý", new DateOnly(2026, 12, 10)), new FormSignature("THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", "Phạm Minh Tuấn", new DateOnly(2026, 12, 9))],
        };

        var (text, lines, pages, bytes) = Pdf(s => PublishedListExport.WritePdf(list, ExportText.Vietnamese, s));

        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text);
        Assert.Contains("DANH SÁCH CÔNG KHAI KẾT QUẢ XẾP LOẠI CHẤT LƯỢNG", text);
        Assert.Contains("20/12/2026", text);
        Assert.Contains("1 Lê Thị Ánh Chuyên viên 91,5 Hoàn thành xuất sắc nhiệm vụ", lines);
        Assert.Contains("3 Võ Minh Khôi Cán sự 48 Không hoàn thành nhiệm vụ", lines);
        Assert.Contains("NGƯỜI LẬP DANH SÁCH THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", lines);
        Assert.Contains("Trần Văn Quý Phạm Minh Tuấn", lines);
        Assert.Equal(1, pages);
        Assert.True(bytes < 100_000, $"the one-page list weighs {bytes} bytes");
    }
}
