using System.Globalization;
using System.Numerics;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using GovKpi.Core.Uploads;
using GovKpi.Data.Resources;

namespace GovKpi.Data.Files;

/// <summary>
/// The bounds of an uploaded .xlsx: the package bounds every upload shares (<see cref="PackageLimits"/>)
/// plus the rows and columns of the sheet read. Configured as <c>Uploads:Spreadsheets:*</c>.
/// </summary>
public sealed record SpreadsheetLimits : PackageLimits
{
    public SpreadsheetLimits()
    {
        // A 200,000-row sheet of a dozen columns is about 100 MB of XML.
        MaxDecompressedBytes = 256L << 20;
    }

    /// <summary>Rows of the sheet (the header row included, empty rows Excel wrote included).</summary>
    public int MaxRows { get; init; } = 200_000;

    /// <summary>The last column a cell with a value may be in (A = 1).</summary>
    public int MaxColumns { get; init; } = 200;

    public static SpreadsheetLimits Default { get; } = new();
}

public enum SheetCellKind
{
    Text,
    Number,
    Boolean,
    Date,

    /// <summary>A cell whose stored value contradicts its type (a number cell holding text, a date cell holding garbage); <see cref="SheetCell.Refusal"/> says why.</summary>
    Invalid,
}

/// <summary>
/// One cell with a value; a number's <see cref="Number"/>, a boolean's <see cref="Boolean"/>, a date's <see cref="Date"/>.
/// <see cref="Text"/> is the text of a text cell, and the value as the file stores it for any other
/// (a number's digits, a date cell's serial), so that nothing is lost to a double's formatting.
/// </summary>
public readonly record struct SheetCell(int Column, SheetCellKind Kind, string Text, double Number = 0, DateTime Date = default, string? Refusal = null)
{
    public bool Boolean => Kind == SheetCellKind.Boolean && Number != 0;
}

/// <summary>A row of the sheet at its row number (<see cref="Line"/>), with only its cells that have a value, in column order.</summary>
public sealed record SheetRow(int Line, IReadOnlyList<SheetCell> Cells)
{
    /// <summary>The name of the sheet the row is on, for located messages.</summary>
    public string Sheet { get; init; } = "";

    public SheetCell? Cell(int column)
    {
        // The reader keeps cells in strictly increasing column order, so a row of 16,384 cells is searched, not scanned per column.
        var low = 0;
        var high = Cells.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var at = Cells[middle].Column;
            if (at == column)
            {
                return Cells[middle];
            }

            if (at < column)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return null;
    }

    /// <summary>Where a cell of this row is, as a spreadsheet program writes it: <c>Trang1!C5</c>, <c>'Trang 1'!C5</c>.</summary>
    public string Reference(int column) => SpreadsheetReader.Reference(Sheet, column, Line);
}

/// <summary>What a column expects of its cells; see <see cref="SheetCells.Read"/>.</summary>
public enum CellExpectation
{
    /// <summary>Any text; a number cell gives its exact digits.</summary>
    Text,

    /// <summary>A code or an id: text, or a number cell without a fraction, written as its digits.</summary>
    Code,

    Number,
    Boolean,

    /// <summary>A day: a date cell or ISO text (yyyy-MM-dd); never a bare number.</summary>
    Date,

    /// <summary>An instant: a date cell or ISO text (yyyy-MM-ddTHH:mm[:ss][offset]); never a bare number.</summary>
    Time,
}

/// <summary>
/// The one rule by which every .xlsx reader (measurement records, organisation files, the small
/// tables of tasks, task types and leave) turns a cell into the text its column expects, so that a
/// value reads the same from a workbook as from a CSV whatever type the spreadsheet gave the cell.
/// </summary>
public static class SheetCells
{
    /// <summary>
    /// The first day a date cell may hold: day counts before 1900-03-01 differ between Excel (which
    /// counts a 1900-02-29 that never was) and other programs, and no record here is that old.
    /// </summary>
    public static readonly DateTime FirstDate = new(1900, 3, 1);

    public static readonly DateTime LastDate = new(9999, 12, 31, 23, 59, 59);

