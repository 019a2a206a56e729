using System.Data.Common;
using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Measurement;
using GovKpi.Data.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace GovKpi.Data.Measurement;

/// <summary>
/// The stored KPI tallies (<c>kpi_aggregates</c>, ADR 0009): for every month, quarter and year of
/// the years the records cover, the <see cref="KpiTally"/> of the province (<c>all</c>, always
/// stored, even when zero: it marks the period as stored), of each unit_code and of each staff
/// code with a non-zero tally. Every import changes them in its own transaction, by signed deltas
/// (<see cref="KpiAggregates"/>), by the tallies of a batch counted as it streamed into empty
/// tables, or, for another large batch, by a full recompute.
/// </summary>
public sealed class KpiAggregateStore(GovKpiDbContext db)
{
    private const string Table = MeasurementModel.KpiAggregatesTable;
    private const string KeyColumns = "period_from, period_to, scope, code";

    private readonly bool _postgres = db.Database.IsNpgsql();

    /// <summary>The calendar periods with stored tallies.</summary>
    public async Task<IReadOnlyList<ReportingPeriod>> StoredPeriodsAsync(CancellationToken ct)
    {
        var rows = await db.KpiAggregates.AsNoTracking().Where(a => a.Scope == KpiScope.All)
            .Select(a => new { a.PeriodFrom, a.PeriodTo }).ToListAsync(ct);
        return rows.Select(r => new ReportingPeriod(r.PeriodFrom, r.PeriodTo)).OrderBy(p => p.From).ThenBy(p => p.To).ToList();
    }

    /// <summary>Whether <paramref name="period"/> is stored, so its tallies can be read instead of computed.</summary>
    public Task<bool> IsStoredAsync(ReportingPeriod period, CancellationToken ct) =>
        db.KpiAggregates.AnyAsync(a => a.PeriodFrom == period.From && a.PeriodTo == period.To && a.Scope == KpiScope.All, ct);

