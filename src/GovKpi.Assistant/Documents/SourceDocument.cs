namespace GovKpi.Assistant.Documents;

/// <summary>
/// A document as the assistant reads it: its file name (what citations show) and its paragraphs
/// in reading order, each one line of NFC-normalised text with its whitespace collapsed.
/// </summary>
public sealed record SourceDocument(string Name, IReadOnlyList<string> Paragraphs);

/// <summary>A document that could not be read, and why; the others are still answered from.</summary>
public sealed record UnreadableDocument(string Name, string Reason);
