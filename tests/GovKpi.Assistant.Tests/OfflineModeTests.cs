using GovKpi.Assistant.Answering;
using GovKpi.Assistant.Documents;
using GovKpi.Assistant.Privacy;
using GovKpi.Assistant.Search;
using Microsoft.Extensions.AI;

namespace GovKpi.Assistant.Tests;

/// <summary>The offline mode on the seed articles: what it quotes, in which language it answers, and that it is an IChatClient.</summary>
public sealed class OfflineModeTests(SeedCorpus seeds) : IClassFixture<SeedCorpus>
{
    [Theory]
    [InlineData("Tỉnh Khánh Hòa chính thức áp dụng bộ công cụ KPI từ ngày nào?", "000", "Theo tài liệu «000_59708ab5086e8e72.txt»", "Chế độ ngoại tuyến")]
    [InlineData("tinh khanh hoa chinh thuc ap dung bo cong cu KPI tu ngay nao", "000", "Theo tài liệu «000_59708ab5086e8e72.txt»", "Chế độ ngoại tuyến")]
    [InlineData("What does SMART mean: specific, measurable, achievable, relevant, time-bound?", "001", "According to «001_49f15b2eb30722ca.txt»", "Offline mode")]
    [InlineData("ແຂວງລຳດົງໄດ້ສົ່ງພະນັກງານ-ລັດຖະກອນຂັ້ນແຂວງຈັກຄົນໄປເຮັດວຽກຢູ່ຕາແສງ?", "003", "ອີງຕາມເອກະສານ «003_35b1d133908e2b3f.txt»", "ໂໝດອອບໄລນ໌")]
    [InlineData("กระทรวงวิทยาศาสตร์และเทคโนโลยีกระจายอำนาจกี่ภารกิจไปยังจังหวัด", "004", "ตามเอกสาร «004_fa6dbcc0aa90a0c9.txt»", "โหมดออฟไลน์")]
    public async Task The_offline_answer_quotes_the_first_cited_passage_in_the_language_of_the_question(string question, string article, string opening, string modeNote)
    {
        using var assistant = new DocumentAssistant(seeds.Index, Asker.Operator);

        var answer = await assistant.AskAsync(question);

        Assert.Equal(AnswerMode.Offline, answer.Mode);
        Assert.StartsWith(article, answer.Citations[0].Document);
        Assert.StartsWith(opening, answer.Answer);
        Assert.Contains($"“{answer.Citations[0].Passage}”", answer.Answer);
        Assert.Contains(modeNote, answer.Answer);
        Assert.Null(answer.Warning);
    }

    [Theory]
    [InlineData("Cách nấu phở bò truyền thống như thế nào?", "Các tài liệu đã cung cấp không có thông tin để trả lời câu hỏi này")]
    [InlineData("cach nau pho bo ngon nhu the nao", "Các tài liệu đã cung cấp không có thông tin để trả lời câu hỏi này")]
    [InlineData("What is the weather like on Mars today?", "The documents provided do not contain the answer to this question")]
    [InlineData("สูตรต้มยำกุ้งทำอย่างไร", "เอกสารที่ให้มาไม่มีข้อมูลที่ตอบคำถามนี้")]
    [InlineData("ອາກາດຢູ່ດາວອັງຄານເປັນແນວໃດ?", "ເອກະສານທີ່ໃຫ້ມາບໍ່ມີຂໍ້ມູນທີ່ຕອບຄຳຖາມນີ້")]
    public async Task A_question_the_documents_do_not_answer_is_answered_so_in_its_language_with_no_citation(string question, string notFound)
    {
        using var assistant = new DocumentAssistant(seeds.Index, Asker.Operator);

        var answer = await assistant.AskAsync(question);

        Assert.Equal(AnswerMode.Offline, answer.Mode);
        Assert.Empty(answer.Citations);
        Assert.StartsWith(notFound, answer.Answer);
    }

    [Fact]
    public async Task Other_articles_that_also_answer_are_named_after_the_quote()
    {
        using var assistant = new DocumentAssistant(seeds.Index, Asker.Operator);

        var answer = await assistant.AskAsync("AI hỗ trợ công chức tiết kiệm thời gian");

        var others = answer.Citations.Skip(1).Select(c => c.Document).Where(d => d != answer.Citations[0].Document).Distinct().ToList();
        Assert.NotEmpty(others);
        Assert.Contains("Cũng có nội dung liên quan trong: " + string.Join(", ", others.Select(d => $"«{d}»")), answer.Answer);
    }

    [Fact]
    public async Task The_offline_client_is_an_IChatClient_whose_answers_carry_citation_annotations_streamed_or_not()
    {
        using var assistant = new DocumentAssistant(seeds.Index, Asker.Operator);
        IChatClient client = assistant.ChatClient;
        const string question = "Singapore đánh giá hiệu suất công chức bằng những hình thức nào?";

        var response = await client.GetResponseAsync(question);
        var streamed = await client.GetStreamingResponseAsync(question).ToChatResponseAsync();

        Assert.IsType<OfflineChatClient>(client);
        Assert.Equal(OfflineChatClient.ModelId, client.GetService<ChatClientMetadata>()?.DefaultModelId);
        var citations = response.Messages.SelectMany(m => m.Contents).SelectMany(c => c.Annotations ?? []).OfType<CitationAnnotation>().ToList();
        Assert.StartsWith("001", citations[0].Title);
        Assert.Contains("Singapore", citations[0].Snippet);
        Assert.Equal(response.Text, streamed.Text);
    }

    private const string Contacts = "Đầu mối tiếp nhận phản ánh về thủ tục cấp phép xây dựng: ông Trần Quốc Việt, điện thoại 84 905 123 456, "
        + "CCCD 056 080 001 234, sinh ngày 12/11/1980, thường trú số 8 đường Yersin, phường Nha Trang.";

    private static PassageIndex ContactsIndex() =>
        PassageIndex.Build(PassageSplitter.Split(new SourceDocument("dau-moi.txt", [Contacts])));

    [Fact]
    public async Task The_offline_answer_and_its_citation_mask_personal_data_for_an_asker_who_may_not_read_it()
    {
        using var index = ContactsIndex();
        using var assistant = new DocumentAssistant(index, new Asker(SeesPersonalData: false, KnownNames: []));

        var answer = await assistant.AskAsync("Đầu mối tiếp nhận phản ánh về cấp phép xây dựng là ai?");

        var quoted = Assert.Single(answer.Citations).Passage;
        Assert.All(new[] { "Trần Quốc Việt", "905 123 456", "056 080 001 234", "12/11/1980", "Yersin" }, value =>
        {
            Assert.DoesNotContain(value, answer.Answer);
            Assert.DoesNotContain(value, quoted);
        });
        Assert.Contains("ông [PERSON_1], điện thoại [PHONE_1], CCCD [ID_1], sinh ngày [BIRTHDATE_1], thường trú [ADDRESS_1].", quoted);
        Assert.Contains($"“{quoted}”", answer.Answer);
        Assert.Contains("thủ tục cấp phép xây dựng", answer.Answer);
    }

    [Fact]
    public async Task An_asker_who_may_read_personal_data_gets_the_passage_as_written()
    {
        using var index = ContactsIndex();
        using var assistant = new DocumentAssistant(index, new Asker(SeesPersonalData: true, KnownNames: ["Trần Quốc Việt"]));

        var answer = await assistant.AskAsync("Đầu mối tiếp nhận phản ánh về cấp phép xây dựng là ai?");

        Assert.Equal(Contacts, Assert.Single(answer.Citations).Passage);
        Assert.Contains("84 905 123 456", answer.Answer);
    }
}
