using GovKpi.Core.Measurement;
using GovKpi.Data;
using GovKpi.Data.Files;
using GovKpi.Data.Measurement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace GovKpi.Web.Tests.Measurement;

public abstract class MeasurementImportTests<TDatabase>(TDatabase database) where TDatabase : MeasurementDatabase
{
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);
    private static readonly DateTimeOffset Received = new(2025, 7, 3, 8, 15, 0, Vn);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, Vn));
    private readonly string _prefix = "T" + Guid.NewGuid().ToString("N")[..6] + "-";

    private void RequireDatabase() => Skip.If(database.SkipReason is not null, database.SkipReason);

    private DossierVersion Dossier(string id, int version, DossierStatus status = DossierStatus.Processing, string handler = "S001") => new(
        _prefix + id, "1.001193", "C1-TT", handler, DossierChannel.Online, Received, Received.AddDays(5),
        status.IsFinished() ? Received.AddDays(version) : null, status, 0, false, Received.AddHours(version));

    private static ImportFile<T> File<T>(string name, params T[] records) where T : class =>
        new(name, records.Select((r, i) => SourceRow<T>.Valid(i + 2, r)).ToList());

    private async Task<ImportOutcome> ImportAsync(MeasurementBatch batch, CancellationToken ct = default)
    {
        await using var db = database.NewContext();
        return await new MeasurementImport(db, _clock).RunAsync(batch, null, ct);
    }

    private Task<ImportOutcome> ImportDossiersAsync(params DossierVersion[] versions) =>
        ImportAsync(new MeasurementBatch(ImportSource.Cli, "test") { Dossiers = File("dossiers.csv", versions) });

    private async Task<DossierVersion?> CurrentAsync(string id)
    {
        await using var db = database.NewContext();
        return await db.Dossiers.AsNoTracking().SingleOrDefaultAsync(d => d.DossierId == _prefix + id);
    }

    private async Task<int> VersionCountAsync(string id)
    {
        await using var db = database.NewContext();
        return await db.DossierVersions.CountAsync(d => d.DossierId == _prefix + id);
    }

    private async Task<(int Versions, int Current, int Surveys, int Complaints, int Calendar, int Quarantine)> TableCountsAsync()
    {
        await using var db = database.NewContext();
        return (await db.DossierVersions.CountAsync(), await db.Dossiers.CountAsync(), await db.Surveys.CountAsync(),
            await db.Complaints.CountAsync(), await db.CalendarExceptions.CountAsync(), await db.Quarantine.CountAsync());
    }

    private MeasurementBatch EverythingBatch() => new(ImportSource.Cli, "test")
    {
        Dossiers = File("dossiers.csv", Dossier("A", 1), Dossier("A", 2, DossierStatus.Processed), Dossier("B", 1)),
        Surveys = File("surveys.csv", new SurveyResponse(_prefix + "KS1", _prefix + "A", Received.AddDays(3), 5)),
        Complaints = File("complaints.csv", new Complaint(_prefix + "PAKN1", "C1-TT", "S001", _prefix + "A", Received.AddDays(4), ComplaintCategory.Attitude, false)),
        Calendar = File("calendar.csv", new CalendarException(new DateOnly(2025, 9, 1), CalendarDayKind.Holiday)),
    };

    [SkippableFact]
    public async Task Importing_the_same_records_twice_changes_nothing()
    {
        RequireDatabase();
        var first = await ImportAsync(EverythingBatch());
        var tablesAfterFirst = await TableCountsAsync();

        var second = await ImportAsync(EverythingBatch());

        Assert.Equal(6, first.Batch.Read);
        Assert.Equal(6, first.Batch.Inserted);
        Assert.Equal(6, second.Batch.Read);
        Assert.Equal(6, second.Batch.Unchanged);
        Assert.Equal(0, second.Batch.Inserted + second.Batch.Replaced + second.Batch.Conflicts + second.Batch.Invalid);
        Assert.Equal(tablesAfterFirst, await TableCountsAsync());
        Assert.Equal(DossierStatus.Processed, (await CurrentAsync("A"))!.Status);
    }

    [SkippableFact]
    public async Task Stored_records_read_back_as_the_same_instants_and_words()
    {
        RequireDatabase();
        var version = Dossier("R", 3, DossierStatus.ResultReturned) with { HandlerCode = null, SupplementCount = 2, StaffErrorReturn = true, Channel = DossierChannel.Mobile };
        var outcome = await ImportDossiersAsync(version);

        var stored = await CurrentAsync("R");
        Assert.Equal(version, stored);
        await using var db = database.NewContext();
        var batchId = await db.Dossiers.Where(d => d.DossierId == version.DossierId).Select(d => EF.Property<Guid>(d, MeasurementModel.BatchColumn)).SingleAsync();
        Assert.Equal(outcome.Batch.Id, batchId);
        Assert.Equal(ImportStatus.Completed, (await db.ImportBatches.SingleAsync(b => b.Id == outcome.Batch.Id)).Status);
    }

    [SkippableFact]
    public async Task A_newer_version_becomes_current_and_the_older_one_stays_as_history()
    {
        RequireDatabase();
        await ImportDossiersAsync(Dossier("N", 1));

        var outcome = await ImportDossiersAsync(Dossier("N", 2, DossierStatus.Processed));

        Assert.Equal(1, outcome.Batch.Inserted);
        Assert.Equal(1, outcome.Batch.Replaced);
        Assert.Equal(Received.AddHours(2), (await CurrentAsync("N"))!.UpdatedAt);
        Assert.Equal(2, await VersionCountAsync("N"));
    }

    [SkippableFact]
    public async Task An_older_version_is_kept_as_history_without_changing_the_current_one()
    {
        RequireDatabase();
        await ImportDossiersAsync(Dossier("O", 5, DossierStatus.Processed));

        var outcome = await ImportDossiersAsync(Dossier("O", 1));

        Assert.Equal(1, outcome.Batch.Inserted);
        Assert.Equal(0, outcome.Batch.Replaced);
        Assert.Equal(DossierStatus.Processed, (await CurrentAsync("O"))!.Status);
        Assert.Equal(2, await VersionCountAsync("O"));
    }

    [SkippableFact]
    public async Task The_same_updated_at_with_different_content_is_a_conflict_quarantined_and_the_stored_version_stays()
    {
        RequireDatabase();
        await ImportDossiersAsync(Dossier("C", 1));

        var outcome = await ImportDossiersAsync(Dossier("C", 1) with { UnitCode = "C2-TT" });

        Assert.Equal(1, outcome.Batch.Conflicts);
        Assert.Equal(0, outcome.Batch.Inserted);
        var problem = Assert.Single(outcome.Problems);
        Assert.Equal(("dossiers.csv", 2L), (problem.File, problem.Line));
        Assert.Contains("xung đột", problem.Reason);
        Assert.Equal("C1-TT", (await CurrentAsync("C"))!.UnitCode);
        await using var db = database.NewContext();
        var quarantined = await db.Quarantine.SingleAsync(q => q.BatchId == outcome.Batch.Id);
        Assert.Equal(QuarantineStatus.Open, quarantined.Status);
        Assert.Contains("\"unit_code\":\"C2-TT\"", quarantined.RawJson);
    }

    [SkippableFact]
    public async Task Versions_of_a_new_dossier_in_one_batch_in_any_order_make_the_latest_current_and_replace_nothing()
    {
        RequireDatabase();
        var outcome = await ImportDossiersAsync(Dossier("M", 2, DossierStatus.Processed), Dossier("M", 1), Dossier("M", 3, DossierStatus.ResultReturned));

        Assert.Equal((3L, 0L), (outcome.Batch.Inserted, outcome.Batch.Replaced));
        Assert.Equal(DossierStatus.ResultReturned, (await CurrentAsync("M"))!.Status);
        Assert.Equal(3, await VersionCountAsync("M"));
    }

    [SkippableFact]
    public async Task Two_rows_of_one_batch_with_the_same_key_and_different_content_keep_the_first_and_quarantine_the_second()
    {
        RequireDatabase();
        var outcome = await ImportDossiersAsync(Dossier("W", 1), Dossier("W", 1), Dossier("W", 1) with { HandlerCode = "S002" });

        Assert.Equal((1L, 1L, 1L), (outcome.Batch.Inserted, outcome.Batch.Unchanged, outcome.Batch.Conflicts));
        Assert.Equal(4, Assert.Single(outcome.Problems).Line);
        Assert.Equal("S001", (await CurrentAsync("W"))!.HandlerCode);
    }

    [SkippableFact]
    public async Task A_run_of_rows_mixing_new_repeated_conflicting_and_newer_versions_gets_one_outcome_per_row_as_row_by_row()
    {
        RequireDatabase();
        await ImportDossiersAsync([.. Enumerable.Range(0, 3).Select(i => Dossier("P" + i, 1))]);
        // 33 rows: the first 32 are one multi-row statement on SQLite, the last one goes alone.
        DossierVersion[] rows =
        [
            Dossier("P0", 1),                                   // line 2: unchanged
            Dossier("P1", 1) with { UnitCode = "C2-TT" },        // line 3: conflict with the stored version
            Dossier("M", 2, DossierStatus.Processed),            // line 4: new dossier, latest version first
            Dossier("M", 1),                                     // line 5: its older version, history
            .. Enumerable.Range(0, 26).Select(i => Dossier("N" + i, 1)),
            Dossier("N0", 1),                                    // line 32: repeated as it was
            Dossier("N1", 1, handler: "S009"),                   // line 33: conflict within the batch
            Dossier("P2", 2, DossierStatus.Processed),           // line 34: newer version of a stored dossier
        ];

        var outcome = await ImportDossiersAsync(rows);

        Assert.Equal((33L, 29L, 2L, 2L, 1L), (outcome.Batch.Read, outcome.Batch.Inserted, outcome.Batch.Unchanged, outcome.Batch.Conflicts, outcome.Batch.Replaced));
        Assert.Equal([3L, 33L], outcome.Problems.Select(p => p.Line).Order());
        Assert.Equal(DossierStatus.Processed, (await CurrentAsync("M"))!.Status);
        Assert.Equal(2, await VersionCountAsync("M"));
        Assert.Equal("C1-TT", (await CurrentAsync("P1"))!.UnitCode);
        Assert.Equal("S001", (await CurrentAsync("N1"))!.HandlerCode);
        Assert.Equal(DossierStatus.Processed, (await CurrentAsync("P2"))!.Status);
    }

    [SkippableFact]
    public async Task A_complaint_sent_again_once_upheld_replaces_the_stored_one()
    {
        RequireDatabase();
        var complaint = new Complaint(_prefix + "PAKN9", "C1-TT", "S001", null, Received, ComplaintCategory.Attitude, false);
        await ImportAsync(new MeasurementBatch(ImportSource.Api, "test") { Complaints = File("api", complaint) });

        var outcome = await ImportAsync(new MeasurementBatch(ImportSource.Api, "test") { Complaints = File("api", complaint with { Upheld = true }) });

        Assert.Equal(1, outcome.Batch.Replaced);
        await using var db = database.NewContext();
        Assert.True((await db.Complaints.SingleAsync(c => c.ComplaintId == complaint.ComplaintId)).Upheld);
    }

    /// <summary>Every stored record of this test's keys, as text, to compare the database between runs.</summary>
    private async Task<List<string>> StoredAsync(DateOnly day)
    {
        await using var db = database.NewContext();
        return
        [
            .. (await db.DossierVersions.AsNoTracking().Where(d => d.DossierId.StartsWith(_prefix)).ToListAsync()).Select(d => "version " + d).Order(StringComparer.Ordinal),
            .. (await db.Dossiers.AsNoTracking().Where(d => d.DossierId.StartsWith(_prefix)).ToListAsync()).Select(d => "current " + d).Order(StringComparer.Ordinal),
            .. (await db.Surveys.AsNoTracking().Where(s => s.ResponseId.StartsWith(_prefix)).ToListAsync()).Select(s => s.ToString()).Order(StringComparer.Ordinal),
            .. (await db.Complaints.AsNoTracking().Where(c => c.ComplaintId.StartsWith(_prefix)).ToListAsync()).Select(c => c.ToString()).Order(StringComparer.Ordinal),
            .. (await db.CalendarExceptions.AsNoTracking().Where(c => c.Date == day).ToListAsync()).Select(c => c.ToString()),
        ];
    }

    [SkippableFact]
    public async Task A_file_whose_rows_conflict_with_each_other_imported_twice_leaves_the_first_runs_records_and_reports_the_same_conflicts()
    {
        RequireDatabase();
        // A day no other test uses: the calendar is shared by the tests of one database.
        var day = new DateOnly(2030, 1, 1).AddDays(Convert.ToInt32(_prefix[1..7], 16) % 3000);
        await ImportAsync(new MeasurementBatch(ImportSource.Cli, "test") { Surveys = File("surveys.csv", new SurveyResponse(_prefix + "S2", _prefix + "D", Received, 3)) });
        var complaint = new Complaint(_prefix + "PAKN1", "C1-TT", "S001", null, Received, ComplaintCategory.Attitude, false);
        MeasurementBatch Clashing() => new(ImportSource.Cli, "test")
        {
            Dossiers = File("dossiers.csv", Dossier("D", 1), Dossier("D", 1) with { HandlerCode = "S002" }),
            Surveys = File("surveys.csv",
                new SurveyResponse(_prefix + "S1", _prefix + "D", Received, 5), new SurveyResponse(_prefix + "S1", _prefix + "D", Received, 1),
                new SurveyResponse(_prefix + "S2", _prefix + "D", Received, 5), new SurveyResponse(_prefix + "S2", _prefix + "D", Received, 1)),
            Complaints = File("complaints.csv", complaint, complaint with { Upheld = true }),
            Calendar = File("calendar.csv", new CalendarException(day, CalendarDayKind.Holiday), new CalendarException(day, CalendarDayKind.Workday)),
        };

        var first = await ImportAsync(Clashing());
        var afterFirst = await StoredAsync(day);
        var second = await ImportAsync(Clashing());

        Assert.Equal(afterFirst, await StoredAsync(day));
        Assert.Contains(afterFirst, r => r.Contains(_prefix + "S1,", StringComparison.Ordinal) && r.Contains("Score = 5", StringComparison.Ordinal));
        Assert.Contains(afterFirst, r => r.Contains("Kind = Holiday", StringComparison.Ordinal));
        Assert.Contains(afterFirst, r => r.Contains(_prefix + "S2", StringComparison.Ordinal) && r.Contains("Score = 5", StringComparison.Ordinal));
        Assert.Contains(afterFirst, r => r.Contains(_prefix + "PAKN1", StringComparison.Ordinal) && r.Contains("Upheld = False", StringComparison.Ordinal));
        Assert.Contains(afterFirst, r => r.StartsWith("current ", StringComparison.Ordinal) && r.Contains("HandlerCode = S001", StringComparison.Ordinal));
        string[] conflicts =
        [
            "calendar.csv:3:: xung đột: một dòng trước đó của lô này có cùng khóa nhưng nội dung khác (dòng 2)",
            "dossiers.csv:3:: xung đột: một dòng trước đó của lô này có cùng dossier_id và updated_at nhưng nội dung khác (dòng 2)",
            "surveys.csv:3:: xung đột: một dòng trước đó của lô này có cùng khóa nhưng nội dung khác (dòng 2)",
            "surveys.csv:5:: xung đột: một dòng trước đó của lô này có cùng khóa nhưng nội dung khác (dòng 4)",
            "complaints.csv:3:: xung đột: một dòng trước đó của lô này có cùng khóa nhưng nội dung khác (dòng 2)",
        ];
        Assert.Equal(conflicts.Order(StringComparer.Ordinal), first.Problems.Select(p => p.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(conflicts.Order(StringComparer.Ordinal), second.Problems.Select(p => p.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal((10L, 0L, 5L, 5L), (second.Batch.Read, second.Batch.Inserted + second.Batch.Replaced, second.Batch.Unchanged, second.Batch.Conflicts));
    }

    [SkippableFact]
    public async Task A_key_repeated_with_other_content_blocks_later_in_a_large_file_is_reported_against_its_first_line_on_every_run()
    {
        RequireDatabase();
        // 2,000 rows: several blocks of the reading thread and many multi-row statements on SQLite.
        SurveyResponse Survey(int i, int score = 4) => new(_prefix + "L" + i, _prefix + "D", Received, score);
        MeasurementBatch Large() => new(ImportSource.Cli, "test")
        {
            Surveys = File("surveys.csv", [.. Enumerable.Range(0, 2000).Select(i => Survey(i)), Survey(0, 1), Survey(1999, 2)]),
        };

        var first = await ImportAsync(Large());
        var second = await ImportAsync(Large());

        string[] conflicts =
        [
            "surveys.csv:2002:: xung đột: một dòng trước đó của lô này có cùng khóa nhưng nội dung khác (dòng 2)",
            "surveys.csv:2003:: xung đột: một dòng trước đó của lô này có cùng khóa nhưng nội dung khác (dòng 2001)",
        ];
        Assert.Equal(conflicts, first.Problems.Select(p => p.ToString()));
        Assert.Equal(conflicts, second.Problems.Select(p => p.ToString()));
        Assert.Equal((2000L, 2L), (first.Batch.Inserted, first.Batch.Conflicts));
        Assert.Equal((0L, 2000L, 2L), (second.Batch.Inserted, second.Batch.Unchanged, second.Batch.Conflicts));
        await using var db = database.NewContext();
        Assert.Equal(2000, await db.Surveys.CountAsync(s => s.ResponseId.StartsWith(_prefix + "L") && s.Score == 4));
    }

    [SkippableFact]
    public async Task Invalid_rows_are_quarantined_with_their_location_and_the_valid_ones_land()
    {
        RequireDatabase();
        var error = new RowError("dossiers.csv", 3, [new FieldProblem("received_at", "'yesterday' is not a time")],
            new Dictionary<string, string> { ["dossier_id"] = _prefix + "BAD", ["received_at"] = "yesterday" });
        var rows = new[] { SourceRow<DossierVersion>.Valid(2, Dossier("G", 1)), SourceRow<DossierVersion>.Invalid(error) };

        var outcome = await ImportAsync(new MeasurementBatch(ImportSource.Cli, "test") { Dossiers = new ImportFile<DossierVersion>("dossiers.csv", rows) });

        Assert.Equal((2L, 1L, 1L), (outcome.Batch.Read, outcome.Batch.Inserted, outcome.Batch.Invalid));
        Assert.Equal("dossiers.csv:3:received_at: 'yesterday' is not a time", Assert.Single(outcome.Problems).ToString());
        Assert.NotNull(await CurrentAsync("G"));
        await using var db = database.NewContext();
        var quarantined = await db.Quarantine.SingleAsync(q => q.BatchId == outcome.Batch.Id);
        Assert.Equal((RecordKind.Dossier, 3L, "received_at"), (quarantined.Kind, quarantined.Line, quarantined.Column));
    }

    [SkippableFact]
    public async Task A_crash_in_the_middle_of_a_batch_leaves_the_database_as_it_was()
    {
        RequireDatabase();
        await ImportDossiersAsync(Dossier("K", 1));
        var before = await TableCountsAsync();

        IEnumerable<SourceRow<DossierVersion>> Crashing()
        {
            yield return SourceRow<DossierVersion>.Valid(2, Dossier("K", 2, DossierStatus.Processed));
            yield return SourceRow<DossierVersion>.Valid(3, Dossier("K2", 1));
            yield return SourceRow<DossierVersion>.Invalid(new RowError("dossiers.csv", 4, [new FieldProblem("status", "bad")], new Dictionary<string, string>()));
            throw new IOException("disk read error");
        }

        var batch = new MeasurementBatch(ImportSource.Cli, "test")
        {
            Surveys = File("surveys.csv", new SurveyResponse(_prefix + "KS7", _prefix + "K", Received, 4)),
            Dossiers = new ImportFile<DossierVersion>("dossiers.csv", Crashing()),
        };
        await Assert.ThrowsAsync<IOException>(() => ImportAsync(batch));

        Assert.Equal(before, await TableCountsAsync());
        Assert.Equal(DossierStatus.Processing, (await CurrentAsync("K"))!.Status);
        await using var db = database.NewContext();
        var failed = await db.ImportBatches.SingleAsync(b => b.Id == batch.Id);
        Assert.Equal(ImportStatus.Failed, failed.Status);
        Assert.Equal("disk read error", failed.Error);
    }

    [SkippableFact]
    public async Task A_cancelled_import_leaves_the_database_as_it_was()
    {
        RequireDatabase();
        var before = await TableCountsAsync();
        using var cancel = new CancellationTokenSource();

        IEnumerable<SourceRow<DossierVersion>> Rows()
        {
            for (var i = 0; i < 2 * MeasurementImport.ReportEvery; i++)
            {
                if (i == MeasurementImport.ReportEvery - 10)
                {
                    cancel.Cancel();
                }

                yield return SourceRow<DossierVersion>.Valid(i + 2, Dossier("X" + i, 1));
            }
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ImportAsync(new MeasurementBatch(ImportSource.Cli, "test") { Dossiers = new ImportFile<DossierVersion>("dossiers.csv", Rows()) }, cancel.Token));

        Assert.Equal(before, await TableCountsAsync());
    }
}

public sealed class SqliteMeasurementImportTests(SqliteMeasurementDatabase database)
    : MeasurementImportTests<SqliteMeasurementDatabase>(database), IClassFixture<SqliteMeasurementDatabase>;

public sealed class PostgresMeasurementImportTests(PostgresMeasurementDatabase database)
    : MeasurementImportTests<PostgresMeasurementDatabase>(database), IClassFixture<PostgresMeasurementDatabase>;
