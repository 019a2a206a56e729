namespace GovKpi.Data.Measurement;

/// <summary>
/// The source line of each row a load inserted, by the order it was inserted in (0, 1, 2, …): the
/// line a later row of the same key is in conflict with. Kept as runs of consecutive lines, since
/// the rows of a file land one line after the other except around the few that do not land
/// (invalid, repeated, in conflict) or that span several lines, so a load of millions of rows
/// holds a handful of runs rather than 8 bytes a row (issue 15: 50 MB for 5 million dossiers).
/// </summary>
internal sealed class InsertedLines
{
    // Run i starts at insertion index _starts[i] with line _lines[i]; each next index, the next line.
    private readonly List<long> _starts = [];
    private readonly List<long> _lines = [];

    public long Count { get; private set; }

    /// <summary>Runs held: one more than the breaks in the sequence of lines.</summary>
    public int Runs => _starts.Count;

    /// <summary>Notes the line of the next inserted row.</summary>
    public void Add(long line)
    {
        var last = _starts.Count - 1;
        if (last < 0 || _lines[last] + (Count - _starts[last]) != line)
        {
            _starts.Add(Count);
            _lines.Add(line);
        }

        Count++;
    }

    /// <summary>The line of the row inserted at <paramref name="index"/> (0-based).</summary>
    public long this[long index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var run = _starts.BinarySearch(index);
            run = run >= 0 ? run : ~run - 1;
            return _lines[run] + (index - _starts[run]);
        }
    }
}
