using System.Buffers.Binary;

namespace GovKpi.Data.Exports;

/// <summary>
/// Rewrites a TrueType font so that no composite glyph refers to another composite glyph.
/// PDFsharp 6.2's subsetter adds the components of the glyphs drawn but not the components of
/// those components, and DejaVu builds the Vietnamese letters with two marks that way (ễ = ê + ˜,
/// ê = e + ˆ): a subset kept "ê" and lost the "e" under it, so the letter vanished from the page.
/// With every composite made of simple glyphs only, one level of closure is enough and the
/// subsetter can embed only the glyphs a document uses instead of the whole 0.7 MB font file.
/// Glyph ids, outlines, metrics and the top-level hinting instructions are unchanged; the
/// instructions of the intermediate composites are dropped (PDF viewers scale outlines, they do not hint them).
/// </summary>
internal static class FlatComposites
{
    private const ushort ArgsAreWords = 0x0001;
    private const ushort ArgsAreXyValues = 0x0002;
    private const ushort HaveScale = 0x0008;
    private const ushort MoreComponents = 0x0020;
    private const ushort HaveXyScale = 0x0040;
    private const ushort HaveTwoByTwo = 0x0080;
    private const ushort HaveInstructions = 0x0100;
    private const ushort UseMyMetrics = 0x0200;

    private sealed record Component(ushort Flags, ushort Glyph, short Dx, short Dy, byte[] Transform)
    {
        public bool Positioned => (Flags & ArgsAreXyValues) != 0;
        public bool Identity => Transform.Length == 0;
    }

