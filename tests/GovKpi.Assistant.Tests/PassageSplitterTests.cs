using GovKpi.Assistant.Documents;

namespace GovKpi.Assistant.Tests;

public sealed class PassageSplitterTests
{
    private static string Sentence(int length, char letter = 'a') => new string(letter, length - 1) + ".";

    [Fact]
    public void A_heading_opens_the_passage_of_the_paragraph_it_introduces()
    {
        var document = new SourceDocument("d.txt", ["Tiêu đề", Sentence(400), "Mục tiêu:", Sentence(400, 'b')]);

        var passages = PassageSplitter.Split(document);

        Assert.Equal(["Tiêu đề\n" + Sentence(400), "Mục tiêu:\n" + Sentence(400, 'b')], passages.Select(p => p.Text));
        Assert.Equal([0, 1], passages.Select(p => p.Ordinal));
        Assert.All(passages, p => Assert.Equal("d.txt", p.Document));
    }

    [Fact]
    public void Short_paragraphs_are_gathered_and_a_list_stays_with_its_introduction()
    {
        string[] list = ["Bộ KPI gồm:", "• " + Sentence(150), "• " + Sentence(150, 'b'), "• " + Sentence(150, 'c')];
        var document = new SourceDocument("d.txt", [Sentence(120, 'x'), Sentence(120, 'y'), .. list, Sentence(400, 'z')]);

        var passages = PassageSplitter.Split(document);

        Assert.Equal([string.Join("\n", [Sentence(120, 'x'), Sentence(120, 'y'), .. list]), Sentence(400, 'z')], passages.Select(p => p.Text));
    }

    [Fact]
    public void A_paragraph_longer_than_the_maximum_is_cut_between_sentences_or_words_and_loses_nothing()
    {
        var sentences = Enumerable.Range(0, 30).Select(i => $"Câu thứ {i} nói về quy trình xử lý hồ sơ một cửa.").ToList();
        var thai = string.Join(" ", Enumerable.Repeat("การกระจายอำนาจและการมอบหมายอำนาจ", 60));
        var document = new SourceDocument("d.txt", [string.Join(" ", sentences), thai]);

        var passages = PassageSplitter.Split(document);

        Assert.True(passages.Count >= 4);
        Assert.All(passages, p => Assert.InRange(p.Text.Length, PassageSplitter.TargetLength / 2, PassageSplitter.MaximumLength));
        Assert.All(passages.Where(p => p.Text.StartsWith("Câu", StringComparison.Ordinal)), p => Assert.EndsWith(".", p.Text));
        Assert.Equal(string.Join(" ", sentences) + " " + thai, string.Join(" ", passages.Select(p => p.Text)));
    }
}
