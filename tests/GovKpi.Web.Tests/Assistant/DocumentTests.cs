using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using GovKpi.Assistant.Documents;
using GovKpi.Assistant.Privacy;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.Assistant;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;

namespace GovKpi.Web.Tests.Assistant;

/// <summary>
/// The app with a data directory of its own (the documents and their index live there) and no
/// model configured whatever the machine's environment says, so answers are in the offline mode.
/// </summary>
public abstract class DocumentsApp(DatabaseProvider provider) : GovKpiApp(provider)
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("govkpi-data-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:DataDirectory", DataDirectory);
        builder.UseSetting("GOVKPI_LLM_ENDPOINT", "");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}

public sealed class SqliteDocumentsApp() : DocumentsApp(DatabaseProvider.Sqlite);

public sealed class PostgresDocumentsApp() : DocumentsApp(DatabaseProvider.Postgres);

/// <summary>
/// Questions on uploaded documents over real HTTP: HR uploads seed articles, anyone asks, answers
/// quote the article, deletion takes it out of the answers, and every exchange is audited.
/// The tests of a class share one app, so each uploads the articles it needs only once.
/// </summary>
public abstract class DocumentTests<TApp>(TApp app) where TApp : DocumentsApp
{
    private const string KhanhHoa = "000_59708ab5086e8e72.txt";
    private const string KpiAbroad = "001_49f15b2eb30722ca.txt";
    private const string AiTraining = "002_b15d956aa610dabb.txt";

    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private static string SeedPath(string name) => Path.Combine(AppContext.BaseDirectory, "Assistant", "Documents", name);

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string name, byte[] content)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", name);
        return client.PostAsync("/api/assistant/documents", form);
    }

    private async Task<DocumentResponse> EnsureUploadedAsync(HttpClient hr, string name)
    {
        var listed = await hr.GetFromJsonAsync<List<DocumentResponse>>("/api/assistant/documents", ApiJson.Options);
        if (listed!.SingleOrDefault(d => d.FileName == name) is { } there)
        {
            return there;
        }

        var response = await UploadAsync(hr, name, await File.ReadAllBytesAsync(SeedPath(name)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<DocumentResponse>(ApiJson.Options))!;
    }

    private static async Task<AskResponse> AskAsync(HttpClient client, string question)
    {
        var response = await client.PostAsJsonAsync("/api/assistant/ask", new AskRequest(question));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AskResponse>(ApiJson.Options))!;
    }

    /// <summary>
    /// Each line of a passage is a paragraph of the file as written (whitespace collapsed), but for
    /// the personal data masked for an asker who may not read it ([PERSON_1]…).
    /// </summary>
    private static void AssertQuotedFrom(string name, string passage)
    {
        var text = Regex.Replace(File.ReadAllText(SeedPath(name)).Normalize(NormalizationForm.FormC), @"\s+", " ");
        Assert.All(passage.Split('\n'), line => Assert.Matches(Regex.Replace(Regex.Escape(line), @"\\\[[A-Z]+_\d+]", ".+?"), text));
    }

    [SkippableFact]
    public async Task An_uploaded_article_is_cited_first_with_a_quoted_passage_and_the_exchange_is_audited()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        var uploaded = await EnsureUploadedAsync(hr, KhanhHoa);
        await EnsureUploadedAsync(hr, KpiAbroad);
        using var staff = await app.SignedInAsync("staff");

        var marked = await AskAsync(staff, "Tỉnh Khánh Hòa chính thức áp dụng bộ công cụ đo lường KPI từ ngày nào?");
        var unmarked = await AskAsync(staff, "tinh khanh hoa chinh thuc ap dung bo cong cu do luong KPI tu ngay nao");
        var abroad = await AskAsync(staff, "Bốn KPI bắt buộc trong dịch vụ công kỹ thuật số của chính phủ Anh là gì?");

        Assert.Equal(("hr", true), (uploaded.UploadedBy, uploaded.Passages > 0));
        foreach (var (answer, article) in new[] { (marked, KhanhHoa), (unmarked, KhanhHoa), (abroad, KpiAbroad) })
        {
            Assert.Equal("offline", answer.Mode);
            var first = answer.Citations[0];
            Assert.Equal(article, first.Document);
            Assert.Contains(first.Passage, answer.Answer);
            AssertQuotedFrom(article, first.Passage);
            Assert.True(answer.Citations.Zip(answer.Citations.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        }

        Assert.Contains("1-4", marked.Citations[0].Passage);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var log = await db.AssistantExchanges.AsNoTracking().Where(x => x.UserName == "staff" && x.Kind == "ask").ToListAsync();
        var exchange = Assert.Single(log, x => x.Question == "Tỉnh Khánh Hòa chính thức áp dụng bộ công cụ đo lường KPI từ ngày nào?");
        Assert.Equal(("Staff", "offline"), (exchange.Role, exchange.Mode));
        Assert.StartsWith(marked.Answer, exchange.Answer);
        Assert.Contains(KhanhHoa, exchange.Answer);
    }

    private const string Contacts = "dau-moi-xay-dung.txt";

    /// <summary>A document naming a contact with phone, identity number and date of birth, and a member of staff the organisation knows.</summary>
    private async Task EnsureContactsUploadedAsync(HttpClient hr)
    {
        var listed = await hr.GetFromJsonAsync<List<DocumentResponse>>("/api/assistant/documents", ApiJson.Options);
        if (listed!.Any(d => d.FileName == Contacts))
        {
            return;
        }

        var text = "Đầu mối tiếp nhận hồ sơ cấp phép xây dựng nhà ở riêng lẻ: ông Trần Quốc Việt, điện thoại 0905 123 456, "
            + "CCCD 056 080 001 234, sinh ngày 12/11/1980; người thay thế: Đặng Thu Trang.";
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(hr, Contacts, Encoding.UTF8.GetBytes(text))).StatusCode);
    }

    [SkippableTheory]
    [InlineData("staff")]
    [InlineData("manager")]
    [InlineData("leader")]
    public async Task An_offline_answer_masks_phone_identity_numbers_birth_dates_and_names_for_everyone_but_HR(string user)
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        await EnsureContactsUploadedAsync(hr);
        using var client = await app.SignedInAsync(user);

        var answer = await AskAsync(client, "Ai là đầu mối tiếp nhận hồ sơ cấp phép xây dựng nhà ở riêng lẻ?");

        var quoted = answer.Citations[0];
        Assert.Equal(Contacts, quoted.Document);
        string[] personal = ["0905 123 456", "056 080 001 234", "12/11/1980", "Trần Quốc Việt", "Đặng Thu Trang"];
        Assert.All(personal, value => Assert.DoesNotContain(value, answer.Answer + quoted.Passage));
        Assert.Contains("điện thoại [PHONE_1], CCCD [ID_1], sinh ngày [BIRTHDATE_1]", quoted.Passage);
        Assert.Contains(quoted.Passage, answer.Answer);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var kept = await db.AssistantExchanges.AsNoTracking().Where(x => x.UserName == user && x.Kind == "ask").Select(x => x.Answer).ToListAsync();
        Assert.All(kept, a => Assert.DoesNotContain("0905 123 456", a));
    }

    [SkippableFact]
    public async Task HR_read_the_quoted_passage_as_written()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        await EnsureContactsUploadedAsync(hr);

        var answer = await AskAsync(hr, "Ai là đầu mối tiếp nhận hồ sơ cấp phép xây dựng nhà ở riêng lẻ?");

        Assert.Equal(Contacts, answer.Citations[0].Document);
        Assert.Contains("ông Trần Quốc Việt, điện thoại 0905 123 456, CCCD 056 080 001 234, sinh ngày 12/11/1980", answer.Answer);
    }

    [SkippableFact]
    public async Task A_question_the_documents_do_not_answer_gets_no_citation()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        await EnsureUploadedAsync(hr, KhanhHoa);
        await EnsureUploadedAsync(hr, KpiAbroad);
        using var manager = await app.SignedInAsync("manager");

        var gold = await AskAsync(manager, "Giá vàng hôm nay là bao nhiêu?");
        var football = await AskAsync(manager, "Who won the 2022 FIFA World Cup?");

        Assert.Equal((0, 0), (gold.Citations.Count, football.Citations.Count));
        Assert.Equal(("offline", "offline"), (gold.Mode, football.Mode));
        Assert.NotEmpty(gold.Answer);
        Assert.NotEqual(gold.Answer, football.Answer);
    }

    [SkippableFact]
    public async Task A_deleted_document_is_no_longer_listed_or_cited()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        var document = await EnsureUploadedAsync(hr, AiTraining);
        const string question = "Sở Khoa học và Công nghệ TP.HCM tổ chức chương trình bồi dưỡng nguồn nhân lực AI vào ngày nào?";
        var before = await AskAsync(hr, question);

        var deleted = await hr.DeleteAsync($"/api/assistant/documents/{document.Id}");
        var again = await hr.DeleteAsync($"/api/assistant/documents/{document.Id}");
        var after = await AskAsync(hr, question);
        var listed = await hr.GetFromJsonAsync<List<DocumentResponse>>("/api/assistant/documents", ApiJson.Options);

        Assert.Equal(AiTraining, before.Citations[0].Document);
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (deleted.StatusCode, again.StatusCode));
        Assert.DoesNotContain(after.Citations, c => c.Document == AiTraining);
        Assert.DoesNotContain(listed!, d => d.Id == document.Id);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "assistant", "documents"), document.Id.ToString("N") + ".*"));
    }

    [SkippableFact]
    public async Task Staff_may_read_and_ask_but_not_upload_or_delete()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        var document = await EnsureUploadedAsync(hr, KhanhHoa);
        using var staff = await app.SignedInAsync("staff");

        var upload = await UploadAsync(staff, "quy-che.txt", "Quy chế làm việc của Trung tâm."u8.ToArray());
        var delete = await staff.DeleteAsync($"/api/assistant/documents/{document.Id}");
        var list = await staff.GetAsync("/api/assistant/documents");
        var anonymous = await app.CreateClient().PostAsJsonAsync("/api/assistant/ask", new AskRequest("KPI là gì?"));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.Unauthorized),
            (upload.StatusCode, delete.StatusCode, list.StatusCode, anonymous.StatusCode));
    }

    [SkippableFact]
    public async Task A_file_of_another_type_a_damaged_file_a_name_already_used_and_an_empty_question_are_refused_with_located_messages()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        await EnsureUploadedAsync(hr, KhanhHoa);

        var exe = await UploadAsync(hr, "so-tay.exe", [0x4d, 0x5a, 0x90, 0x00]);
        var damaged = await UploadAsync(hr, "quy-dinh.pdf", "không phải PDF"u8.ToArray());
        var twice = await UploadAsync(hr, KhanhHoa, await File.ReadAllBytesAsync(SeedPath(KhanhHoa)));
        var emptyQuestion = await hr.PostAsJsonAsync("/api/assistant/ask", new AskRequest("  "));
        var csv = await UploadAsync(hr, "handbook.csv", "a,b"u8.ToArray());
        using var englishForm = new MultipartFormDataContent { { new ByteArrayContent("a,b"u8.ToArray()), "file", "handbook.csv" } };
        var inEnglish = await hr.PostAsync("/api/assistant/documents?culture=en-US", englishForm);

        async Task<string> Error(HttpResponseMessage response, string field)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
            return Assert.Single(problem!.Errors[field]);
        }

        Assert.StartsWith("Tệp so-tay.exe không đúng định dạng: chỉ nhận .docx, .htm, .html, .markdown, .md, .pdf, .txt", await Error(exe, "file"));
        Assert.StartsWith("Không đọc được nội dung tệp quy-dinh.pdf", await Error(damaged, "file"));
        Assert.StartsWith($"Đã có tài liệu tên {KhanhHoa}.", await Error(twice, "file"));
        Assert.Equal("Hãy nhập câu hỏi.", await Error(emptyQuestion, "question"));
        Assert.StartsWith("Tệp handbook.csv không đúng định dạng", await Error(csv, "file"));
        Assert.StartsWith("handbook.csv is not a supported type", await Error(inEnglish, "file"));
        var listed = await hr.GetFromJsonAsync<List<DocumentResponse>>("/api/assistant/documents", ApiJson.Options);
        Assert.DoesNotContain(listed!, d => d.FileName is "so-tay.exe" or "quy-dinh.pdf" or "handbook.csv");
    }

    /// <summary>
    /// A .docx of 6,000,000 one-letter paragraphs (about 200 MB of document.xml) deflated to a few
    /// hundred kilobytes, like the 609 KB file that once took minutes and gigabytes to refuse.
    /// </summary>
    private static readonly Lazy<byte[]> WordBomb = new(() =>
    {
        using var bytes = new MemoryStream();
        using (var zip = new ZipArchive(bytes, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                types.Write("""<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""");
            }

            using (var rels = new StreamWriter(zip.CreateEntry("_rels/.rels").Open()))
            {
                rels.Write("""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>""");
            }

            using var document = new StreamWriter(zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open());
            document.Write("""<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>""");
            var block = string.Concat(Enumerable.Repeat("<w:p><w:r><w:t>a</w:t></w:r></w:p>", 1000));
            for (var i = 0; i < 6000; i++)
            {
                document.Write(block);
            }

            document.Write("</w:body></w:document>");
        }

        return bytes.ToArray();
    });

    [SkippableFact]
    public async Task A_docx_bomb_is_refused_with_a_located_vietnamese_message_and_questions_go_on()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        await EnsureUploadedAsync(hr, KhanhHoa);

        var response = await UploadAsync(hr, "bom.docx", WordBomb.Value);
        var answer = await AskAsync(hr, "Tỉnh Khánh Hòa chính thức áp dụng bộ công cụ đo lường KPI từ ngày nào?");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal("Tệp bom.docx bị từ chối: nội dung sau khi giải nén vượt quá giới hạn 50 MB.",
            Assert.Single(problem!.Errors["file"]));
        var listed = await hr.GetFromJsonAsync<List<DocumentResponse>>("/api/assistant/documents", ApiJson.Options);
        Assert.DoesNotContain(listed!, d => d.FileName == "bom.docx");
        Assert.Equal(KhanhHoa, answer.Citations[0].Document);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "assistant", "documents"), "*.docx"));
    }

    [SkippableFact]
    public async Task The_pages_show_the_mode_the_answer_and_its_sources_and_only_hr_sees_the_upload_form()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        await EnsureUploadedAsync(hr, KhanhHoa);
        using var staff = await app.SignedInAsync("staff");

        var empty = WebUtility.HtmlDecode(await staff.GetStringAsync("/assistant/ask"));
        var token = Regex.Match(empty, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var asked = await staff.PostAsync("/assistant/ask", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Question"] = "Tỉnh Khánh Hòa áp dụng KPI từ ngày nào?", ["__RequestVerificationToken"] = token,
        }));
        var page = WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync());
        var staffDocuments = WebUtility.HtmlDecode(await staff.GetStringAsync("/assistant/documents"));
        var hrDocuments = WebUtility.HtmlDecode(await hr.GetStringAsync("/assistant/documents"));

        Assert.Contains("Chế độ trả lời: ngoại tuyến", empty);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("data-mode=\"offline\"", page);
        Assert.Contains("Nguồn trích dẫn, liên quan nhất trước", page);
        Assert.Contains($"<strong>{KhanhHoa}</strong>", page);
        Assert.Contains("Chế độ trả lời: ngoại tuyến", page);
        Assert.Contains(KhanhHoa, staffDocuments);
        Assert.DoesNotContain("data-testid=\"upload-form\"", staffDocuments);
        Assert.Contains("data-testid=\"upload-form\"", hrDocuments);
    }

    [SkippableFact]
    public async Task A_library_over_the_same_files_without_an_index_rebuilds_it_and_answers_the_same()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        await EnsureUploadedAsync(hr, KhanhHoa);
        await EnsureUploadedAsync(hr, KpiAbroad);
        const string question = "Nguyên tắc SMART khi xây dựng KPI là gì?";
        var served = await AskAsync(hr, question);

        // A copy of the data directory with the documents but not the index, as after a restore that left it out.
        var copy = Directory.CreateTempSubdirectory("govkpi-data-copy-").FullName;
        try
        {
            var files = Directory.CreateDirectory(Path.Combine(copy, "assistant", "documents")).FullName;
            foreach (var file in Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "assistant", "documents")))
            {
                File.Copy(file, Path.Combine(files, Path.GetFileName(file)));
            }

            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
            using var library = new DocumentLibrary(copy, null, DocumentLimits.Default, app.Clock,
                scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>(), NullLogger<DocumentLibrary>.Instance);
            var rebuilt = AskResponse.From(await library.AskAsync(db, question, Asker.Operator, CancellationToken.None));

            Assert.Equal(KpiAbroad, served.Citations[0].Document);
            Assert.Equal(served.Citations, rebuilt.Citations);
            Assert.True(Directory.EnumerateFiles(Path.Combine(copy, "assistant", "index")).Any());
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }
}

public sealed class SqliteDocumentTests(SqliteDocumentsApp app) : DocumentTests<SqliteDocumentsApp>(app), IClassFixture<SqliteDocumentsApp>;

public sealed class PostgresDocumentTests(PostgresDocumentsApp app) : DocumentTests<PostgresDocumentsApp>(app), IClassFixture<PostgresDocumentsApp>;
