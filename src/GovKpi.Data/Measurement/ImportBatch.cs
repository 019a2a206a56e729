namespace GovKpi.Data.Measurement;

/// <summary>How a batch of operational records reached GovKpi.</summary>
public enum ImportSource
{
    /// <summary><c>govkpi import</c>.</summary>
    Cli,
    /// <summary>A CSV or .xlsx file uploaded on <c>/measurement/import</c>.</summary>
    Upload,
    /// <summary>A JSON batch pushed to <c>/api/measurement/…</c> by the one-stop system.</summary>
    Api,
    /// <summary>The demo province's generated records, loaded on the first run of a demo install.</summary>
    Demo,
    /// <summary>Rows corrected in the quarantine and submitted again.</summary>
    Quarantine,
    /// <summary>A response given by a citizen on the public survey page (<c>/survey</c>).</summary>
    SurveyPage,
}

public enum ImportStatus
{
    /// <summary>Everything valid landed in one transaction (invalid rows, if any, are in the quarantine).</summary>
    Completed,
    /// <summary>The transaction was rolled back: no record of the batch landed.</summary>
    Failed,
}

/// <summary>
/// One import: a set of files or a JSON batch written in one transaction. Every row read has
/// exactly one outcome, so <c>Read = Inserted + Unchanged + Conflicts + Invalid</c>;
/// <see cref="Replaced"/> counts the records whose current value changed (a dossier whose newer
/// version became current, a survey or complaint sent again with new content).
/// </summary>
public sealed class ImportBatch
{
    public Guid Id { get; set; }
    public ImportSource Source { get; set; }
    /// <summary>The files of the batch (<c>dossiers.csv, surveys.csv</c>) or the API route.</summary>
    public required string FileName { get; set; }
    public required string ImportedBy { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
    public ImportStatus Status { get; set; }
    public long Read { get; set; }
    public long Inserted { get; set; }
    public long Unchanged { get; set; }
    public long Replaced { get; set; }
    public long Conflicts { get; set; }
    public long Invalid { get; set; }
    /// <summary>Why a failed batch failed; empty otherwise.</summary>
    public string Error { get; set; } = "";
}

public enum QuarantineStatus
{
    Open,
    /// <summary>Corrected and submitted again; it landed in <see cref="QuarantinedRow.ResolvedBatchId"/>.</summary>
    Resubmitted,
    Discarded,
}

/// <summary>The contract file a row belongs to.</summary>
public enum RecordKind
{
    Dossier,
    Survey,
    Complaint,
    Calendar,
}

/// <summary>
/// A row that did not land: invalid (a field failed the contract) or in conflict with a stored
/// version. Kept with its location and its raw fields so HR can correct and re-submit it.
/// </summary>
public sealed class QuarantinedRow
{
    public long Id { get; set; }
    public Guid BatchId { get; set; }
    public RecordKind Kind { get; set; }
    /// <summary>File name, or <c>api</c> for a JSON batch.</summary>
    public required string File { get; set; }
    /// <summary>Line in the file (header = 1), or the index in a JSON batch.</summary>
    public long Line { get; set; }
    /// <summary>The offending column, or empty when the row as a whole is at fault (a conflict).</summary>
    public required string Column { get; set; }
    public required string Reason { get; set; }
    /// <summary>The row's fields as read, column name → text, as a JSON object.</summary>
    public required string RawJson { get; set; }
    public QuarantineStatus Status { get; set; }
    public string? ResolvedBy { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public Guid? ResolvedBatchId { get; set; }
}
