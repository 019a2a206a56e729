using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GovKpi.Core.Uploads;

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
}

/// <summary>One cell with a value; a number's <see cref="Number"/>, a boolean's <see cref="Boolean"/>, a date's <see cref="Date"/>.</summary>
public readonly record struct SheetCell(int Column, SheetCellKind Kind, string Text, double Number = 0, DateTime Date = default)
{
    public bool Boolean => Kind == SheetCellKind.Boolean && Number != 0;
}

/// <summary>A row of the sheet at its row number (<see cref="Line"/>), with only its cells that have a value.</summary>
public sealed record SheetRow(int Line, IReadOnlyList<SheetCell> Cells)
{
    public SheetCell? Cell(int column)
    {
        foreach (var cell in Cells)
        {
            if (cell.Column == column)
            {
                return cell;
            }
        }

        return null;
    }
}

/// <summary>
/// Reads the first sheet of an uploaded .xlsx one row at a time. The package passes
/// <see cref="ZipGuard"/> before anything is parsed; then the worksheet part is read with
/// <see cref="OpenXmlReader"/> (SAX), only one cell element loaded at a time, so memory holds
/// the shared strings, the date styles and one row, never the sheet. Rows beyond
/// <see cref="SpreadsheetLimits.MaxRows"/> or a value beyond <see cref="SpreadsheetLimits.MaxColumns"/>
/// stop the reading with an <see cref="UploadLimitException"/>; a damaged workbook throws
/// <see cref="InvalidDataException"/>.
/// </summary>
public static class SpreadsheetReader
{
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

    /// <summary>The text of a cell as Excel shows it without formatting (numbers invariant, booleans TRUE/FALSE).</summary>
    public static string Plain(SheetCell cell) => cell.Kind switch
    {
        SheetCellKind.Number => cell.Number.ToString(CultureInfo.InvariantCulture),
        SheetCellKind.Boolean => cell.Boolean ? "TRUE" : "FALSE",
        SheetCellKind.Date => cell.Date.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        _ => cell.Text,
    };

    private sealed class SheetStream : IDisposable
    {
        // Excel's built-in number formats that show a date or a time.
        private static readonly HashSet<uint> BuiltInDateFormats = [14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47];

        private readonly string _fileName;
        private readonly SpreadsheetLimits _limits;
        private readonly SpreadsheetDocument? _document;
        private readonly OpenXmlReader? _reader;
        private readonly List<string> _sharedStrings = [];
        private readonly HashSet<uint> _dateStyles = [];
        private int _rows;
        private int _lastLine;

