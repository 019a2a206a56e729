namespace GovKpi.Data.Files;

/// <summary>A record read from a CSV file and the physical line its row starts on (the header is line 1).</summary>
public readonly record struct Located<T>(T Record, long Line);

/// <summary>What is wrong with one field of a row (or, for a rule between fields, the field the rule is about).</summary>
public sealed record FieldProblem(string Column, string Reason);

/// <summary>
/// An invalid row: where it starts, every problem found in it (in the order of the file's
/// columns) and its raw field values by column name, so that an importer can show or store the
/// row as it was. A problem with the whole file (a missing required column, broken quoting) is
/// reported the same way, at the line where it was found.
/// </summary>
public sealed record RowError(string File, long Line, IReadOnlyList<FieldProblem> Problems, IReadOnlyDictionary<string, string> RawRow)
{
    /// <summary>The column of the first problem.</summary>
    public string Column => Problems[0].Column;

    public string Reason => Problems[0].Reason;

    /// <summary><c>file:line:column: reason</c>, the format of every located message of the command line.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Reason}";
}

/// <summary>Something read past rather than rejected, such as an unknown column.</summary>
public sealed record CsvWarning(string File, long Line, string Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: warning: {Message}";
}

/// <summary>
/// Collects what goes wrong while reading one contract file and decides whether reading goes
/// on. <c>stopAtFirstError: true</c> is for a batch computation that must not produce numbers
/// from invalid input; <c>false</c> is for an importer that keeps the valid rows and reports
/// every invalid one to <paramref name="onError"/> as it is found.
/// </summary>
/// <remarks>Not thread-safe: use one per file being read.</remarks>
public sealed class CsvDiagnostics(bool stopAtFirstError, Action<RowError>? onError = null, Action<CsvWarning>? onWarning = null)
{
    private readonly List<CsvWarning> _warnings = [];

    public bool StopAtFirstError => stopAtFirstError;

    /// <summary>The first invalid row or file-level problem, if any.</summary>
    public RowError? FirstError { get; private set; }

    public long ErrorCount { get; private set; }

    /// <summary>Warnings so far; a file gives at most a few (one per unknown column).</summary>
    public IReadOnlyList<CsvWarning> Warnings => _warnings;

    /// <summary>Whether the reader has stopped (or will stop) because of an error.</summary>
    public bool Stopped => stopAtFirstError && FirstError is not null;

    internal void Report(RowError error)
    {
        FirstError ??= error;
        ErrorCount++;
        onError?.Invoke(error);
    }

    internal void Warn(CsvWarning warning)
    {
        _warnings.Add(warning);
        onWarning?.Invoke(warning);
    }
}
