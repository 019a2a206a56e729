using System.Globalization;
using System.Text;
using GovKpi.Core.Measurement;
using GovKpi.Data.Files;
using GovKpi.Data.Measurement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace GovKpi.Web.Tests.Measurement;

/// <summary>
/// A batch of more than 50,000 rows (AggregateMaintenance.IncrementalRows) into empty record
/// tables has its KPI tallies counted as its rows stream by (StreamedTallies); they
/// must be exactly those of a full recompute over what landed, whatever the file holds: versions
/// out of order, repeats, conflicts, invalid rows, times finer than a microsecond, surveys of
/// unknown dossiers, repeated surveys and complaints, records over several years. The file is
/// also large enough (over 18 MB) for SQLite to write each current version once, from those
/// counted (SqliteBatchWriter), rather than upsert them row by row. Each class has a database of
/// its own, empty at the start of its one test. With <c>spill</c>, the batch is taken as too large
/// to count in memory (issue 15, AggregateMaintenance.DefaultStreamedBytes): the current versions
/// are resolved by the database and the tallies recomputed from the tables, which must store the
/// same; and a recompute that lets the database join each survey to its dossier (beyond
/// KpiAggregateStore.DefaultSurveysHeld surveys) must find what one holding the surveys finds.
/// </summary>
public abstract class StreamedAggregatesTests<TDatabase>(TDatabase database, bool spill = false) : IDisposable where TDatabase : MeasurementDatabase
{
    private const int Dossiers = 62_000;
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);
    private static readonly DateTimeOffset Start = new(2025, 11, 3, 7, 30, 0, Vn);
    private readonly string _directory = Directory.CreateTempSubdirectory("govkpi-streamed-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>
    /// Two versions of every dossier, received from November 2025 into 2026, the newer first for
    /// every third: an open one, then one that is finished (on time, late, withdrawn, refused) or
    /// still open and late, moved to another handler for some.
    /// </summary>
    private static IEnumerable<DossierVersion> Versions()
    {
        for (var i = 0; i < Dossiers; i++)
        {
            var received = Start.AddMinutes(i * 7);
            var due = received.AddDays(Math.Max(i % 9 - 1, 0));
            var open = new DossierVersion($"KH.S-{i:D6}", "1.001193", $"KH.U{i % 23:D2}", i % 13 == 0 ? null : $"CB{i % 300:D4}",
                i % 3 == 0 ? DossierChannel.Online : DossierChannel.InPerson, received, due, null, DossierStatus.Processing, 0, false, received.AddHours(1));
            var (status, finished) = (i % 5) switch
            {
                0 => (DossierStatus.Processed, (DateTimeOffset?)received.AddDays(2)),
                1 => (DossierStatus.ResultReturned, received.AddDays(12)),
                2 => (DossierStatus.Withdrawn, received.AddDays(1)),
                3 => (DossierStatus.Refused, received.AddDays(40)),
                _ => (DossierStatus.SupplementRequested, (DateTimeOffset?)null),
            };
            var newer = open with
            {
                Status = status, FinishedAt = finished, StaffErrorReturn = i % 7 == 0, UpdatedAt = (finished ?? received).AddHours(2),
                HandlerCode = i % 11 == 0 ? "CB9999" : open.HandlerCode,
            };
            if (i % 3 == 0)
            {
                yield return newer;
                yield return open;
            }
            else
            {
                yield return open;
                yield return newer;
            }
        }
    }

    private string Write(string name, Action<Stream> rows, string extraLines)
    {
        var path = Path.Combine(_directory, name);
        using (var file = File.Create(path))
        {
            rows(file);
        }

        File.AppendAllText(path, extraLines, new UTF8Encoding(false));
        return path;
    }

    [SkippableFact]
    public async Task A_bulk_batch_into_empty_tables_stores_the_tallies_of_a_full_recompute_and_the_newest_versions_as_current()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var dossiers = Write("dossiers.csv", stream =>
        {
            using var writer = new DossierCsvWriter(stream);
            foreach (var version in Versions())
            {
                writer.Write(version);
            }
        },
            // A repeat; a conflict (the first row stays); an invalid row; another version of
            // KH.S-000002 0.4 µs after its newest one (the same microsecond as stored: a conflict,
            // not a newer version); a dossier finished 0.3 µs after its due time (on time, as stored).
            "KH.S-000004,1.001193,KH.U04,CB0004,in_person,2025-11-03T07:58:00+07:00,2025-11-06T07:58:00+07:00,,processing,0,false,2025-11-03T08:58:00+07:00\n" +
            "KH.S-000005,1.001193,KH.U05,CB0005,online,2025-11-03T08:05:00+07:00,2025-11-07T08:05:00+07:00,,processing,0,false,2025-11-03T09:05:00+07:00\n" +
            "KH.S-X,1.001193,KH.U01,,online,yesterday,2025-11-13T08:06:00+07:00,,processing,0,false,2025-11-03T09:06:00+07:00\n" +
            "KH.S-000002,1.001193,KH.U02,CB0002,in_person,2025-11-03T07:44:00+07:00,2025-11-04T07:44:00+07:00,2025-11-04T07:00:00+07:00,processed,0,false,2025-11-04T09:44:00.0000004+07:00\n" +
            "KH.S-MICRO,1.001193,KH.U01,CB0001,online,2025-12-30T08:00:00+07:00,2025-12-31T17:00:00+07:00,2025-12-31T17:00:00.0000003+07:00,processed,0,false,2026-01-02T08:00:00+07:00\n");
        var surveys = Write("surveys.csv", stream =>
        {
            using var writer = new SurveyCsvWriter(stream);
            for (var i = 0; i < Dossiers; i += 4)
            {
                writer.Write(new SurveyResponse($"V{i}", $"KH.S-{i:D6}", Start.AddMinutes(i * 7).AddDays(3), i % 5 + 1));
            }
        },
            // The first row of V8 wins over a different score; a survey of an unknown dossier, in a year of its own.
            "V8,KH.S-000008,2025-11-06T10:00:00+07:00,1\n" +
            "V-UNKNOWN,KH.S-NOPE,2028-03-01T10:00:00+07:00,5\n");
        var complaints = Write("complaints.csv", stream =>
        {
            using var writer = new ComplaintCsvWriter(stream);
            for (var i = 0; i < 600; i++)
            {
                writer.Write(new Complaint($"P{i}", $"KH.U{i % 23:D2}", i % 4 == 0 ? null : $"CB{i % 300:D4}", null, Start.AddHours(i * 9),
                    ComplaintCategory.Attitude, i % 3 != 0));
            }
        },
            // A second row of P1 (upheld) saying it is not: the first row stays.
            "P1,KH.U01,CB0001,,2025-11-03T16:30:00+07:00,attitude,false\n");

        // SqliteBatchWriter's bulk load: an estimated 100,000 rows (of 180 bytes) or more.
        Assert.True(new FileInfo(dossiers).Length >= 100_000 * 180);

        await using (var dossierFile = File.OpenRead(dossiers))
        await using (var surveyFile = File.OpenRead(surveys))
        await using (var complaintFile = File.OpenRead(complaints))
        await using (var db = database.NewContext())
        {
            var import = new MeasurementImport(db, new FakeTimeProvider(Start)) { StreamedBytes = spill ? 0 : AggregateMaintenance.DefaultStreamedBytes };
            var outcome = await import.RunAsync(new MeasurementBatch(ImportSource.Cli, "test")
            {
                Dossiers = ImportFiles.DossiersCsv(dossierFile, "dossiers.csv"),
                Surveys = ImportFiles.SurveysCsv(surveyFile, "surveys.csv"),
                Complaints = ImportFiles.ComplaintsCsv(complaintFile, "complaints.csv"),
            });

            Assert.True(outcome.Batch.Read > 50_000);
            Assert.Equal((4L, 1L), (outcome.Batch.Conflicts, outcome.Batch.Invalid));
        }

        List<string> streamed, recomputed, joined;
        await using (var db = database.NewContext())
        {
            streamed = Rows(await db.KpiAggregates.AsNoTracking().ToListAsync());
            await using var transaction = await db.Database.BeginTransactionAsync();
            await new KpiAggregateStore(db).RecomputeAsync(CancellationToken.None);
            recomputed = Rows(await db.KpiAggregates.AsNoTracking().ToListAsync());
            await new KpiAggregateStore(db) { SurveysHeld = 0 }.RecomputeAsync(CancellationToken.None);
            joined = Rows(await db.KpiAggregates.AsNoTracking().ToListAsync());
        }

        Assert.Equal(recomputed, streamed);
        Assert.Equal(recomputed, joined);
        await using (var db = database.NewContext())
        {
            var newest = (await db.DossierVersions.AsNoTracking().ToListAsync())
                .GroupBy(v => v.DossierId).Select(g => g.MaxBy(v => v.UpdatedAt)!).OrderBy(v => v.DossierId, StringComparer.Ordinal);
            var current = (await db.Dossiers.AsNoTracking().ToListAsync()).OrderBy(v => v.DossierId, StringComparer.Ordinal);
            Assert.Equal(newest, current);
        }

        // Every month, quarter and year of 2025 to 2028 (the unknown dossier's survey reaches 2028), for the province.
        Assert.Equal(4 * 17, streamed.Count(r => r.Contains("/all/", StringComparison.Ordinal)));
        Assert.Contains(streamed, r => r.StartsWith("2026-01-01/2026-02-01/staff/CB9999/", StringComparison.Ordinal));
    }

    private static List<string> Rows(IEnumerable<StoredKpiTally> rows) => rows
        .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.PeriodFrom:yyyy-MM-dd}/{r.PeriodTo:yyyy-MM-dd}/{r.Scope}/{r.Code}/") + string.Join(",",
            r.Finished, r.FinishedOnTime, r.OpenLate, r.FinishedWithStaffError, r.Completed, r.Withdrawn, r.Received, r.ReceivedOnline,
            r.Surveys, r.SurveyScoreSum, r.UpheldComplaints))
        .Order(StringComparer.Ordinal).ToList();
}

public sealed class SqliteStreamedAggregatesTests(SqliteMeasurementDatabase database)
    : StreamedAggregatesTests<SqliteMeasurementDatabase>(database), IClassFixture<SqliteMeasurementDatabase>;

public sealed class PostgresStreamedAggregatesTests(PostgresMeasurementDatabase database)
    : StreamedAggregatesTests<PostgresMeasurementDatabase>(database), IClassFixture<PostgresMeasurementDatabase>;

public sealed class SqliteSpilledAggregatesTests(SqliteMeasurementDatabase database)
    : StreamedAggregatesTests<SqliteMeasurementDatabase>(database, spill: true), IClassFixture<SqliteMeasurementDatabase>;

public sealed class PostgresSpilledAggregatesTests(PostgresMeasurementDatabase database)
    : StreamedAggregatesTests<PostgresMeasurementDatabase>(database, spill: true), IClassFixture<PostgresMeasurementDatabase>;
