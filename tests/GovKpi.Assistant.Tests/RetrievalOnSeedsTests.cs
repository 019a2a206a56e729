using GovKpi.Assistant.Search;
using Xunit.Abstractions;

namespace GovKpi.Assistant.Tests;

/// <summary>
/// Retrieval on the seed articles with the question set of <see cref="SeedQuestions"/>: the right
/// article first for every answerable question, nothing for the others. The last test prints the
/// table and the tuning grid that docs/ASSISTANT.md reports.
/// </summary>
public sealed class RetrievalOnSeedsTests(SeedCorpus seeds, ITestOutputHelper output) : IClassFixture<SeedCorpus>
{
    [Theory]
    [MemberData(nameof(SeedQuestions.Answerable), MemberType = typeof(SeedQuestions))]
    public void A_question_on_a_fact_of_a_seed_article_cites_that_article_first(string question, string article, string kind)
    {
        var found = seeds.Index.Search(question);

        Assert.NotEmpty(found);
        Assert.StartsWith(article, found[0].Passage.Document);
        Assert.All(found, f => Assert.InRange(f.Score, PassageIndex.Threshold, 1));
        output.WriteLine($"{kind}: {found[0].Passage.Document} {found[0].Score:0.000}");
    }

    [Theory]
    [MemberData(nameof(SeedQuestions.Unanswerable), MemberType = typeof(SeedQuestions))]
    public void A_question_the_seeds_do_not_answer_cites_nothing(string question, string kind)
    {
        var found = seeds.Index.Search(question);

        Assert.True(found.Count == 0, $"{kind} question cited {string.Join(", ", found.Select(f => $"{f.Passage.Document} {f.Score:0.000}"))}");
    }

    [Fact]
    public void Citations_are_ordered_by_relevance_and_quote_passages_of_the_seed_files_verbatim()
    {
        var found = seeds.Index.Search("KPI và AI giúp công chức nâng cao hiệu quả công việc", limit: 5);

        Assert.True(found.Select(f => f.Passage.Document).Distinct().Count() >= 2);
        Assert.Equal(found.OrderByDescending(f => f.Score).Select(f => f.Score), found.Select(f => f.Score));
        foreach (var f in found)
        {
            var file = File.ReadAllText(Path.Combine(SeedCorpus.Directory, f.Passage.Document)).Normalize();
            Assert.All(f.Passage.Text.Split('\n'), paragraph => Assert.Contains(paragraph, file));
        }
    }

    [Fact]
    public void The_threshold_separates_the_question_set_with_only_the_known_miss_wrong()
    {
        var wrong = new List<string>();
        foreach (var q in SeedQuestions.All)
        {
            var ranked = seeds.Index.Rank(q.Text);
            var found = ranked.Where(r => r.Score >= PassageIndex.Threshold).ToList();
            var right = q.Answer is null ? found.Count == 0 : found.Count > 0 && found[0].Passage.Document.StartsWith(q.Answer, StringComparison.Ordinal);
            if (!right)
            {
                wrong.Add(q.Text);
            }

            var top = string.Join("  ", ranked.Take(3).Select(r => $"{r.Passage.Document[..3]} {r.Score:0.000}"));
            output.WriteLine($"{(right ? "ok  " : "MISS")} {q.Answer ?? "---"} {q.Kind,-8} | {top,-40} | {q.Text}");
        }

        var answerable = SeedQuestions.All.Count(q => q.Answer is not null);
        output.WriteLine($"{SeedQuestions.All.Count} questions: {answerable} answerable, {SeedQuestions.All.Count - answerable} not; wrong: {wrong.Count}");
        Assert.Equal(SeedQuestions.All.Where(q => q.KnownMiss).Select(q => q.Text), wrong);

        // The grid the defaults were chosen from: errors at the best threshold for each blend.
        foreach (var wordWeight in new[] { 0.5, 0.6, 0.7 })
        foreach (var unknownPair in new[] { 1.0, 3.0 })
        {
            var model = new RelevanceModel(wordWeight, unknownPair);
            var tops = SeedQuestions.All.Select(q => (q, top: seeds.Index.Rank(q.Text, model).FirstOrDefault())).ToList();
            var lowestRight = tops.Where(t => t.q.Answer is not null && t.top is not null && t.top.Passage.Document.StartsWith(t.q.Answer, StringComparison.Ordinal)).Min(t => t.top!.Score);
            var highestWrong = tops.Where(t => t.q.Answer is null && !t.q.KnownMiss).Max(t => t.top?.Score ?? 0);
            output.WriteLine($"word weight {wordWeight}, unknown pair x{unknownPair}: lowest answerable {lowestRight:0.000}, highest unanswerable {highestWrong:0.000}");
        }
    }
}
