using GovKpi.Assistant.Documents;
using GovKpi.Assistant.Search;
using Lucene.Net.Store;

namespace GovKpi.Assistant.Tests;

public sealed class PassageIndexTests : IDisposable
{
    private readonly string _dir = System.IO.Directory.CreateTempSubdirectory("govkpi-index-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_dir, recursive: true);

    [Fact]
    public void An_index_built_on_disk_answers_the_same_when_opened_again()
    {
        var passages = DocumentFolder.Read(SeedCorpus.Directory).Documents.SelectMany(PassageSplitter.Split).ToList();
        const string question = "Bốn KPI bắt buộc trong dịch vụ công kỹ thuật số của chính phủ Anh là gì?";
        IReadOnlyList<RetrievedPassage> built;
        using (var index = PassageIndex.Build(passages, FSDirectory.Open(_dir)))
        {
            built = index.Search(question);
        }

        using var reopened = PassageIndex.Open(FSDirectory.Open(_dir));

        Assert.Equal(passages.Count, reopened.Count);
        Assert.NotEmpty(built);
        Assert.Equal(built, reopened.Search(question));
    }

    [Fact]
    public void An_index_updated_in_place_answers_exactly_as_one_built_from_its_documents()
    {
        var documents = DocumentFolder.Read(SeedCorpus.Directory).Documents;
        var passages = documents.ToDictionary(d => d.Name, d => PassageSplitter.Split(d));
        var (first, second, third) = (documents[0].Name, documents[1].Name, documents[2].Name);
        string[] questions = ["Tỉnh Khánh Hòa áp dụng KPI từ ngày nào?", "tinh khanh hoa ap dung kpi tu ngay nao",
            "Bốn KPI bắt buộc trong dịch vụ công kỹ thuật số của chính phủ Anh là gì?", "Giá vàng hôm nay là bao nhiêu?"];

        // Built with the first two, then the first removed and the third added.
        PassageIndex.Build(passages[first].Concat(passages[second]), FSDirectory.Open(_dir)).Dispose();
        using (var directory = FSDirectory.Open(_dir))
        {
            PassageIndex.Update(directory, [first], passages[third]);
        }

        using var updated = PassageIndex.Open(FSDirectory.Open(_dir));
        using var built = PassageIndex.Build(passages[second].Concat(passages[third]));

        Assert.Equal(new HashSet<string>([second, third]), updated.Documents());
        Assert.Equal(built.Count, updated.Count);
        foreach (var question in questions)
        {
            Assert.Equal(built.Search(question), updated.Search(question));
        }

        Assert.NotEmpty(updated.Search(questions[2]));
        Assert.DoesNotContain(updated.Search(questions[0]), r => r.Passage.Document == first);
    }

    [Fact]
    public void A_question_with_nothing_but_question_words_finds_nothing()
    {
        using var index = PassageIndex.Build([new Passage("d.txt", 0, "Thủ tục nào cũng có thời hạn giải quyết.")]);

        Assert.Empty(index.Search("Là gì? Bao nhiêu? Như thế nào?"));
        Assert.Single(index.Search("thời hạn giải quyết thủ tục"));
    }
}
