using System.Globalization;
using GovKpi.Assistant.Documents;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Directory = Lucene.Net.Store.Directory;

namespace GovKpi.Assistant.Search;

/// <summary>How relevance blends word and pair coverage, and how much an unknown compound weighs (tuning).</summary>
internal sealed record RelevanceModel(double WordWeight, double UnknownPairFactor)
{
    public static readonly RelevanceModel Default = new(PassageIndex.WordWeight, PassageIndex.UnknownPairFactor);
}

/// <summary>A passage found for a question, with its relevance (0 – 1, see <see cref="PassageIndex"/>).</summary>
public sealed record RetrievedPassage(Passage Passage, double Score);

/// <summary>
/// The full-text index of passages (Lucene.Net) and the retrieval that decides whether the
/// documents answer a question at all.
/// <para>
/// Lucene's BM25 finds the candidates, but a BM25 score has no fixed scale: it grows with the
/// length of the question, so no threshold on it separates "answered" from "nearest weak match".
/// The relevance of a candidate is therefore its coverage of the question: the share of the
/// question's words found in the passage, each weighted by its inverse document frequency (a
/// rare word like "Singapore" counts far more than "của" or "công chức"; a word no passage
/// contains weighs most of all), blended with the same share over adjacent word pairs, which
/// tells "sử dụng đất" from "sử dụng" here and "đất" there. A pair of words that no document uses
/// at all ("hộ chiếu", "bóng đá") names a subject the documents do not cover, and weighs
/// <see cref="UnknownPairFactor"/> times more. A question whose best passage covers less than
/// <see cref="Threshold"/> is not answered from the documents.
/// The threshold and weights were tuned on the seed articles (docs/ASSISTANT.md).
/// </para>
/// </summary>
public sealed class PassageIndex : IDisposable
{
    /// <summary>Minimum relevance of a cited passage.</summary>
    public const double Threshold = 0.45;

    /// <summary>Share of the relevance that comes from single words; the rest from word pairs.</summary>
    public const double WordWeight = 0.6;

    /// <summary>Extra weight of a pair of words none of which any passage contains.</summary>
    public const double UnknownPairFactor = 3;

    /// <summary>Candidates BM25 hands to the relevance measure.</summary>
    private const int Candidates = 25;

    private static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    private readonly Directory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly PassageAnalyzer _analyzer = new();

    private PassageIndex(Directory directory)
    {
        _directory = directory;
        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
    }

    /// <summary>Number of passages indexed.</summary>
    public int Count => _reader.NumDocs;

