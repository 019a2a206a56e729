using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using GovKpi.Core.Measurement;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace GovKpi.Data.Measurement;

/// <summary>
/// SQLite: prepared native statements on the connection's handle (no ADO.NET parameter objects,
/// no EF), inside the import's transaction. The file is read and parsed on a second thread
/// (<see cref="RowPipeline"/>), which also encodes each row in SQLite's storage form
/// (<see cref="SqliteRowBlock{T}"/>), so that this thread only binds and steps
/// (<see cref="SqliteNative"/>), 32 rows per statement where it can (<see cref="TableLoad{T}"/>).
/// A dossier version is inserted unless its key is stored; only then is the stored row read and
/// compared. A new version is upserted into the current versions at once, replacing the current
/// one only when newer (so versions may come in any order); a bulk batch landing in empty tables
/// instead writes each dossier's current version once after its history (<see cref="CurrentVersionsLoad{T}"/>).
/// Beyond a few blocks of rows, no record is held in memory here (docs/PERFORMANCE.md, Import).
/// </summary>
internal sealed class SqliteBatchWriter : BatchWriter
{
    private readonly sqlite3 _handle;
    private readonly IntPtr _db;
    private readonly SqliteConnection _connection;
    private readonly string _batchText;
    private readonly List<sqlite3_stmt> _statements = [];
    private sqlite3_stmt? _quarantine;
    private readonly StreamedTallies? _landing;

    /// <param name="landing">The tallies of a batch landing in empty record tables, whose current dossier versions are known once its rows are read; null otherwise.</param>
    public SqliteBatchWriter(GovKpiDbContext db, Guid batchId, List<ImportProblem> problems, ProgressTracker progress, StreamedTallies? landing, CancellationToken ct)
        : base(batchId, problems, progress, ct)
    {
        _landing = landing;
        _connection = (SqliteConnection)db.Database.GetDbConnection();
        _handle = _connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        _db = SqliteNative.Pointer(_handle);
        // EF Core stores a Guid in SQLite as upper-case text.
        _batchText = batchId.ToString().ToUpperInvariant();
    }

    /// <summary>Batches from this many bytes of files on are loaded as bulk (about 90,000 dossier rows).</summary>
    public const long BulkBytes = 16 << 20;

    /// <summary>
    /// The page cache of a write: 256 MB, larger than SQLite's default (2 MB) so that the pages a
    /// batch keeps coming back to stay in memory, and bounded so that memory does not grow with
    /// the batch (issue 15: 1 GB let the cache of a 5-million-dossier load take a gigabyte; rows
    /// land in key order and the indexes are rebuilt from sorted data, so the cache needs little
    /// more than the right-hand edge of each B-tree).
    /// </summary>
    internal const int CacheKibibytes = 256 * 1024;

    /// <summary>
    /// Settings for a write, made before the transaction begins: a bounded page cache
    /// (<see cref="CacheKibibytes"/>); temporary tables and sorts in memory, except for a batch
    /// too large to count in memory (<paramref name="spills"/>, <see cref="AggregateMaintenance.DefaultStreamedBytes"/>).
    /// </summary>
    /// <remarks>
    /// <para>Journal. Normally WAL with synchronous=NORMAL: readers keep reading while a batch is
    /// written, a commit needs no fsync, and a crash (even a power loss) cannot corrupt the file
    /// or leave half a batch; it may lose the last commits before the power loss.</para>
    /// <para>A bulk batch (from <see cref="BulkBytes"/>) is written in rollback-journal mode with
    /// synchronous=FULL when the connection is the only one on the file (SQLite refuses to leave
    /// WAL otherwise, and the batch then runs in WAL). Committing hundreds of megabytes through the
    /// WAL writes every page twice (WAL, then the checkpoint) and took 4.4 s of the commit
    /// alone for a million dossiers; the rollback journal writes each new page once, and holds
    /// only the original content of the pages the batch changes, which is little for a load into
    /// a new or small database (docs/PERFORMANCE.md, Import). It is as safe: the journal is
    /// synced before the file is changed and a crash or power loss at any moment rolls the batch
    /// back on the next open. <see cref="RestoreConnection"/> goes back to WAL after the batch.</para>
    /// </remarks>
    public static void PrepareConnection(GovKpiDbContext db, MeasurementBatch batch, bool spills)
    {
        var handle = ((SqliteConnection)db.Database.GetDbConnection()).Handle!;
        var rollbackJournal = batch.TotalBytes >= BulkBytes && TrySetJournal(handle, "delete");
        if (!rollbackJournal)
        {
            TrySetJournal(handle, "wal");
        }

        // Sorts beyond the page cache (the indexes rebuilt after a load of millions of rows) go to
        // temporary files rather than to memory, which would grow with the batch (issue 15).
        var tempStore = spills ? "temp_store=DEFAULT" : "temp_store=MEMORY";
        foreach (var pragma in new[] { rollbackJournal ? "synchronous=FULL" : "synchronous=NORMAL", $"cache_size=-{CacheKibibytes}", tempStore })
        {
            Pragma(handle, pragma);
        }

        ImportTiming.Start().Note(rollbackJournal ? "SQLite: bulk batch, rollback journal, synchronous=FULL" : "SQLite: WAL, synchronous=NORMAL");
    }

