using System.Buffers.Binary;
using System.Text;
using GovKpi.Core.Measurement;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace GovKpi.Data.Measurement;

/// <summary>
/// PostgreSQL: the rows of a file go by binary COPY into a temporary staging table, then a few
/// set-based statements classify every staged row (inserted, unchanged, replaced, conflict), insert
/// and update the record tables, and make the latest versions current. Invalid rows are buffered
/// and copied into the quarantine at the end (one COPY at a time on a connection).
/// </summary>
/// <remarks>
/// <para>The file is read and parsed on a second thread (<see cref="RowPipeline"/>), which also
/// encodes each row in PostgreSQL's binary COPY format (<see cref="PostgresRowBlock{T}"/>); this
/// thread only sends the bytes (raw binary COPY), so the server can work at the same time.</para>
/// <para>Bulk load into an empty table (<see cref="TryLoadIntoEmptyTableAsync"/>): its primary key
/// and indexes are dropped, the staged rows inserted without classification, then the key and
/// indexes built again from the data, under a savepoint; a file that repeats a key makes the key
/// fail to build, and the savepoint is rolled back for the rows to be classified. The current
/// versions are loaded the same way into an empty <c>dossiers</c>; a batch bringing at least as
/// many new versions as there are current ones rebuilds its secondary indexes instead of updating
/// them row by row. The dropped structures are restored in the same transaction: other sessions
/// wait for the commit (the tables are locked), and never see the schema without them.</para>
/// <para>Bulk statements have no command timeout (a million rows can take longer than Npgsql's
/// default 30 s on a busy server); cancellation still stops them.</para>
/// </remarks>
/// <param name="landing">The tallies of a batch landing in empty record tables, whose current dossier versions are known once its rows are read; null otherwise.</param>
internal sealed class PostgresBatchWriter(GovKpiDbContext db, Guid batchId, List<ImportProblem> problems, ProgressTracker progress, StreamedTallies? landing, CancellationToken ct)
    : BatchWriter(batchId, problems, progress, ct)
{
    /// <summary>Files from this many rows on may rebuild the indexes of the current dossiers.</summary>
    private const int BulkRows = 100_000;

    private readonly NpgsqlConnection _connection = (NpgsqlConnection)db.Database.GetDbConnection();
    private readonly List<QuarantinedRow> _quarantine = [];
    private bool _memorySet;

    public override async Task<ImportCounts> WriteAsync<T>(RecordTable<T> table, ImportFile<T> file, bool versioned)
    {
        var timer = ImportTiming.Start();
        var counts = new ImportCounts();
        var staged = "staged_" + table.Name;
        var classified = "classified_" + table.Name;
        var columns = table.Columns;
        var names = string.Join(", ", columns.Select(c => c.Name));
        await ExecuteAsync($"CREATE TEMP TABLE {staged} (line bigint NOT NULL, {string.Join(", ", columns.Select(c => $"{c.Name} {SqlType(c.Type)}"))}) ON COMMIT DROP");

        Progress.StartFile(file.Name, () => file.BytesRead);
        long valid = 0;
        using (var copy = _connection.BeginRawBinaryCopy($"COPY {staged} (line, {names}) FROM STDIN (FORMAT BINARY)"))
        {
            try
            {
                copy.Write(PostgresRowBlock<T>.Header);
                RowPipeline.Run(file.Rows, () => new PostgresRowBlock<T>(columns), block =>
                {
                    for (var r = 0; r < block.Count; r++)
                    {
                        counts.Read++;
                        Tick();
                        ref readonly var row = ref block[r];
                        if (row.Record is null)
                        {
                            counts.Invalid++;
                            Quarantine(table.Kind, row.Error!);
                        }
                        else
                        {
                            valid++;
                        }
                    }

                    block.WriteTo(copy);
                }, Cancellation, timer);
                copy.Write(PostgresRowBlock<T>.Trailer);
            }
            catch
            {
                // Tell the server the COPY failed, rather than completing it with what was sent;
                // the failure that got here is the one to report, whatever cancelling says.
                try
                {
                    copy.Cancel();
                }
                catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException)
                {
                }

                throw;
            }
        }

        Progress.EndFile(file.TotalBytes);
        timer.Lap($"{table.Name}: {counts.Read} rows copied into {staged}");
        if (valid == 0)
        {
            return counts;
        }

        if (valid >= BulkRows)
        {
            await UseMoreMemoryAsync();
        }

        var keys = string.Join(", ", table.Keys.Select(c => c.Name));
        var current = MeasurementModel.CurrentDossiersTable;
        var currentBefore = versioned ? await ScalarAsync<long>($"SELECT count(*) FROM {current}") : 0;
        if (await TryLoadIntoEmptyTableAsync(table.Name, $"INSERT INTO {table.Name} ({names}, batch_id) SELECT {names}, @batch FROM {staged}"))
        {
            // Every staged row was new: no outcome to work out, no conflict possible.
            counts.Inserted += valid;
            timer.Lap($"{table.Name}: {valid} rows loaded into the empty table, indexes built");
            if (versioned && currentBefore == 0 && landing is not null)
            {
                // Every version landed, so the newest of each dossier the reading thread counted is current.
                await CopyCurrentVersionsAsync(landing);
                timer.Lap($"{current}: {landing.CurrentDossiers.Count} current versions copied, key and indexes built");
            }
            else if (versioned)
            {
                // The history holds this batch's versions only, in key order (its primary key was just built): read the latest from there, without a sort.
                counts.Replaced = await ResolveCurrentDossiersAsync(table.Name, names, currentBefore, valid);
                timer.Lap($"{current}: current versions");
            }

            return counts;
        }

        timer.Lap($"{table.Name}: not empty, or keys repeated in the file");
        await ClassifyAsync(table, staged, classified, versioned, counts);
        timer.Lap($"{classified}: classified");
        await ExecuteAsync($"INSERT INTO {table.Name} ({names}, batch_id) SELECT {names}, @batch FROM {classified} WHERE outcome = 'inserted' ORDER BY {keys}");
        timer.Lap($"{table.Name}: inserted");
        if (versioned)
        {
            counts.Replaced = await ResolveCurrentDossiersAsync($"{classified} WHERE outcome = 'inserted'", names, currentBefore, counts.Inserted);
            timer.Lap($"{current}: current versions");
        }
        else
        {
            var keyJoin = string.Join(" AND ", table.Keys.Select(c => $"t.{c.Name} = c.{c.Name}"));
            await ExecuteAsync(
                $"UPDATE {table.Name} t SET {string.Join(", ", table.Values.Select(c => $"{c.Name} = c.{c.Name}"))}, batch_id = @batch " +
                $"FROM {classified} c WHERE c.outcome = 'replaced' AND {keyJoin}");
        }

        await QuarantineConflictsAsync(table, file.Name, classified, names);
        timer.Lap($"{table.Name}: conflicts quarantined");
        return counts;
    }

    /// <summary>
    /// Bulk load into an empty table: its indexes and primary key are dropped, the rows inserted,
    /// and the primary key and indexes built again from the loaded rows (a sort each, much faster
    /// than inserting a million keys one by one, even in key order: 4.0–4.5 s against 5.3–7.6 s
    /// for the current versions), all under a savepoint. When the file repeats a key, building the
    /// primary key fails; the savepoint is rolled back (table, indexes and key as they were) and
    /// false returned, for the rows to be classified one outcome each. False at once when the
    /// table holds any row.
    /// </summary>
    private async Task<bool> TryLoadIntoEmptyTableAsync(string table, string insert)
    {
        if (await ScalarAsync<bool>($"SELECT EXISTS (SELECT 1 FROM {table})"))
        {
            return false;
        }

        await ExecuteAsync("SAVEPOINT bulk_load");
        try
        {
            var rebuild = await DropIndexesAsync(table, primaryKey: true);
            await ExecuteAsync(insert);
            foreach (var sql in rebuild)
            {
                await ExecuteAsync(sql);
            }

            await ExecuteAsync("RELEASE SAVEPOINT bulk_load");
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await ExecuteAsync("ROLLBACK TO SAVEPOINT bulk_load");
            await ExecuteAsync("RELEASE SAVEPOINT bulk_load");
            return false;
        }
    }

    /// <summary>
    /// One outcome per staged row, with the counts. The first row of a key in the batch meets the
    /// stored row; later rows of the same key meet that first row.
    /// </summary>
    private async Task ClassifyAsync<T>(RecordTable<T> table, string staged, string classified, bool versioned, ImportCounts counts)
    {
        var columns = table.Columns;
        var keys = string.Join(", ", table.Keys.Select(c => c.Name));
        var keyJoin = (string a, string b) => string.Join(" AND ", table.Keys.Select(c => $"{a}.{c.Name} = {b}.{c.Name}"));
        var same = (string a, string b) =>
            $"ROW({string.Join(", ", table.Values.Select(c => $"{a}.{c.Name}"))}) IS NOT DISTINCT FROM ROW({string.Join(", ", table.Values.Select(c => $"{b}.{c.Name}"))})";
        // StoredKeyRule in SQL: a later row of a key (rn > 1) meets the batch's first row, whose
        // content is what is stored once the batch has landed, and is reported against its line.
        var outcome = versioned
            ? $"""
               CASE WHEN t.{columns[0].Name} IS NOT NULL THEN CASE WHEN {same("r", "t")} THEN 'unchanged' ELSE 'conflict' END
                    WHEN r.rn = 1 THEN 'inserted'
                    WHEN {same("r", "f")} THEN 'unchanged' ELSE 'conflict' END
               """
            : $"""
               CASE WHEN r.rn > 1 THEN CASE WHEN {same("r", "f")} THEN 'unchanged' ELSE 'conflict' END
                    WHEN t.{columns[0].Name} IS NULL THEN 'inserted'
                    WHEN {same("r", "t")} THEN 'unchanged' ELSE 'replaced' END
               """;
        await ExecuteAsync($"""
            CREATE TEMP TABLE {classified} ON COMMIT DROP AS
            WITH ranked AS (
                SELECT s.*, row_number() OVER w AS rn, first_value(s.line) OVER w AS first_line
                FROM {staged} s WINDOW w AS (PARTITION BY {keys} ORDER BY s.line))
            SELECT r.*, {outcome} AS outcome, t.batch_id AS stored_batch
            FROM ranked r
            LEFT JOIN {table.Name} t ON {keyJoin("t", "r")}
            LEFT JOIN {staged} f ON r.rn > 1 AND f.line = r.first_line
            """);

        await using var tally = Command($"SELECT outcome, count(*) FROM {classified} GROUP BY outcome");
        await using var reader = await tally.ExecuteReaderAsync(Cancellation);
        while (await reader.ReadAsync(Cancellation))
        {
            var n = reader.GetInt64(1);
            switch (reader.GetString(0))
            {
                case "inserted": counts.Inserted += n; break;
                case "unchanged": counts.Unchanged += n; break;
                case "replaced": counts.Inserted += n; counts.Replaced += n; break;
                case "conflict": counts.Conflicts += n; break;
            }
        }
    }

    /// <summary>
    /// Makes the latest new version of each dossier current when it is newer than the current one;
    /// returns how many current versions stored before were replaced. <paramref name="source"/>
    /// holds the new versions (a table, or a table with a WHERE). Into an empty table this is a
    /// bulk load (<see cref="TryLoadIntoEmptyTableAsync"/>); a batch with at least as many new
    /// versions as there are current ones (and at least <see cref="BulkRows"/>) rebuilds the
    /// secondary indexes instead of updating them row by row.
    /// </summary>
    private async Task<long> ResolveCurrentDossiersAsync(string source, string names, long currentBefore, long newVersions)
    {
        var current = MeasurementModel.CurrentDossiersTable;
        var latest = $"SELECT DISTINCT ON (dossier_id) {names}, @batch FROM {source} ORDER BY dossier_id, updated_at DESC";
        if (currentBefore == 0 && await TryLoadIntoEmptyTableAsync(current, $"INSERT INTO {current} ({names}, batch_id) {latest}"))
        {
            return 0;
        }

        var rebuild = newVersions >= BulkRows && newVersions >= currentBefore ? await DropIndexesAsync(current, primaryKey: false) : [];
        var updates = string.Join(", ", RecordTables.Dossiers.Columns.Skip(1).Select(c => $"{c.Name} = excluded.{c.Name}"));
        long replaced;
        await using (var command = Command($"""
            WITH up AS (
                INSERT INTO {current} ({names}, batch_id)
                {latest}
                ON CONFLICT (dossier_id) DO UPDATE SET {updates}, batch_id = excluded.batch_id
                WHERE excluded.updated_at > {current}.updated_at
                RETURNING (xmax <> 0) AS replaced)
            SELECT count(*) FILTER (WHERE replaced) FROM up
            """))
        {
            replaced = (long)(await command.ExecuteScalarAsync(Cancellation))!;
        }

        foreach (var sql in rebuild)
        {
            await ExecuteAsync(sql);
        }

        return replaced;
    }

    /// <summary>
    /// Loads the current versions of a batch landing in empty tables into the empty <c>dossiers</c>
    /// by binary COPY, encoded on a reading thread as the history was, its primary key and indexes
    /// dropped and built after, rather than selecting them from the history with <c>DISTINCT ON</c>
    /// (4.3 s for a million dossiers; docs/PERFORMANCE.md, Import). A dossier appears once, so the
    /// key cannot fail to build.
    /// </summary>
    private async Task CopyCurrentVersionsAsync(StreamedTallies landing)
    {
        var current = MeasurementModel.CurrentDossiersTable;
        var columns = RecordTables.Dossiers.Columns;
        var rebuild = await DropIndexesAsync(current, primaryKey: true);
        using (var copy = _connection.BeginRawBinaryCopy(
            $"COPY {current} ({string.Join(", ", columns.Select(c => c.Name))}, batch_id) FROM STDIN (FORMAT BINARY)"))
        {
            try
            {
                copy.Write(PostgresRowBlock<DossierVersion>.Header);
                RowPipeline.Run(landing.CurrentDossiers.Select(v => SourceRow<DossierVersion>.Valid(0, v)),
                    () => new PostgresRowBlock<DossierVersion>(columns, BatchId), block => block.WriteTo(copy), Cancellation);
                copy.Write(PostgresRowBlock<DossierVersion>.Trailer);
            }
            catch
            {
                try
                {
                    copy.Cancel();
                }
                catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException)
                {
                }

                throw;
            }
        }

        foreach (var sql in rebuild)
        {
            await ExecuteAsync(sql);
        }
    }

    /// <summary>Sorts and hashes of a million rows, and index builds, in memory rather than in temporary files; for this transaction only.</summary>
    private async Task UseMoreMemoryAsync()
    {
        if (!_memorySet)
        {
            await ExecuteAsync("SET LOCAL work_mem = '256MB'");
            await ExecuteAsync("SET LOCAL maintenance_work_mem = '512MB'");
            _memorySet = true;
        }
    }

    /// <summary>
    /// Drops the indexes of a table that enforce nothing (and its primary key too, when asked and no
    /// foreign key refers to it); returns the statements that restore them as the schema had them,
    /// primary key first.
    /// </summary>
    private async Task<List<string>> DropIndexesAsync(string table, bool primaryKey)
    {
        var rebuild = new List<string>();
        var drop = new List<string>();
        await using (var command = Command("""
            SELECT c.conname, pg_get_constraintdef(c.oid)
            FROM pg_constraint c
            WHERE c.conrelid = to_regclass(@table) AND c.contype = 'p'
              AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.confrelid = c.conrelid AND f.contype = 'f')
            """))
        {
            command.Parameters.AddWithValue("table", table);
            await using var reader = await command.ExecuteReaderAsync(Cancellation);
            while (primaryKey && await reader.ReadAsync(Cancellation))
            {
                drop.Add($"ALTER TABLE {table} DROP CONSTRAINT \"{reader.GetString(0)}\"");
                rebuild.Add($"ALTER TABLE {table} ADD CONSTRAINT \"{reader.GetString(0)}\" {reader.GetString(1)}");
            }
        }

        await using (var command = Command("""
            SELECT i.relname, pg_get_indexdef(x.indexrelid)
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
            WHERE x.indrelid = to_regclass(@table) AND NOT x.indisprimary AND NOT x.indisunique
            ORDER BY i.relname
            """))
        {
            command.Parameters.AddWithValue("table", table);
            await using var reader = await command.ExecuteReaderAsync(Cancellation);
            while (await reader.ReadAsync(Cancellation))
            {
                drop.Add($"DROP INDEX \"{reader.GetString(0)}\"");
                rebuild.Add(reader.GetString(1));
            }
        }

        foreach (var sql in drop)
        {
            await ExecuteAsync(sql);
        }

        return rebuild;
    }

    private async Task QuarantineConflictsAsync<T>(RecordTable<T> table, string fileName, string classified, string names)
    {
        await using var command = Command(
            $"SELECT line, first_line, rn, stored_batch, {names} FROM {classified} WHERE outcome = 'conflict' ORDER BY line");
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        while (await reader.ReadAsync(Cancellation))
        {
            var raw = new Dictionary<string, string?>();
            for (var i = 0; i < table.Columns.Count; i++)
            {
                raw[table.Columns[i].Name] = ContractText(table.Columns[i].Type, reader.IsDBNull(4 + i) ? null : reader.GetValue(4 + i) switch
                {
                    DateTime t => new DateTimeOffset(t, TimeSpan.Zero),
                    var v => v,
                });
            }

            var reason = reader.GetInt64(2) > 1
                ? ConflictInBatch(table.Kind, reader.GetInt64(1))
                : ConflictWithStored(table.Kind, reader.GetGuid(3));
            Quarantine(table.Kind, fileName, reader.GetInt64(0), "", reason, raw);
        }
    }

    protected override void Store(QuarantinedRow row) => _quarantine.Add(row);

    public override async Task FinishAsync()
    {
        if (_quarantine.Count == 0)
        {
            return;
        }

        await using var copy = await _connection.BeginBinaryImportAsync(
            "COPY quarantined_rows (\"BatchId\", \"Kind\", \"File\", \"Line\", \"Column\", \"Reason\", \"RawJson\", \"Status\") FROM STDIN (FORMAT BINARY)", Cancellation);
        foreach (var row in _quarantine)
        {
            await copy.StartRowAsync(Cancellation);
            await copy.WriteAsync(row.BatchId, NpgsqlDbType.Uuid, Cancellation);
            await copy.WriteAsync(row.Kind.ToString(), NpgsqlDbType.Varchar, Cancellation);
            await copy.WriteAsync(row.File, NpgsqlDbType.Varchar, Cancellation);
            await copy.WriteAsync(row.Line, NpgsqlDbType.Bigint, Cancellation);
            await copy.WriteAsync(row.Column, NpgsqlDbType.Varchar, Cancellation);
            await copy.WriteAsync(row.Reason, NpgsqlDbType.Text, Cancellation);
            await copy.WriteAsync(row.RawJson, NpgsqlDbType.Text, Cancellation);
            await copy.WriteAsync(row.Status.ToString(), NpgsqlDbType.Varchar, Cancellation);
        }

        await copy.CompleteAsync(Cancellation);
        _quarantine.Clear();
    }

    private static string SqlType(ColumnType type) => type switch
    {
        ColumnType.Text => "text",
        ColumnType.Integer => "integer",
        ColumnType.Boolean => "boolean",
        ColumnType.Time => "timestamptz",
        _ => "date",
    };

    /// <summary>A command on the import's connection, without a time limit (a bulk statement may run for minutes; cancellation still works).</summary>
    private NpgsqlCommand Command(string sql)
    {
        var command = new NpgsqlCommand(sql, _connection) { CommandTimeout = 0 };
        if (sql.Contains("@batch", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("batch", BatchId);
        }

        return command;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = Command(sql);
        await command.ExecuteNonQueryAsync(Cancellation);
    }

    private async Task<TValue> ScalarAsync<TValue>(string sql)
    {
        await using var command = Command(sql);
        return (TValue)(await command.ExecuteScalarAsync(Cancellation))!;
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// A block of rows encoded on the reading thread as tuples of PostgreSQL's binary COPY format
/// (https://www.postgresql.org/docs/current/sql-copy.html, "Binary Format"), for the staging
/// table of <see cref="PostgresBatchWriter"/>: the line, then the columns of the record table; or,
/// given a <paramref name="batch"/>, for the record table itself: the columns, then the batch id.
/// </summary>
internal sealed class PostgresRowBlock<T>(IReadOnlyList<TableColumn<T>> columns, Guid? batch = null) : RowBlock<T>(Capacity) where T : class
{
    /// <summary>A uuid's binary form: its 16 bytes in the order they are written.</summary>
    private readonly byte[]? _batch = batch?.ToByteArray(bigEndian: true);

    private const int Capacity = 1024;

    /// <summary>Microseconds from the Unix epoch to PostgreSQL's (2000-01-01 UTC).</summary>
    private const long PostgresEpochMicroseconds = 946_684_800_000_000;

    private static readonly int PostgresEpochDay = new DateOnly(2000, 1, 1).DayNumber;

    /// <summary>Signature <c>PGCOPY\n\377\r\n\0</c>, flags (no OIDs) and an empty header extension.</summary>
    public static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>A field count of -1 ends the data.</summary>
    public static ReadOnlySpan<byte> Trailer => [0xFF, 0xFF];

    private byte[] _bytes = new byte[Capacity * 256];
    private int _length;

    protected override void Prepare(int index, long line, T record)
    {
        Ensure(2 + 12);
        BinaryPrimitives.WriteInt16BigEndian(_bytes.AsSpan(_length), (short)(columns.Count + 1));
        _length += 2;
        if (_batch is null)
        {
            Int64(line);
        }

        foreach (var column in columns)
        {
            switch (column.Type)
            {
                case ColumnType.Text:
                    if (column.Text!(record) is { } text)
                    {
                        Ensure(4 + Encoding.UTF8.GetMaxByteCount(text.Length));
                        var length = Encoding.UTF8.GetBytes(text, _bytes.AsSpan(_length + 4));
                        BinaryPrimitives.WriteInt32BigEndian(_bytes.AsSpan(_length), length);
                        _length += 4 + length;
                    }
                    else
                    {
                        Null();
                    }

                    break;
                case ColumnType.Date:
                    Int32(((DateOnly)column.Value(record)!).DayNumber - PostgresEpochDay);
                    break;
                default:
                    if (column.Number!(record) is not { } number)
                    {
                        Null();
                    }
                    else if (column.Type == ColumnType.Time)
                    {
                        // timestamptz: microseconds since 2000-01-01 UTC; the import stores microseconds since 1970.
                        Int64(number - PostgresEpochMicroseconds);
                    }
                    else if (column.Type == ColumnType.Integer)
                    {
                        Int32(checked((int)number));
                    }
                    else
                    {
                        Ensure(5);
                        BinaryPrimitives.WriteInt32BigEndian(_bytes.AsSpan(_length), 1);
                        _bytes[_length + 4] = number != 0 ? (byte)1 : (byte)0;
                        _length += 5;
                    }

                    break;
            }
        }

        if (_batch is not null)
        {
            Ensure(4 + _batch.Length);
            BinaryPrimitives.WriteInt32BigEndian(_bytes.AsSpan(_length), _batch.Length);
            _batch.CopyTo(_bytes, _length + 4);
            _length += 4 + _batch.Length;
        }
    }

    private void Ensure(int bytes)
    {
        if (_length + bytes > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(2 * _bytes.Length, _length + bytes));
        }
    }

    private void Int32(int value)
    {
        Ensure(8);
        BinaryPrimitives.WriteInt32BigEndian(_bytes.AsSpan(_length), 4);
        BinaryPrimitives.WriteInt32BigEndian(_bytes.AsSpan(_length + 4), value);
        _length += 8;
    }

    private void Int64(long value)
    {
        Ensure(12);
        BinaryPrimitives.WriteInt32BigEndian(_bytes.AsSpan(_length), 8);
        BinaryPrimitives.WriteInt64BigEndian(_bytes.AsSpan(_length + 4), value);
        _length += 12;
    }

    private void Null()
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32BigEndian(_bytes.AsSpan(_length), -1);
        _length += 4;
    }

    /// <summary>Sends the tuples of the valid rows of this block.</summary>
    public void WriteTo(Stream copy) => copy.Write(_bytes, 0, _length);

    public override void Clear()
    {
        base.Clear();
        _length = 0;
    }
}
