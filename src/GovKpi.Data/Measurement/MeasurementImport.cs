using System.Globalization;
using System.Text.Json;
using GovKpi.Core;
using GovKpi.Core.Measurement;
using GovKpi.Data.Caching;
using GovKpi.Data.Files;
using GovKpi.Data.Resources;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Data.Measurement;

/// <summary>
/// Writes a batch of operational records (CONTRACTS.md) into the database in one transaction:
/// a failure or a cancellation anywhere leaves the records as they were before the batch (only
/// a <see cref="ImportStatus.Failed"/> batch row says it was tried).
/// </summary>
/// <remarks>
/// <para>Idempotent. A dossier version with a stored dossier_id + updated_at and the same content is
/// unchanged; a newer updated_at becomes the current version (<c>dossiers</c>); an older one is kept
/// in <c>dossier_versions</c> as history; the same updated_at with different content is a conflict,
/// quarantined, and the stored version stays. Surveys, complaints and calendar days have no version
/// time: a later batch wins (a complaint is typically sent again once it is found upheld), and is
/// counted as replaced. Within one batch, a second row with the same key and different content is a
/// conflict with the first (named by its line), since nothing says which is newer: the first row
/// wins even when it found its content already stored, so importing the same file again changes
/// nothing (<see cref="StoredKeyRule"/>, applied the same way by both writers).</para>
/// <para>The stored KPI tallies (<c>kpi_aggregates</c>) change in the same transaction, so they always
/// agree with the records (<see cref="AggregateMaintenance"/>).</para>
/// <para>Invalid rows (as the boundary reported them) and conflicts go to <c>quarantined_rows</c> with
/// their location and raw fields, for HR to correct and re-submit.</para>
/// <para>Fast paths (docs/PERFORMANCE.md, Import): SQLite through prepared native statements on the
/// connection's handle, PostgreSQL through binary COPY into staging tables resolved with set-based
/// SQL. No EF change tracking on the rows.</para>
/// </remarks>
public sealed class MeasurementImport(GovKpiDbContext db, TimeProvider clock)
{
    /// <summary>Rows between two progress reports and cancellation checks.</summary>
    public const int ReportEvery = 10_000;

    /// <summary>Batches up to this size into empty tables are counted in memory as they stream by; larger ones spill to the database (<see cref="AggregateMaintenance.DefaultStreamedBytes"/>).</summary>
    internal long StreamedBytes { get; init; } = AggregateMaintenance.DefaultStreamedBytes;

