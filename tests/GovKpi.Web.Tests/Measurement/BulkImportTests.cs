using System.Globalization;
using System.Text;
using GovKpi.Core.Measurement;
using GovKpi.Data;
using GovKpi.Data.Files;
using GovKpi.Data.Measurement;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace GovKpi.Web.Tests.Measurement;

/// <summary>
/// Files large enough for the bulk paths of the import (docs/PERFORMANCE.md, Import): on SQLite the
/// rollback journal and the rebuilt indexes of the current versions, on PostgreSQL the load into
/// empty tables with their keys and indexes built afterwards, and its fallback when the file
/// repeats a key. They must land exactly what the row-by-row paths land, and leave the schema whole.
/// Each class has a database of its own, empty at the start of its one test.
/// </summary>
public abstract class BulkImportTests<TDatabase>(TDatabase database) : IDisposable where TDatabase : MeasurementDatabase
{
    private const int Dossiers = 125_000;
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);
    private static readonly DateTimeOffset Start = new(2025, 3, 3, 8, 0, 0, Vn);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, Vn));
    private readonly string _directory = Directory.CreateTempSubdirectory("govkpi-bulk-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Version 1 of every dossier, and a finished version 2 of every tenth: about 20 MB, above the bulk threshold of SqliteBatchWriter (16 MB).</summary>
    private static IEnumerable<DossierVersion> Versions()
    {
        for (var i = 0; i < Dossiers; i++)
        {
            var received = Start.AddMinutes(i);
            var first = new DossierVersion($"KH.BULK-{i:D7}", "1.001193", $"KH.U{i % 37:D2}", i % 11 == 0 ? null : $"CB{i % 500:D5}",
                DossierChannel.Online, received, received.AddDays(10), null, DossierStatus.Processing, 0, false, received.AddHours(1));
            yield return first;
            if (i % 10 == 0)
            {
                yield return first with { Status = DossierStatus.Processed, FinishedAt = received.AddDays(3), UpdatedAt = received.AddDays(3) };
            }
        }
    }

    private string WriteDossiers(string name, Action<StreamWriter>? extraLines = null)
    {
        var path = Path.Combine(_directory, name);
        using (var file = File.Create(path))
        using (var writer = new DossierCsvWriter(file))
        {
            foreach (var version in Versions())
            {
                writer.Write(version);
            }
        }

        if (extraLines is not null)
        {
            using var append = new StreamWriter(path, append: true, new UTF8Encoding(false));
            extraLines(append);
        }

        return path;
    }

    private async Task<ImportOutcome> ImportAsync(string dossiersPath, string? surveysPath = null)
    {
        await using var db = database.NewContext();
        await using var dossiers = File.OpenRead(dossiersPath);
        await using var surveys = surveysPath is null ? null : File.OpenRead(surveysPath);
        var batch = new MeasurementBatch(ImportSource.Cli, "test")
        {
            Dossiers = ImportFiles.DossiersCsv(dossiers, Path.GetFileName(dossiersPath)),
            Surveys = surveys is null ? null : ImportFiles.SurveysCsv(surveys, Path.GetFileName(surveysPath)!),
        };
        return await new MeasurementImport(db, _clock).RunAsync(batch);
    }

    [SkippableFact]
    public async Task A_bulk_file_lands_like_row_by_row_and_leaves_the_schema_whole()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var rows = Dossiers + Dossiers / 10;
        var clean = WriteDossiers("dossiers.csv");
        Assert.True(new FileInfo(clean).Length >= 16 << 20); // SqliteBatchWriter.BulkBytes

        // Into empty tables.
        var first = await ImportAsync(clean);

        Assert.Equal((rows, rows, 0L, 0L, 0L), (first.Batch.Read, first.Batch.Inserted, first.Batch.Replaced, first.Batch.Conflicts, first.Batch.Invalid));
        await using (var db = database.NewContext())
        {
            Assert.Equal(rows, await db.DossierVersions.CountAsync());
            Assert.Equal(Dossiers, await db.Dossiers.CountAsync());
            Assert.Equal(DossierStatus.Processed, (await db.Dossiers.AsNoTracking().SingleAsync(d => d.DossierId == "KH.BULK-0000020")).Status);
            Assert.Equal(DossierStatus.Processing, (await db.Dossiers.AsNoTracking().SingleAsync(d => d.DossierId == "KH.BULK-0000021")).Status);
            // Into empty tables the current versions are loaded from those counted as the rows streamed by: the newest of each dossier.
            var newest = (await db.DossierVersions.AsNoTracking().ToListAsync())
                .GroupBy(v => v.DossierId).Select(g => g.MaxBy(v => v.UpdatedAt)!).OrderBy(v => v.DossierId, StringComparer.Ordinal);
            Assert.Equal(newest, (await db.Dossiers.AsNoTracking().ToListAsync()).OrderBy(v => v.DossierId, StringComparer.Ordinal));
        }

        await AssertSchemaWholeAsync();

        // The same file again, with one row repeated as it was, one in conflict and one invalid.
        var again = WriteDossiers("again.csv", w =>
        {
            w.Write("KH.BULK-0000005,1.001193,KH.U05,CB00005,online,2025-03-03T08:05:00+07:00,2025-03-13T08:05:00+07:00,,processing,0,false,2025-03-03T09:05:00+07:00\n");
            w.Write("KH.BULK-0000006,1.001193,KH.U99,CB00006,online,2025-03-03T08:06:00+07:00,2025-03-13T08:06:00+07:00,,processing,0,false,2025-03-03T09:06:00+07:00\n");
            w.Write("KH.BULK-X,1.001193,KH.U01,,online,yesterday,2025-03-13T08:06:00+07:00,,processing,0,false,2025-03-03T09:06:00+07:00\n");
        });

        var second = await ImportAsync(again);

        Assert.Equal((rows + 3, 0L, rows + 1, 0L, 1L, 1L),
            (second.Batch.Read, second.Batch.Inserted, second.Batch.Unchanged, second.Batch.Replaced, second.Batch.Conflicts, second.Batch.Invalid));
        Assert.Equal(rows + 3, second.Problems.Single(p => p.Reason.StartsWith("xung đột", StringComparison.Ordinal)).Line);
        await using (var db = database.NewContext())
        {
            Assert.Equal(rows, await db.DossierVersions.CountAsync());
            Assert.Equal("KH.U06", (await db.Dossiers.AsNoTracking().SingleAsync(d => d.DossierId == "KH.BULK-0000006")).UnitCode);
        }

        // A file that repeats a key, into an empty table: classified row by row after all.
        var surveys = Path.Combine(_directory, "surveys.csv");
        using (var file = File.Create(surveys))
        using (var writer = new SurveyCsvWriter(file))
        {
            writer.Write(new SurveyResponse("KS1", "KH.BULK-0000001", Start.AddDays(2), 5));
            writer.Write(new SurveyResponse("KS2", "KH.BULK-0000002", Start.AddDays(2), 4));
            writer.Write(new SurveyResponse("KS1", "KH.BULK-0000001", Start.AddDays(2), 5));
            writer.Write(new SurveyResponse("KS2", "KH.BULK-0000002", Start.AddDays(2), 1));
        }

        // While another connection has the file open (SQLite: the journal cannot change; the batch runs in WAL).
        using (HoldAnotherConnection())
        {
            var third = await ImportAsync(clean, surveys);

            var surveyCounts = third.Counts[RecordKind.Survey];
            Assert.Equal((4L, 2L, 1L, 1L), (surveyCounts.Read, surveyCounts.Inserted, surveyCounts.Unchanged, surveyCounts.Conflicts));
            Assert.Equal(rows, third.Counts[RecordKind.Dossier].Unchanged);
        }

        await using (var db = database.NewContext())
        {
            Assert.Equal(4, (await db.Surveys.AsNoTracking().SingleAsync(s => s.ResponseId == "KS2")).Score);
        }

        await AssertSchemaWholeAsync();
    }

    /// <summary>Every index the migrations made is there after the bulk paths dropped and rebuilt them.</summary>
    protected abstract Task AssertSchemaWholeAsync();

    /// <summary>Another session on the database, open until disposed.</summary>
    protected abstract IDisposable HoldAnotherConnection();

    protected TDatabase Database => database;
}