    /// <summary>
    /// Replaces every stored tally with a full recompute over the current records
    /// (<see cref="CalendarTallies"/>). Runs in the caller's transaction when there is one.
    /// </summary>
    public async Task RecomputeAsync(CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await RecomputeOpenAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Surveys up to which a recompute holds them in memory, grouped by dossier, to count each as
    /// its dossier streams by (about 230 bytes each); beyond, the database joins each survey to
    /// its dossier, so that memory stays flat however many records there are (issue 15).
    /// </summary>
    internal const int DefaultSurveysHeld = 500_000;

    /// <summary>See <see cref="DefaultSurveysHeld"/>.</summary>
    internal int SurveysHeld { get; init; } = DefaultSurveysHeld;

    private async Task RecomputeOpenAsync(CancellationToken ct)
    {
        var tallies = new CalendarTallies();
        long surveyCount;
        await using (var count = Command("SELECT count(*) FROM surveys"))
        {
            surveyCount = Convert.ToInt64(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }

        if (surveyCount <= SurveysHeld)
        {
            await CountHeldAsync(tallies, ct);
        }
        else
        {
            await CountJoinedAsync(tallies, ct);
        }

        await foreach (var complaint in db.Complaints.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            tallies.AddComplaint(complaint);
        }

        await ReplaceAllOpenAsync(tallies.Tallies(), ct);
    }

    private async Task CountHeldAsync(CalendarTallies tallies, CancellationToken ct)
    {
        // Surveys first, by dossier, so each is counted as its dossier streams by (a join on the
        // dossier key cost more than reading the surveys twice over).
        var surveys = new Dictionary<string, List<SurveyResponse>>(StringComparer.Ordinal);
        await using (var command = Command("SELECT response_id, dossier_id, submitted_at, score FROM surveys"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var survey = new SurveyResponse(reader.GetString(0), reader.GetString(1), StoredRecords.Time(reader, 2, _postgres), reader.GetInt32(3));
                ref var list = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(surveys, survey.DossierId, out _);
                (list ??= []).Add(survey);
            }
        }

        await using (var command = Command($"SELECT {StoredRecords.DossierColumns()} FROM {MeasurementModel.CurrentDossiersTable}"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var dossier = StoredRecords.Dossier(reader, _postgres);
                tallies.AddDossier(dossier);
                if (surveys.Remove(dossier.DossierId, out var rated))
                {
                    rated.ForEach(survey => tallies.AddSurvey(survey, dossier));
                }
            }
        }

        // Surveys of dossiers not stored count for no scope, but their times are records' times.
        foreach (var survey in surveys.Values.SelectMany(s => s))
        {
            tallies.AddSurvey(survey, null);
        }
    }

    /// <summary>The dossiers as they stream by, then each survey with its dossier's unit and handler, joined by the database: one record in memory at a time.</summary>
    private async Task CountJoinedAsync(CalendarTallies tallies, CancellationToken ct)
    {
        var current = MeasurementModel.CurrentDossiersTable;
        await using (var command = Command($"SELECT {StoredRecords.DossierColumns()} FROM {current}"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                tallies.AddDossier(StoredRecords.Dossier(reader, _postgres));
            }
        }

        await using (var command = Command(
            $"SELECT s.response_id, s.dossier_id, s.submitted_at, s.score, d.dossier_id, d.unit_code, d.handler_code FROM surveys s LEFT JOIN {current} d ON d.dossier_id = s.dossier_id"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var survey = new SurveyResponse(reader.GetString(0), reader.GetString(1), StoredRecords.Time(reader, 2, _postgres), reader.GetInt32(3));
                var dossier = reader.IsDBNull(4) ? null : StoredRecords.RatedDossier(survey.DossierId, reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6));
                tallies.AddSurvey(survey, dossier);
            }
        }
    }

    /// <summary>
    /// Replaces every stored tally with <paramref name="rows"/>: those of a full recompute, or of
    /// the records of a batch that landed in empty record tables (<see cref="AggregateMaintenance"/>).
    /// Runs in the caller's transaction when there is one.
    /// </summary>
    public async Task ReplaceAllAsync(IReadOnlyDictionary<AggregateKey, KpiTally> rows, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await ReplaceAllOpenAsync(rows, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task ReplaceAllOpenAsync(IReadOnlyDictionary<AggregateKey, KpiTally> rows, CancellationToken ct)
    {
        await ExecuteAsync($"DELETE FROM {Table}", ct);
        await AddAsync(rows, ct);
    }

    /// <summary>
    /// Adds signed deltas to the stored tallies (a missing row counts as zero), then drops the
    /// unit and staff rows that became zero, so the table holds what a full recompute would.
    /// </summary>
    public async Task AddAsync(IReadOnlyDictionary<AggregateKey, KpiTally> deltas, CancellationToken ct)
    {
        if (deltas.Count == 0)
        {
            return;
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (_postgres)
            {
                await AddOnPostgresAsync(deltas, ct);
            }
            else
            {
                await AddOnSqliteAsync(deltas, ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static int LocalYear(DateTimeOffset instant) => instant.ToOffset(VietnamTime.Offset).Year;

    private static string ZeroCounts(string alias) =>
        string.Join(" AND ", StoredKpiTally.CountColumns.Select(c => $"{alias}{c} = 0"));

    private static string UpsertTail =>
        $"ON CONFLICT ({KeyColumns}) DO UPDATE SET " +
        string.Join(", ", StoredKpiTally.CountColumns.Select(c => $"{c} = {Table}.{c} + excluded.{c}"));

    private async Task AddOnSqliteAsync(IReadOnlyDictionary<AggregateKey, KpiTally> deltas, CancellationToken ct)
    {
        var columns = StoredKpiTally.CountColumns;
        await using var upsert = Command(
            $"INSERT INTO {Table} ({KeyColumns}, {string.Join(", ", columns)}) " +
            $"VALUES ($f, $t, $s, $c, {string.Join(", ", columns.Select((_, i) => $"$v{i}"))}) {UpsertTail}");
        await using var dropZero = Command(
            $"DELETE FROM {Table} WHERE period_from = $f AND period_to = $t AND scope = $s AND code = $c AND scope <> '{KpiScope.All}' AND {ZeroCounts("")}");
        foreach (var name in new[] { "$f", "$t", "$s", "$c" })
        {
            Parameter(upsert, name);
            Parameter(dropZero, name);
        }

        for (var i = 0; i < columns.Length; i++)
        {
            Parameter(upsert, $"$v{i}");
        }

        upsert.Prepare();
        dropZero.Prepare();
        foreach (var (key, tally) in deltas)
        {
            ct.ThrowIfCancellationRequested();
            // EF Core stores a DateOnly in SQLite as yyyy-MM-dd text.
            object[] keyValues = [key.Period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), key.Period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), key.Scope, key.Code];
            for (var i = 0; i < keyValues.Length; i++)
            {
                upsert.Parameters[i].Value = keyValues[i];
                dropZero.Parameters[i].Value = keyValues[i];
            }

            var counts = StoredKpiTally.Counts(tally);
            for (var i = 0; i < counts.Length; i++)
            {
                upsert.Parameters[4 + i].Value = counts[i];
            }

            await upsert.ExecuteNonQueryAsync(ct);
            if (key.Scope != KpiScope.All)
            {
                await dropZero.ExecuteNonQueryAsync(ct);
            }
        }
    }

    private async Task AddOnPostgresAsync(IReadOnlyDictionary<AggregateKey, KpiTally> deltas, CancellationToken ct)
    {
        // One statement for all deltas: arrays of the columns, unnested into rows.
        var keys = deltas.Keys.ToList();
        var columns = StoredKpiTally.CountColumns;
        var counts = new long[columns.Length][];
        for (var i = 0; i < columns.Length; i++)
        {
            counts[i] = new long[keys.Count];
        }

        for (var k = 0; k < keys.Count; k++)
        {
            var values = StoredKpiTally.Counts(deltas[keys[k]]);
            for (var i = 0; i < columns.Length; i++)
            {
                counts[i][k] = values[i];
            }
        }

        void KeyArrays(DbCommand command)
        {
            var npgsql = (NpgsqlCommand)command;
            npgsql.Parameters.Add(new NpgsqlParameter("f", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = keys.Select(k => k.Period.From).ToArray() });
            npgsql.Parameters.Add(new NpgsqlParameter("t", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = keys.Select(k => k.Period.To).ToArray() });
            npgsql.Parameters.Add(new NpgsqlParameter("s", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys.Select(k => k.Scope).ToArray() });
            npgsql.Parameters.Add(new NpgsqlParameter("c", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys.Select(k => k.Code).ToArray() });
        }

        await using (var upsert = Command(
            $"INSERT INTO {Table} ({KeyColumns}, {string.Join(", ", columns)}) " +
            $"SELECT * FROM unnest(@f, @t, @s, @c, {string.Join(", ", columns.Select((_, i) => $"@v{i}"))}) {UpsertTail}"))
        {
            KeyArrays(upsert);
            for (var i = 0; i < columns.Length; i++)
            {
                ((NpgsqlCommand)upsert).Parameters.Add(new NpgsqlParameter($"v{i}", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = counts[i] });
            }

            await upsert.ExecuteNonQueryAsync(ct);
        }

        await using var dropZero = Command(
            $"DELETE FROM {Table} a USING unnest(@f, @t, @s, @c) AS k(f, t, s, c) " +
            $"WHERE a.period_from = k.f AND a.period_to = k.t AND a.scope = k.s AND a.code = k.c AND a.scope <> '{KpiScope.All}' AND {ZeroCounts("a.")}");
        KeyArrays(dropZero);
        await dropZero.ExecuteNonQueryAsync(ct);
    }

    private DbCommand Command(string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    private static void Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = Command(sql);
        await command.ExecuteNonQueryAsync(ct);
    }
}