    public async Task<ImportOutcome> RunAsync(MeasurementBatch batch, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var started = clock.GetUtcNow();
        var counts = new Dictionary<RecordKind, ImportCounts>();
        var problems = new List<ImportProblem>();
        var tracker = new ProgressTracker(batch.TotalBytes, progress);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            try
            {
                if (db.Database.IsSqlite())
                {
                    SqliteBatchWriter.PrepareConnection(db, batch, spills: batch.TotalBytes > StreamedBytes);
                }

                var timing = ImportTiming.Start();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await TakeImportLockAsync(ct);
                var aggregates = await AggregateMaintenance.BeginAsync(db, batch, StreamedBytes, ct);
                batch = aggregates.Batch;
                timing.Lap(aggregates.Streamed is null ? "batch examined" : "batch examined: into empty tables, KPI tallies counted as the rows stream by");
                await using (BatchWriter writer = db.Database.IsSqlite()
                    ? new SqliteBatchWriter(db, batch.Id, problems, tracker, aggregates.Streamed, ct)
                    : new PostgresBatchWriter(db, batch.Id, problems, tracker, aggregates.Streamed, ct))
                {
                    if (batch.Calendar is { } calendar)
                    {
                        counts[RecordKind.Calendar] = await writer.WriteAsync(RecordTables.Calendar, calendar, versioned: false);
                    }

                    if (batch.Dossiers is { } dossiers)
                    {
                        counts[RecordKind.Dossier] = await writer.WriteAsync(RecordTables.Dossiers, dossiers, versioned: true);
                    }

                    if (batch.Surveys is { } surveys)
                    {
                        counts[RecordKind.Survey] = await writer.WriteAsync(RecordTables.Surveys, surveys, versioned: false);
                    }

                    if (batch.Complaints is { } complaints)
                    {
                        counts[RecordKind.Complaint] = await writer.WriteAsync(RecordTables.Complaints, complaints, versioned: false);
                    }

                    await writer.FinishAsync();
                }

                timing.Lap("rows written");
                await aggregates.FinishAsync(ct);
                timing.Lap("KPI aggregates brought up to date");

                var record = BatchRow(batch, started, ImportStatus.Completed, counts, "");
                db.ImportBatches.Add(record);
                // The rows went in behind EF's back: their stamp moves in their transaction.
                CacheStamps.Touch(db, CacheArea.Measurement);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                timing.Lap("committed");
                tracker.Report(force: true);
                return new ImportOutcome(record, counts, problems);
            }
            catch (Exception e)
            {
                await RecordFailureAsync(batch, started, e);
                throw;
            }
        }
        finally
        {
            db.ChangeTracker.Clear();
            if (db.Database.IsSqlite())
            {
                SqliteBatchWriter.RestoreConnection(db);
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Measurement imports take turns across every node, for the length of their transaction. Two
    /// nodes writing the same records at once (the same batch sent through both, or two uploads of
    /// one file) would otherwise both find them new and the later commit would fail on the unique
    /// keys (a 500); waiting, the second reads what the first committed and finds its rows
    /// unchanged, as a re-sent batch does. SQLite needs nothing: it has one writer at a time.
    /// </summary>
    private async Task TakeImportLockAsync(CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }

        // Released by PostgreSQL when the transaction ends, whether committed, rolled back or cut.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ImportLockKey})", ct);
    }

    /// <summary>The advisory lock key of measurement imports ("GovKpiMI" in ASCII), one for the whole database.</summary>
    public const long ImportLockKey = 0x476F764B70694D49;

    /// <summary>The transaction is rolled back; a batch row in its own transaction says the import was tried and why it failed.</summary>
    private async Task RecordFailureAsync(MeasurementBatch batch, DateTimeOffset started, Exception failure)
    {
        db.ChangeTracker.Clear();
        try
        {
            var reason = failure is OperationCanceledException ? "cancelled" : failure.Message;
            db.ImportBatches.Add(BatchRow(batch, started, ImportStatus.Failed, new Dictionary<RecordKind, ImportCounts>(), reason));
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception secondary)
        {
            throw new AggregateException("The import failed, and so did recording the failure.", failure, secondary);
        }
    }

    private ImportBatch BatchRow(MeasurementBatch batch, DateTimeOffset started, ImportStatus status, Dictionary<RecordKind, ImportCounts> counts, string error)
    {
        var total = new ImportCounts();
        foreach (var c in counts.Values)
        {
            total.Add(c);
        }

        return new ImportBatch
        {
            Id = batch.Id, Source = batch.Source, FileName = Truncate(batch.FileNames, 400), ImportedBy = batch.ImportedBy,
            StartedAt = started, FinishedAt = clock.GetUtcNow(), Status = status, Error = error,
            Read = total.Read, Inserted = total.Inserted, Unchanged = total.Unchanged, Replaced = total.Replaced,
            Conflicts = total.Conflicts, Invalid = total.Invalid,
        };
    }

    private static string Truncate(string s, int length) => s.Length <= length ? s : s[..length];
}

/// <summary>Counts rows and reports progress every <see cref="MeasurementImport.ReportEvery"/> rows.</summary>
internal sealed class ProgressTracker(long totalBytes, IProgress<ImportProgress>? progress)
{
    private long _bytesOfFinishedFiles;
    private Func<long> _bytesOfCurrentFile = () => 0;
    private string _file = "";

    public long Rows { get; private set; }

    public void StartFile(string name, Func<long> bytesRead)
    {
        _file = name;
        _bytesOfCurrentFile = bytesRead;
    }

