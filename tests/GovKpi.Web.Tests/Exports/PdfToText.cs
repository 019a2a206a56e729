using System.Diagnostics;
using System.Text.RegularExpressions;

namespace GovKpi.Web.Tests.Exports;

/// <summary>
/// A PDF read the way a person's tools read it: poppler's pdftotext, in reading order or with
/// <c>-layout</c> (a table row on one line, its cells apart). Skips visibly without poppler-utils.
/// </summary>
public static partial class PdfToText
{
    public static string Read(byte[] pdf, bool layout = false)
    {
        var pdftotext = new[] { "/usr/bin/pdftotext", "/usr/local/bin/pdftotext" }.FirstOrDefault(File.Exists);
        Skip.If(pdftotext is null, "pdftotext is not installed (Debian package poppler-utils; run scripts/install-test-deps)");
        var path = Path.Combine(Path.GetTempPath(), $"govkpi-{Guid.NewGuid():n}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var start = new ProcessStartInfo(pdftotext!) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = System.Text.Encoding.UTF8 };
            foreach (var argument in (string[])[.. layout ? ["-layout"] : Array.Empty<string>(), "-enc", "UTF-8", path, "-"])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var text = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"pdftotext failed: {error}");
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The text with whitespace runs made single spaces (table cells wrap their text).</summary>
    public static string Flat(string text) => Spaces().Replace(text, " ");

    /// <summary>The lines of <c>-layout</c> text with the runs of spaces between cells made single spaces.</summary>
    public static IReadOnlyList<string> Lines(string layoutText) => [.. layoutText.Split('\n').Select(l => Spaces().Replace(l.Trim(), " "))];

    public static int Count(string text, string what) => Regex.Matches(text, Regex.Escape(what)).Count;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