public sealed class SqliteBulkImportTests(SqliteMeasurementDatabase database)
    : BulkImportTests<SqliteMeasurementDatabase>(database), IClassFixture<SqliteMeasurementDatabase>
{
    protected override async Task AssertSchemaWholeAsync()
    {
        await using var connection = new SqliteConnection(Database.Options.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('dossiers', 'dossier_versions') ORDER BY name)";
        Assert.Equal(
            "IX_dossiers_handler_code,IX_dossiers_unit_code,sqlite_autoindex_dossier_versions_1,sqlite_autoindex_dossiers_1",
            (string?)await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        // A new file gets 16 KB pages (GovKpiDbContext.MigrateAsync).
        command.CommandText = "PRAGMA page_size";
        Assert.Equal(16384L, (long)(await command.ExecuteScalarAsync())!);
    }

    protected override IDisposable HoldAnotherConnection()
    {
        var connection = new SqliteConnection(Database.Options.ConnectionString + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM dossiers";
        command.ExecuteScalar();
        return connection;
    }
}

public sealed class PostgresBulkImportTests(PostgresMeasurementDatabase database)
    : BulkImportTests<PostgresMeasurementDatabase>(database), IClassFixture<PostgresMeasurementDatabase>
{
    protected override async Task AssertSchemaWholeAsync()
    {
        await using var connection = new NpgsqlConnection(Database.Options.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE tablename IN ('dossiers', 'dossier_versions', 'surveys')", connection);
        Assert.Equal(
            "IX_dossiers_handler_code,IX_dossiers_unit_code,IX_surveys_dossier_id,IX_surveys_submitted_at,PK_dossier_versions,PK_dossiers,PK_surveys",
            (string?)await command.ExecuteScalarAsync());
        command.CommandText = "SELECT count(*) FROM pg_constraint WHERE conrelid IN ('dossiers'::regclass, 'dossier_versions'::regclass, 'surveys'::regclass) AND contype = 'p'";
        Assert.Equal(3L, (long)(await command.ExecuteScalarAsync())!);
    }

    protected override IDisposable HoldAnotherConnection()
    {
        var connection = new NpgsqlConnection(Database.Options.ConnectionString);
        connection.Open();
        return connection;
    }
}
