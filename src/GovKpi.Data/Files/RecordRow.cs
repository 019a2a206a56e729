using System.Globalization;
using System.Text;
using GovKpi.Core.Measurement;
using GovKpi.Data.Resources;

namespace GovKpi.Data.Files;

/// <summary>
/// One row of a contract file seen through its columns, whatever it came from (a CSV row, an
/// .xlsx row, a JSON item, a corrected quarantine row): typed accessors that return the value
/// or record a <see cref="FieldProblem"/> (and a default), so that a record kind's parse
/// (<see cref="RecordDefinitions"/>) is written once, reads every field and reports all that is
/// wrong with the row, in the same words on every path. Every field is trimmed; ids and codes
/// are also brought to Unicode NFC and refused when they hold invisible or control characters or
/// are longer than their column (<see cref="ContractColumn.MaxLength"/>).
/// </summary>
public abstract class RecordRow
{
    private protected RecordRow(IReadOnlyList<ContractColumn> columns)
    {
        Columns = columns;
        _maximumLengths = [.. columns.Select(c => c.MaxLength)];
    }

    private readonly int[] _maximumLengths;

    public IReadOnlyList<ContractColumn> Columns { get; }

    public RecordPlausibility Plausibility
    {
        get => _plausibility;
        internal set
        {
            _plausibility = value;
            (_earliestTicks, _endTicks) = Window(value);
        }
    }

    private RecordPlausibility _plausibility = RecordPlausibility.Default;

    // The plausible years as clock ticks [earliest, end): a million-row file holds five million times.
    private long _earliestTicks = DefaultWindow.Earliest, _endTicks = DefaultWindow.End;

    private static readonly (long Earliest, long End) DefaultWindow = Window(RecordPlausibility.Default);

    private static (long Earliest, long End) Window(RecordPlausibility plausibility) =>
        (new DateTime(Math.Clamp(plausibility.FirstYear, 1, 9999), 1, 1).Ticks,
         plausibility.LastYear >= 9999 ? DateTime.MaxValue.Ticks + 1 : new DateTime(Math.Max(plausibility.LastYear + 1, 1), 1, 1).Ticks);

    /// <summary>The raw text of a contract column as the source holds it (empty when it has no such column).</summary>
    public abstract ReadOnlySpan<char> Field(int column);

    public abstract bool HasProblems { get; }

    /// <summary>Whether no problem has been recorded for the column in this row.</summary>
    public abstract bool IsValid(int column);

    public abstract void Problem(int column, string reason);

    /// <summary>Whether a field may hold U+FFFD, what undecodable bytes became (false spares a CSV row's fields the search).</summary>
    private protected bool MayHaveInvalidUtf8 { get; set; } = true;

    /// <summary>An id, already checked; a reader may return a string it already holds for the same text.</summary>
    private protected virtual string Keep(int column, ReadOnlySpan<char> text) => text.ToString();

    /// <summary>A code shared by many rows, already checked; a reader may intern it.</summary>
    private protected virtual string Share(ReadOnlySpan<char> text) => text.ToString();

    /// <summary>A column's text without leading and trailing white space.</summary>
    public ReadOnlySpan<char> Trimmed(int column) => Field(column).Trim();

    /// <summary>A required id (a dossier, a response): trimmed, NFC, printable, within its length.</summary>
    public string Text(int column) => Text(column, Trimmed(column));

    /// <summary>An optional id; empty or blank is null.</summary>
    public string? OptionalText(int column)
    {
        var field = Trimmed(column);
        return field.IsEmpty ? null : Text(column, field);
    }

    private string Text(int column, ReadOnlySpan<char> field) =>
        Present(column, field) && Identifier(column, field, out var normalised) ? Keep(column, normalised is null ? field : normalised) : "";

    /// <summary>A required code shared by many rows (a unit, a procedure): the same rules as an id.</summary>
    public string Code(int column) => Code(column, Trimmed(column));

    /// <summary>An optional code; empty or blank is null.</summary>
    public string? OptionalCode(int column)
    {
        var field = Trimmed(column);
        return field.IsEmpty ? null : Code(column, field);
    }

    private string Code(int column, ReadOnlySpan<char> field) =>
        Present(column, field) && Identifier(column, field, out var normalised) ? Share(normalised is null ? field : normalised) : "";

    /// <summary>A time (<see cref="ContractValues.TryParseTime"/>) within the plausible years.</summary>
    public DateTimeOffset Time(int column) => Time(column, Trimmed(column));

    public DateTimeOffset? OptionalTime(int column)
    {
        var field = Trimmed(column);
        return field.IsEmpty ? null : Time(column, field);
    }

    private DateTimeOffset Time(int column, ReadOnlySpan<char> field)
    {
        DateTimeOffset value = default;
        if (Present(column, field))
        {
            if (!ContractValues.TryParseTime(field, out value, out var reason))
            {
                Problem(column, reason!);
            }
            else if (value.Ticks < _earliestTicks || value.Ticks >= _endTicks)
            {
                Implausible(column, field);
            }
        }

        return value;
    }

    /// <summary>A date (<see cref="ContractValues.TryParseDate"/>) within the plausible years.</summary>
    public DateOnly Date(int column)
    {
        var field = Trimmed(column);
        DateOnly value = default;
        if (Present(column, field))
        {
            if (!ContractValues.TryParseDate(field, out value, out var reason))
            {
                Problem(column, reason!);
            }
            else if (!Plausibility.IsPlausibleYear(value.Year))
            {
                Implausible(column, field);
            }
        }

        return value;
    }

    public bool Boolean(int column) => Boolean(column, Trimmed(column));

