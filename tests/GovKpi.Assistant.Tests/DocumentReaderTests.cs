using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using GovKpi.Assistant.Documents;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace GovKpi.Assistant.Tests;

/// <summary>Each supported format, written here with the same libraries a real one comes from, read back into paragraphs.</summary>
public sealed class DocumentReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("govkpi-docs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    [Fact]
    public void Text_pasted_from_the_web_has_a_paragraph_per_line()
    {
        var path = Write("quy-che.txt", "Quy chế làm việc\n\nĐiều 1. Phạm vi điều chỉnh của quy chế này áp dụng cho toàn bộ công chức của Sở, kể cả người hợp đồng lao động.\r\nĐiều 2.   Giờ làm việc từ 7 giờ 30.\n");

        var document = DocumentReader.Read(path);

        Assert.Equal("quy-che.txt", document.Name);
        Assert.Equal(["Quy chế làm việc", "Điều 1. Phạm vi điều chỉnh của quy chế này áp dụng cho toàn bộ công chức của Sở, kể cả người hợp đồng lao động.", "Điều 2. Giờ làm việc từ 7 giờ 30."], document.Paragraphs);
    }

    [Fact]
    public void Text_wrapped_by_hand_has_a_paragraph_per_block()
    {
        var path = Write("so-tay.txt", "Cán bộ tiếp nhận hồ sơ kiểm tra thành phần hồ sơ\nngay khi nhận và hẹn ngày trả kết quả cho người dân.\n\nHồ sơ thiếu thì hướng dẫn bổ sung một lần, đầy đủ\nvà bằng văn bản.\n");

        var document = DocumentReader.Read(path);

        Assert.Equal(["Cán bộ tiếp nhận hồ sơ kiểm tra thành phần hồ sơ ngay khi nhận và hẹn ngày trả kết quả cho người dân.", "Hồ sơ thiếu thì hướng dẫn bổ sung một lần, đầy đủ và bằng văn bản."], document.Paragraphs);
    }

    [Fact]
    public void Decomposed_Vietnamese_is_read_as_composed_text()
    {
        var path = Write("nfd.txt", "Khánh Hòa".Normalize(NormalizationForm.FormD));

        Assert.Equal(["Khánh Hòa"], DocumentReader.Read(path).Paragraphs);
    }

    [Fact]
    public void Markdown_loses_its_markup_keeps_headings_and_list_items_apart_and_code_as_written()
    {
        var path = Write("huong-dan.md", "# Hướng dẫn **đánh giá**\n\nĐọc [Nghị định 335](https://example.vn/nd335) trước.\n\n- Mục tiêu: `98%` hồ sơ đúng hạn\n- Nguồn dữ liệu: hệ thống một cửa\n\n---\n```\ngovkpi ask --docs so-tay\n  --json\n```\n");

        var document = DocumentReader.Read(path);

        Assert.Equal(["Hướng dẫn đánh giá", "Đọc Nghị định 335 trước.", "• Mục tiêu: 98% hồ sơ đúng hạn", "• Nguồn dữ liệu: hệ thống một cửa", "govkpi ask --docs so-tay", "--json"], document.Paragraphs);
    }

    [Fact]
    public void Html_gives_the_text_of_its_block_elements_without_scripts_styles_or_head()
    {
        var path = Write("trang.html", """
            <!DOCTYPE html><html><head><title>Tiêu đề</title><style>p{color:red}</style></head>
            <body><h1>Cải cách hành chính</h1><p>Công chức <b>phải</b> trả lời
            trong 3 ngày.<br>Dòng thứ hai.</p><script>alert('x')</script>
            <ul><li>Một</li><li>Hai &amp; ba</li></ul><table><tr><td>Ô 1</td><td>Ô 2</td></tr></table></body></html>
            """);

        var document = DocumentReader.Read(path);

        Assert.Equal(["Cải cách hành chính", "Công chức phải trả lời trong 3 ngày.", "Dòng thứ hai.", "• Một", "• Hai & ba", "Ô 1", "Ô 2"], document.Paragraphs);
    }

    [Fact]
    public void Word_documents_give_their_paragraphs_including_those_in_tables()
    {
        var path = Path.Combine(_dir, "quy-dinh.docx");
        using (var word = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            main.Document = new W.Document(new W.Body(
                new W.Paragraph(new W.Run(new W.Text("Quy định về "), new W.Text("chấm công") { Space = SpaceProcessingModeValues.Preserve })),
                new W.Paragraph(),
                new W.Table(new W.TableRow(new W.TableCell(new W.Paragraph(new W.Run(new W.Text("Ô trong bảng"))))))));
        }

        var document = DocumentReader.Read(path);

        Assert.Equal(["Quy định về chấm công", "Ô trong bảng"], document.Paragraphs);
    }

    [Fact]
    public void Pdf_text_blocks_become_paragraphs_in_reading_order()
    {
        var path = Path.Combine(_dir, "so-tay.pdf");
        var pdf = new PdfDocumentBuilder();
        var font = pdf.AddStandard14Font(Standard14Font.Helvetica);
        var page = pdf.AddPage(595, 842);
        page.AddText("Quy trinh tiep nhan ho so", 14, new UglyToad.PdfPig.Core.PdfPoint(60, 760), font);
        page.AddText("Can bo kiem tra thanh phan ho so ngay khi nhan.", 11, new UglyToad.PdfPig.Core.PdfPoint(60, 600), font);
        page.AddText("Ho so thieu thi huong dan bo sung mot lan.", 11, new UglyToad.PdfPig.Core.PdfPoint(60, 586), font);
        File.WriteAllBytes(path, pdf.Build());

        var document = DocumentReader.Read(path);

        Assert.Equal(["Quy trinh tiep nhan ho so", "Can bo kiem tra thanh phan ho so ngay khi nhan. Ho so thieu thi huong dan bo sung mot lan."], document.Paragraphs);
    }

    [Fact]
    public void A_damaged_or_empty_file_is_reported_with_its_name_and_the_folder_reads_the_others()
    {
        Write("hong.pdf", "this is not a PDF");
        Write("hong.docx", "nor a Word file");
        Write("trong.txt", "  \n\n ");
        Write("tot.md", "Nội dung đọc được.");
        Write("bo-qua.csv", "a,b");

        var folder = DocumentFolder.Read(_dir);

        Assert.Equal(["tot.md"], folder.Documents.Select(d => d.Name));
        Assert.Equal(["hong.docx", "hong.pdf", "trong.txt"], folder.Unreadable.Select(u => u.Name));
        Assert.All(folder.Unreadable, u => Assert.StartsWith(u.Name + ":", u.Reason));
        Assert.Contains("no text found", folder.Unreadable.Single(u => u.Name == "trong.txt").Reason);
    }
}
