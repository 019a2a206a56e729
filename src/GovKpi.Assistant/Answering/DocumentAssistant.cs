using System.ClientModel;
using GovKpi.Assistant.Privacy;
using GovKpi.Assistant.Search;
using Microsoft.Extensions.AI;

namespace GovKpi.Assistant.Answering;

/// <summary>
/// Questions on documents, in the mode the configuration gives: the LLM mode when a model is
/// configured (<see cref="GroundedChatClient"/> around it), otherwise the offline mode
/// (<see cref="OfflineChatClient"/>). Both are one <see cref="IChatClient"/>, <see cref="ChatClient"/>.
/// A configured model that cannot be reached (down, refusing, timing out) does not leave the user
/// without an answer: the offline mode answers, and the answer and <see cref="AssistantAnswer.Warning"/>
/// say so. An assistant serves one request of one <see cref="Asker"/>: what it quotes and answers
/// is masked for anyone who may not read the documents' personal data.
/// </summary>
public sealed class DocumentAssistant : IDisposable
{
    private readonly OfflineChatClient _offline;
    private readonly IChatClient? _grounded;
    private readonly LanguageModelSettings? _model;

    public DocumentAssistant(PassageIndex index, Asker asker, LanguageModelSettings? model = null)
    {
        _offline = new OfflineChatClient(index, asker);
        _model = model;
        if (model is not null)
        {
            _grounded = new GroundedChatClient(model.CreateChatClient(), index, model.Model, asker);
        }
    }

    public AnswerMode Mode => _grounded is null ? AnswerMode.Offline : AnswerMode.Llm;

    /// <summary>The client that answers in <see cref="Mode"/>.</summary>
    public IChatClient ChatClient => _grounded ?? _offline;

    public async Task<AssistantAnswer> AskAsync(string question, CancellationToken cancellationToken = default)
    {
        if (_grounded is null || _model is null)
        {
            return Grounding.Answer(await _offline.GetResponseAsync(question, cancellationToken: cancellationToken));
        }

        try
        {
            return Grounding.Answer(await _grounded.GetResponseAsync(question, cancellationToken: cancellationToken));
        }
        catch (Exception e) when (IsModelFailure(e, cancellationToken))
        {
            var note = AnswerText.Get(QuestionLanguages.Detect(question), "ModelUnreachable", _model.Endpoint);
            var offline = Grounding.Answer(await _offline.GetResponseAsync(question, cancellationToken: cancellationToken));
            var reason = e is AggregateException all ? all.InnerExceptions[^1].Message : e.Message;
            return offline with { Answer = $"{note}\n\n{offline.Answer}", Warning = $"{_model}: {reason}" };
        }
    }

    /// <summary>
    /// The model's server failed, refused or did not answer in time; the retry policy gathers its
    /// attempts' failures in an <see cref="AggregateException"/>. Cancellation by the caller is not a failure.
    /// </summary>
    private static bool IsModelFailure(Exception e, CancellationToken cancellationToken) => e switch
    {
        ClientResultException or HttpRequestException or TimeoutException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        AggregateException all => all.InnerExceptions.All(inner => IsModelFailure(inner, cancellationToken)),
        _ => false,
    };

    public void Dispose() => _grounded?.Dispose();
}
