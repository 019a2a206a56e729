using System.IO.Compression;

namespace GovKpi.Core.Uploads;

/// <summary>
/// How far a zip package (.docx, .xlsx) may expand before it is refused. A few hundred kilobytes
/// can hold gigabytes of XML, and the readers behind would build it in memory; <see cref="ZipGuard"/>
/// checks these bounds before anything is parsed. Documents and spreadsheets each add their own
/// bounds (<c>DocumentLimits</c>, <c>SpreadsheetLimits</c>) on top of the same rule.
/// </summary>
public record PackageLimits
{
    /// <summary>Bytes all entries of the package may decompress to together.</summary>
    public long MaxDecompressedBytes { get; init; } = 50L << 20;

    /// <summary>Entries in the package (a real one has a few dozen, plus images).</summary>
    public int MaxEntries { get; init; } = 2_000;

    /// <summary>Decompressed bytes per compressed byte of one entry, checked once an entry passes <see cref="RatioFloorBytes"/>.</summary>
    public int MaxCompressionRatio { get; init; } = 100;

    /// <summary>Below this an entry's ratio is not judged: tiny XML parts compress very well and are harmless.</summary>
    public long RatioFloorBytes { get; init; } = 1L << 20;
}

/// <summary>What went over a limit; the caller words it for the user.</summary>
public enum UploadLimit
{
    DecompressedSize,
    Entries,
    CompressionRatio,
    Paragraphs,
    TextLength,
    PdfPages,
    Rows,
    Columns,
}

/// <summary>An uploaded file over one of its limits; <see cref="Limit"/> is the bound it crossed.</summary>
public sealed class UploadLimitException(string fileName, UploadLimit kind, long limit)
    : Exception($"{fileName}: refused, {Reason(kind, limit)}")
{
    public string FileName { get; } = fileName;

    public UploadLimit Kind { get; } = kind;

    public long Limit { get; } = limit;

    private static string Reason(UploadLimit kind, long limit) => kind switch
    {
        UploadLimit.DecompressedSize => $"its content expands beyond {limit} bytes",
        UploadLimit.Entries => $"the package holds more than {limit} parts",
        UploadLimit.CompressionRatio => $"a part expands to more than {limit} times its compressed size (a zip bomb)",
        UploadLimit.Paragraphs => $"more than {limit} paragraphs",
        UploadLimit.TextLength => $"more than {limit} characters of text",
        UploadLimit.PdfPages => $"more than {limit} PDF pages",
        UploadLimit.Rows => $"the sheet has more than {limit} rows",
        _ => $"the sheet has values beyond column {limit}",
    };
}

/// <summary>
/// Checks a zip package by decompressing every entry into nothing and counting the bytes as they
/// come: declared sizes in the zip directory are written by whoever made the file, so they are not
/// trusted. Stops at the first limit crossed, so a bomb costs at most
/// <see cref="PackageLimits.MaxDecompressedBytes"/> of inflating and a small buffer of memory.
/// Pure stream logic: the caller opens the file.
/// </summary>
public static class ZipGuard
{
    /// <summary>Checks <paramref name="zip"/> from its start and, when it can seek, puts it back there for the reader that follows.</summary>
    public static void Check(Stream zip, string fileName, PackageLimits limits)
    {
        var start = zip.CanSeek ? zip.Position : 0;
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true))
        {
            if (archive.Entries.Count > limits.MaxEntries)
            {
                throw new UploadLimitException(fileName, UploadLimit.Entries, limits.MaxEntries);
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
                        throw new UploadLimitException(fileName, UploadLimit.DecompressedSize, limits.MaxDecompressedBytes);
                    }

                    if (expanded > limits.RatioFloorBytes && expanded / compressed > limits.MaxCompressionRatio)
                    {
                        throw new UploadLimitException(fileName, UploadLimit.CompressionRatio, limits.MaxCompressionRatio);
                    }
                }
            }
        }

        if (zip.CanSeek)
        {
            zip.Position = start;
        }
    }
}
