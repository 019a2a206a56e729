using GovKpi.Core.Uploads;

namespace GovKpi.Assistant.Documents;

/// <summary>
/// How much a document may expand to before the assistant refuses it: the package bounds every
/// upload shares (<see cref="PackageLimits"/>, checked by <see cref="ZipGuard"/>) plus paragraphs,
/// text and PDF pages, checked while reading. The defaults are far above a real handbook (a
/// 500-page regulation is about 15,000 paragraphs and 2 MB of text).
/// </summary>
public sealed record DocumentLimits : PackageLimits
{
    /// <summary>Paragraphs a document may have.</summary>
    public int MaxParagraphs { get; init; } = 50_000;

    /// <summary>Characters of text a document may have.</summary>
    public int MaxTextLength { get; init; } = 10_000_000;

    /// <summary>Pages of a PDF.</summary>
    public int MaxPdfPages { get; init; } = 2_000;

    public static DocumentLimits Default { get; } = new();
}
