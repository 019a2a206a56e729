using GovKpi.Data.Files;

namespace GovKpi.Cli;

/// <summary>
/// Where a command's CSV goes: standard output, or a file that is replaced only once the whole
/// output is written (a temporary file in the same directory, then a rename), so a failed or
/// interrupted run never leaves a partial file behind.
/// </summary>
internal static class OutputFile
{
    public static void Write(string? path, TextWriter standardOutput, Action<Stream> write)
    {
        if (path is null)
        {
            using var buffer = new MemoryStream();
            write(buffer);
            standardOutput.Write(CsvRowWriter.Utf8.GetString(buffer.ToArray()));
            standardOutput.Flush();
            return;
        }

        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.partial");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(file);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Why <paramref name="path"/> cannot receive the output, or null when it can.</summary>
    public static string? Problem(string? path)
    {
        if (path is null)
        {
            return null;
        }

        if (Directory.Exists(path))
        {
            return $"{path}: is a directory, not a file";
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        return directory is null || !Directory.Exists(directory) ? $"{path}: directory {directory} does not exist" : null;
    }
}
