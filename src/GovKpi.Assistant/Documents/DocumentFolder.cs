using GovKpi.Core.Uploads;

namespace GovKpi.Assistant.Documents;

/// <summary>The documents of one folder (not its subfolders), in file-name order.</summary>
public sealed record DocumentFolder(IReadOnlyList<SourceDocument> Documents, IReadOnlyList<UnreadableDocument> Unreadable)
{
    /// <summary>
    /// Reads every supported file of <paramref name="directory"/>. A file that fails to parse (a
    /// damaged PDF, a DOCX that is really something else) is reported in <see cref="Unreadable"/>,
    /// so one bad upload does not stop questions on the rest.
    /// </summary>
    public static DocumentFolder Read(string directory)
    {
        var documents = new List<SourceDocument>();
        var unreadable = new List<UnreadableDocument>();
        var files = Directory.EnumerateFiles(directory)
            .Where(DocumentReader.IsSupported)
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            try
            {
                documents.Add(DocumentReader.Read(file));
            }
            catch (Exception e) when (e is DocumentFormatException or UploadLimitException)
            {
                unreadable.Add(new UnreadableDocument(Path.GetFileName(file), e.Message));
            }
        }

        return new DocumentFolder(documents, unreadable);
    }
}
