using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using GovKpi.Assistant.Documents;
using GovKpi.Core.Uploads;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace GovKpi.Assistant.Tests;

/// <summary>Zip packages and documents that would expand beyond the limits are refused by the bound they cross, before being expanded.</summary>
public sealed class DocumentLimitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("govkpi-limits-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A .docx whose document.xml is <paramref name="paragraphs"/> one-letter paragraphs, compressed as hard as deflate can.</summary>
    internal static string WordBomb(string path, int paragraphs)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        void Entry(string name, string text)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false));
            writer.Write(text);
        }

        Entry("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""");
        Entry("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>""");
        using var document = new StreamWriter(zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false));
        document.Write("""<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>""");
        var block = string.Concat(Enumerable.Repeat("<w:p><w:r><w:t>a</w:t></w:r></w:p>", 1000));
        for (var written = 0; written < paragraphs; written += 1000)
        {
            document.Write(block);
        }

        document.Write("</w:body></w:document>");
        return path;
    }

    private string Zip(string name, int entries, int bytesPerEntry, CompressionLevel level)
    {
        var path = Path.Combine(_dir, name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        var random = new Random(11);
        for (var i = 0; i < entries; i++)
        {
            var content = new byte[bytesPerEntry];
            random.NextBytes(content);
            using var stream = zip.CreateEntry($"part{i}.bin", level).Open();
            stream.Write(content);
        }

        return path;
    }

    private static void Check(string path, PackageLimits limits)
    {
        using var package = File.OpenRead(path);
        ZipGuard.Check(package, Path.GetFileName(path), limits);
    }

    [Fact]
    public void A_word_bomb_is_refused_for_its_compression_ratio_before_it_is_parsed()
    {
        var path = WordBomb(Path.Combine(_dir, "bom.docx"), 2_000_000);

        var refused = Assert.Throws<UploadLimitException>(() => DocumentReader.Read(path));

        Assert.Equal((UploadLimit.CompressionRatio, "bom.docx"), (refused.Kind, refused.FileName));
    }

    [Fact]
    public void A_package_expanding_beyond_the_total_size_is_refused_even_when_no_entry_compresses_suspiciously()
    {
        var path = Zip("lon.docx", entries: 4, bytesPerEntry: 300_000, CompressionLevel.NoCompression);

        var refused = Assert.Throws<UploadLimitException>(() => Check(path, new DocumentLimits { MaxDecompressedBytes = 1_000_000 }));

        Assert.Equal((UploadLimit.DecompressedSize, 1_000_000L), (refused.Kind, refused.Limit));
    }

    [Fact]
    public void A_package_of_too_many_entries_is_refused()
    {
        var path = Zip("nhieu.docx", entries: 30, bytesPerEntry: 10, CompressionLevel.Fastest);

        var refused = Assert.Throws<UploadLimitException>(() => Check(path, new DocumentLimits { MaxEntries = 20 }));

        Assert.Equal(UploadLimit.Entries, refused.Kind);
    }

    [Fact]
    public void A_package_within_the_limits_passes_and_a_small_well_compressed_part_is_not_judged_by_its_ratio()
    {
        var path = WordBomb(Path.Combine(_dir, "nho.docx"), 20_000);

        Check(path, DocumentLimits.Default);
        var document = DocumentReader.Read(path);

        Assert.Equal(20_000, document.Paragraphs.Count);
    }

    [Fact]
    public void A_word_document_with_more_paragraphs_than_allowed_is_refused()
    {
        var path = Path.Combine(_dir, "dai.docx");
        using (var word = WordprocessingDocument.Create(path, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            main.Document = new W.Document(new W.Body(
                Enumerable.Range(1, 60).Select(i => new W.Paragraph(new W.Run(new W.Text($"Điều {i}."))))));
        }

        var refused = Assert.Throws<UploadLimitException>(() => DocumentReader.Read(path, new DocumentLimits { MaxParagraphs = 50 }));
        var longText = Assert.Throws<UploadLimitException>(() => DocumentReader.Read(path, new DocumentLimits { MaxTextLength = 100 }));

        Assert.Equal((UploadLimit.Paragraphs, UploadLimit.TextLength), (refused.Kind, longText.Kind));
        Assert.Equal(60, DocumentReader.Read(path).Paragraphs.Count);
    }

    [Fact]
    public void A_pdf_of_more_pages_than_allowed_is_refused_before_its_text_is_read()
    {
        var path = Path.Combine(_dir, "so-tay.pdf");
        var pdf = new PdfDocumentBuilder();
        var font = pdf.AddStandard14Font(Standard14Font.Helvetica);
        for (var i = 1; i <= 3; i++)
        {
            pdf.AddPage(595, 842).AddText($"Trang {i}", 12, new UglyToad.PdfPig.Core.PdfPoint(60, 760), font);
        }

        File.WriteAllBytes(path, pdf.Build());

        var refused = Assert.Throws<UploadLimitException>(() => DocumentReader.Read(path, new DocumentLimits { MaxPdfPages = 2 }));

        Assert.Equal((UploadLimit.PdfPages, 2L), (refused.Kind, refused.Limit));
        Assert.Equal(3, DocumentReader.Read(path).Paragraphs.Count);
    }

    [Fact]
    public void A_folder_lists_a_document_over_a_limit_as_unreadable_and_reads_the_others()
    {
        WordBomb(Path.Combine(_dir, "bom.docx"), 2_000_000);
        File.WriteAllText(Path.Combine(_dir, "tot.md"), "Nội dung đọc được.");

        var folder = DocumentFolder.Read(_dir);

        Assert.Equal(["tot.md"], folder.Documents.Select(d => d.Name));
        Assert.StartsWith("bom.docx:", Assert.Single(folder.Unreadable).Reason);
    }
}
