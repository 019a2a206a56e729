using ICU4N.Globalization;
using ICU4N.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace GovKpi.Assistant.Search;

/// <summary>
/// Words by the Unicode word-break rules of ICU, with ICU's dictionaries for scripts written
/// without spaces: Thai and Lao text is cut into dictionary words ("ກະຊວງພາຍໃນ" → ກະຊວງ | ພາຍໃນ),
/// Vietnamese and English at spaces and punctuation (Vietnamese syllables stay separate tokens;
/// the word pairs of <see cref="PassageAnalyzer"/> put compound words back together). Numbers are
/// kept ("260", "2.359"); punctuation and spaces are not tokens. This is what Lucene's
/// ICUTokenizer does with its default configuration, which the package mirror does not carry
/// (docs/decisions/0010-assistant-retrieval.md).
/// </summary>
internal sealed class IcuWordTokenizer : Tokenizer
{
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly BreakIterator _words = BreakIterator.GetWordInstance(UCultureInfo.InvariantCulture);
    private string _text = "";
    private int _start;

    public IcuWordTokenizer(TextReader input) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
    }

    public override void Reset()
    {
        base.Reset();
        // Passages are at most a few thousand characters: reading the whole field lets ICU see
        // every word with its context.
        _text = m_input.ReadToEnd();
        _words.SetText(_text);
        _start = _words.First();
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        for (var end = _words.Next(); end != BreakIterator.Done; end = _words.Next())
        {
            var start = _start;
            _start = end;
            if (_words.RuleStatus == BreakIterator.WordNone)
            {
                continue;
            }

            _term.SetEmpty().Append(_text, start, end - start);
            _offset.SetOffset(CorrectOffset(start), CorrectOffset(end));
            return true;
        }

        return false;
    }

    public override void End()
    {
        base.End();
        var final = CorrectOffset(_text.Length);
        _offset.SetOffset(final, final);
    }
}