    /// <summary>Back to WAL after a batch written with the rollback journal; when another connection has come meanwhile, the next import does it.</summary>
    public static void RestoreConnection(GovKpiDbContext db)
    {
        if (((SqliteConnection)db.Database.GetDbConnection()).Handle is not { } handle)
        {
            return;
        }

        try
        {
            if (Pragma(handle, "journal_mode") != "wal" && TrySetJournal(handle, "wal"))
            {
                Pragma(handle, "synchronous=NORMAL");
            }
        }
        catch (SqliteException)
        {
            // The connection is failing anyway; the next import sets the journal again.
        }
    }

    /// <summary>
    /// Switches the journal mode; false when SQLite keeps the current one, as it does (SQLITE_BUSY,
    /// at once: Microsoft.Data.Sqlite sets no busy timeout) while another connection has the file
    /// open, to leave or enter WAL.
    /// </summary>
    private static bool TrySetJournal(sqlite3 handle, string mode)
    {
        try
        {
            return Pragma(handle, "journal_mode=" + mode) == mode;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is raw.SQLITE_BUSY or raw.SQLITE_LOCKED)
        {
            return false;
        }
    }

    /// <summary>Runs a PRAGMA; its first result as text, if any.</summary>
    private static string? Pragma(sqlite3 handle, string pragma)
    {
        var rc = raw.sqlite3_prepare_v2(handle, "PRAGMA " + pragma, out var statement);
        using (statement)
        {
            if (rc == raw.SQLITE_OK)
            {
                rc = raw.sqlite3_step(statement);
                if (rc == raw.SQLITE_ROW)
                {
                    return raw.sqlite3_column_text(statement, 0).utf8_to_string();
                }
            }

            if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE))
            {
                throw new SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(handle).utf8_to_string()}", rc);
            }

            return null;
        }
    }

    /// <summary>Rows per multi-row statement (<see cref="TableLoad{T}"/>).</summary>
    private const int Chunk = 32;

    public override Task<ImportCounts> WriteAsync<T>(RecordTable<T> table, ImportFile<T> file, bool versioned)
    {
        var timer = ImportTiming.Start();
        var current = MeasurementModel.CurrentDossiersTable;
        long currentBefore = 0;
        List<(string Name, string Sql)> indexes = [];
        IEnumerable<SourceRow<T>>? currentVersions = null;
        if (versioned)
        {
            currentBefore = Scalar($"SELECT count(*) FROM {current}");
            // Bulk load: when the file holds about as many dossiers as are stored, building the
            // secondary indexes of the current versions afresh from sorted data is faster than
            // updating them row by row. Their definitions are taken from the schema itself and
            // restored in the same transaction, so the schema the migrations made is what remains.
            var estimatedRows = file.TotalBytes / ApproximateDossierRowBytes;
            if (estimatedRows >= BulkRows && estimatedRows >= currentBefore)
            {
                indexes = SecondaryIndexes(current);
                foreach (var (name, _) in indexes)
                {
                    Execute($"DROP INDEX \"{name}\"");
                }

                // A batch landing in empty tables knows its current versions once its rows are read
                // (counted as they stream by, StreamedTallies): each dossier is then written once.
                if (_landing is { } landing && currentBefore == 0 && Scalar($"SELECT count(*) FROM (SELECT 1 FROM {table.Name} LIMIT 1)") == 0)
                {
                    currentVersions = ((IEnumerable<T>)landing.CurrentDossiers).Select(v => SourceRow<T>.Valid(0, v));
                }
            }
        }

        var load = new TableLoad<T>(this, table, file.Name, versioned, upsertCurrent: versioned && currentVersions is null);
        Progress.StartFile(file.Name, () => file.BytesRead);
        RowPipeline.Run(file.Rows, () => new SqliteRowBlock<T>(table.Columns), load.Write, Cancellation, timer);
        load.Finish();
        Progress.EndFile(file.TotalBytes);
        var counts = load.Counts;
        timer.Lap($"{table.Name}: {counts.Read} rows read and written");
        if (versioned)
        {
            var currentChanges = load.CurrentChanges;
            if (currentVersions is not null)
            {
                var currentLoad = new CurrentVersionsLoad<T>(this, table);
                RowPipeline.Run(currentVersions, () => new SqliteRowBlock<T>(table.Columns), currentLoad.Write, Cancellation, timer);
                currentChanges = currentLoad.Finish(_landing!.CurrentDossiers.Count);
                timer.Lap($"{current}: {currentChanges} current versions inserted");
            }

            foreach (var (_, sql) in indexes)
            {
                Execute(sql);
            }

            if (indexes.Count > 0)
            {
                timer.Lap($"{current}: {indexes.Count} indexes rebuilt");
            }

            // Current versions written by this batch are new dossiers or replacements of a current
            // version stored before it (a dossier new in the batch replaces nothing, however many
            // versions it brings).
            var added = Scalar($"SELECT count(*) FROM {current}") - currentBefore;
            // Into an empty table every current version is this batch's (a scan of a million rows saved).
            var written = currentChanges == 0 ? 0
                : currentBefore == 0 ? added
                : Scalar($"SELECT count(*) FROM {current} WHERE batch_id = '{_batchText}'");
            counts.Replaced = written - added;
            timer.Lap($"{current}: counted");
        }

        return Task.FromResult(counts);
    }

    /// <summary>
    /// Writes the rows of one file into one record table. Runs of <see cref="Chunk"/> valid rows go
    /// in one multi-row <c>INSERT OR IGNORE</c> (a single-row statement costs about 1.7 µs of
    /// setup on top of its B-tree work, measured; OR IGNORE rather than ON CONFLICT DO NOTHING,
    /// so that SQLite needs no statement journal for a multi-row statement, since no constraint
    /// can abort it). When all rows of the run were inserted, which is the usual case, their new
    /// versions are made current with one multi-row upsert. Otherwise each row of the run is
    /// looked up: the first row of its key in the run whose stored row is newer than the run (by
    /// rowid; these are rowid tables) was inserted; any other is a repeat, a conflict or (for
    /// records without versions) a replacement, exactly as one row at a time. Shorter runs
    /// (around invalid rows, at the end of a block) go one row at a time.
    /// </summary>
    private sealed class TableLoad<T> where T : class
    {
        private readonly SqliteBatchWriter _writer;
        private readonly RecordTable<T> _table;
        private readonly string _file;
        private readonly bool _versioned;
        private readonly bool _upsertCurrent;
        private readonly int _width;
        private readonly IntPtr _insert, _insertChunk, _select, _update, _current, _currentChunk;
        private readonly sqlite3_stmt _selectStatement;
        private readonly object?[] _values, _stored;
        private long _lastRowid;
        // The largest rowid before this load; rows it inserts get the rowids after it, one by one.
        private readonly long _firstRowid;
        // The line of each row this load inserted, by rowid − _firstRowid − 1: the line a later row
        // of the same key is in conflict with.
        private readonly InsertedLines _insertedLines = new();
        // Keys of this batch whose first row met a row stored before it (a repeat, a replacement
        // or a conflict), with that row's line, in a temporary table made at the first such row:
        // a fresh load never makes it.
        private IntPtr _seenInsert, _seenSelect;
        private sqlite3_stmt? _seenSelectStatement;

        /// <param name="upsertCurrent">Whether each inserted version is made current at once (otherwise the caller loads the current versions).</param>
        public TableLoad(SqliteBatchWriter writer, RecordTable<T> table, string file, bool versioned, bool upsertCurrent)
        {
            (_writer, _table, _file, _versioned, _upsertCurrent, _width) = (writer, table, file, versioned, upsertCurrent, table.Columns.Count);
            var names = string.Join(", ", table.Columns.Select(c => c.Name));
            var keyMatch = string.Join(" AND ", table.Keys.Select((c, i) => $"{c.Name} = ?{i + 1}"));
            // The batch id is a GUID: written into the statements as a literal rather than bound to each row.
            var batch = $"'{writer._batchText}'";
            string Values(int rows) => string.Join(", ", Enumerable.Range(0, rows).Select(r =>
                $"({string.Join(", ", Enumerable.Range(0, _width).Select(c => $"?{r * _width + c + 1}"))}, {batch})"));
            _insert = Native($"INSERT OR IGNORE INTO {table.Name} ({names}, batch_id) VALUES {Values(1)}");
            _insertChunk = Native($"INSERT OR IGNORE INTO {table.Name} ({names}, batch_id) VALUES {Values(Chunk)}");
            _selectStatement = writer.Prepare($"SELECT {names}, batch_id, rowid FROM {table.Name} WHERE {keyMatch}");
            _select = SqliteNative.Pointer(_selectStatement);
            _update = Native(
                $"UPDATE {table.Name} SET {string.Join(", ", table.Values.Select((c, i) => $"{c.Name} = ?{table.KeyCount + i + 1}"))}, batch_id = {batch} WHERE {keyMatch}");
            if (upsertCurrent)
            {
                // A new version becomes current when it is newer than the current one (so versions may come in any order).
                var current = MeasurementModel.CurrentDossiersTable;
                var upsert = $"ON CONFLICT (dossier_id) DO UPDATE SET {string.Join(", ", table.Columns.Skip(1).Select(c => $"{c.Name} = excluded.{c.Name}"))}, " +
                    $"batch_id = excluded.batch_id WHERE excluded.updated_at > {current}.updated_at";
                _current = Native($"INSERT OR IGNORE INTO {current} ({names}, batch_id) VALUES {Values(1)} {upsert}");
                _currentChunk = Native($"INSERT OR IGNORE INTO {current} ({names}, batch_id) VALUES {Values(Chunk)} {upsert}");
            }

            _values = new object?[_width];
            _stored = new object?[_width];
            // Rows this load inserts get rowids above the largest stored one (rowid tables without AUTOINCREMENT).
            _lastRowid = writer.Scalar($"SELECT coalesce(max(rowid), 0) FROM {table.Name}");
            _firstRowid = _lastRowid;
        }

        private const string Seen = "temp.import_seen_keys";

        /// <summary>Drops the table of keys seen, if this load made it.</summary>
        public void Finish()
        {
            if (_seenSelectStatement is not null)
            {
                _writer.Execute($"DROP TABLE {Seen}");
            }
        }

        /// <summary>Notes the line of a row inserted with rowid <paramref name="rowid"/>.</summary>
        private void Landed(long rowid, long line)
        {
            _insertedLines.Add(line);
            if (rowid != _firstRowid + _insertedLines.Count)
            {
                throw new InvalidOperationException($"{_table.Name}: row {rowid} inserted where {_firstRowid + _insertedLines.Count} was expected.");
            }
        }

        /// <summary>The line of the earlier row of this batch with the key of row <paramref name="r"/>, whose stored row has <paramref name="storedRowid"/>; null when it is the first.</summary>
        private long? EarlierLine(SqliteRowBlock<T> block, int r, long storedRowid)
        {
            if (storedRowid > _firstRowid)
            {
                return _insertedLines[storedRowid - _firstRowid - 1];
            }

            if (_seenSelectStatement is null)
            {
                return null;
            }

            _writer.Check(block.Bind(_seenSelect, r, _table.KeyCount));
            long? line = raw.sqlite3_step(_seenSelectStatement) == raw.SQLITE_ROW ? raw.sqlite3_column_int64(_seenSelectStatement, 0) : null;
            raw.sqlite3_reset(_seenSelectStatement);
            return line;
        }

        /// <summary>Notes that the first row of its key in this batch, row <paramref name="r"/>, met a row stored before the batch.</summary>
        private void See(SqliteRowBlock<T> block, int r)
        {
            if (_seenSelectStatement is null)
            {
                var keys = _table.Keys.Select(c => c.Name).ToList();
                _writer.Execute($"DROP TABLE IF EXISTS {Seen}");
                _writer.Execute($"CREATE TABLE {Seen} ({string.Join(", ", keys)}, line INTEGER NOT NULL, PRIMARY KEY ({string.Join(", ", keys)})) WITHOUT ROWID");
                _seenInsert = Native($"INSERT INTO {Seen} ({string.Join(", ", keys)}, line) VALUES ({string.Join(", ", keys.Select((_, i) => $"?{i + 1}"))}, ?{keys.Count + 1})");
                _seenSelectStatement = _writer.Prepare($"SELECT line FROM {Seen} WHERE {string.Join(" AND ", keys.Select((c, i) => $"{c} = ?{i + 1}"))}");
                _seenSelect = SqliteNative.Pointer(_seenSelectStatement);
            }

            _writer.Check(block.Bind(_seenInsert, r, _table.KeyCount));
            _writer.Check(SqliteNative.BindInt64(_seenInsert, _table.KeyCount + 1, block[r].Line));
            _writer.CheckDone(SqliteNative.Execute(_seenInsert));
        }

        public ImportCounts Counts { get; } = new();

        /// <summary>Rows of the current versions inserted or updated (an upper bound of the dossiers whose current version this batch wrote).</summary>
        public long CurrentChanges { get; private set; }

        private IntPtr Native(string sql) => SqliteNative.Pointer(_writer.Prepare(sql));

        public void Write(SqliteRowBlock<T> block)
        {
            var r = 0;
            while (r < block.Count)
            {
                var run = 0;
                while (run < Chunk && r + run < block.Count && block[r + run].Record is not null)
                {
                    run++;
                }

                if (run == Chunk)
                {
                    WriteChunk(block, r);
                    r += Chunk;
                }
                else
                {
                    WriteRow(block, r);
                    r++;
                }
            }
        }

        private void WriteChunk(SqliteRowBlock<T> block, int first)
        {
            for (var i = 0; i < Chunk; i++)
            {
                Counts.Read++;
                _writer.Tick();
            }

            for (var i = 0; i < Chunk; i++)
            {
                _writer.Check(block.Bind(_insertChunk, first + i, _width, i * _width + 1));
            }

            var before = _lastRowid;
            _writer.CheckDone(SqliteNative.Execute(_insertChunk));
            var inserted = SqliteNative.Changes(_writer._db);
            if (inserted > 0)
            {
                _lastRowid = SqliteNative.LastInsertRowid(_writer._db);
            }

            if (inserted == Chunk)
            {
                Counts.Inserted += Chunk;
                for (var i = 0; i < Chunk; i++)
                {
                    Landed(before + i + 1, block[first + i].Line);
                }

                if (_upsertCurrent)
                {
                    for (var i = 0; i < Chunk; i++)
                    {
                        _writer.Check(block.Bind(_currentChunk, first + i, _width, i * _width + 1));
                    }

                    _writer.CheckDone(SqliteNative.Execute(_currentChunk));
                    CurrentChanges += SqliteNative.Changes(_writer._db);
                }

                return;
            }

            for (var i = 0; i < Chunk; i++)
            {
                Classify(block, first + i, first, before);
            }
        }

        private void WriteRow(SqliteRowBlock<T> block, int r)
        {
            Counts.Read++;
            _writer.Tick();
            ref readonly var row = ref block[r];
            if (row.Record is null)
            {
                Counts.Invalid++;
                _writer.Quarantine(_table.Kind, row.Error!);
                return;
            }

            _writer.Check(block.Bind(_insert, r, _width));
            _writer.CheckDone(SqliteNative.Execute(_insert));
            if (SqliteNative.Changes(_writer._db) == 1)
            {
                _lastRowid = SqliteNative.LastInsertRowid(_writer._db);
                Landed(_lastRowid, row.Line);
                Inserted(block, r);
                return;
            }

            // Not inserted: whatever is stored was there before this row.
            Classify(block, r, r, long.MaxValue);
        }

        private void Inserted(SqliteRowBlock<T> block, int r)
        {
            Counts.Inserted++;
            if (_upsertCurrent)
            {
                _writer.Check(block.Bind(_current, r, _width));
                _writer.CheckDone(SqliteNative.Execute(_current));
                CurrentChanges += SqliteNative.Changes(_writer._db);
            }
        }

        /// <summary>
        /// The outcome of row <paramref name="r"/>, whose key is stored: inserted by the statement
        /// of its run (rows from <paramref name="first"/>) when it is the run's first row of that key
        /// and the stored row came after <paramref name="before"/>; otherwise the same content is a
        /// repeat, different content a conflict or, for records without versions, a replacement.
        /// </summary>
        private void Classify(SqliteRowBlock<T> block, int r, int first, long before)
        {
            _writer.Check(block.Bind(_select, r, _table.KeyCount));
            var select = _selectStatement;
            if (raw.sqlite3_step(select) != raw.SQLITE_ROW)
            {
                raw.sqlite3_reset(select);
                throw new InvalidOperationException($"{_table.Name}: a row was neither inserted nor found ({_writer.Error()}).");
            }

            for (var i = 0; i < _width; i++)
            {
                _stored[i] = Column(select, i);
            }

            var storedBatch = raw.sqlite3_column_text(select, _width).utf8_to_string();
            var storedRowid = raw.sqlite3_column_int64(select, _width + 1);
            raw.sqlite3_reset(select);

            var firstOfKey = true;
            for (var j = first; j < r && firstOfKey; j++)
            {
                firstOfKey = !block.SameKey(j, r, _table.KeyCount);
            }

            var line = block[r].Line;
            if (firstOfKey && storedRowid > before)
            {
                Landed(storedRowid, line);
                Inserted(block, r);
                return;
            }

            block.Values(r, _values);
            var earlier = EarlierLine(block, r, storedRowid);
            if (earlier is null)
            {
                See(block, r);
            }

            switch (StoredKeyRule.Decide(_values.AsSpan().SequenceEqual(_stored), earlier is not null, _versioned))
            {
                case StoredKeyOutcome.Unchanged:
                    Counts.Unchanged++;
                    break;
                case StoredKeyOutcome.ConflictInBatch:
                    Counts.Conflicts++;
                    _writer.Quarantine(_table.Kind, _file, line, "", ConflictInBatch(_table.Kind, earlier!.Value), Raw(_table, block[r].Record!));
                    break;
                case StoredKeyOutcome.ConflictWithStored:
                    Counts.Conflicts++;
                    _writer.Quarantine(_table.Kind, _file, line, "", ConflictWithStored(_table.Kind, Guid.Parse(storedBatch)), Raw(_table, block[r].Record!));
                    break;
                case StoredKeyOutcome.Replaces:
                    _writer.Check(block.Bind(_update, r, _width));
                    _writer.CheckDone(SqliteNative.Execute(_update));
                    Counts.Replaced++;
                    Counts.Inserted++;
                    break;
            }
        }
    }

    /// <summary>
    /// Inserts the current versions of a batch into the empty <c>dossiers</c>, 32 per statement,
    /// once its history is written. Rather than upserting each version as it comes (2.7 – 2.9 s
    /// of the writing thread for a million dossiers, more than the history: a multi-row upsert may
    /// fail halfway, so SQLite keeps a statement journal of every page it touches, and a replaced
    /// version is written twice), each dossier is written once (1.4 – 2.0 s; docs/PERFORMANCE.md, Import).
    /// </summary>
    private sealed class CurrentVersionsLoad<T> where T : class
    {
        private readonly SqliteBatchWriter _writer;
        private readonly int _width;
        private readonly IntPtr _insert, _insertChunk;
        private long _inserted;

        public CurrentVersionsLoad(SqliteBatchWriter writer, RecordTable<T> table)
        {
            (_writer, _width) = (writer, table.Columns.Count);
            var names = string.Join(", ", table.Columns.Select(c => c.Name));
            string Values(int rows) => string.Join(", ", Enumerable.Range(0, rows).Select(r =>
                $"({string.Join(", ", Enumerable.Range(0, _width).Select(c => $"?{r * _width + c + 1}"))}, '{writer._batchText}')"));
            var current = MeasurementModel.CurrentDossiersTable;
            _insert = SqliteNative.Pointer(writer.Prepare($"INSERT OR IGNORE INTO {current} ({names}, batch_id) VALUES {Values(1)}"));
            _insertChunk = SqliteNative.Pointer(writer.Prepare($"INSERT OR IGNORE INTO {current} ({names}, batch_id) VALUES {Values(Chunk)}"));
        }

        public void Write(SqliteRowBlock<T> block)
        {
            var r = 0;
            for (; r + Chunk <= block.Count; r += Chunk)
            {
                for (var i = 0; i < Chunk; i++)
                {
                    _writer.Check(block.Bind(_insertChunk, r + i, _width, i * _width + 1));
                }

                _writer.CheckDone(SqliteNative.Execute(_insertChunk));
                _inserted += SqliteNative.Changes(_writer._db);
            }

            for (; r < block.Count; r++)
            {
                _writer.Check(block.Bind(_insert, r, _width));
                _writer.CheckDone(SqliteNative.Execute(_insert));
                _inserted += SqliteNative.Changes(_writer._db);
            }
        }

        /// <summary>The rows inserted, which must be every one of the <paramref name="expected"/> versions (one per dossier, into an empty table).</summary>
        public long Finish(long expected) => _inserted == expected
            ? _inserted
            : throw new InvalidOperationException($"{expected} current versions to insert into an empty table, {_inserted} inserted.");
    }

    /// <summary>About the size of a dossiers.csv row (177 bytes in the demo files), to estimate rows from bytes.</summary>
    private const int ApproximateDossierRowBytes = 180;

    /// <summary>Files from this many rows on may rebuild the indexes of the current dossiers.</summary>
    private const int BulkRows = 100_000;

    private List<(string Name, string Sql)> SecondaryIndexes(string table)
    {
        var list = new List<(string, string)>();
        var statement = Prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL");
        raw.sqlite3_bind_text(statement, 1, table);
        while (raw.sqlite3_step(statement) == raw.SQLITE_ROW)
        {
            list.Add((raw.sqlite3_column_text(statement, 0).utf8_to_string(), raw.sqlite3_column_text(statement, 1).utf8_to_string()));
        }

        raw.sqlite3_reset(statement);
        return list;
    }

    protected override void Store(QuarantinedRow row)
    {
        _quarantine ??= Prepare(
            "INSERT INTO quarantined_rows (BatchId, Kind, File, Line, \"Column\", Reason, RawJson, Status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        raw.sqlite3_bind_text(_quarantine, 1, _batchText);
        raw.sqlite3_bind_text(_quarantine, 2, row.Kind.ToString());
        raw.sqlite3_bind_text(_quarantine, 3, row.File);
        raw.sqlite3_bind_int64(_quarantine, 4, row.Line);
        raw.sqlite3_bind_text(_quarantine, 5, row.Column);
        raw.sqlite3_bind_text(_quarantine, 6, row.Reason);
        raw.sqlite3_bind_text(_quarantine, 7, row.RawJson);
        raw.sqlite3_bind_text(_quarantine, 8, row.Status.ToString());
        Step(_quarantine);
    }

    private static object? Column(sqlite3_stmt statement, int index) => raw.sqlite3_column_type(statement, index) switch
    {
        raw.SQLITE_NULL => null,
        raw.SQLITE_INTEGER => raw.sqlite3_column_int64(statement, index),
        _ => raw.sqlite3_column_text(statement, index).utf8_to_string(),
    };

    private sqlite3_stmt Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v2(_handle, sql, out var statement));
        _statements.Add(statement);
        return statement;
    }

    private void Step(sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            throw new SqliteException($"SQLite error {rc}: {Error()}", rc);
        }
    }

    private void CheckDone(int rc)
    {
        if (rc != raw.SQLITE_DONE)
        {
            throw new SqliteException($"SQLite error {rc}: {Error()}", rc);
        }
    }

    private void Execute(string sql)
    {
        Check(raw.sqlite3_exec(_handle, sql));
    }

    private long Scalar(string sql)
    {
        var statement = Prepare(sql);
        if (raw.sqlite3_step(statement) != raw.SQLITE_ROW)
        {
            throw new SqliteException($"SQLite error: {Error()}", raw.sqlite3_errcode(_handle));
        }

        var value = raw.sqlite3_column_int64(statement, 0);
        raw.sqlite3_reset(statement);
        return value;
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite error {rc}: {Error()}", rc);
        }
    }

    private string Error() => raw.sqlite3_errmsg(_handle).utf8_to_string();

    public override ValueTask DisposeAsync()
    {
        foreach (var statement in _statements)
        {
            statement.Dispose();
        }

        _statements.Clear();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// A block of rows with their values already in SQLite's storage form, encoded on the reading
/// thread: integers (times as microseconds, booleans as 0/1) and UTF-8 text in one pinned buffer,
/// so that binding a row on the writing thread neither allocates nor copies (SQLITE_STATIC).
/// </summary>
internal sealed class SqliteRowBlock<T>(IReadOnlyList<TableColumn<T>> columns) : RowBlock<T>(Capacity) where T : class
{
    private const int Capacity = 1024;
    private readonly int _width = columns.Count;
    private readonly bool[] _isText = [.. columns.Select(c => c.Text is not null)];
    private readonly long[] _numbers = new long[Capacity * columns.Count];
    private readonly int[] _starts = new int[Capacity * columns.Count];
    // -1: NULL; otherwise the length of the text (0 for a number).
    private readonly int[] _lengths = new int[Capacity * columns.Count];
    // Pinned: SQLite keeps pointers into it from a bind until the statement is reset.
    private byte[] _text = GC.AllocateUninitializedArray<byte>(Capacity * 192, pinned: true);
    private int _textLength;

    protected override void Prepare(int index, long line, T record)
    {
        var cell = index * _width;
        for (var c = 0; c < _width; c++, cell++)
        {
            var column = columns[c];
            if (column.Text is { } text)
            {
                if (text(record) is not { } s)
                {
                    _lengths[cell] = -1;
                    continue;
                }

                var most = Encoding.UTF8.GetMaxByteCount(s.Length);
                if (_textLength + most > _text.Length)
                {
                    // Only between blocks is the buffer free of bound pointers; a block is encoded before it is written.
                    var larger = GC.AllocateUninitializedArray<byte>(Math.Max(2 * _text.Length, _textLength + most), pinned: true);
                    _text.AsSpan(0, _textLength).CopyTo(larger);
                    _text = larger;
                }

                var length = Encoding.UTF8.GetBytes(s, _text.AsSpan(_textLength));
                _starts[cell] = _textLength;
                _lengths[cell] = length;
                _textLength += length;
            }
            else if (column.Number!(record) is { } number)
            {
                _numbers[cell] = number;
                _lengths[cell] = 0;
            }
            else
            {
                _lengths[cell] = -1;
            }
        }
    }

    public override void Clear()
    {
        base.Clear();
        _textLength = 0;
    }

    /// <summary>
    /// Binds the first <paramref name="count"/> values of row <paramref name="index"/> to parameters
    /// 1…count of a native statement. The text stays in this block: bind, step and reset the
    /// statement before the block is cleared.
    /// </summary>
    public int Bind(IntPtr statement, int index, int count, int firstParameter = 1)
    {
        var cell = index * _width;
        ref var text = ref MemoryMarshal.GetArrayDataReference(_text);
        for (var c = 0; c < count; c++, cell++)
        {
            var length = _lengths[cell];
            var parameter = firstParameter + c;
            var rc = length < 0 ? SqliteNative.BindNull(statement, parameter)
                : !_isText[c] ? SqliteNative.BindInt64(statement, parameter, _numbers[cell])
                // An empty text still points into the buffer: a null pointer would bind NULL.
                : SqliteNative.BindPinnedText(statement, parameter, ref Unsafe.Add(ref text, length == 0 ? 0 : _starts[cell]), length);
            if (rc != raw.SQLITE_OK)
            {
                return rc;
            }
        }

        return raw.SQLITE_OK;
    }

    /// <summary>Whether rows <paramref name="a"/> and <paramref name="b"/> have the same values in their first <paramref name="keyColumns"/> columns (keys are never NULL).</summary>
    public bool SameKey(int a, int b, int keyColumns)
    {
        for (var c = 0; c < keyColumns; c++)
        {
            int cellA = a * _width + c, cellB = b * _width + c;
            var same = _lengths[cellA] == _lengths[cellB] && _lengths[cellA] >= 0 && (_isText[c]
                ? _text.AsSpan(_starts[cellA], _lengths[cellA]).SequenceEqual(_text.AsSpan(_starts[cellB], _lengths[cellB]))
                : _numbers[cellA] == _numbers[cellB]);
            if (!same)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The values of row <paramref name="index"/> as SQLite reads them back (long, string or null), to compare with a stored row.</summary>
    public void Values(int index, object?[] values)
    {
        var cell = index * _width;
        for (var c = 0; c < _width; c++, cell++)
        {
            var length = _lengths[cell];
            values[c] = length < 0 ? null
                : !_isText[c] ? _numbers[cell]
                : Encoding.UTF8.GetString(_text, _starts[cell], length);
        }
    }
}
