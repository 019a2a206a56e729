using System.Globalization;
using GovKpi.Core.Measurement;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace GovKpi.Data.Measurement;

/// <summary>
/// SQLite: each row is one prepared native statement on the connection's handle (no ADO.NET
/// parameter objects, no EF), inside the import's transaction. A dossier version is inserted
/// with <c>ON CONFLICT DO NOTHING</c>; only when its key exists is the stored row read and
/// compared. A new version is upserted into the current versions at once, replacing the current
/// one only when newer (so versions may come in any order). No record is held in memory.
/// </summary>
internal sealed class SqliteBatchWriter : BatchWriter
{
    private readonly sqlite3 _handle;
    private readonly SqliteConnection _connection;
    private readonly string _batchText;
    private readonly List<sqlite3_stmt> _statements = [];
    private sqlite3_stmt? _quarantine;

    public SqliteBatchWriter(GovKpiDbContext db, Guid batchId, List<ImportProblem> problems, ProgressTracker progress, CancellationToken ct)
        : base(batchId, problems, progress, ct)
    {
        _connection = (SqliteConnection)db.Database.GetDbConnection();
        _handle = _connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        // EF Core stores a Guid in SQLite as upper-case text.
        _batchText = batchId.ToString().ToUpperInvariant();
    }