    /// <summary>
    /// The text of <paramref name="cell"/> for a column expecting <paramref name="expect"/>, or null
    /// with a <paramref name="refusal"/> that names the sheet and the cell (<c>Trang1!C5: …</c>; the
    /// caller adds the file, the row and the column name). A number cell gives its digits exactly as
    /// stored (123456789012345678, never 1.23456789012346E+17; 12.50 as 12.5); in a code column a
    /// fraction is refused. A date or time column takes a date cell or text, never a bare number
    /// (a serial is not a date to anyone reading the sheet); a date cell outside
    /// <see cref="FirstDate"/>–<see cref="LastDate"/> is refused in any column. Booleans read as true/false.
    /// </summary>
    public static string? Read(SheetRow row, SheetCell cell, CellExpectation expect, out string? refusal)
    {
        refusal = null;
        switch (cell.Kind)
        {
            case SheetCellKind.Invalid:
                refusal = cell.Refusal;
                return null;
            case SheetCellKind.Boolean:
                return cell.Boolean ? "true" : "false";
            case SheetCellKind.Date:
                if (cell.Date < FirstDate || cell.Date > LastDate)
                {
                    refusal = DataText.Get("Workbook.CellDateOutOfRange", row.Reference(cell.Column), cell.Text);
                    return null;
                }

                if (expect == CellExpectation.Number)
                {
                    refusal = DataText.Get("Workbook.CellDateForNumber", row.Reference(cell.Column));
                    return null;
                }

                return expect == CellExpectation.Date || (expect != CellExpectation.Time && cell.Date.TimeOfDay == TimeSpan.Zero)
                    ? cell.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : cell.Date.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
            case SheetCellKind.Number:
                var digits = Digits(cell.Text, out var whole);
                if (expect is CellExpectation.Date or CellExpectation.Time)
                {
                    refusal = DataText.Get("Workbook.CellSerial", row.Reference(cell.Column), digits);
                    return null;
                }

                if (expect == CellExpectation.Code && !whole)
                {
                    refusal = DataText.Get("Workbook.CellFraction", row.Reference(cell.Column), digits);
                    return null;
                }

                return digits;
            default:
                return cell.Text;
        }
    }

    /// <summary>What a column of a contract record file expects, from the value type its definition declares.</summary>
    public static CellExpectation For(ContractValueType type) => type switch
    {
        ContractValueType.Identifier => CellExpectation.Code,
        ContractValueType.Time => CellExpectation.Time,
        ContractValueType.Date => CellExpectation.Date,
        ContractValueType.Boolean => CellExpectation.Boolean,
        ContractValueType.WholeNumber => CellExpectation.Number,
        _ => CellExpectation.Text,
    };

    /// <summary>
    /// What a column expects, from its name, for the files whose definitions do not declare value
    /// types (organisation files, tasks, leave): dates end in <c>_on</c>, <c>_from</c>, <c>_to</c>,
    /// codes in <c>_code</c> or <c>_id</c>.
    /// </summary>
    public static CellExpectation ForColumn(string column) => column switch
    {
        _ when column.EndsWith("_at", StringComparison.Ordinal) => CellExpectation.Time,
        "date" or "from" or "to" => CellExpectation.Date,
        _ when column.EndsWith("_on", StringComparison.Ordinal) || column.EndsWith("_from", StringComparison.Ordinal)
            || column.EndsWith("_to", StringComparison.Ordinal) => CellExpectation.Date,
        "score" or "supplement_count" or "quantity" or "version" or "target" or "warning_threshold" or "critical_threshold"
            or "weight_percent" or "conversion_factor" or "difficulty" => CellExpectation.Number,
        "upheld" or "staff_error_return" => CellExpectation.Boolean,
        "code" or "user_name" => CellExpectation.Code,
        _ when column.EndsWith("_code", StringComparison.Ordinal) || column.EndsWith("_id", StringComparison.Ordinal) => CellExpectation.Code,
        _ => CellExpectation.Text,
    };

    /// <summary>
    /// The header row as column → name (trimmed), each name kept at its first column; a name
    /// <paramref name="counts"/> says matters that appears again is a problem of line 1.
    /// </summary>
    public static Dictionary<int, string> Header(SheetRow row, Func<string, bool> counts, List<FieldProblem> problems)
    {
        var header = new Dictionary<int, string>();
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var cell in row.Cells)
        {
            var name = (Read(row, cell, CellExpectation.Text, out _) ?? cell.Text).Trim();
            if (first.TryGetValue(name, out var column))
            {
                if (counts(name))
                {
                    problems.Add(new FieldProblem(name, DataText.Get("Workbook.HeaderTwice", name,
                        SpreadsheetReader.ColumnLetters(column), SpreadsheetReader.ColumnLetters(cell.Column))));
                }

                continue;
            }

            first[name] = cell.Column;
            header[cell.Column] = name;
        }

