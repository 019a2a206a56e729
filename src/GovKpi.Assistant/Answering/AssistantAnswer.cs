namespace GovKpi.Assistant.Answering;

/// <summary>Which mode produced an answer (CONTRACTS.md: "offline" | "llm").</summary>
public enum AnswerMode
{
    /// <summary>Retrieval and templates only; no model involved.</summary>
    Offline,

    /// <summary>An OpenAI-compatible chat model wrote the answer from the retrieved passages.</summary>
    Llm,
}

/// <summary>A quoted source: the document's file name, the passage as written in it, and its relevance.</summary>
public sealed record Citation(string Document, string Passage, double Score);

/// <summary>
/// What the assistant says: the mode, the answer text (in the question's language where it has
/// templates for it) and the citations, most relevant first; none when the documents do not
/// answer. <see cref="Warning"/> says why a configured model did not answer, when it did not.
/// </summary>
public sealed record AssistantAnswer(AnswerMode Mode, string Answer, IReadOnlyList<Citation> Citations, string? Warning = null);
