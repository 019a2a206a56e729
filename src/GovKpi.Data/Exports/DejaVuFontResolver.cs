using PdfSharp.Fonts;

namespace GovKpi.Data.Exports;

/// <summary>
/// Fonts for the PDF exports: DejaVu Sans (Debian package fonts-dejavu-core), which has every
/// Vietnamese glyph. PDFsharp's core build has no fonts of its own on Linux; the files are read once
/// when the resolver is made, so a missing font fails the first export with a clear message
/// instead of a blank or garbled PDF. Their composite glyphs are flattened as they are read
/// (<see cref="FlatComposites"/>) so that PDFsharp can embed subsets.
/// </summary>
public sealed class DejaVuFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";
    public const string DefaultDirectory = "/usr/share/fonts/truetype/dejavu";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private readonly Dictionary<string, byte[]> _faces;

    public DejaVuFontResolver(string directory = DefaultDirectory)
    {
        var missing = new[] { Regular, Bold }.Where(face => !File.Exists(Path.Combine(directory, face + ".ttf"))).ToList();
        if (missing.Count > 0)
        {
            throw new ExportFontsMissingException(
                $"The PDF exports need the DejaVu Sans fonts; {string.Join(", ", missing.Select(f => f + ".ttf"))} not found in {directory}. "
                + "Install the Debian package fonts-dejavu-core (scripts/install-test-deps installs it).");
        }

        _faces = new[] { Regular, Bold }.ToDictionary(face => face, face => FlatComposites.Flatten(File.ReadAllBytes(Path.Combine(directory, face + ".ttf"))), StringComparer.Ordinal);
    }

    /// <summary>The core package has no oblique face, so italic is simulated by PDFsharp.</summary>
    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        string.Equals(familyName, Family, StringComparison.OrdinalIgnoreCase) ? new FontResolverInfo(bold ? Bold : Regular, false, italic) : null;

    public byte[]? GetFont(string faceName) => _faces.GetValueOrDefault(faceName);
}

/// <summary>The fonts the PDF exports need are not installed; the message says which and how to install them.</summary>
public sealed class ExportFontsMissingException(string message) : Exception(message);

/// <summary>
/// PDFsharp's process-wide settings, made once before the first PDF: its font resolver may be set
/// only once. PDFsharp stays on 6.2.x, the last MIT line (6.5 names the AGPL).
/// </summary>
internal static class PdfSetup
{
    private static readonly Lock Gate = new();
    private static bool _done;

    public static void Ensure()
    {
        lock (Gate)
        {
            if (_done)
            {
                return;
            }

            var resolver = new DejaVuFontResolver();
            GlobalFontSettings.FontResolver = resolver;
            _done = true;
        }
    }
}
