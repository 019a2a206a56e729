using Microsoft.Data.Sqlite;
using static GovKpi.Cli.Tests.CommandLine;

namespace GovKpi.Cli.Tests.Import;

/// <summary>
/// A process killed while migrating SQLite leaves EF Core's lock row behind; before, every later
/// start, <c>import</c> and <c>migrate</c> waited for it forever.
/// </summary>
public sealed class MigrationLockTests : IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(3);
    private readonly string _root = Directory.CreateTempSubdirectory("govkpi-migration-lock-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private string DatabaseFile => Path.Combine(_root, "govkpi.db");

    private string Database => $"Data Source={DatabaseFile}";

    /// <summary>The state a kill -9 during the first migration leaves: EF's lock table with its row, nothing migrated.</summary>
    private void LeaveAStaleLock()
    {
        using var connection = new SqliteConnection(Database);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);
            INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2026-12-06 08:00:00.0000000+00:00');
            """;
        command.ExecuteNonQuery();
    }

    private long LockRows()
    {
        using var connection = new SqliteConnection(Database);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM \"__EFMigrationsLock\"";
        return (long)command.ExecuteScalar()!;
    }

    private static async Task<Result> WithinGuard(Func<Result> run)
    {
        var task = Task.Run(run);
        Assert.True(await Task.WhenAny(task, Task.Delay(HangGuard)) == task, "the command is still waiting for the migration lock");
        return await task;
    }

    [Fact]
    public async Task A_lock_left_by_a_killed_process_is_cleared_and_the_next_import_and_migrate_run()
    {
        var seeded = Path.Combine(_root, "seed");
        Assert.Equal(0, Run("seed", "--out", seeded, "--seed", "5", "--staff", "50", "--dossiers", "200").ExitCode);
        LeaveAStaleLock();

        var import = await WithinGuard(() => Run("import", "--dir", seeded, "--database", Database));

        Assert.True(import.ExitCode == 0, import.Error);
        Assert.Equal(0, LockRows());

        // A lock row on an up-to-date database: nothing to migrate, so nothing waits for it.
        using (var connection = new SqliteConnection(Database))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-12-06 08:05:00.0000000+00:00')";
            command.ExecuteNonQuery();
        }

        var migrate = await WithinGuard(() => Run("migrate", "--database", Database));
        Assert.True(migrate.ExitCode == 0, migrate.Error);
    }

    [Fact]
    public async Task A_live_migrator_is_waited_for_and_its_lock_left_alone()
    {
        // Another GovKpi process migrating holds the lock file; this one waits instead of clearing its row.
        var held = new FileStream(DatabaseFile + ".migrating", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var migrate = Task.Run(() => Run("migrate", "--database", Database));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(migrate.IsCompleted);

        await held.DisposeAsync();
        var result = await WithinGuard(() => migrate.Result);

        Assert.True(result.ExitCode == 0, result.Error);
    }
}
