using System.Net;
using System.Net.Http.Json;
using GovKpi.Core.Measurement;
using GovKpi.Data;
using GovKpi.Data.Measurement;
using GovKpi.Web.Features.KpiValues;
using GovKpi.Web.Features.Measurement;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.KpiValues;

/// <summary>
/// The stored aggregates stay equal to a full recompute through pushes and file imports. A class
/// (and database) of its own: its dossiers stay open and late for years, which would change the
/// numbers other tests expect.
/// </summary>
public abstract class KpiAggregateTests<TApp>(TApp app) : KpiTestRecords<TApp>(app) where TApp : GovKpiApp
{
    [SkippableFact]
    public async Task Stored_aggregates_equal_a_full_recompute_after_every_push_and_file_import()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");

        await PushAsync(hr, "dossiers",
        [
            Dossier("A1", "C1-TT", "S001", "2025-07-03T08:00:00+07:00", "2025-07-10T17:00:00+07:00", "2025-07-09T10:00:00+07:00", "processed", "online"),
            Dossier("A2", "C1-TT", "S002", "2025-07-20T08:00:00+07:00", "2025-08-05T17:00:00+07:00"),
            Dossier("A3", "C2-TT", "S004", "2025-06-25T08:00:00+07:00", "2025-07-02T17:00:00+07:00"),
            Dossier("A4", "X1", "S005", "2025-05-02T08:00:00+07:00", "2025-05-09T17:00:00+07:00", "2025-05-20T10:00:00+07:00", "result_returned", staffError: true),
        ]);
        await AssertAggregatesEqualFullRecomputeAsync();

        // A survey of a dossier not known yet counts nowhere until the dossier arrives.
        await PushAsync(hr, "surveys",
        [
            Survey("V1", "A1", "2025-07-10T09:00:00+07:00", 5),
            Survey("V2", "A3", "2025-08-01T09:00:00+07:00", 2),
            Survey("V3", "A9", "2025-09-01T09:00:00+07:00", 4),
        ]);
        await PushAsync(hr, "complaints",
        [
            Complaint("P1", "C1-TT", "S001", "2025-07-15T09:00:00+07:00", upheld: false),
            Complaint("P2", "C2-TT", null, "2025-08-15T09:00:00+07:00", upheld: true),
        ]);
        await AssertAggregatesEqualFullRecomputeAsync();

        // Newer versions: finished late, moved to another unit and handler, withdrawn; the unknown dossier arrives.
        await PushAsync(hr, "dossiers",
        [
            Dossier("A2", "C1-TT", "S002", "2025-07-20T08:00:00+07:00", "2025-08-05T17:00:00+07:00", "2025-08-20T10:00:00+07:00", "processed", updated: "2025-08-20T10:00:00+07:00"),
            Dossier("A3", "C1-TT", "S001", "2025-06-25T08:00:00+07:00", "2025-07-02T17:00:00+07:00", updated: "2025-08-21T10:00:00+07:00", status: "supplement_requested"),
            Dossier("A1", "C1-TT", "S001", "2025-07-03T08:00:00+07:00", "2025-07-10T17:00:00+07:00", "2025-07-09T10:00:00+07:00", "withdrawn", "online", updated: "2025-08-22T10:00:00+07:00"),
            Dossier("A9", "C2-TT", "S004", "2025-08-28T08:00:00+07:00", "2025-09-05T17:00:00+07:00", "2025-09-01T08:00:00+07:00", "result_returned"),
        ]);
        await AssertAggregatesEqualFullRecomputeAsync();

        // The complaint is found justified; a survey is corrected to another dossier and score.
        await PushAsync(hr, "complaints", [Complaint("P1", "C1-TT", "S001", "2025-07-15T09:00:00+07:00", upheld: true)]);
        await PushAsync(hr, "surveys", [Survey("V2", "A9", "2025-09-02T09:00:00+07:00", 3)]);
        await AssertAggregatesEqualFullRecomputeAsync();

        // A file import through the same import service, reaching a year not stored yet.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var import = new MeasurementImport(scope.ServiceProvider.GetRequiredService<GovKpiDbContext>(), App.Clock);
            var version = new DossierVersion(Prefix + "F1", "1.001193", "C2-TT", "S004", DossierChannel.Postal,
                new DateTimeOffset(2026, 12, 30, 8, 0, 0, TimeSpan.FromHours(7)), new DateTimeOffset(2027, 1, 6, 17, 0, 0, TimeSpan.FromHours(7)),
                null, DossierStatus.Processing, 0, false, new DateTimeOffset(2026, 12, 30, 8, 0, 0, TimeSpan.FromHours(7)));
            var outcome = await import.RunAsync(new MeasurementBatch(ImportSource.Cli, "test")
            {
                Dossiers = new ImportFile<DossierVersion>("dossiers.csv", [SourceRow<DossierVersion>.Valid(2, version)]),
            });
            Assert.Equal(1, outcome.Batch.Inserted);
        }

        await AssertAggregatesEqualFullRecomputeAsync();

        // The bulk path (a full recompute) leaves exactly what the deltas built.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
            var before = await db.KpiAggregates.AsNoTracking().ToListAsync();
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                await new KpiAggregateStore(db).RecomputeAsync(CancellationToken.None);
                await transaction.CommitAsync();
            }

            var after = await db.KpiAggregates.AsNoTracking().ToListAsync();
            Assert.Equal(Rows(before), Rows(after));
        }
    }

    private static List<string> Rows(IEnumerable<StoredKpiTally> rows) =>
        rows.Select(r => $"{r.PeriodFrom}/{r.PeriodTo}/{r.Scope}/{r.Code}/{string.Join(",", StoredCounts(r))}").Order(StringComparer.Ordinal).ToList();

    private static long[] StoredCounts(StoredKpiTally r) =>
        [r.Finished, r.FinishedOnTime, r.OpenLate, r.FinishedWithStaffError, r.Completed, r.Withdrawn, r.Received, r.ReceivedOnline, r.Surveys, r.SurveyScoreSum, r.UpheldComplaints];
}

public sealed class SqliteKpiAggregateTests(SqliteApp app) : KpiAggregateTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresKpiAggregateTests(PostgresApp app) : KpiAggregateTests<PostgresApp>(app), IClassFixture<PostgresApp>;
