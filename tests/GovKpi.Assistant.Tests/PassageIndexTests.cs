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
    public void A_question_with_nothing_but_question_words_finds_nothing()
    {
        using var index = PassageIndex.Build([new Passage("d.txt", 0, "Thủ tục nào cũng có thời hạn giải quyết.")]);

        Assert.Empty(index.Search("Là gì? Bao nhiêu? Như thế nào?"));
        Assert.Single(index.Search("thời hạn giải quyết thủ tục"));
    }
}
