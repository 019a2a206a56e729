using System.Diagnostics;
using ClosedXML.Excel;
using GovKpi.Core.Evaluation;
using GovKpi.Data.Exports;

namespace GovKpi.Web.Tests.Exports;

/// <summary>The exports read back the way a person or another program reads them: PDFs through pdftotext, workbooks through ClosedXML.</summary>
public sealed class EvaluationExportTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("govkpi-exports-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static EvaluationForm Form(int extraRows = 0) => new(
        new FormPerson("CC-0042", "Nguyễn Thị Hồng Nhung", "Chuyên viên xử lý hồ sơ, bộ phận Một cửa", "Trung tâm Phục vụ hành chính công phường Nha Trang", "UBND phường Nha Trang"),
        "Năm 2026",
        [
            new FormRow("Tiêu chí chung", "Phẩm chất chính trị", "Tốt", 3.2m, 4),
            new FormRow("Tiêu chí chung", "Thái độ phục vụ nhân dân, doanh nghiệp", "Xuất sắc", 4, 4),
            .. Enumerable.Range(1, extraRows).Select(i => new FormRow("Kết quả thực hiện nhiệm vụ", $"Nhiệm vụ số {i}: tiếp nhận và trả kết quả hồ sơ đúng hạn", "95%", 1, 1)),
            new FormRow("Kết quả thực hiện nhiệm vụ", "Số lượng, chất lượng, tiến độ sản phẩm chuẩn", "(100% + 75% + 100%) ÷ 3", 64.17m, 70),
        ],
        23.33m, 30, 64.17m, 70, 87.5m, ClassificationLevel.Htt)
    {
        Formulas = ["Chất lượng: min(100%, 3 ÷ 4) = 75%", "(100% + 75% + 100%) ÷ 3 × 70 = 64.17"],
        SelfComment = "Hoàn thành đầy đủ nhiệm vụ được giao; cần nâng cao kỹ năng số.",
        ManagerComment = "Đồng ý với kết quả tự đánh giá.",
        Signatures = [new FormSignature("Người tự đánh giá", "Nguyễn Thị Hồng Nhung", new DateOnly(2026, 12, 5)), new FormSignature("Người quản lý trực tiếp", "Trần Văn Quý", null)],
    };

    /// <summary>The PDF's text with whitespace runs made single spaces (table cells wrap their text), and its page count.</summary>
    private (string Text, int Pages) Pdf(Action<Stream> write)
    {
        var pdftotext = new[] { "/usr/bin/pdftotext", "/usr/local/bin/pdftotext" }.FirstOrDefault(File.Exists);
        Skip.If(pdftotext is null, "pdftotext is not installed (Debian package poppler-utils; run scripts/install-test-deps)");
        var path = Path.Combine(_root, Guid.NewGuid().ToString("n") + ".pdf");
        using (var file = File.Create(path))
        {
            write(file);
        }

        var start = new ProcessStartInfo(pdftotext!) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = System.Text.Encoding.UTF8 };
        foreach (var argument in new[] { "-enc", "UTF-8", path, "-" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"pdftotext failed: {error}");
        return (System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " "), text.Count(c => c == '\f'));
    }

    [SkippableFact]
    public void The_evaluation_form_reads_back_in_Vietnamese_with_name_score_and_level()
    {
        var (text, _) = Pdf(s => EvaluationFormPdf.Write(Form(), ExportText.Vietnamese, s));

        Assert.Contains("PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÔNG CHỨC", text);
        Assert.Contains("Nguyễn Thị Hồng Nhung", text);
        Assert.Contains("Tổng điểm: 87,5 — Xếp loại: Hoàn thành tốt nhiệm vụ", text);
        Assert.Contains("(100% + 75% + 100%) ÷ 3 × 70 = 64.17", text);
        Assert.Contains("Trần Văn Quý", text);
    }

    [SkippableFact]
    public void A_long_form_continues_on_further_pages()
    {
        var (text, pages) = Pdf(s => EvaluationFormPdf.Write(Form(extraRows: 80), ExportText.Vietnamese, s));

        Assert.True(pages >= 3, $"expected at least three pages, got {pages}");
        Assert.Contains("Nhiệm vụ số 80: tiếp nhận và trả kết quả", text);
        Assert.Contains("Hoàn thành tốt nhiệm vụ", text);
    }

    [SkippableFact]
    public void The_form_can_be_printed_in_English()
    {
        var (text, _) = Pdf(s => EvaluationFormPdf.Write(Form(), ExportText.English, s));

        Assert.Contains("Total: 87.5 — Level: Good completion of duties (HTT)", text);
        Assert.Contains("Nguyễn Thị Hồng Nhung", text);
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
    public void The_published_list_PDF_reads_back_with_every_person()
    {
        var (text, _) = Pdf(s => PublishedListExport.WritePdf(Published(), ExportText.Vietnamese, s));

        Assert.Contains("DANH SÁCH CÔNG KHAI KẾT QUẢ XẾP LOẠI CHẤT LƯỢNG", text);
        Assert.Contains("20/12/2026", text);
        foreach (var name in new[] { "Lê Thị Ánh", "Phạm Đức Hải", "Võ Minh Khôi", "Hoàn thành xuất sắc nhiệm vụ", "91,5" })
        {
            Assert.Contains(name, text);
        }
    }
}
