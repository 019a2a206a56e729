using System.Buffers;
using System.Text;
using GovKpi.Core.Measurement;
using GovKpi.Data.Resources;
using Microsoft.Win32.SafeHandles;
using Sylvan.Data.Csv;

namespace GovKpi.Data.Files;

/// <summary>What a contract column holds (CONTRACTS.md, FILES.md "Reading").</summary>
public enum ContractValueType
{
    Text,
    /// <summary>An id or a code: trimmed, NFC, printable, at most <see cref="ContractColumn.MaxLength"/> characters.</summary>
    Identifier,
    Time,
    Date,
    Boolean,
    WholeNumber,
    /// <summary>One of the contract words of an enumeration (<see cref="ContractCodes"/>).</summary>
    Word,
}

/// <summary>
/// A column of a contract file: its name in the header, whether every row must have it, what it
/// holds and, for an id or a code, its most characters (the database column's length; 0 = no limit).
/// </summary>
/// <summary>Whether a row is read, from the trimmed raw text of one of its fields (before any other parsing).</summary>
public delegate bool RowKey(ReadOnlySpan<char> field);

/// <summary>
/// Rows to read, the others skipped unparsed (neither records nor errors): those whose field
/// <see cref="Column"/> (an index in the kind's contract columns) <see cref="Keep"/> accepts. For
/// a reader that takes a file in several passes, each over a share of the keys (issue 15).
/// </summary>
public sealed record RowFilter(int Column, RowKey Keep);

public sealed record ContractColumn(string Name, bool Required, ContractValueType Type = ContractValueType.Text, int MaxLength = 0);

/// <summary>
/// A stretch of whole rows of a contract file that can be read on its own thread (see
/// <see cref="DossierCsvReader.Split"/>). Reading every part of a file, each to its end, gives
/// the same records, lines and errors as reading the file at once; the first part also reports
/// the header's warnings and errors.
/// </summary>
public sealed class CsvFilePart<T> where T : class
{
    private readonly Func<CsvDiagnostics, IEnumerable<Located<T>>> _read;

    internal CsvFilePart(long start, long end, long firstLine, Func<CsvDiagnostics, IEnumerable<Located<T>>> read)
    {
        Start = start;
        End = end;
        FirstLine = firstLine;
        _read = read;
    }

    /// <summary>Byte offsets of the part in the file, <c>[Start, End)</c>.</summary>
    public long Start { get; }

    public long End { get; }

    /// <summary>The physical line the part starts on (1 for the first part, which holds the header).</summary>
    public long FirstLine { get; }

    public IEnumerable<Located<T>> Read(CsvDiagnostics diagnostics) => _read(diagnostics);
}

/// <summary>
/// Reads a contract CSV file (CONTRACTS.md) row by row with Sylvan.Data.Csv: UTF-8 with or
/// without BOM, RFC 4180 quoting, a header naming the columns in any order. Unknown columns are
/// ignored with one warning each; a missing required column is an error at line 1. Each row
/// becomes a record or a <see cref="RowError"/> located at the physical line the row starts on
/// (quoted line breaks counted). Streams: only the current row is held as text.
/// </summary>
internal static class ContractCsv
{
    public const int MaximumRowLength = 1 << 20;

    // Invalid UTF-8 becomes U+FFFD instead of an exception from deep inside a 64 KB block, so
    // that CsvRow can reject it in the field and on the line where it is.
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private static CsvDataReaderOptions Options(bool hasHeader) => new()
    {
        HasHeaders = hasHeader,
        // Sylvan guesses the delimiter from the header unless told; the contract says comma.
        Delimiter = ',',
        CsvStyle = CsvStyle.Standard,
        ResultSetMode = ResultSetMode.SingleResult,
        BufferSize = 1 << 16,
        MaxBufferSize = MaximumRowLength,
    };

    internal static readonly IReadOnlyDictionary<string, string> EmptyRow = new Dictionary<string, string>();