        return header;
    }

    /// <summary>A number as stored, written in full with invariant digits and no exponent; <paramref name="whole"/> when it has no fraction.</summary>
    internal static string Digits(string stored, out bool whole)
    {
        if (decimal.TryParse(stored, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact))
        {
            // Dividing by 1.000… drops the trailing zeros of the stored scale (12.50 → 12.5, 1.0 → 1).
            exact /= 1.0000000000000000000000000000m;
            whole = exact == decimal.Truncate(exact);
            return exact.ToString(CultureInfo.InvariantCulture);
        }

        // Beyond decimal's 7.9E+28 only whole numbers remain; the reader has already refused what is not finite.
        var number = double.Parse(stored, NumberStyles.Float, CultureInfo.InvariantCulture);
        whole = Math.Floor(number) == number;
        return whole ? new BigInteger(number).ToString(CultureInfo.InvariantCulture) : number.ToString("R", CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// A workbook that cannot be read, or a sheet whose structure is broken (rows out of order, a cell
/// reference beyond the last column): the whole file is refused with <see cref="Exception.Message"/>,
/// which reads <c>file:line: reason</c> and locates the problem (sheet, row, part) in the words of the
/// current UI culture (<see cref="DataText"/>), never in a library's own.
/// </summary>
public sealed class WorkbookException(string file, long line, string reason, Exception? inner = null)
    : Exception(string.Create(CultureInfo.InvariantCulture, $"{file}:{line}: {reason}"), inner)
{
    public string File => file;

    /// <summary>The row of the sheet where reading stopped; 1 for the package as a whole.</summary>
    public long Line => line;

    public string Reason => reason;
}

/// <summary>
/// Reads the first sheet of an uploaded .xlsx one row at a time. The package passes
/// <see cref="ZipGuard"/> before anything is parsed; then each part (workbook, shared strings,
/// styles, the sheet) is read with a plain forward-only <see cref="XmlReader"/>, so memory holds the
/// shared strings, the date styles and one row, never the sheet, and the time taken grows with the
/// size of the XML whatever its shape (the SDK's element loading was quadratic in nesting depth:
/// 3 KB of nested elements in one cell took seconds). Rows beyond <see cref="SpreadsheetLimits.MaxRows"/>
/// or a value beyond <see cref="SpreadsheetLimits.MaxColumns"/> stop the reading with an
/// <see cref="UploadLimitException"/>; a damaged workbook or a broken sheet throws a located
/// <see cref="WorkbookException"/>; a cell whose value contradicts its type comes as
/// <see cref="SheetCellKind.Invalid"/>, refused by <see cref="SheetCells.Read"/> for its row alone.
/// </summary>
public static class SpreadsheetReader
{

    /// <summary>Excel's last row and column (XFD).</summary>
    public const int LastRow = 1_048_576, LastColumn = 16_384;

    /// <summary>Checks the package at once, then yields the first sheet's rows in file order.</summary>
    public static IEnumerable<SheetRow> Rows(Stream stream, string fileName, SpreadsheetLimits limits)
    {
        var sheet = new SheetStream(stream, fileName, limits);
        return Read(sheet);
    }

    /// <summary>Reads the whole sheet without keeping it: the package, its row count and its columns are within <paramref name="limits"/>.</summary>
    public static void Check(Stream stream, string fileName, SpreadsheetLimits limits)
    {
        using var sheet = new SheetStream(stream, fileName, limits);
        while (sheet.TryRead(out _))
        {
        }
    }

    private static IEnumerable<SheetRow> Read(SheetStream sheet)
    {
        using (sheet)
        {
            while (sheet.TryRead(out var row))
            {
                yield return row;
            }
        }
    }

    /// <summary>A = 1, Z = 26, AA = 27 … XFD = 16,384.</summary>
    public static string ColumnLetters(int column)
    {
        var letters = new StringBuilder();
        for (var n = column; n > 0; n = (n - 1) / 26)
        {
            letters.Insert(0, (char)('A' + ((n - 1) % 26)));
        }

        return letters.ToString();
    }

    public static string Reference(string sheet, int column, int line)
    {
        var cell = string.Create(CultureInfo.InvariantCulture, $"{ColumnLetters(column)}{line}");
        return sheet.Length == 0 ? cell
            : sheet.All(char.IsLetterOrDigit) ? $"{sheet}!{cell}"
            : $"'{sheet.Replace("'", "''", StringComparison.Ordinal)}'!{cell}";
    }

    private sealed class SheetStream : IDisposable
    {
        // Excel's built-in number formats that show a date or a time.
        private static readonly HashSet<uint> BuiltInDateFormats = [14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47];

        private static readonly XmlReaderSettings Xml = new()
        {
            // A DTD is skipped, never expanded (no entity bombs); an entity it would define is then an undeclared one, located.
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };

        private readonly string _fileName;
        private readonly SpreadsheetLimits _limits;
        private readonly SpreadsheetDocument? _document;
        private readonly XmlReader? _reader;
        private readonly List<string> _sharedStrings = [];
        private readonly HashSet<uint> _dateStyles = [];
        private readonly string _sheet = "";
        private int _sheetDataDepth = -1;
        private bool _ended;
        private int _rows;
        private int _lastLine;

        public SheetStream(Stream stream, string fileName, SpreadsheetLimits limits)
        {
            _fileName = fileName;
            _limits = limits;
            try
            {
                try
                {
                    ZipGuard.Check(stream, fileName, limits);
                }
                catch (Exception e) when (e is not UploadLimitException)
                {
                    throw new WorkbookException(fileName, 1, DataText.Get("Workbook.NotAPackage"), e);
                }

                try
                {
                    _document = SpreadsheetDocument.Open(stream, isEditable: false);
                }
                catch (Exception e) when (e is not UploadLimitException)
                {
                    throw new WorkbookException(fileName, 1, DataText.Get("Workbook.NotAWorkbook"), e);
                }

                var workbook = _document.WorkbookPart ?? throw new WorkbookException(fileName, 1, DataText.Get("Workbook.NotAWorkbook"));
                var (name, id) = ReadPart(workbook, FirstSheet);
                if (id is null)
                {
                    // A workbook without a worksheet reads as an empty sheet.
                    return;
                }

                _sheet = name ?? "";
                if (!workbook.Parts.Any(p => p.RelationshipId == id))
                {
                    throw new WorkbookException(fileName, 1, DataText.Get("Workbook.SheetMissing", _sheet));
                }

                if (workbook.GetPartById(id) is not WorksheetPart part)
                {
                    // A chart sheet first: no rows.
                    return;
                }

                if (workbook.SharedStringTablePart is { } strings)
                {
                    ReadPart(strings, ReadSharedStrings);
                }

                if (workbook.WorkbookStylesPart is { } styles)
                {
                    ReadPart(styles, ReadDateStyles);
                }

                _reader = XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), Xml);
            }
            catch (Exception e)
            {
                Dispose();
                if (e is WorkbookException or UploadLimitException)
                {
                    throw;
                }

                throw new WorkbookException(fileName, 1, DataText.Get("Workbook.NotAWorkbook"), e);
            }
        }

        public void Dispose()
        {
            _reader?.Dispose();
            _document?.Dispose();
        }

        /// <summary>Reads one part with <paramref name="read"/>; a part that is not well-formed XML is located by its name, line and position.</summary>
        private T ReadPart<T>(OpenXmlPart part, Func<XmlReader, T> read)
        {
            try
            {
                using var reader = XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), Xml);
                return read(reader);
            }
            catch (XmlException e)
            {
                throw new WorkbookException(_fileName, 1, DataText.Get("Workbook.PartDamaged", part.Uri.OriginalString.TrimStart('/'), e.LineNumber, e.LinePosition), e);
            }
            catch (Exception e) when (e is not (WorkbookException or UploadLimitException))
            {
                throw new WorkbookException(_fileName, 1, DataText.Get("Workbook.PartDamaged", part.Uri.OriginalString.TrimStart('/'), 0, 0), e);
            }
        }

        private void ReadPart(OpenXmlPart part, Action<XmlReader> read) => ReadPart(part, r =>
        {
            read(r);
            return true;
        });

        /// <summary>The name and relationship id of the workbook's first sheet (<c>sheets/sheet</c>).</summary>
        private static (string? Name, string? Id) FirstSheet(XmlReader reader)
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet" && reader.Depth == 2)
                {
                    string? id = null;
                    while (reader.MoveToNextAttribute())
                    {
                        if (reader.LocalName == "id" && reader.NamespaceURI.EndsWith("relationships", StringComparison.Ordinal))
                        {
                            id = reader.Value;
                        }
                    }

                    reader.MoveToElement();
                    return (reader.GetAttribute("name"), id);
                }
            }

            return (null, null);
        }

        private void ReadSharedStrings(XmlReader reader)
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si" && reader.Depth == 1)
                {
                    _sharedStrings.Add(RichText(reader));
                }
            }
        }

        /// <summary>
        /// The text of a shared or inline string (<c>si</c>, <c>is</c>) the reader is on: its plain
        /// text or its rich-text runs joined, phonetic hints (<c>rPh</c>) left out. Leaves the reader
        /// on the element's end (or on it when empty).
        /// </summary>
        private static string RichText(XmlReader reader)
        {
            if (reader.IsEmptyElement)
            {
                return "";
            }

            var depth = reader.Depth;
            var text = new StringBuilder();
            reader.Read();
            while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "rPh")
                {
                    reader.Skip();
                }
                else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "t")
                {
                    text.Append(Unescaped(Content(reader)));
                    reader.Read();
                }
                else
                {
                    reader.Read();
                }
            }

            return text.ToString();
        }

        /// <summary>
        /// A string as Excel means it: XML cannot hold most control characters, so the file writes
        /// them as <c>_xHHHH_</c> (ECMA-376 ST_Xstring; <c>_x005F_</c> escapes a literal underscore).
        /// Decoded here so a NUL in a cell reaches the record rules as the NUL it is.
        /// </summary>
        private static string Unescaped(string text)
        {
            if (!text.Contains("_x", StringComparison.Ordinal))
            {
                return text;
            }

            var result = new StringBuilder(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '_' && i + 6 < text.Length && text[i + 1] == 'x' && text[i + 6] == '_'
                    && ushort.TryParse(text.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    result.Append((char)code);
                    i += 6;
                }
                else
                {
                    result.Append(text[i]);
                }
            }

            return result.ToString();
        }

        /// <summary>The text inside the element the reader is on, at any depth; leaves the reader on its end (or on it when empty).</summary>
        private static string Content(XmlReader reader)
        {
            if (reader.IsEmptyElement)
            {
                return "";
            }

            var depth = reader.Depth;
            var text = new StringBuilder();
            reader.Read();
            while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
                {
                    text.Append(reader.Value);
                }

                reader.Read();
            }

            return text.ToString();
        }

        private void ReadDateStyles(XmlReader reader)
        {
            var customDates = new HashSet<uint>();
            var formatsOfCells = new List<uint>();
            string? section = null;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1)
                {
                    section = reader.IsEmptyElement ? null : reader.LocalName;
                }
                else if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == 1)
                {
                    section = null;
                }
                else if (reader.NodeType == XmlNodeType.Element && reader.Depth == 2)
                {
                    var id = uint.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
                    if (section == "numFmts" && reader.LocalName == "numFmt" && IsDateFormat(reader.GetAttribute("formatCode")))
                    {
                        customDates.Add(id);
                    }
                    else if (section == "cellXfs" && reader.LocalName == "xf")
                    {
                        formatsOfCells.Add(id);
                    }
                }
            }

            for (var index = 0; index < formatsOfCells.Count; index++)
            {
                if (BuiltInDateFormats.Contains(formatsOfCells[index]) || customDates.Contains(formatsOfCells[index]))
                {
                    _dateStyles.Add((uint)index);
                }
            }
        }
        /// <summary>A custom format shows a date when, outside quoted text, escapes and [colour]/[$-locale] blocks, it has a day, month, year, hour or second.</summary>
        private static bool IsDateFormat(string? code)
        {
            if (code is null)
            {
                return false;
            }

            var inQuote = false;
            var inBracket = false;
            for (var i = 0; i < code.Length; i++)
            {
                var c = code[i];
                if (inQuote)
                {
                    inQuote = c != '"';
                }
                else if (inBracket)
                {
                    inBracket = c != ']';
                }
                else if (c == '"')
                {
                    inQuote = true;
                }
                else if (c == '[')
                {
                    // [h], [mm] and [ss] are elapsed times; other brackets are colours and locales.
                    var close = code.IndexOf(']', i);
                    var inside = close < 0 ? "" : code[(i + 1)..close].ToLowerInvariant();
                    if (inside.Length > 0 && inside.All(ch => ch is 'h' or 'm' or 's'))
                    {
                        return true;
                    }

                    inBracket = true;
                }
                else if (c == '\\' || c == '_' || c == '*')
                {
                    i++;
                }
                else if (char.ToLowerInvariant(c) is 'd' or 'm' or 'y' or 'h' or 's')
                {
                    return true;
                }
            }

            return false;
        }

        public bool TryRead(out SheetRow row)
        {
            row = null!;
            if (_reader is null || _ended)
            {
                return false;
            }

            try
            {
                return Next(_reader, out row);
            }
            catch (XmlException e)
            {
                throw new WorkbookException(_fileName, _lastLine + 1, DataText.Get("Workbook.SheetDamaged", _sheet, _lastLine + 1, e.LineNumber, e.LinePosition), e);
            }
            catch (Exception e) when (e is not (WorkbookException or UploadLimitException))
            {
                throw new WorkbookException(_fileName, _lastLine + 1, DataText.Get("Workbook.SheetDamaged", _sheet, _lastLine + 1, 0, 0), e);
            }
        }

        private bool Next(XmlReader reader, out SheetRow row)
        {
            row = null!;
            if (_sheetDataDepth < 0)
            {
                while (!(reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheetData" && reader.Depth == 1))
                {
                    if (!reader.Read())
                    {
                        _ended = true;
                        return false;
                    }
                }

                _sheetDataDepth = reader.Depth;
                if (reader.IsEmptyElement)
                {
                    _ended = true;
                    return false;
                }

                reader.Read();
            }

            while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == _sheetDataDepth))
            {
                if (reader.EOF)
                {
                    _ended = true;
                    return false;
                }

                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "row" && reader.Depth == _sheetDataDepth + 1)
                {
                    row = Row(reader);
                    return true;
                }

                if (reader.NodeType == XmlNodeType.Element)
                {
                    reader.Skip();
                }
                else
                {
                    reader.Read();
                }
            }

            _ended = true;
            return false;
        }

        /// <summary>The row the reader is on, read to its end; leaves the reader past it.</summary>
        private SheetRow Row(XmlReader reader)
        {
            if (++_rows > _limits.MaxRows)
            {
                throw new UploadLimitException(_fileName, UploadLimit.Rows, _limits.MaxRows);
            }

            var line = _lastLine + 1;
            if (reader.GetAttribute("r") is { } number)
            {
                if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out line) || line is < 1 or > LastRow)
                {
                    throw new WorkbookException(_fileName, _lastLine + 1, DataText.Get("Workbook.RowNumber", _sheet, Shortened(number)));
                }

                if (line <= _lastLine)
                {
                    throw new WorkbookException(_fileName, _lastLine + 1, DataText.Get("Workbook.RowOrder", _sheet, line, _lastLine));
                }
            }
            else if (line > LastRow)
            {
                throw new WorkbookException(_fileName, line, DataText.Get("Workbook.RowNumber", _sheet, line));
            }

            _lastLine = line;
            var cells = new List<SheetCell>();
            if (reader.IsEmptyElement)
            {
                reader.Read();
                return new SheetRow(line, cells) { Sheet = _sheet };
            }

            var depth = reader.Depth;
            var column = 0;
            reader.Read();
            while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "c" && reader.Depth == depth + 1)
                {
                    column = Cell(reader, line, column, cells);
                }
                else if (reader.NodeType == XmlNodeType.Element)
                {
                    reader.Skip();
                }
                else
                {
                    reader.Read();
                }
            }

            reader.Read();
            return new SheetRow(line, cells) { Sheet = _sheet };
        }

        /// <summary>Reads the cell the reader is on (after the one in column <paramref name="previous"/>) into <paramref name="cells"/> when it has a value; leaves the reader past it and returns its column.</summary>
        private int Cell(XmlReader reader, int line, int previous, List<SheetCell> cells)
        {
            var reference = reader.GetAttribute("r");
            var type = reader.GetAttribute("t") ?? "n";
            var style = uint.TryParse(reader.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : (uint?)null;
            var column = reference is null ? previous + 1 : ColumnOf(reference, line);
            if (column <= previous || column > LastColumn)
            {
                throw new WorkbookException(_fileName, line, DataText.Get("Workbook.CellOrder", _sheet, line,
                    ColumnLetters(column), ColumnLetters(previous)));
            }

            string? value = null;
            string? inline = null;
            if (!reader.IsEmptyElement)
            {
                var depth = reader.Depth;
                reader.Read();
                while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
                {
                    if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1 && reader.LocalName == "v")
                    {
                        value = Content(reader);
                        reader.Read();
                    }
                    else if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1 && reader.LocalName == "is")
                    {
                        inline = RichText(reader);
                        reader.Read();
                    }
                    else if (reader.NodeType == XmlNodeType.Element)
                    {
                        reader.Skip();
                    }
                    else
                    {
                        reader.Read();
                    }
                }
            }

            reader.Read();
            if (Value(type, value, inline, style, column, line) is { } cell)
            {
                if (column > _limits.MaxColumns)
                {
                    throw new UploadLimitException(_fileName, UploadLimit.Columns, _limits.MaxColumns);
                }

                cells.Add(cell);
            }

            return column;
        }

        /// <summary>The column of a reference such as <c>AB12</c> in row <paramref name="line"/>; anything else is not a cell of this row.</summary>
        private int ColumnOf(string reference, int line)
        {
            var number = 0;
            var letters = 0;
            while (letters < reference.Length && reference[letters] is >= 'A' and <= 'Z' && letters < 3)
            {
                number = (number * 26) + (reference[letters] - 'A' + 1);
                letters++;
            }

            var row = reference[letters..];
            if (letters == 0 || number > LastColumn
                || (row.Length > 0 && (!int.TryParse(row, NumberStyles.None, CultureInfo.InvariantCulture, out var at) || at != line)))
            {
                throw new WorkbookException(_fileName, line, DataText.Get("Workbook.CellReference", _sheet, line, Shortened(reference)));
            }

            return number;
        }

        /// <summary>A value from the file quoted in a message: at most 40 characters of it.</summary>
        private static string Shortened(string text) => text.Length <= 40 ? text : text[..40] + "…";

        private SheetCell? Value(string type, string? raw, string? inline, uint? style, int column, int line)
        {
            SheetCell Invalid(string key, string stored) =>
                new(column, SheetCellKind.Invalid, stored, Refusal: DataText.Get(key, Reference(_sheet, column, line), Shortened(stored)));

            if (type == "inlineStr")
            {
                return string.IsNullOrEmpty(inline) ? null : new SheetCell(column, SheetCellKind.Text, inline);
            }

            if (string.IsNullOrEmpty(raw))
            {
                return null;
            }

            switch (type)
            {
                case "s":
                    if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= _sharedStrings.Count)
                    {
                        return Invalid("Workbook.CellSharedString", raw);
                    }

                    var shared = _sharedStrings[index];
                    return shared.Length == 0 ? null : new SheetCell(column, SheetCellKind.Text, shared);
                case "b":
                    return raw.Trim() switch
                    {
                        "1" or "true" => new SheetCell(column, SheetCellKind.Boolean, "TRUE", 1),
                        "0" or "false" => new SheetCell(column, SheetCellKind.Boolean, "FALSE", 0),
                        _ => Invalid("Workbook.CellNotABoolean", raw),
                    };
                case "d":
                    if (!DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date))
                    {
                        return Invalid("Workbook.CellNotADate", raw);
                    }

                    return new SheetCell(column, SheetCellKind.Date, raw, date >= new DateTime(100, 1, 1) ? date.ToOADate() : 0, date);
                case "n":
                    if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                    {
                        return Invalid("Workbook.CellNotANumber", raw);
                    }

                    if (style is { } s && _dateStyles.Contains(s))
                    {
                        // A serial beyond what a date can hold is kept as no date (0001-01-01), which the rule refuses as out of range.
                        var serial = number is > -657435 and < 2958466 ? DateTime.FromOADate(number) : default;
                        return new SheetCell(column, SheetCellKind.Date, raw, number, serial);
                    }

                    return new SheetCell(column, SheetCellKind.Number, raw.Trim(), number);
                case "str" or "e":
                    // Formula text and errors (#N/A) read as the text Excel shows.
                    return new SheetCell(column, SheetCellKind.Text, raw);
                default:
                    return Invalid("Workbook.CellType", type);
            }
        }
    }
}