        public SheetStream(Stream stream, string fileName, SpreadsheetLimits limits)
        {
            _fileName = fileName;
            _limits = limits;
            try
            {
                ZipGuard.Check(stream, fileName, limits);
                _document = SpreadsheetDocument.Open(stream, isEditable: false);
                var workbook = _document.WorkbookPart ?? throw new InvalidDataException("no workbook part");
                var first = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault();
                if (first?.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
                {
                    // A workbook without a worksheet reads as an empty sheet.
                    return;
                }

                ReadSharedStrings(workbook.SharedStringTablePart);
                ReadDateStyles(workbook.WorkbookStylesPart);
                _reader = OpenXmlReader.Create(part);
            }
            catch (Exception e) when (e is not UploadLimitException)
            {
                Dispose();
                throw Unreadable(e);
            }
        }

        /// <summary>The message is the reason alone, the caller locates it with the file name.</summary>
        private static InvalidDataException Unreadable(Exception e) => new($"not a readable .xlsx workbook ({e.Message})", e);

        public void Dispose()
        {
            _reader?.Dispose();
            _document?.Dispose();
        }

        private void ReadSharedStrings(SharedStringTablePart? part)
        {
            if (part is null)
            {
                return;
            }

            using var reader = OpenXmlReader.Create(part);
            while (reader.Read())
            {
                if (reader.IsStartElement && reader.ElementType == typeof(SharedStringItem))
                {
                    _sharedStrings.Add(TextOf((SharedStringItem)reader.LoadCurrentElement()!));
                }
            }
        }

        /// <summary>The text of a shared or inline string: its plain text, or its rich-text runs joined; phonetic hints left out.</summary>
        private static string TextOf(OpenXmlElement item)
        {
            if (item.GetFirstChild<Text>() is { } plain)
            {
                return plain.Text;
            }

            return string.Concat(item.Elements<Run>().Select(r => r.Text?.Text));
        }

        private void ReadDateStyles(WorkbookStylesPart? part)
        {
            if (part?.Stylesheet is not { } styles)
            {
                return;
            }

            var customDates = styles.NumberingFormats?.Elements<NumberingFormat>()
                .Where(f => f.NumberFormatId?.Value is not null && IsDateFormat(f.FormatCode?.Value))
                .Select(f => f.NumberFormatId!.Value)
                .ToHashSet() ?? [];
            var index = 0u;
            foreach (var format in styles.CellFormats?.Elements<CellFormat>() ?? [])
            {
                var id = format.NumberFormatId?.Value ?? 0;
                if (BuiltInDateFormats.Contains(id) || customDates.Contains(id))
                {
                    _dateStyles.Add(index);
                }

                index++;
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
            if (_reader is null)
            {
                return false;
            }

            try
            {
                return Next(_reader, out row);
            }
            catch (Exception e) when (e is not UploadLimitException)
            {
                throw Unreadable(e);
            }
        }

        private bool Next(OpenXmlReader reader, out SheetRow row)
        {
            row = null!;
            List<SheetCell>? cells = null;
            var line = 0;
            var column = 0;
            while (reader.Read())
            {
                if (reader.ElementType == typeof(Row))
                {
                    if (reader.IsStartElement)
                    {
                        if (++_rows > _limits.MaxRows)
                        {
                            throw new UploadLimitException(_fileName, UploadLimit.Rows, _limits.MaxRows);
                        }

                        line = RowNumber(reader) ?? _lastLine + 1;
                        _lastLine = line;
                        column = 0;
                        cells = [];
                    }

                    // A self-closing <row/> comes as a start and an end too.
                    if (reader.IsEndElement)
                    {
                        row = new SheetRow(line, cells ?? []);
                        return true;
                    }
                }
                else if (reader.IsStartElement && reader.ElementType == typeof(Cell) && cells is not null)
                {
                    var cell = (Cell)reader.LoadCurrentElement()!;
                    column = ColumnOf(cell.CellReference?.Value) ?? column + 1;
                    if (Value(cell, column) is { } value)
                    {
                        if (column > _limits.MaxColumns)
                        {
                            throw new UploadLimitException(_fileName, UploadLimit.Columns, _limits.MaxColumns);
                        }

                        cells.Add(value);
                    }
                }
                else if (reader.IsEndElement && reader.ElementType == typeof(SheetData))
                {
                    return false;
                }
            }

            return false;
        }

        private static int? RowNumber(OpenXmlReader reader)
        {
            foreach (var attribute in reader.Attributes)
            {
                if (attribute.LocalName == "r" && int.TryParse(attribute.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    return number;
                }
            }

            return null;
        }

        /// <summary>The column number of a reference such as <c>AB12</c>; more than three letters is beyond any sheet.</summary>
        private int? ColumnOf(string? reference)
        {
            if (string.IsNullOrEmpty(reference))
            {
                return null;
            }

            var number = 0;
            var letters = 0;
            foreach (var c in reference)
            {
                if (c is >= 'A' and <= 'Z')
                {
                    if (++letters > 3)
                    {
                        throw new UploadLimitException(_fileName, UploadLimit.Columns, _limits.MaxColumns);
                    }

                    number = (number * 26) + (c - 'A' + 1);
                }
                else
                {
                    break;
                }
            }

            return letters == 0 ? null : number;
        }

        private SheetCell? Value(Cell cell, int column)
        {
            var type = cell.DataType?.Value ?? CellValues.Number;
            if (type == CellValues.InlineString)
            {
                var inline = cell.InlineString is { } s ? TextOf(s) : "";
                return inline.Length == 0 ? null : new SheetCell(column, SheetCellKind.Text, inline);
            }

            var raw = cell.CellValue?.Text;
            if (string.IsNullOrEmpty(raw))
            {
                return null;
            }

            switch (type)
            {
                case CellValues.SharedString:
                    var index = int.Parse(raw, NumberStyles.None, CultureInfo.InvariantCulture);
                    if (index >= _sharedStrings.Count)
                    {
                        throw new InvalidDataException($"cell {cell.CellReference?.Value} refers to shared string {index}, which does not exist");
                    }

                    var shared = _sharedStrings[index];
                    return shared.Length == 0 ? null : new SheetCell(column, SheetCellKind.Text, shared);
                case CellValues.Boolean:
                    var truth = raw is "1" or "true";
                    return new SheetCell(column, SheetCellKind.Boolean, truth ? "TRUE" : "FALSE", truth ? 1 : 0);
                case CellValues.Date:
                    var date = DateTime.Parse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
                    return new SheetCell(column, SheetCellKind.Date, raw, date.ToOADate(), date);
                case CellValues.Number:
                    var number = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
                    return cell.StyleIndex?.Value is { } style && _dateStyles.Contains(style)
                        ? new SheetCell(column, SheetCellKind.Date, raw, number, DateTime.FromOADate(number))
                        : new SheetCell(column, SheetCellKind.Number, raw, number);
                default:
                    // Formula text (str) and errors (#N/A) read as the text Excel shows.
                    return new SheetCell(column, SheetCellKind.Text, raw);
            }
        }
    }
}