    /// <summary>A measurement file, its rows parsed by the kind's definition within <paramref name="plausibility"/>.</summary>
    public static IEnumerable<Located<T>> Read<T>(Stream input, string file, CsvDiagnostics diagnostics, RecordDefinition<T> definition,
        RecordPlausibility? plausibility) where T : class =>
        Read(input, file, diagnostics, definition.Columns, Parser(definition, plausibility));

    public static IEnumerable<CsvFilePart<T>> Split<T>(string path, string file, int parts, long minimumPartLength, RecordDefinition<T> definition,
        RecordPlausibility? plausibility, RowFilter? filter = null) where T : class =>
        Split(path, file, parts, minimumPartLength, definition.Columns, Parser(definition, plausibility), filter);

    private static Func<CsvRow, T?> Parser<T>(RecordDefinition<T> definition, RecordPlausibility? plausibility) where T : class
    {
        plausibility ??= RecordPlausibility.Default;
        return row =>
        {
            if (!ReferenceEquals(row.Plausibility, plausibility))
            {
                row.Plausibility = plausibility;
            }

            return definition.Parse(row);
        };
    }

    public static IEnumerable<Located<T>> Read<T>(Stream input, string file, CsvDiagnostics diagnostics,
        IReadOnlyList<ContractColumn> columns, Func<CsvRow, T?> parse, RowFilter? filter = null) where T : class
    {
        using var text = new StreamReader(input, Utf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var csv = OpenWithHeader(text, file, diagnostics, columns);
        if (csv is null)
        {
            yield break;
        }

        using (csv)
        {
            var row = CsvRow.ForHeader(Names(csv), file, columns, diagnostics);
            if (row is null)
            {
                yield break;
            }

            foreach (var record in ReadRows(csv, row, diagnostics, parse, filter))
            {
                yield return record;
            }
        }
    }

    /// <summary>
    /// Splits a file into at most <paramref name="parts"/> stretches of whole rows of about the
    /// same size, produced as a scan of the file reaches them (the first right away), so that
    /// reading can start before the scan ends. A part starts after a line feed that is outside
    /// quotes — known from the parity of the quotes before it, which is exact because quotes only
    /// open, close or double inside quoted fields (a quote inside an unquoted field is rejected as
    /// an error, so a file where the parity could mislead reports that error on an earlier line).
    /// </summary>
    public static IEnumerable<CsvFilePart<T>> Split<T>(string path, string file, int parts, long minimumPartLength,
        IReadOnlyList<ContractColumn> columns, Func<CsvRow, T?> parse, RowFilter? filter = null) where T : class
    {
        var length = new FileInfo(path).Length;
        parts = (int)Math.Clamp(length / Math.Max(minimumPartLength, 1), 1, Math.Max(parts, 1));
        var header = parts > 1 ? ReadHeader(path) : null;
        long start = 0, line = 1;
        foreach (var (end, nextLine) in PartStarts(path, length, parts).Append((length, 0)))
        {
            var (from, firstLine) = (start, line);
            yield return new CsvFilePart<T>(from, end, firstLine, from == 0
                ? diagnostics => ReadRange(path, 0, end, input => Read(input, file, diagnostics, columns, parse, filter))
                : diagnostics => ReadRange(path, from, end, input => ReadHeaderless(input, file, firstLine, header, diagnostics, columns, parse, filter)));
            (start, line) = (end, nextLine);
        }
    }

    private static IEnumerable<Located<T>> ReadRange<T>(string path, long start, long end, Func<Stream, IEnumerable<Located<T>>> read)
    {
        using var range = new FileRangeStream(path, start, end);
        foreach (var record in read(range))
        {
            yield return record;
        }
    }

    private static IEnumerable<Located<T>> ReadHeaderless<T>(Stream input, string file, long firstLine, string[]? header,
        CsvDiagnostics diagnostics, IReadOnlyList<ContractColumn> columns, Func<CsvRow, T?> parse, RowFilter? filter) where T : class
    {
        // The first part reports what is wrong with the header; the others just have nothing to read.
        var row = header is null ? null : CsvRow.ForHeader(header, file, columns, new CsvDiagnostics(stopAtFirstError: true));
        if (row is null)
        {
            yield break;
        }

        using var text = new StreamReader(input, Utf8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        using var csv = CsvDataReader.Create(text, Options(hasHeader: false));
        row.StartAt(firstLine);
        foreach (var record in ReadRows(csv, row, diagnostics, parse, filter))
        {
            yield return record;
        }
    }

    private static IEnumerable<Located<T>> ReadRows<T>(CsvDataReader csv, CsvRow row, CsvDiagnostics diagnostics, Func<CsvRow, T?> parse, RowFilter? filter) where T : class
    {
        row.Attach(csv);
        while (!diagnostics.Stopped)
        {
            try
            {
                if (!csv.Read())
                {
                    yield break;
                }
            }
            catch (CsvFormatException e)
            {
                // Sylvan cannot find where the next row starts: the rest of the file is unreadable.
                diagnostics.Report(row.Unreadable(e));
                yield break;
            }

            if (!row.Begin() || (filter is not null && !row.HasProblems && !filter.Keep(row.Trimmed(filter.Column))))
            {
                continue;
            }

            var record = row.HasProblems ? null : parse(row);
            if (record is null || row.HasProblems)
            {
                diagnostics.Report(row.Error());
                continue;
            }

            yield return new Located<T>(record, row.Line);
        }
    }

    private static CsvDataReader? OpenWithHeader(TextReader text, string file, CsvDiagnostics diagnostics, IReadOnlyList<ContractColumn> columns)
    {
        try
        {
            return CsvDataReader.Create(text, Options(hasHeader: true));
        }
        catch (CsvMissingHeadersException)
        {
            diagnostics.Report(new RowError(file, 1,
                [.. columns.Where(c => c.Required).Select(c => new FieldProblem(c.Name, DataText.Get("Csv.EmptyFile")))],
                EmptyRow));
            return null;
        }
        catch (CsvRecordTooLargeException e) when (e.RowNumber > 0)
        {
            // Sylvan reads the first row with the header: a row too long there is that row's fault, on the line after the header.
            diagnostics.Report(new RowError(file, e.RowNumber + 1,
                [new FieldProblem($"(field {e.FieldOrdinal + 1})", DataText.Get("Csv.RowTooLong", MaximumRowLength / 1024))], EmptyRow));
            return null;
        }
        catch (CsvFormatException e)
        {
            diagnostics.Report(new RowError(file, 1, [new FieldProblem($"(field {e.FieldOrdinal + 1})", DataText.Get("Csv.MalformedHeader", e.Message))], EmptyRow));
            return null;
        }
    }

    private static string[] Names(CsvDataReader csv) => [.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetName)];

    private static string[]? ReadHeader(string path)
    {
        using var text = new StreamReader(path, Utf8, detectEncodingFromByteOrderMarks: true);
        try
        {
            using var csv = CsvDataReader.Create(text, Options(hasHeader: true));
            return Names(csv);
        }
        catch (CsvFormatException)
        {
            return null;
        }
    }

    /// <summary>Where parts 2… start, as the scan finds them: just after a line feed outside quotes, at or after each k/parts of the file, with the line they start on.</summary>
    private static IEnumerable<(long Offset, long Line)> PartStarts(string path, long length, int parts)
    {
        if (parts < 2)
        {
            yield break;
        }

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        var found = 0;
        // Quotes and line breaks counted in the bytes before position + done.
        long position = 0, quotes = 0, breaks = 0;
        var previousWasReturn = false;
        var target = length / parts;
        while (position < length && found < parts - 1)
        {
            var read = RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, length - position)), position);
            if (read == 0)
            {
                yield break;
            }

