using System.Text;
using System.Text.RegularExpressions;
using GovKpi.Assistant.Privacy;
using GovKpi.Assistant.Search;
using Microsoft.Extensions.AI;

namespace GovKpi.Assistant.Answering;

/// <summary>
/// The LLM mode, wrapped around any chat model (an OpenAI-compatible endpoint in practice). The
/// model never sees the documents, only the passages retrieval found for this question, numbered,
/// with the instruction to answer from them alone and cite them as [n]; personal identifiers in
/// the passages and the question are masked first (<see cref="PersonalDataMask"/>) and restored
/// in the answer, on this machine. The answer's citations are the passages the model cited,
/// renumbered in order of relevance. When retrieval finds nothing relevant the model is not asked
/// at all; when the model answers NO_ANSWER or cites nothing, the answer says the documents do not
/// answer and cites nothing, so an unsupported answer is never passed on.
/// </summary>
public sealed partial class GroundedChatClient(IChatClient model, PassageIndex index, string modelId, IReadOnlyCollection<string>? knownNames = null)
    : DelegatingChatClient(model)
{
    /// <summary>What the model must reply when the passages do not answer.</summary>
    public const string NoAnswer = "NO_ANSWER";

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var question = Grounding.Question(messages);
        var language = QuestionLanguages.Detect(question);
        var found = index.Search(question, limit: 5);
        if (found.Count == 0)
        {
            return NotFound(language);
        }

        var mask = new PersonalDataMask(knownNames);
        var prompt = Prompt(question, found, language, mask);
        options = options?.Clone() ?? new ChatOptions();
        options.Temperature ??= 0;
        var reply = await base.GetResponseAsync(prompt, options, cancellationToken);

        var text = mask.Restore(reply.Text).Trim();
        var cited = CitedNumbers(text).Where(n => n >= 1 && n <= found.Count).Distinct().Order().ToList();
        if (cited.Count == 0 || text.Contains(NoAnswer, StringComparison.Ordinal))
        {
            return NotFound(language);
        }

        // Citations are listed by relevance; the answer's markers follow that list.
        var position = cited.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i + 1);
        text = CitationMarker().Replace(text, m =>
        {
            var kept = Numbers(m.Value).Where(position.ContainsKey).Distinct().Select(n => $"[{position[n]}]").ToList();
            return string.Concat(kept);
        });
        var answer = $"{text}\n\n{AnswerText.Get(language, "LlmMode", modelId)}";
        return Grounding.Response(AnswerMode.Llm, reply.ModelId ?? modelId, answer, cited.Select(n => found[n - 1]));
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        // Citations can only be checked on the whole answer, so the answer is not streamed.
        Grounding.Updates(GetResponseAsync(messages, options, cancellationToken));

    private ChatResponse NotFound(QuestionLanguage language) =>
        Grounding.Response(AnswerMode.Llm, modelId, $"{AnswerText.Get(language, "NotFound")}\n\n{AnswerText.Get(language, "LlmMode", modelId)}", []);

    internal static List<ChatMessage> Prompt(string question, IReadOnlyList<RetrievedPassage> found, QuestionLanguage language, PersonalDataMask mask)
    {
        var system = $"""
            You answer questions from Vietnamese public servants using ONLY the numbered passages in the user's message.
            Rules:
            1. Use only facts stated in the passages. Never add knowledge from elsewhere.
            2. Cite the passage each statement comes from by its number in square brackets, for example [1] or [2][3].
            3. If the passages do not contain the answer, reply with exactly {NoAnswer} and nothing else.
            4. [PERSON_n], [PHONE_n], [EMAIL_n] and [ID_n] stand for personal data removed for privacy: copy them unchanged where needed and never guess what they hide.
            5. Answer in {LanguageName(language)}, briefly.
            """;
        var user = new StringBuilder("Passages:\n");
        for (var i = 0; i < found.Count; i++)
        {
            user.Append('[').Append(i + 1).Append("] ").Append(mask.Mask(found[i].Passage.Text)).Append("\n\n");
        }

        user.Append("Question: ").Append(mask.Mask(question));
        return [new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, user.ToString())];
    }

    private static string LanguageName(QuestionLanguage language) => language switch
    {
        QuestionLanguage.English => "English",
        QuestionLanguage.Thai => "Thai",
        QuestionLanguage.Lao => "Lao",
        _ => "Vietnamese",
    };

    private static IEnumerable<int> CitedNumbers(string text) => CitationMarker().Matches(text).SelectMany(m => Numbers(m.Value));

    private static IEnumerable<int> Numbers(string marker) => Digits().Matches(marker).Select(d => int.Parse(d.Value, System.Globalization.CultureInfo.InvariantCulture));

    // [1], [1][2], [1, 3], [2; 4]
    [GeneratedRegex(@"\[\d{1,2}(\s*[,;]\s*\d{1,2})*\]")]
    private static partial Regex CitationMarker();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