    public bool OptionalBoolean(int column, bool byDefault)
    {
        var field = Trimmed(column);
        return field.IsEmpty ? byDefault : Boolean(column, field);
    }

    private bool Boolean(int column, ReadOnlySpan<char> field)
    {
        bool value = default;
        if (Present(column, field) && !ContractValues.TryParseBoolean(field, out value, out var reason))
        {
            Problem(column, reason!);
        }

        return value;
    }

    public int WholeNumber(int column, int minimum, int maximum) => WholeNumber(column, Trimmed(column), minimum, maximum);

    public int OptionalWholeNumber(int column, int minimum, int maximum, int byDefault)
    {
        var field = Trimmed(column);
        return field.IsEmpty ? byDefault : WholeNumber(column, field, minimum, maximum);
    }

    private int WholeNumber(int column, ReadOnlySpan<char> field, int minimum, int maximum)
    {
        int value = default;
        if (Present(column, field) && !ContractValues.TryParseWholeNumber(field, minimum, maximum, out value, out var reason))
        {
            Problem(column, reason!);
        }

        return value;
    }

    public delegate bool WordParser<TWord>(ReadOnlySpan<char> text, out TWord value);

    /// <summary>An enumeration written as one of its contract words (<see cref="ContractCodes"/>).</summary>
    public TWord Word<TWord>(int column, WordParser<TWord> parse, string words) where TWord : struct
    {
        var field = Trimmed(column);
        TWord value = default;
        if (Present(column, field) && !parse(field, out value))
        {
            Problem(column, DataText.Get("Record.NotOneOf", field.ToString(), words));
        }

        return value;
    }

    private void Implausible(int column, ReadOnlySpan<char> field) =>
        Problem(column, DataText.Get("Record.YearImplausible", field.ToString(), Plausibility.FirstYear, Plausibility.LastYear));

    private bool Present(int column, ReadOnlySpan<char> field)
    {
        if (field.IsEmpty)
        {
            Problem(column, DataText.Get("Record.Required"));
            return false;
        }

        if (MayHaveInvalidUtf8 && field.Contains('\uFFFD'))
        {
            Problem(column, DataText.Get("Record.NotUtf8"));
            return false;
        }

        return true;
    }

    private bool Identifier(int column, ReadOnlySpan<char> field, out string? normalised)
    {
        if (IdentifierProblem(field, _maximumLengths[column], out normalised) is { } reason)
        {
            Problem(column, reason);
            return false;
        }

        return true;
    }

    /// <summary>
    /// The one id rule, for a trimmed id or code: printable (no C0/C1 control, no format
    /// character such as U+200B or U+FEFF, no lone surrogate), NFC, and at most
    /// <paramref name="maximumLength"/> characters (0: any). Printable ASCII, nearly every id, is
    /// told by one vectorised scan and needs no copy; other text is checked character by character
    /// and normalised into <paramref name="normalised"/> when NFC changes it. Returns why the text
    /// is refused, or null.
    /// </summary>
    internal static string? IdentifierProblem(ReadOnlySpan<char> field, int maximumLength, out string? normalised)
    {
        normalised = null;
        if (field.IndexOfAnyExceptInRange(' ', '~') >= 0)
        {
            for (var i = 0; i < field.Length; i++)
            {
                var c = field[i];
                if (char.IsHighSurrogate(c) && i + 1 < field.Length && char.IsLowSurrogate(field[i + 1]))
                {
                    var scalar = char.ConvertToUtf32(c, field[i + 1]);
                    if (CharUnicodeInfo.GetUnicodeCategory(scalar) == UnicodeCategory.Format)
                    {
                        return DataText.Get("Record.InvisibleCharacter", Hex(scalar), i + 1);
                    }

                    i++;
                    continue;
                }

                var reason = char.IsSurrogate(c) ? "Record.LoneSurrogate" : CharUnicodeInfo.GetUnicodeCategory(c) switch
                {
                    UnicodeCategory.Control => "Record.ControlCharacter",
                    UnicodeCategory.Format => "Record.InvisibleCharacter",
                    _ => null,
                };
                if (reason is not null)
                {
                    return DataText.Get(reason, Hex(c), i + 1);
                }
            }

            var text = field.ToString();
            if (!text.IsNormalized(NormalizationForm.FormC))
            {
                normalised = text.Normalize(NormalizationForm.FormC);
            }
        }

        var length = normalised?.Length ?? field.Length;
        return maximumLength > 0 && length > maximumLength ? DataText.Get("Record.TooLong", length, maximumLength) : null;
    }

    private static string Hex(int c) => c.ToString("X4", CultureInfo.InvariantCulture);
}

/// <summary>A row given as column name → text (an .xlsx row, a JSON item, a quarantine row); columns it lacks are empty.</summary>
internal sealed class DictionaryRecordRow : RecordRow
{
    private readonly IReadOnlyDictionary<string, string?> _fields;
    private readonly List<(int Column, FieldProblem Problem)> _problems = [];

    public DictionaryRecordRow(IReadOnlyList<ContractColumn> columns, IReadOnlyDictionary<string, string?> fields) : base(columns) => _fields = fields;

    public override ReadOnlySpan<char> Field(int column) => _fields.TryGetValue(Columns[column].Name, out var text) ? text : default;

    public override bool HasProblems => _problems.Count > 0;

    public override bool IsValid(int column) => !_problems.Exists(p => p.Column == column);

    public override void Problem(int column, string reason) => _problems.Add((column, new FieldProblem(Columns[column].Name, reason)));

    /// <summary>The problems in the order of the contract's columns, as a CSV file in that order reports them.</summary>
    public IReadOnlyList<FieldProblem> Problems => [.. _problems.OrderBy(p => p.Column).Select(p => p.Problem)];
}
