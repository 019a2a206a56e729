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
internal sealed class PostgresBatchWriter(GovKpiDbContext db, Guid batchId, List<ImportProblem> problems, ProgressTracker progress, CancellationToken ct)
    : BatchWriter(batchId, problems, progress, ct)
{
    private readonly NpgsqlConnection _connection = (NpgsqlConnection)db.Database.GetDbConnection();
    private readonly List<QuarantinedRow> _quarantine = [];

    public override async Task<ImportCounts> WriteAsync<T>(RecordTable<T> table, ImportFile<T> file, bool versioned)
    {
        var counts = new ImportCounts();
        var staged = "staged_" + table.Name;
        var classified = "classified_" + table.Name;
        var columns = table.Columns;
        var names = string.Join(", ", columns.Select(c => c.Name));
        await ExecuteAsync($"CREATE TEMP TABLE {staged} (line bigint NOT NULL, {string.Join(", ", columns.Select(c => $"{c.Name} {SqlType(c.Type)}"))}) ON COMMIT DROP");

        Progress.StartFile(file.Name, () => file.BytesRead);
        await using (var copy = await _connection.BeginBinaryImportAsync($"COPY {staged} (line, {names}) FROM STDIN (FORMAT BINARY)", Cancellation))
        {
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

                await copy.StartRowAsync(Cancellation);
                await copy.WriteAsync(row.Line, NpgsqlDbType.Bigint, Cancellation);
                foreach (var column in columns)
                {
                    await WriteValueAsync(copy, column.Type, column.Value(record));
                }
            }

            await copy.CompleteAsync(Cancellation);
        }

        Progress.EndFile(file.TotalBytes);

        // One outcome per staged row. The first row of a key in the batch meets the stored row;
        // later rows of the same key meet that first row.
        var keys = string.Join(", ", table.Keys.Select(c => c.Name));
        var keyJoin = (string a, string b) => string.Join(" AND ", table.Keys.Select(c => $"{a}.{c.Name} = {b}.{c.Name}"));
        var same = (string a, string b) =>
            $"ROW({string.Join(", ", table.Values.Select(c => $"{a}.{c.Name}"))}) IS NOT DISTINCT FROM ROW({string.Join(", ", table.Values.Select(c => $"{b}.{c.Name}"))})";
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

        await using (var tally = new NpgsqlCommand($"SELECT outcome, count(*) FROM {classified} GROUP BY outcome", _connection))
        await using (var reader = await tally.ExecuteReaderAsync(Cancellation))
        {
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

        await ExecuteAsync($"INSERT INTO {table.Name} ({names}, batch_id) SELECT {names}, @batch FROM {classified} WHERE outcome = 'inserted'");
        if (versioned)
        {
            counts.Replaced = await ResolveCurrentDossiersAsync(classified, names);
        }
        else
        {
            await ExecuteAsync(
                $"UPDATE {table.Name} t SET {string.Join(", ", table.Values.Select(c => $"{c.Name} = c.{c.Name}"))}, batch_id = @batch " +
                $"FROM {classified} c WHERE c.outcome = 'replaced' AND {keyJoin("t", "c")}");
        }

        await QuarantineConflictsAsync(table, file.Name, classified, names);
        return counts;
    }

    private async Task<long> ResolveCurrentDossiersAsync(string classified, string names)
    {
        var current = MeasurementModel.CurrentDossiersTable;
        var updates = string.Join(", ", RecordTables.Dossiers.Columns.Skip(1).Select(c => $"{c.Name} = excluded.{c.Name}"));
        await using var command = new NpgsqlCommand($"""
            WITH up AS (
                INSERT INTO {current} ({names}, batch_id)
                SELECT DISTINCT ON (dossier_id) {names}, @batch FROM {classified} WHERE outcome = 'inserted'
                ORDER BY dossier_id, updated_at DESC
                ON CONFLICT (dossier_id) DO UPDATE SET {updates}, batch_id = excluded.batch_id
                WHERE excluded.updated_at > {current}.updated_at
                RETURNING (xmax <> 0) AS replaced)
            SELECT count(*) FILTER (WHERE replaced) FROM up
            """, _connection);
        command.Parameters.AddWithValue("batch", BatchId);
        return (long)(await command.ExecuteScalarAsync(Cancellation))!;
    }

    private async Task QuarantineConflictsAsync<T>(RecordTable<T> table, string fileName, string classified, string names)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT line, first_line, rn, stored_batch, {names} FROM {classified} WHERE outcome = 'conflict' ORDER BY line", _connection);
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

    private Task WriteValueAsync(NpgsqlBinaryImporter copy, ColumnType type, object? value)
    {
        if (value is null)
        {
            return copy.WriteNullAsync(Cancellation);
        }

        return type switch
        {
            ColumnType.Text => copy.WriteAsync((string)value, NpgsqlDbType.Text, Cancellation),
            ColumnType.Integer => copy.WriteAsync((int)value, NpgsqlDbType.Integer, Cancellation),
            ColumnType.Boolean => copy.WriteAsync((bool)value, NpgsqlDbType.Boolean, Cancellation),
            // timestamptz takes UTC only; the instant is what counts.
            ColumnType.Time => copy.WriteAsync(((DateTimeOffset)value).ToUniversalTime(), NpgsqlDbType.TimestampTz, Cancellation),
            _ => copy.WriteAsync((DateOnly)value, NpgsqlDbType.Date, Cancellation),
        };
    }

    private static string SqlType(ColumnType type) => type switch
    {
        ColumnType.Text => "text",
        ColumnType.Integer => "integer",
        ColumnType.Boolean => "boolean",
        ColumnType.Time => "timestamptz",
        _ => "date",
    };

    private async Task ExecuteAsync(string sql)
    {
        await using var command = new NpgsqlCommand(sql, _connection);
        if (sql.Contains("@batch", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("batch", BatchId);
        }

        await command.ExecuteNonQueryAsync(Cancellation);
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