    public static byte[] Flatten(byte[] font)
    {
        var tables = ReadDirectory(font);
        if (!tables.ContainsKey("glyf") || !tables.ContainsKey("loca"))
        {
            return font;
        }

        var head = Slice(font, tables["head"]);
        var maxp = Slice(font, tables["maxp"]);
        var numGlyphs = BinaryPrimitives.ReadUInt16BigEndian(maxp.AsSpan(4));
        var longOffsets = BinaryPrimitives.ReadInt16BigEndian(head.AsSpan(50)) == 1;
        var loca = Slice(font, tables["loca"]);
        var glyf = Slice(font, tables["glyf"]);
        var offsets = Enumerable.Range(0, numGlyphs + 1)
            .Select(i => longOffsets ? (int)BinaryPrimitives.ReadUInt32BigEndian(loca.AsSpan(i * 4)) : BinaryPrimitives.ReadUInt16BigEndian(loca.AsSpan(i * 2)) * 2)
            .ToArray();
        var glyphs = Enumerable.Range(0, numGlyphs).Select(i => glyf.AsSpan(offsets[i], offsets[i + 1] - offsets[i]).ToArray()).ToArray();
        var components = glyphs.Select(ReadComponents).ToArray();

        var maxElements = 0;
        var output = new MemoryStream();
        var newOffsets = new uint[numGlyphs + 1];
        for (var g = 0; g < numGlyphs; g++)
        {
            newOffsets[g] = (uint)output.Length;
            var data = glyphs[g];
            if (components[g] is { } parts && parts.Any(p => components[p.Glyph] is not null))
            {
                var flat = parts.SelectMany(p => Expand(p, components, depth: 0)).ToList();
                maxElements = Math.Max(maxElements, flat.Count);
                data = WriteComposite(data, flat, Instructions(data));
            }
            else if (components[g] is { } simple)
            {
                maxElements = Math.Max(maxElements, simple.Count);
            }

            output.Write(data);
            while (output.Length % 4 != 0)
            {
                output.WriteByte(0);
            }
        }

        newOffsets[numGlyphs] = (uint)output.Length;
        var newLoca = new byte[(numGlyphs + 1) * 4];
        for (var i = 0; i <= numGlyphs; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(i * 4), newOffsets[i]);
        }

        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1);
        if (maxp.Length >= 32)
        {
            BinaryPrimitives.WriteUInt16BigEndian(maxp.AsSpan(28), (ushort)Math.Max(maxElements, BinaryPrimitives.ReadUInt16BigEndian(maxp.AsSpan(28))));
            BinaryPrimitives.WriteUInt16BigEndian(maxp.AsSpan(30), 1);
        }

        var replaced = tables.Keys.ToDictionary(tag => tag, tag => tag switch
        {
            "glyf" => output.ToArray(),
            "loca" => newLoca,
            "head" => head,
            "maxp" => maxp,
            _ => Slice(font, tables[tag]),
        }, StringComparer.Ordinal);
        return Write(font.AsSpan(0, 4), replaced);
    }

    /// <summary>
    /// A component in its parent's frame; a component that is composite itself is replaced by its
    /// own components, moved by its offset. Only plain offsets compose this simply, so a component
    /// scaled or placed by point matching is kept as it is (DejaVu has none among its accented letters).
    /// </summary>
    private static IEnumerable<Component> Expand(Component part, List<Component>?[] components, int depth)
    {
        if (components[part.Glyph] is not { } inner || !part.Positioned || !part.Identity || depth > 8
            || inner.Any(c => !c.Positioned))
        {
            yield return part;
            yield break;
        }

        foreach (var child in inner)
        {
            var moved = child with
            {
                Flags = (ushort)(child.Flags & ~UseMyMetrics),
                Dx = checked((short)(child.Dx + part.Dx)),
                Dy = checked((short)(child.Dy + part.Dy)),
            };
            foreach (var leaf in Expand(moved, components, depth + 1))
            {
                yield return leaf;
            }
        }
    }

    private static List<Component>? ReadComponents(byte[] glyph)
    {
        if (glyph.Length < 10 || BinaryPrimitives.ReadInt16BigEndian(glyph) >= 0)
        {
            return null;
        }

        var list = new List<Component>();
        var at = 10;
        ushort flags;
        do
        {
            flags = BinaryPrimitives.ReadUInt16BigEndian(glyph.AsSpan(at));
            var index = BinaryPrimitives.ReadUInt16BigEndian(glyph.AsSpan(at + 2));
            at += 4;
            short dx, dy;
            if ((flags & ArgsAreWords) != 0)
            {
                (dx, dy) = (BinaryPrimitives.ReadInt16BigEndian(glyph.AsSpan(at)), BinaryPrimitives.ReadInt16BigEndian(glyph.AsSpan(at + 2)));
                at += 4;
            }
            else
            {
                // Offsets are signed bytes, point numbers unsigned.
                (dx, dy) = (flags & ArgsAreXyValues) != 0 ? ((short)(sbyte)glyph[at], (short)(sbyte)glyph[at + 1]) : ((short)glyph[at], (short)glyph[at + 1]);
                at += 2;
            }

            var transformLength = (flags & HaveScale) != 0 ? 2 : (flags & HaveXyScale) != 0 ? 4 : (flags & HaveTwoByTwo) != 0 ? 8 : 0;
            list.Add(new Component((ushort)(flags & ~(ArgsAreWords | MoreComponents | HaveInstructions)), index, dx, dy, glyph.AsSpan(at, transformLength).ToArray()));
            at += transformLength;
        }
        while ((flags & MoreComponents) != 0);

        return list;
    }

    private static byte[] Instructions(byte[] glyph)
    {
        var at = 10;
        ushort flags;
        do
        {
            flags = BinaryPrimitives.ReadUInt16BigEndian(glyph.AsSpan(at));
            at += 4 + ((flags & ArgsAreWords) != 0 ? 4 : 2)
                + ((flags & HaveScale) != 0 ? 2 : (flags & HaveXyScale) != 0 ? 4 : (flags & HaveTwoByTwo) != 0 ? 8 : 0);
        }
        while ((flags & MoreComponents) != 0);

        if ((flags & HaveInstructions) == 0)
        {
            return [];
        }

        var count = BinaryPrimitives.ReadUInt16BigEndian(glyph.AsSpan(at));
        return glyph.AsSpan(at, 2 + count).ToArray();
    }

    private static byte[] WriteComposite(byte[] original, List<Component> parts, byte[] instructions)
    {
        var output = new MemoryStream();
        output.Write(original.AsSpan(0, 10));
        Span<byte> word = stackalloc byte[2];
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            var flags = (ushort)(part.Flags | ArgsAreWords);
            if (i < parts.Count - 1)
            {
                flags |= MoreComponents;
            }
            else if (instructions.Length > 0)
            {
                flags |= HaveInstructions;
            }

            foreach (var value in new[] { flags, part.Glyph, (ushort)part.Dx, (ushort)part.Dy })
            {
                BinaryPrimitives.WriteUInt16BigEndian(word, value);
                output.Write(word);
            }

            output.Write(part.Transform);
        }

        output.Write(instructions);
        return output.ToArray();
    }

    private static Dictionary<string, (int Offset, int Length)> ReadDirectory(byte[] font)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        var tables = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var record = font.AsSpan(12 + i * 16, 16);
            tables[System.Text.Encoding.ASCII.GetString(record[..4])] =
                ((int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]), (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]));
        }

        return tables;
    }

    private static byte[] Slice(byte[] font, (int Offset, int Length) table) => font.AsSpan(table.Offset, table.Length).ToArray();

    /// <summary>The font file again: the directory sorted by tag, each table 4-byte aligned with its checksum, and the head's whole-file adjustment.</summary>
    private static byte[] Write(ReadOnlySpan<byte> version, Dictionary<string, byte[]> tables)
    {
        var tags = tables.Keys.Order(StringComparer.Ordinal).ToList();
        var entrySelector = (int)Math.Floor(Math.Log2(tags.Count));
        var searchRange = (1 << entrySelector) * 16;
        var header = new byte[12 + 16 * tags.Count];
        version.CopyTo(header);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)tags.Count);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), (ushort)searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(8), (ushort)entrySelector);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(10), (ushort)(tags.Count * 16 - searchRange));

        BinaryPrimitives.WriteUInt32BigEndian(tables["head"].AsSpan(8), 0);
        var body = new MemoryStream();
        var headAt = 0;
        for (var i = 0; i < tags.Count; i++)
        {
            var data = tables[tags[i]];
            var offset = header.Length + (int)body.Length;
            if (tags[i] == "head")
            {
                headAt = offset;
            }

            var record = header.AsSpan(12 + i * 16, 16);
            System.Text.Encoding.ASCII.GetBytes(tags[i]).CopyTo(record);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], Checksum(data));
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)data.Length);
            body.Write(data);
            while (body.Length % 4 != 0)
            {
                body.WriteByte(0);
            }
        }

        var file = new byte[header.Length + body.Length];
        header.CopyTo(file, 0);
        body.ToArray().CopyTo(file, header.Length);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(headAt + 8), unchecked(0xB1B0AFBA - Checksum(file)));
        return file;
    }

    private static uint Checksum(byte[] data)
    {
        uint sum = 0;
        Span<byte> word = stackalloc byte[4];
        for (var i = 0; i < data.Length; i += 4)
        {
            word.Clear();
            data.AsSpan(i, Math.Min(4, data.Length - i)).CopyTo(word);
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(word));
        }

        return sum;
    }
}