    public void EndFile(long fileBytes)
    {
        _bytesOfFinishedFiles += fileBytes;
        _bytesOfCurrentFile = () => 0;
    }

    /// <summary>Counts one row; true when it is time to report and check for cancellation.</summary>
    public bool Row() => ++Rows % MeasurementImport.ReportEvery == 0;

    public void Report(bool force = false)
    {
        if (progress is null)
        {
            return;
        }

        var bytes = force ? totalBytes : Math.Min(totalBytes, _bytesOfFinishedFiles + _bytesOfCurrentFile());
        progress.Report(new ImportProgress(Rows, bytes, totalBytes, _file));
    }
}

/// <summary>Writes rows of each kind for one provider, inside the import's transaction.</summary>
internal abstract class BatchWriter(Guid batchId, List<ImportProblem> problems, ProgressTracker progress, CancellationToken ct) : IAsyncDisposable
{
    protected Guid BatchId => batchId;
    protected ProgressTracker Progress => progress;
    protected CancellationToken Cancellation => ct;

    public abstract Task<ImportCounts> WriteAsync<T>(RecordTable<T> table, ImportFile<T> file, bool versioned) where T : class;

    /// <summary>Writes what was buffered (the quarantine, on PostgreSQL).</summary>
    public virtual Task FinishAsync() => Task.CompletedTask;

    public abstract ValueTask DisposeAsync();

    protected abstract void Store(QuarantinedRow row);

    /// <summary>An invalid row, with every problem of it in the reason.</summary>
    protected void Quarantine(RecordKind kind, RowError error) => Quarantine(kind, error.File, error.Line, error.Column,
        string.Join("; ", error.Problems.Select((p, i) => i == 0 ? p.Reason : $"{p.Column}: {p.Reason}")),
        error.RawRow.ToDictionary(p => p.Key, p => (string?)p.Value));

    protected void Quarantine(RecordKind kind, string file, long line, string column, string reason, IReadOnlyDictionary<string, string?> raw)
    {
        (file, column, reason) = (Visible(file), Visible(column), Visible(reason));
        if (problems.Count < ImportOutcome.ListedProblems)
        {
            problems.Add(new ImportProblem(kind, file, line, column, reason));
        }

        Store(new QuarantinedRow
        {
            BatchId = batchId, Kind = kind, File = file, Line = line, Column = column, Reason = reason,
            RawJson = JsonSerializer.Serialize(raw), Status = QuarantineStatus.Open,
        });
    }

    /// <summary>
    /// The text with its control characters written as <c>\u0000</c>: a reason quotes the value it
    /// refuses, and PostgreSQL's text holds no NUL (the whole batch would fail on it); the raw row
    /// keeps them, escaped by JSON.
    /// </summary>
    private static string Visible(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var visible = new System.Text.StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                visible.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                visible.Append(c);
            }
        }

        return visible.ToString();
    }

    protected void Tick()
    {
        if (progress.Row())
        {
            ct.ThrowIfCancellationRequested();
            progress.Report();
        }
    }

    protected static string ConflictWithStored(RecordKind kind, Guid storedBatch) =>
        DataText.Get(kind == RecordKind.Dossier ? "Import.ConflictWithStoredDossier" : "Import.ConflictWithStored", storedBatch);

    protected static string ConflictInBatch(RecordKind kind, long firstLine) =>
        DataText.Get(kind == RecordKind.Dossier ? "Import.ConflictInBatchDossier" : "Import.ConflictInBatch", firstLine);

    /// <summary>The contract text of a stored or record value, for the quarantine's raw fields.</summary>
    protected static string? ContractText(ColumnType type, object? value) => value switch
    {
        null => null,
        DateTimeOffset t => t.ToOffset(VietnamTime.Offset).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        long l when type == ColumnType.Time => ContractText(type, MeasurementModel.FromSqlite(l)),
        long l when type == ColumnType.Boolean => l != 0 ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    protected static Dictionary<string, string?> Raw<T>(RecordTable<T> table, T record) =>
        table.Columns.ToDictionary(c => c.Name, c => ContractText(c.Type, c.Value(record)));
}
