using GovKpi.Core.Access;
using GovKpi.Core.Audit;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using static GovKpi.Cli.Tests.CommandLine;

namespace GovKpi.Cli.Tests.Audit;

/// <summary>
/// <c>govkpi audit verify</c> on a SQLite file holding a published cycle, after the tampering a
/// database administrator can do without the key: raw SQL on the tables, the chain recomputed with
/// plain SHA-256 exactly as <see cref="AuditChain"/> does.
/// </summary>
public sealed class AuditVerifyCommandTests : IDisposable
{
    private static readonly DateTimeOffset RatedAt = new(2026, 4, 3, 9, 0, 0, TimeSpan.FromHours(7));
    private static readonly DateTimeOffset PublishedAt = new(2026, 4, 10, 15, 30, 0, TimeSpan.FromHours(7));
    private readonly string _root = Directory.CreateTempSubdirectory("govkpi-audit-").FullName;

    public AuditVerifyCommandTests() => ConnectionString = $"Data Source={Path.Combine(_root, "govkpi.db")}";

    private string ConnectionString { get; }

    private string KeyDirectory => Path.Combine(_root, "audit-keys");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private Result Verify() => Run("audit", "verify", "--database", ConnectionString);

    private GovKpiDbContext Database() => new(DatabaseOptions.From("sqlite", ConnectionString, _root).ToContextOptions());

    /// <summary>
    /// A month's cycle of the one-stop centre: three people rated in one change and published in
    /// another, each change saved (and so sealed) as the web app saves it.
    /// </summary>
    private async Task<EvaluationCycle> PublishedCycleAsync()
    {
        var cycle = new EvaluationCycle
        {
            Id = Guid.NewGuid(), UnitCode = "KH.TTHCC", UnitName = "Trung tâm Phục vụ hành chính công", AgencyCode = "KH.TTHCC",
            PeriodKind = PeriodKind.Month, PeriodFrom = new(2026, 3, 1), PeriodTo = new(2026, 4, 1), Policy = EvaluationPolicy.Decree335,
            Stage = CycleStage.Approved, Deadlines = StageDeadlines.Default(new(2026, 3, 25)), OpenedBy = "hr", OpenedAt = RatedAt.AddDays(-10),
        };
        var people = new[] { ("NV001", 92m), ("NV002", 75m), ("NV003", 60m) }.Select(p => new StaffEvaluation
        {
            Id = Guid.NewGuid(), CycleId = cycle.Id, StaffCode = p.Item1, StaffName = "Người " + p.Item1, UnitCode = cycle.UnitCode,
            PositionCode = "CV", Group = PositionGroup.Professional, GeneralPoints = 25, TaskPoints = p.Item2 - 25,
            Level = cycle.Policy.Bands.LevelOf(p.Item2), LevelReason = ClassificationReason.Band,
        }).ToList();
        var manager = new AuditActor("manager", "Trần Quản Lý", Role.Manager);

        await using (var db = Database())
        {
            await db.MigrateAsync();
            var rating = new AuditTrail(cycle, manager, RatedAt);
            foreach (var person in people)
            {
                rating.Change(AuditActions.Rated, person, "score", person.Score, person.GeneralPoints + person.TaskPoints, "Theo kết quả KPI");
                person.Score = person.GeneralPoints + person.TaskPoints;
            }

            db.EvaluationCycles.Add(cycle);
            db.Evaluations.AddRange(people);
            db.EvaluationAudit.AddRange(rating.Entries);
            await db.SaveChangesAsync();
        }

        await using (var db = Database())
        {
            var stored = await db.EvaluationCycles.SingleAsync(c => c.Id == cycle.Id);
            var evaluations = await db.Evaluations.Where(e => e.CycleId == cycle.Id).OrderBy(e => e.StaffCode).ToListAsync();
            var publication = new AuditTrail(stored, new AuditActor("hr", "Lê Nhân Sự", Role.Hr), PublishedAt);
            stored.Stage = CycleStage.Published;
            db.EvaluationResults.AddRange(Publication.Publish(stored, evaluations, publication));
            db.EvaluationAudit.AddRange(publication.Entries);
            await db.SaveChangesAsync();
        }

        return cycle;
    }