    /// <summary>
    /// Settings for a large write, made before the transaction begins. WAL: readers keep reading
    /// while a batch is written. NORMAL: no fsync per commit in WAL mode, yet a crash cannot
    /// corrupt the file. A larger page cache (256 MB at most) keeps the B-trees of a million-row
    /// batch in memory. Temporary tables stay in memory.
    /// </summary>
    public static void PrepareConnection(GovKpiDbContext db)
    {
        var handle = ((SqliteConnection)db.Database.GetDbConnection()).Handle!;
        foreach (var pragma in new[] { "journal_mode=WAL", "synchronous=NORMAL", "cache_size=-1048576", "temp_store=MEMORY" })
        {
            var rc = raw.sqlite3_exec(handle, "PRAGMA " + pragma);
            if (rc != raw.SQLITE_OK)
            {
                throw new SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(handle).utf8_to_string()}", rc);
            }
        }
    }

    public override Task<ImportCounts> WriteAsync<T>(RecordTable<T> table, ImportFile<T> file, bool versioned)
    {
        var counts = new ImportCounts();
        var columns = table.Columns;
        var names = string.Join(", ", columns.Select(c => c.Name));
        var keyMatch = string.Join(" AND ", table.Keys.Select((c, i) => $"{c.Name} = ?{i + 1}"));
        var insert = Prepare($"INSERT INTO {table.Name} ({names}, batch_id) VALUES ({string.Join(", ", columns.Select((_, i) => $"?{i + 1}"))}, ?{columns.Count + 1}) ON CONFLICT DO NOTHING");
        var select = Prepare($"SELECT {names}, batch_id FROM {table.Name} WHERE {keyMatch}");
        var update = versioned ? null : Prepare(
            $"UPDATE {table.Name} SET {string.Join(", ", table.Values.Select((c, i) => $"{c.Name} = ?{table.KeyCount + i + 1}"))}, batch_id = ?{columns.Count + 1} WHERE {keyMatch}");
        var current = versioned ? PrepareCurrentUpsert() : null;
        long currentBefore = 0, currentChanges = 0;
        List<(string Name, string Sql)> indexes = [];
        if (versioned)
        {
            currentBefore = Scalar($"SELECT count(*) FROM {MeasurementModel.CurrentDossiersTable}");
            // Bulk load: when the file holds about as many dossiers as are stored, building the
            // secondary indexes of the current versions afresh from sorted data is faster than
            // updating them row by row. Their definitions are taken from the schema itself and
            // restored in the same transaction, so the schema the migrations made is what remains.
            var estimatedRows = file.TotalBytes / ApproximateDossierRowBytes;
            if (estimatedRows >= BulkRows && estimatedRows >= currentBefore)
            {
                indexes = SecondaryIndexes(MeasurementModel.CurrentDossiersTable);
                foreach (var (name, _) in indexes)
                {
                    Execute($"DROP INDEX \"{name}\"");
                }
            }
        }

        var values = new object?[columns.Count];
        var stored = new object?[columns.Count];

        Progress.StartFile(file.Name, () => file.BytesRead);
        foreach (var row in file.Rows)
        {
            counts.Read++;
            Tick();
            if (row.Record is not { } record)
            {
                counts.Invalid++;
                Quarantine(table.Kind, row.Error!);
                continue;
            }

            for (var i = 0; i < columns.Count; i++)
            {
                values[i] = Storage(columns[i].Type, columns[i].Value(record));
            }

            Bind(insert, values);
            Step(insert);
            if (raw.sqlite3_changes(_handle) == 1)
            {
                counts.Inserted++;
                if (current is not null)
                {
                    // A new version becomes current when it is newer than the current one.
                    Bind(current, values);
                    Step(current);
                    currentChanges += raw.sqlite3_changes(_handle);
                }

                continue;
            }

            // The key is stored: same content is a repeat, different content a conflict or a replacement.
            Bind(select, values.AsSpan(0, table.KeyCount));
            if (raw.sqlite3_step(select) != raw.SQLITE_ROW)
            {
                throw new InvalidOperationException($"{table.Name}: a row was neither inserted nor found ({Error()}).");
            }

            for (var i = 0; i < columns.Count; i++)
            {
                stored[i] = Column(select, i);
            }

            var storedBatch = raw.sqlite3_column_text(select, columns.Count).utf8_to_string();
            raw.sqlite3_reset(select);
            if (values.AsSpan().SequenceEqual(stored))
            {
                counts.Unchanged++;
            }
            else if (versioned || storedBatch == _batchText)
            {
                counts.Conflicts++;
                var reason = storedBatch == _batchText ? ConflictInBatch(table.Kind, null) : ConflictWithStored(table.Kind, Guid.Parse(storedBatch));
                Quarantine(table.Kind, file.Name, row.Line, "", reason, Raw(table, record));
            }
            else
            {
                Bind(update!, values);
                Step(update!);
                counts.Replaced++;
                counts.Inserted++;
            }
        }

        Progress.EndFile(file.TotalBytes);
        if (versioned)
        {
            foreach (var (_, sql) in indexes)
            {
                Execute(sql);
            }

            // Current versions written by this batch are new dossiers or replacements of a current
            // version stored before it (a dossier new in the batch replaces nothing, however many
            // versions it brings).
            var added = Scalar($"SELECT count(*) FROM {MeasurementModel.CurrentDossiersTable}") - currentBefore;
            var written = currentChanges == 0 ? 0
                : Scalar($"SELECT count(*) FROM {MeasurementModel.CurrentDossiersTable} WHERE batch_id = '{_batchText}'");
            counts.Replaced = written - added;
        }

        return Task.FromResult(counts);
    }

    private sqlite3_stmt PrepareCurrentUpsert()
    {
        var columns = RecordTables.Dossiers.Columns.Select(c => c.Name).Append(MeasurementModel.BatchColumn).ToList();
        var table = MeasurementModel.CurrentDossiersTable;
        return Prepare(
            $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"?{i + 1}"))}) " +
            $"ON CONFLICT (dossier_id) DO UPDATE SET {string.Join(", ", columns.Skip(1).Select(c => $"{c} = excluded.{c}"))} " +
            $"WHERE excluded.updated_at > {table}.updated_at");
    }

    /// <summary>Files from this many rows on may rebuild the indexes of the current dossiers.</summary>
    private const int BulkRows = 100_000;

    /// <summary>About the size of a dossiers.csv row (177 bytes in the demo files), to estimate rows from bytes.</summary>
    private const int ApproximateDossierRowBytes = 180;

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

    /// <summary>A value as this table stores it in SQLite (see <see cref="MeasurementModel"/>).</summary>
    private static object? Storage(ColumnType type, object? value) => value switch
    {
        null => null,
        DateTimeOffset t => MeasurementModel.ToSqlite(t),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? 1L : 0L,
        int i => (long)i,
        _ => type == ColumnType.Text ? value : throw new InvalidOperationException($"No SQLite storage for {value.GetType().Name}."),
    };

    private static object? Column(sqlite3_stmt statement, int index) => raw.sqlite3_column_type(statement, index) switch
    {
        raw.SQLITE_NULL => null,
        raw.SQLITE_INTEGER => raw.sqlite3_column_int64(statement, index),
        _ => raw.sqlite3_column_text(statement, index).utf8_to_string(),
    };

    private void Bind(sqlite3_stmt statement, ReadOnlySpan<object?> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var rc = values[i] switch
            {
                null => raw.sqlite3_bind_null(statement, i + 1),
                long l => raw.sqlite3_bind_int64(statement, i + 1, l),
                string s => raw.sqlite3_bind_text(statement, i + 1, s),
                var other => throw new InvalidOperationException($"Cannot bind {other.GetType().Name}."),
            };
            Check(rc);
        }

        if (raw.sqlite3_bind_parameter_count(statement) > values.Length)
        {
            Check(raw.sqlite3_bind_text(statement, values.Length + 1, _batchText));
        }
    }

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
