using System.Globalization;
using GovKpi.Assistant.Search;
using Microsoft.Extensions.AI;

namespace GovKpi.Assistant.Answering;

/// <summary>
/// How both modes hand back an answer through <see cref="IChatClient"/>: one assistant message
/// whose text carries the cited passages as <see cref="CitationAnnotation"/>s (Title = document,
/// Snippet = passage, "score" = relevance), and the mode in the response's additional properties.
/// </summary>
internal static class Grounding
{
    public const string ModeProperty = "govkpi.mode";
    public const string ScoreProperty = "score";

    public static string Question(IEnumerable<ChatMessage> messages) =>
        messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text is { Length: > 0 } text
            ? text
            : throw new ArgumentException("The conversation has no question from the user.", nameof(messages));

    public static ChatResponse Response(AnswerMode mode, string modelId, string text, IEnumerable<RetrievedPassage> cited)
    {
        var content = new TextContent(text)
        {
            Annotations = cited.Select(c => (AIAnnotation)new CitationAnnotation
            {
                Title = c.Passage.Document,
                Snippet = c.Passage.Text,
                AdditionalProperties = new() { [ScoreProperty] = c.Score },
            }).ToList(),
        };
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, [content]))
        {
            ModelId = modelId,
            AdditionalProperties = new() { [ModeProperty] = mode },
        };
    }

    public static AssistantAnswer Answer(ChatResponse response, string? warning = null)
    {
        var mode = response.AdditionalProperties?.TryGetValue(ModeProperty, out var value) == true && value is AnswerMode m ? m : AnswerMode.Llm;
        var citations = response.Messages
            .SelectMany(message => message.Contents)
            .SelectMany(content => content.Annotations ?? [])
            .OfType<CitationAnnotation>()
            .Select(c => new Citation(c.Title ?? "", c.Snippet ?? "", c.AdditionalProperties?.TryGetValue(ScoreProperty, out var score) == true ? Convert.ToDouble(score, CultureInfo.InvariantCulture) : 0))
            .ToList();
        return new AssistantAnswer(mode, response.Text, citations, warning);
    }

    public static async IAsyncEnumerable<ChatResponseUpdate> Updates(Task<ChatResponse> response)
    {
        foreach (var update in (await response).ToChatResponseUpdates())
        {
            yield return update;
        }
    }
}
