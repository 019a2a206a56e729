using System.IO.Compression;

namespace GovKpi.Assistant.Documents;

/// <summary>
/// How much a document may expand to before the assistant refuses it. A few hundred kilobytes of
/// .docx can hold gigabytes of XML or hundreds of thousands of paragraphs, and the parsers build the
/// whole thing in memory; these bounds are checked while reading, before anything is expanded.
/// The defaults are far above a real handbook (a 500-page regulation is about 15,000 paragraphs
/// and 2 MB of text).
/// </summary>
public sealed record DocumentLimits
{
    /// <summary>Bytes all entries of a .docx may decompress to together.</summary>
    public long MaxDecompressedBytes { get; init; } = 50L << 20;

    /// <summary>Entries in a .docx (a real one has a few dozen, plus images).</summary>
    public int MaxEntries { get; init; } = 2_000;

    /// <summary>Decompressed bytes per compressed byte of one entry, checked once an entry passes <see cref="RatioFloorBytes"/>.</summary>
    public int MaxCompressionRatio { get; init; } = 100;

    /// <summary>Below this an entry's ratio is not judged: tiny XML parts compress very well and are harmless.</summary>
    public long RatioFloorBytes { get; init; } = 1L << 20;

    /// <summary>Paragraphs a document may have.</summary>
    public int MaxParagraphs { get; init; } = 50_000;

    /// <summary>Characters of text a document may have.</summary>
    public int MaxTextLength { get; init; } = 10_000_000;

    /// <summary>Pages of a PDF.</summary>
    public int MaxPdfPages { get; init; } = 2_000;

    public static DocumentLimits Default { get; } = new();
}

/// <summary>What went over a limit; the caller words it for the user.</summary>
public enum DocumentLimit
{
    DecompressedSize,
    Entries,
    CompressionRatio,
    Paragraphs,
    TextLength,
    PdfPages,
}

/// <summary>A document over one of the <see cref="DocumentLimits"/>; <see cref="Limit"/> is the bound it crossed.</summary>
public sealed class DocumentLimitException(string fileName, DocumentLimit kind, long limit)
    : Exception($"{fileName}: over the limit of {limit} for {kind}")
{
    public string FileName { get; } = fileName;

    public DocumentLimit Kind { get; } = kind;

    public long Limit { get; } = limit;
}

/// <summary>
/// Checks a zip package (.docx, .xlsx) by decompressing every entry into nothing and counting the
/// bytes as they come: declared sizes in the zip directory are written by whoever made the file,
/// so they are not trusted. Stops at the first limit crossed, so a bomb costs at most
/// <see cref="DocumentLimits.MaxDecompressedBytes"/> of inflating and a small buffer of memory.
/// </summary>
public static class ZipGuard
{
    public static void Check(string path, DocumentLimits limits)
    {
        using var stream = File.OpenRead(path);
        Check(stream, Path.GetFileName(path), limits);
    }

    public static void Check(Stream zip, string fileName, DocumentLimits limits)
    {
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        if (archive.Entries.Count > limits.MaxEntries)
        {
            throw new DocumentLimitException(fileName, DocumentLimit.Entries, limits.MaxEntries);
        }

        var buffer = new byte[81920];
        long total = 0;
        foreach (var entry in archive.Entries)
        {
            // A compressed length of 0 with content is itself a lie; judge it as if it were 1 byte.
            var compressed = Math.Max(1, entry.CompressedLength);
            long expanded = 0;
            using var content = entry.Open();
            int read;
            while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
            {
                expanded += read;
                total += read;
                if (total > limits.MaxDecompressedBytes)
                {
                    throw new DocumentLimitException(fileName, DocumentLimit.DecompressedSize, limits.MaxDecompressedBytes);
                }

                if (expanded > limits.RatioFloorBytes && expanded / compressed > limits.MaxCompressionRatio)
                {
                    throw new DocumentLimitException(fileName, DocumentLimit.CompressionRatio, limits.MaxCompressionRatio);
                }
            }
        }
    }
}