            var done = 0;
            while (found < parts - 1 && target < position + read)
            {
                var block = buffer.AsSpan(0, read);
                var at = (int)Math.Max(target - position, done);
                Count(block[done..at], ref quotes, ref breaks, ref previousWasReturn);
                var feed = NextFeedOutsideQuotes(block[at..], ref quotes);
                var end = feed < 0 ? block.Length : at + feed + 1;
                Count(block[at..end], ref breaks, ref previousWasReturn);
                done = end;
                if (feed < 0)
                {
                    // Go on looking from the start of the next block.
                    target = position + block.Length;
                    break;
                }

                found++;
                target = Math.Max(length / parts * (found + 1), position + end);
                if (position + end < length)
                {
                    yield return (position + end, breaks + 1);
                }
            }

            Count(buffer.AsSpan(done, read - done), ref quotes, ref breaks, ref previousWasReturn);
            position += read;
        }
    }

    /// <summary>The index of the first line feed with an even number of quotes before it (counting those it passes into <paramref name="quotes"/>), or -1.</summary>
    private static int NextFeedOutsideQuotes(ReadOnlySpan<byte> bytes, ref long quotes)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'"')
            {
                quotes++;
            }
            else if (bytes[i] == (byte)'\n' && quotes % 2 == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static void Count(ReadOnlySpan<byte> bytes, ref long quotes, ref long breaks, ref bool previousWasReturn)
    {
        quotes += bytes.Count((byte)'"');
        Count(bytes, ref breaks, ref previousWasReturn);
    }

    /// <summary>Line breaks in bytes (CR LF, LF or a lone CR), carrying a CR that ends one block into the next.</summary>
    private static void Count(ReadOnlySpan<byte> bytes, ref long breaks, ref bool previousWasReturn)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        breaks += bytes.Count((byte)'\n');
        if (bytes.Contains((byte)'\r'))
        {
            breaks += bytes.Count((byte)'\r') - bytes.Count("\r\n"u8);
        }

        if (previousWasReturn && bytes[0] == (byte)'\n')
        {
            breaks--;
        }

        previousWasReturn = bytes[^1] == (byte)'\r';
    }

    /// <summary>Line breaks in a stretch of CSV text: CR LF, LF or a lone CR each end one physical line.</summary>
    internal static int LineBreaks(ReadOnlySpan<char> text)
    {
        var feeds = text.Count('\n');
        return text.Contains('\r') ? feeds + text.Count('\r') - text.Count("\r\n") : feeds;
    }

    /// <summary>A read-only window <c>[start, end)</c> on a file, read with <see cref="RandomAccess"/> so that parts share nothing.</summary>
    private sealed class FileRangeStream(string path, long start, long end) : Stream
    {
        private readonly SafeFileHandle _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        private readonly long _start = start;
        private long _position = start;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => end - _start;

        public override long Position
        {
            get => _position - _start;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = (int)Math.Min(buffer.Length, end - _position);
            if (count <= 0)
            {
                return 0;
            }

            var read = RandomAccess.Read(_handle, buffer[..count], _position);
            _position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _handle.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>
/// The CSV row being read, seen through the contract's columns (<see cref="RecordRow"/>, whose
/// accessors every reader shares). Fields are spans into the reader's buffer: nothing is copied
/// unless it becomes a value. Codes repeated across rows (units, handlers, procedures) are
/// interned, so a million rows do not make a million copies of them.
/// </summary>
internal sealed class CsvRow : RecordRow
{
    private const int MaximumInterned = 1 << 16;

    // What makes a row need a closer look than "fields, then one line feed".
    private static readonly SearchValues<char> Unusual = SearchValues.Create("\n\r\"\uFFFD");

    private CsvDataReader _csv = null!;
    private readonly string _file;
    private readonly string[] _header;
    private readonly int[] _ordinals;
    private readonly string?[] _previous;
    private readonly Dictionary<string, string> _interned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _internedBySpan;
    private readonly List<(int Ordinal, FieldProblem Problem)> _problems = [];
    private ulong _invalidColumns;
    private long _nextLine;

    private CsvRow(string file, IReadOnlyList<ContractColumn> columns, string[] header, int[] ordinals) : base(columns)
    {
        _file = file;
        _header = header;
        _ordinals = ordinals;
        _previous = new string?[columns.Count];
        _internedBySpan = _interned.GetAlternateLookup<ReadOnlySpan<char>>();
        _nextLine = 2 + header.Sum(name => ContractCsv.LineBreaks(name));
    }

    /// <summary>The physical line the current row starts on.</summary>
    public long Line { get; private set; }

    public override bool HasProblems => _problems.Count > 0;

    /// <summary>Maps the header to the contract's columns; reports unknown columns (warnings) and missing or repeated ones (an error, then null).</summary>
    public static CsvRow? ForHeader(string[] names, string file, IReadOnlyList<ContractColumn> columns, CsvDiagnostics diagnostics)
    {
        if (columns.Count > 64)
        {
            throw new ArgumentException("A contract file has at most 64 columns.", nameof(columns));
        }

        var header = new string[names.Length];
        var ordinals = Enumerable.Repeat(-1, columns.Count).ToArray();
        var problems = new List<FieldProblem>();
        for (var ordinal = 0; ordinal < names.Length; ordinal++)
        {
            var name = names[ordinal];
            header[ordinal] = name.Length == 0 ? $"(field {ordinal + 1})" : name;
            var column = IndexOf(columns, name);
            if (column < 0)
            {
                diagnostics.Warn(new CsvWarning(file, 1, header[ordinal], DataText.Get("Csv.UnknownColumn")));
            }
            else if (ordinals[column] >= 0)
            {
                problems.Add(new FieldProblem(name, DataText.Get("Csv.ColumnTwice", ordinals[column] + 1, ordinal + 1)));
            }
            else
            {
                ordinals[column] = ordinal;
            }
        }

        problems.AddRange(columns.Where((c, i) => c.Required && ordinals[i] < 0)
            .Select(c => new FieldProblem(c.Name, DataText.Get("Record.ColumnMissing"))));
        if (problems.Count > 0)
        {
            diagnostics.Report(new RowError(file, 1, problems, ContractCsv.EmptyRow));
            return null;
        }

        return new CsvRow(file, columns, header, ordinals);
    }

    private static int IndexOf(IReadOnlyList<ContractColumn> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    public void Attach(CsvDataReader csv) => _csv = csv;

    /// <summary>For a part of a file read without its header: the line its first row starts on.</summary>
    public void StartAt(long line) => _nextLine = line;

    /// <summary>Starts the row the reader has just read; false for a blank line, which is skipped.</summary>
    public bool Begin()
    {
        var raw = _csv.GetRawRecordSpan();
        Line = _nextLine;
        _problems.Clear();
        _invalidColumns = 0;
        MayHaveInvalidUtf8 = false;

        // Nearly every row is plain fields and one line feed: one vectorised scan tells.
        var unusual = raw.IndexOfAny(Unusual);
        if (unusual == raw.Length - 1 && raw[unusual] == '\n')
        {
            _nextLine++;
        }
        else if (unusual >= 0)
        {
            _nextLine += ContractCsv.LineBreaks(raw);
            MayHaveInvalidUtf8 = raw.Contains('\uFFFD');
        }

        var fields = _csv.RowFieldCount;
        if (fields == 1 && _csv.GetFieldSpan(0).IsEmpty && raw.TrimStart("\r\n").IsEmpty)
        {
            return false;
        }

        if (fields < _header.Length)
        {
            _problems.Add((fields, new FieldProblem(_header[fields], DataText.Get("Csv.FewerFields", fields, _header.Length))));
        }
        else if (fields > _header.Length)
        {
            _problems.Add((_header.Length, new FieldProblem($"(field {_header.Length + 1})", DataText.Get("Csv.MoreFields", fields, _header.Length))));
        }
        else if (unusual >= 0 && raw.Contains('"'))
        {
            CheckQuotes(raw);
        }

        return true;
    }

    /// <summary>
    /// RFC 4180 allows a quote only in a quoted field. Sylvan reads <c>ab"c</c> as text; it is
    /// rejected here, which also keeps the parts of <see cref="ContractCsv.Split"/> exact.
    /// </summary>
    private void CheckQuotes(ReadOnlySpan<char> raw)
    {
        var ordinal = 0;
        var i = 0;
        while (i < raw.Length)
        {
            if (raw[i] == '"')
            {
                // A quoted field: to its closing quote (Sylvan has checked that it has one).
                i++;
                while (i < raw.Length)
                {
                    var quote = raw[i..].IndexOf('"');
                    if (quote < 0)
                    {
                        return;
                    }

                    i += quote + 1;
                    if (i < raw.Length && raw[i] == '"')
                    {
                        i++;
                        continue;
                    }

                    break;
                }
            }
            else
            {
                var end = raw[i..].IndexOfAny(",\r\n");
                var field = end < 0 ? raw[i..] : raw[i..(i + end)];
                if (field.Contains('"'))
                {
                    _problems.Add((ordinal, new FieldProblem(_header[Math.Min(ordinal, _header.Length - 1)],
                        DataText.Get("Csv.QuoteInside"))));
                }

                i += field.Length;
            }

            if (i >= raw.Length || raw[i] != ',')
            {
                return;
            }

            i++;
            ordinal++;
        }
    }

    /// <summary>The raw text of a contract column (empty when the file does not have that optional column).</summary>
    public override ReadOnlySpan<char> Field(int column)
    {
        var ordinal = _ordinals[column];
        return ordinal < 0 ? default : _csv.GetFieldSpan(ordinal);
    }

    public override bool IsValid(int column) => (_invalidColumns & (1UL << column)) == 0;

    public override void Problem(int column, string reason)
    {
        _invalidColumns |= 1UL << column;
        _problems.Add((_ordinals[column], new FieldProblem(Columns[column].Name, reason)));
    }

    // Versions of one dossier usually follow each other: reuse the id rather than copy it again.
    private protected override string Keep(int column, ReadOnlySpan<char> text)
    {
        var previous = _previous[column];
        if (previous is not null && text.SequenceEqual(previous))
        {
            return previous;
        }

        return _previous[column] = text.ToString();
    }

    /// <summary>The invalid current row, with its raw fields by column name.</summary>
    public RowError Error()
    {
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var ordinal = 0; ordinal < _csv.RowFieldCount; ordinal++)
        {
            var name = ordinal < _header.Length ? _header[ordinal] : $"(field {ordinal + 1})";
            if (!raw.TryAdd(name, _csv.GetFieldSpan(ordinal).ToString()))
            {
                raw.TryAdd($"{name} (field {ordinal + 1})", _csv.GetFieldSpan(ordinal).ToString());
            }
        }

        var problems = _problems.OrderBy(p => p.Ordinal).Select(p => p.Problem).ToList();
        return new RowError(_file, Line, problems, raw);
    }

    /// <summary>A row the CSV parser could not split into fields (a quote left open, text after a closing quote); reading cannot go on past it.</summary>
    public RowError Unreadable(CsvFormatException e)
    {
        var column = e.FieldOrdinal >= 0 && e.FieldOrdinal < _header.Length ? _header[e.FieldOrdinal] : $"(field {e.FieldOrdinal + 1})";
        var reason = e is CsvRecordTooLargeException
            ? DataText.Get("Csv.RowTooLong", ContractCsv.MaximumRowLength / 1024)
            : DataText.Get("Csv.Malformed", e.Message);
        return new RowError(_file, _nextLine, [new FieldProblem(column, reason)], ContractCsv.EmptyRow);
    }

    private protected override string Share(ReadOnlySpan<char> field)
    {
        if (_internedBySpan.TryGetValue(field, out var interned))
        {
            return interned;
        }

        var text = field.ToString();
        if (_interned.Count < MaximumInterned)
        {
            _interned.Add(text, text);
        }

        return text;
    }
}
