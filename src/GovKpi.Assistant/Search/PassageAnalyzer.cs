using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Shingle;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace GovKpi.Assistant.Search;

/// <summary>The indexed fields of a passage; the same text is analysed three ways.</summary>
internal static class PassageFields
{
    public const string Document = "document";
    public const string Ordinal = "ordinal";
    public const string Text = "text";

    /// <summary>Lower-cased words as written, diacritics included: a question typed with marks ranks exact spellings first.</summary>
    public const string Exact = "exact";

    /// <summary>Lower-cased words without Vietnamese marks: what a question typed without them matches.</summary>
    public const string Folded = "folded";

    /// <summary>
    /// Adjacent pairs of words, as written and folded. Vietnamese writes compound words as separate
    /// syllables ("công chức", "trí tuệ nhân tạo"); a pair keeps a compound together, so "cong chuc"
    /// does not score like "công" here and "chức" there.
    /// </summary>
    public const string ExactPairs = "exact_pairs";

    public const string FoldedPairs = "folded_pairs";
}

/// <summary>
/// ICU words, lower-cased; exact fields put Vietnamese tone marks in one place
/// (<see cref="VietnameseSpelling"/>), folded fields drop them, and pair fields join neighbours. No stop words are removed in the index:
/// BM25 and the inverse document frequencies of <see cref="PassageIndex"/> already weigh
/// "của", "và", "ที่" down, and question words are removed from questions only.
/// </summary>
internal sealed class PassageAnalyzer : Analyzer
{
    // Each field has its own chain; the default strategy would reuse the first field's for all.
    public PassageAnalyzer() : base(PER_FIELD_REUSE_STRATEGY)
    {
    }

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new IcuWordTokenizer(reader);
        TokenStream stream = new LowerCaseFilter(LuceneVersion.LUCENE_48, tokenizer);
        stream = fieldName is PassageFields.Folded or PassageFields.FoldedPairs
            ? new WordFilter(stream, LatinFolding.Fold)
            : new WordFilter(stream, VietnameseSpelling.Canonical);
        if (fieldName is PassageFields.ExactPairs or PassageFields.FoldedPairs)
        {
            var pairs = new ShingleFilter(stream, 2, 2);
            pairs.SetOutputUnigrams(false);
            stream = pairs;
        }

        return new TokenStreamComponents(tokenizer, stream);
    }

    /// <summary>The terms <paramref name="text"/> gives in <paramref name="field"/>, in order.</summary>
    public List<string> Terms(string field, string text)
    {
        var terms = new List<string>();
        using var stream = GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }
}

/// <summary>Rewrites each token with a function that returns the same instance when nothing changes.</summary>
internal sealed class WordFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly Func<string, string> _rewrite;

    public WordFilter(TokenStream input, Func<string, string> rewrite) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _rewrite = rewrite;
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        var original = _term.ToString();
        var rewritten = _rewrite(original);
        if (!ReferenceEquals(rewritten, original))
        {
            _term.SetEmpty().Append(rewritten);
        }

        return true;
    }
}
