using GovKpi.Core.Measurement;
using GovKpi.Data.Files;

namespace GovKpi.Data.Measurement;

/// <summary>One row of an import source as the boundary parsed it: a record, or the located error.</summary>
public readonly record struct SourceRow<T>(long Line, T? Record, RowError? Error) where T : class
{
    public static SourceRow<T> Valid(long line, T record) => new(line, record, null);
    public static SourceRow<T> Invalid(RowError error) => new(error.Line, null, error);
}

/// <summary>
/// A parsed contract file (or JSON batch) to import: its name for locations, its rows in order,
/// and how far through its bytes the reader is, for progress.
/// </summary>
public sealed class ImportFile<T>(string name, IEnumerable<SourceRow<T>> rows, long totalBytes = 0, Func<long>? bytesRead = null) where T : class
{
    public string Name => name;
    public IEnumerable<SourceRow<T>> Rows => rows;
    public long TotalBytes => totalBytes;
    public long BytesRead => bytesRead?.Invoke() ?? 0;
}

/// <summary>What one import brings: any of the four contract files, landing together in one transaction.</summary>
public sealed record MeasurementBatch(ImportSource Source, string ImportedBy)
{
    /// <summary>Known before the import starts, so a page can follow its progress.</summary>
    public Guid Id { get; init; } = Guid.NewGuid();
    public ImportFile<DossierVersion>? Dossiers { get; init; }
    public ImportFile<SurveyResponse>? Surveys { get; init; }
    public ImportFile<Complaint>? Complaints { get; init; }
    public ImportFile<CalendarException>? Calendar { get; init; }

    public string FileNames => string.Join(", ", new[] { Dossiers?.Name, Surveys?.Name, Complaints?.Name, Calendar?.Name }.Where(n => n is not null));

    public long TotalBytes => (Dossiers?.TotalBytes ?? 0) + (Surveys?.TotalBytes ?? 0) + (Complaints?.TotalBytes ?? 0) + (Calendar?.TotalBytes ?? 0);
}

/// <summary>Where an import is: rows handled so far and bytes read of all its files.</summary>
public sealed record ImportProgress(long Rows, long BytesRead, long TotalBytes, string File);

/// <summary>The outcome of each row of one kind: <c>Read = Inserted + Unchanged + Conflicts + Invalid</c>.</summary>
public sealed record ImportCounts
{
    public long Read { get; set; }
    public long Inserted { get; set; }
    public long Unchanged { get; set; }
    /// <summary>Records whose current value changed: a newer dossier version became current, a survey, complaint or calendar day came again with new content.</summary>
    public long Replaced { get; set; }
    public long Conflicts { get; set; }
    public long Invalid { get; set; }

    public void Add(ImportCounts other)
    {
        Read += other.Read;
        Inserted += other.Inserted;
        Unchanged += other.Unchanged;
        Replaced += other.Replaced;
        Conflicts += other.Conflicts;
        Invalid += other.Invalid;
    }
}

/// <summary>A row that went to the quarantine, located: <c>file:line:column: reason</c>.</summary>
public sealed record ImportProblem(RecordKind Kind, string File, long Line, string Column, string Reason)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Reason}";
}

/// <summary>What an import did: its batch row (totals), counts per kind, and the first problems.</summary>
public sealed record ImportOutcome(ImportBatch Batch, IReadOnlyDictionary<RecordKind, ImportCounts> Counts, IReadOnlyList<ImportProblem> Problems)
{
    /// <summary>How many problems are listed at most; all of them are in the quarantine.</summary>
    public const int ListedProblems = 200;
}