    private static string Named(EvaluationCycle cycle) => $"cycle 2026-03 Trung tâm Phục vụ hành chính công (id {cycle.Id})";

    private async Task<List<AuditEntry>> TrailAsync(Guid cycleId)
    {
        await using var db = Database();
        return await db.EvaluationAudit.AsNoTracking().Where(a => a.CycleId == cycleId).OrderBy(a => a.Sequence).ToListAsync();
    }

    [Fact]
    public async Task Untouched_trails_verify_with_a_summary_per_trail_and_the_keys_file_is_private()
    {
        var cycle = await PublishedCycleAsync();
        Assert.Equal(0, RunWithInput("Mây trắng 2027\n", "users", "add", "hr1", "--role", "hr", "--database", ConnectionString).ExitCode);

        var result = Verify();

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains($"{Named(cycle)}: 6 entries, #1–#6 sealed and checkpointed", result.Output);
        Assert.Contains("accounts: 1 entries, #1–#1 sealed and checkpointed", result.Output);
        Assert.Contains("KPI library: no entries", result.Output);
        var key = Assert.Single(Directory.GetFiles(KeyDirectory, "*.key"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }
    }

    [Fact]
    public async Task Deleting_the_last_entry_of_a_published_cycle_fails_naming_the_cycle_and_the_entry()
    {
        var cycle = await PublishedCycleAsync();
        await using (var db = Database())
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"DELETE FROM evaluation_audit WHERE \"CycleId\" = {cycle.Id} AND \"Sequence\" = (SELECT MAX(\"Sequence\") FROM evaluation_audit WHERE \"CycleId\" = {cycle.Id})");
        }

