using GovKpi.Assistant.Privacy;
using GovKpi.Assistant.Search;
using Microsoft.Extensions.AI;

namespace GovKpi.Assistant.Answering;

/// <summary>
/// The offline mode: no model, only retrieval and written templates. The answer quotes the most
/// relevant passage verbatim and names the other documents that also bear on the question; when
/// no passage reaches the relevance threshold it says the documents do not answer, and cites
/// nothing. Works on a machine with no network at all. The quote and the citations are masked
/// (<see cref="PersonalDataMask"/>) unless <paramref name="asker"/> may read personal data: a phone
/// or identity number in a document is not for everyone who may ask about it.
/// </summary>
public sealed class OfflineChatClient(PassageIndex index, Asker asker) : IChatClient
{
    public const string ModelId = "govkpi-offline";

    private static readonly ChatClientMetadata Metadata = new("govkpi", defaultModelId: ModelId);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var question = Grounding.Question(messages);
        var language = QuestionLanguages.Detect(question);
        var mask = new PersonalDataMask(asker.KnownNames);
        var found = index.Search(question).Select(r => r with { Passage = r.Passage with { Text = asker.Shown(r.Passage.Text, mask) } }).ToList();
        return Task.FromResult(Grounding.Response(AnswerMode.Offline, ModelId, Compose(language, found), found));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Grounding.Updates(GetResponseAsync(messages, options, cancellationToken));

    internal static string Compose(QuestionLanguage language, IReadOnlyList<RetrievedPassage> found)
    {
        var mode = AnswerText.Get(language, "OfflineMode");
        if (found.Count == 0)
        {
            return $"{AnswerText.Get(language, "NotFound")}\n\n{mode}";
        }

        var best = found[0].Passage;
        var answer = AnswerText.Get(language, "Found", best.Document, best.Text);
        var others = found.Skip(1).Select(r => r.Passage.Document).Where(d => d != best.Document).Distinct().ToList();
        if (others.Count > 0)
        {
            answer += "\n\n" + AnswerText.Get(language, "SeeAlso", string.Join(", ", others.Select(d => $"«{d}»")));
        }

        return $"{answer}\n\n{mode}";
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? Metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        // The index belongs to whoever built it.
    }
}