    /// <summary>
    /// Indexes <paramref name="passages"/> into <paramref name="directory"/> (replacing what it
    /// held), in memory when none is given. The index owns the directory from then on.
    /// </summary>
    public static PassageIndex Build(IEnumerable<Passage> passages, Directory? directory = null)
    {
        directory ??= new RAMDirectory();
        using (var analyzer = new PassageAnalyzer())
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(Version, analyzer)
               {
                   OpenMode = OpenMode.CREATE,
                   Similarity = new BM25Similarity(),
               }))
        {
            foreach (var passage in passages)
            {
                writer.AddDocument(ToDocument(passage));
            }

            writer.Commit();
        }

        return new PassageIndex(directory);
    }

    /// <summary>
    /// Changes an index on disk in place: removes every passage of <paramref name="removeDocuments"/>,
    /// then adds <paramref name="add"/>, so that one upload or deletion does not re-read every other
    /// document. Deleted passages are merged away at once: relevance weighs words by how many
    /// passages hold them, and a deleted passage still counted there would shift the tuned threshold.
    /// Open a new <see cref="PassageIndex"/> afterwards to search the result; <paramref name="directory"/>
    /// is not disposed.
    /// </summary>
    public static void Update(Directory directory, IEnumerable<string> removeDocuments, IEnumerable<Passage> add)
    {
        using var analyzer = new PassageAnalyzer();
        using var writer = new IndexWriter(directory, new IndexWriterConfig(Version, analyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            Similarity = new BM25Similarity(),
            MergePolicy = new TieredMergePolicy { ForceMergeDeletesPctAllowed = 0 },
        });
        foreach (var document in removeDocuments)
        {
            writer.DeleteDocuments(new Term(PassageFields.Document, document));
        }

        foreach (var passage in add)
        {
            writer.AddDocument(ToDocument(passage));
        }

        writer.ForceMergeDeletes(doWait: true);
        writer.Commit();
    }

    private static Document ToDocument(Passage passage) => new()
    {
        new StringField(PassageFields.Document, passage.Document, Field.Store.YES),
        new StoredField(PassageFields.Ordinal, passage.Ordinal),
        new StoredField(PassageFields.Text, passage.Text),
        new TextField(PassageFields.Exact, passage.Text, Field.Store.NO),
        new TextField(PassageFields.Folded, passage.Text, Field.Store.NO),
        new TextField(PassageFields.ExactPairs, passage.Text, Field.Store.NO),
        new TextField(PassageFields.FoldedPairs, passage.Text, Field.Store.NO),
    };

    /// <summary>The names of the documents that have passages in the index.</summary>
    public IReadOnlySet<string> Documents()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var terms = MultiFields.GetTerms(_reader, PassageFields.Document)?.GetEnumerator();
        while (terms?.MoveNext() == true)
        {
            names.Add(terms.Term.Utf8ToString());
        }

        return names;
    }

    /// <summary>Opens an index built earlier by <see cref="Build"/> into <paramref name="directory"/>.</summary>
    public static PassageIndex Open(Directory directory) => new(directory);

    /// <summary>
    /// The passages that answer <paramref name="question"/>, most relevant first, at most
    /// <paramref name="limit"/>; none when no passage reaches <see cref="Threshold"/>.
    /// </summary>
    public IReadOnlyList<RetrievedPassage> Search(string question, int limit = 3) =>
        Rank(question).Where(r => r.Score >= Threshold).Take(limit).ToList();

    /// <summary>Every candidate with its relevance, best first, threshold not applied (for tuning and tests).</summary>
    internal IReadOnlyList<RetrievedPassage> Rank(string question, RelevanceModel? model = null)
    {
        model ??= RelevanceModel.Default;
        var terms = QuestionTerms.From(question);
        if (terms.Words.Count == 0)
        {
            return [];
        }

        var query = new BooleanQuery();
        foreach (var term in terms.Words.Concat(terms.Pairs))
        {
            query.Add(new TermQuery(new Term(term.Field, term.Text)), Occur.SHOULD);
        }

        var weights = terms.Words.Concat(terms.Pairs).Distinct().ToDictionary(t => t, t => Weight(t) * (IsUnknownPair(t) ? model.UnknownPairFactor : 1));
        var ranked = new List<(RetrievedPassage Passage, float Bm25)>();
        foreach (var hit in _searcher.Search(query, Candidates).ScoreDocs)
        {
            var stored = _searcher.Doc(hit.Doc);
            var passage = new Passage(stored.Get(PassageFields.Document, CultureInfo.InvariantCulture), stored.GetField(PassageFields.Ordinal).GetInt32Value() ?? 0, stored.Get(PassageFields.Text, CultureInfo.InvariantCulture));
            ranked.Add((new RetrievedPassage(passage, Relevance(terms, weights, passage.Text, model.WordWeight)), hit.Score));
        }

        return ranked
            .OrderByDescending(r => r.Passage.Score)
            .ThenByDescending(r => r.Bm25)
            .Select(r => r.Passage)
            .ToList();
    }

    private double Relevance(QuestionTerms terms, Dictionary<QueryTerm, double> weights, string text, double wordWeight)
    {
        var present = new Dictionary<string, HashSet<string>>();

        double Coverage(IReadOnlyList<QueryTerm> asked)
        {
            double found = 0, total = 0;
            foreach (var term in asked)
            {
                if (!present.TryGetValue(term.Field, out var words))
                {
                    present[term.Field] = words = [.. _analyzer.Terms(term.Field, text)];
                }

                total += weights[term];
                found += words.Contains(term.Text) ? weights[term] : 0;
            }

            return total == 0 ? 0 : found / total;
        }

        var words = Coverage(terms.Words);
        return terms.Pairs.Count == 0 ? words : wordWeight * words + (1 - wordWeight) * Coverage(terms.Pairs);
    }

    private bool IsUnknownPair(QueryTerm term)
    {
        if (term.Field is not (PassageFields.ExactPairs or PassageFields.FoldedPairs))
        {
            return false;
        }

        var field = term.Field == PassageFields.ExactPairs ? PassageFields.Exact : PassageFields.Folded;
        return term.Text.Split(' ').All(word => _reader.DocFreq(new Term(field, word)) == 0);
    }

    /// <summary>BM25's inverse document frequency; a term no passage contains weighs the most.</summary>
    private double Weight(QueryTerm term)
    {
        double frequency = _reader.DocFreq(new Term(term.Field, term.Text));
        return Math.Log(1 + (Count - frequency + 0.5) / (frequency + 0.5));
    }

    public void Dispose()
    {
        _reader.Dispose();
        _analyzer.Dispose();
        _directory.Dispose();
    }
}