        var result = Verify();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{Named(cycle)}: entry #6 cut from the end", result.Error);
        Assert.Contains($"{Named(cycle)}: the result of NV003 disagrees with its trail", result.Error);
    }

    [Fact]
    public async Task Changing_a_published_score_and_recomputing_the_chain_with_SHA256_fails_naming_the_cycle_and_the_entry()
    {
        var cycle = await PublishedCycleAsync();
        var trail = await TrailAsync(cycle.Id);
        var published = trail.Single(e => e.Action == AuditActions.ResultPublished && e.StaffCode == "NV002");
        Assert.Equal("v1: 75 HTT", published.NewValue);
        published.NewValue = "v1: 88 HTT";
        var previous = trail.First(e => e.Sequence == published.Sequence - 1).Hash;
        await using (var db = Database())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE evaluation_results SET \"Score\" = {88m} WHERE \"EvaluationId\" = {published.EvaluationId}");
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE staff_evaluations SET \"Score\" = {88m}, \"TaskPoints\" = {63m} WHERE \"Id\" = {published.EvaluationId}");
            foreach (var entry in trail.Where(e => e.Sequence >= published.Sequence))
            {
                entry.Hash = AuditChain.Hash(previous, entry.Content);
                previous = entry.Hash;
                await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE evaluation_audit SET \"NewValue\" = {entry.NewValue}, \"Hash\" = {entry.Hash} WHERE \"Id\" = {entry.Id}");
            }

            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE evaluation_cycles SET \"AuditHead\" = {previous} WHERE \"Id\" = {cycle.Id}");
        }

        var result = Verify();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{Named(cycle)}: entry #{published.Sequence}: its hash matches its content but its seal does not", result.Error);
        Assert.Contains($"{Named(cycle)}: entry #6: its hash is not the head hash the signed checkpoint holds", result.Error);
    }

    [Fact]
    public async Task An_edited_entry_is_named_and_so_is_a_result_row_changed_without_its_trail()
    {
        var cycle = await PublishedCycleAsync();
        var trail = await TrailAsync(cycle.Id);
        await using (var db = Database())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE evaluation_audit SET \"Reason\" = {"Theo đề nghị của lãnh đạo"} WHERE \"Id\" = {trail[1].Id}");
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE evaluation_results SET \"Score\" = {91m} WHERE \"EvaluationId\" = {trail[0].EvaluationId}");
        }

        var result = Verify();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{Named(cycle)}: entry #2 was edited: its hash does not match its content", result.Error);
        Assert.Contains($"{Named(cycle)}: entry #4: the result of NV001 disagrees with its trail: the result row holds v1: 91 HTXS, the trail records v1: 92 HTXS", result.Error);
    }

    [Fact]
    public async Task A_checkpoint_moved_back_by_hand_after_cutting_the_last_entry_is_reported_as_forged()
    {
        var cycle = await PublishedCycleAsync();
        var trail = await TrailAsync(cycle.Id);
        await using (var db = Database())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM evaluation_audit WHERE \"Id\" = {trail[^1].Id}");
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE audit_checkpoints SET \"LastSequence\" = {5L}, \"HeadHash\" = {trail[^2].Hash} WHERE \"Scope\" = {AuditScopes.Cycle(cycle.Id)}");
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE evaluation_cycles SET \"AuditSequence\" = {5L}, \"AuditHead\" = {trail[^2].Hash} WHERE \"Id\" = {cycle.Id}");
        }

        var result = Verify();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{Named(cycle)}: the checkpoint's signature does not match it", result.Error);
    }

    [Fact]
    public async Task After_rotating_the_key_older_seals_still_verify_and_without_the_keys_verification_refuses()
    {
        var cycle = await PublishedCycleAsync();
        var before = Directory.GetFiles(KeyDirectory, "*.key").Single();

        var rotated = Run("audit", "rotate-key", "--database", ConnectionString);

        Assert.True(rotated.ExitCode == 0, rotated.Error);
        Assert.Contains("is now current", rotated.Output);
        Assert.Equal(2, Directory.GetFiles(KeyDirectory, "*.key").Length);
        Assert.Equal(0, Verify().ExitCode);

        var elsewhere = Run("audit", "verify", "--database", ConnectionString, "--key-directory", Path.Combine(_root, "nowhere"));
        Assert.Equal(1, elsewhere.ExitCode);
        Assert.Contains("no audit keys", elsewhere.Error);
        Assert.True(File.Exists(before));
        Assert.NotEqual(Guid.Empty, cycle.Id);
    }

    [Fact]
    public async Task Trails_written_before_sealing_are_sealed_once_by_the_upgrade_and_then_verify()
    {
        await using (var db = Database())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_SealedAuditTrails", StringComparison.Ordinal)) - 1];
            await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(before);
            var at = Data.Measurement.MeasurementModel.ToSqlite(RatedAt);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO organisation_audit (\"At\", \"Actor\", \"Source\", \"Kind\", \"Code\", \"Before\", \"After\") VALUES ({at}, {"hr"}, {"cli"}, {"units"}, {"KH"}, {null}, {"{}"}), ({at + 1}, {"hr"}, {"cli"}, {"staff"}, {"S001"}, {null}, {"{}"})");
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO account_audit (\"At\", \"Actor\", \"Action\", \"UserName\", \"Before\", \"After\") VALUES ({at}, {"cli"}, {"Created"}, {"hr1"}, {null}, {"{}"})");
        }

        await using (var db = Database())
        {
            await db.MigrateAsync();
        }

        var result = Verify();

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("organisation: 2 entries, #1–#2 sealed and checkpointed", result.Output);
        Assert.Contains("accounts: 1 entries, #1–#1 sealed and checkpointed", result.Output);

        // Later changes continue the sealed chain.
        Assert.Equal(0, RunWithInput("Mây trắng 2027\n", "users", "add", "hr2", "--role", "hr", "--database", ConnectionString).ExitCode);
        Assert.Contains("accounts: 2 entries, #1–#2 sealed and checkpointed", Verify().Output);
    }
}
