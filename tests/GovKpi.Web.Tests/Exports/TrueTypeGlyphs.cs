using System.Buffers.Binary;

namespace GovKpi.Web.Tests.Exports;

/// <summary>Reads a TrueType font's glyphs as far as the tests need: for each glyph, the glyphs it is composed of (none for a simple glyph).</summary>
public sealed record TrueTypeGlyph(IReadOnlyList<int> Components);

public static class TrueTypeGlyphs
{
    public static IReadOnlyList<TrueTypeGlyph> Read(byte[] font)
    {
        var tables = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4)); i++)
        {
            var record = font.AsSpan(12 + i * 16);
            tables[System.Text.Encoding.ASCII.GetString(record[..4])] = (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
        }

        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(tables["maxp"] + 4));
        var longOffsets = BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(tables["head"] + 50)) == 1;
        int Offset(int glyph) => longOffsets
            ? (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(tables["loca"] + glyph * 4))
            : BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(tables["loca"] + glyph * 2)) * 2;

        var glyphs = new List<TrueTypeGlyph>(count);
        for (var g = 0; g < count; g++)
        {
            var components = new List<int>();
            var at = tables["glyf"] + Offset(g);
            if (Offset(g + 1) > Offset(g) && BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(at)) < 0)
            {
                at += 10;
                int flags;
                do
                {
                    flags = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(at));
                    components.Add(BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(at + 2)));
                    at += 4 + ((flags & 0x0001) != 0 ? 4 : 2) + ((flags & 0x0008) != 0 ? 2 : (flags & 0x0040) != 0 ? 4 : (flags & 0x0080) != 0 ? 8 : 0);
                }
                while ((flags & 0x0020) != 0);
            }

            glyphs.Add(new TrueTypeGlyph(components));
        }

        return glyphs;
    }
}
