using GovKpi.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static GovKpi.Cli.Tests.CommandLine;

namespace GovKpi.Cli.Tests.Backup;

/// <summary><c>govkpi backup</c> and <c>govkpi restore</c> on SQLite and, when the test run has a server, PostgreSQL.</summary>
public sealed class BackupCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("govkpi-backup-").FullName;
    private readonly List<string> _postgresDatabases = [];

    public BackupCommandTests()
    {
        Assert.Equal(0, Run("seed", "--out", Seeded, "--seed", "7", "--staff", "60", "--dossiers", "3000").ExitCode);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
        if (Server is { } server && _postgresDatabases.Count > 0)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(server);
            connection.Open();
            foreach (var name in _postgresDatabases)
            {
                using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                drop.ExecuteNonQuery();
            }
        }
    }

    private static string? Server => Environment.GetEnvironmentVariable("GOVKPI_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    private string Seeded => Path.Combine(_root, "seed");

    private string Sqlite(string name) => $"Data Source={Path.Combine(_root, name)}";

    private sealed record Counts(int Units, int Staff, int Dossiers, int Surveys, int Complaints, int Batches);

    private static async Task<Counts> CountsAsync(string connectionString)
    {
        await using var db = new GovKpiDbContext(DatabaseOptions.From(null, connectionString, ".").ToContextOptions());
        return new Counts(await db.Units.CountAsync(), await db.Staff.CountAsync(), await db.DossierVersions.CountAsync(),
            await db.Surveys.CountAsync(), await db.Complaints.CountAsync(), await db.ImportBatches.CountAsync());
    }

    [Fact]
    public async Task A_sqlite_backup_restores_to_the_same_data_including_what_is_still_in_the_wal()
    {
        var live = Sqlite("live.db");
        Assert.Equal(0, Run("import", "--dir", Seeded, "--database", live).ExitCode);
        var before = await CountsAsync(live);
        var file = Path.Combine(_root, "copies", "govkpi.backup");

        // The import's last pages may still be in govkpi.db-wal: a copy of govkpi.db alone would miss them.
        var backup = Run("backup", "--out", file, "--database", live);

        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.Contains("SQLite online backup", backup.Output);
        Assert.False(File.Exists(file + "-wal"));
        var restored = Sqlite("restored.db");
        var restore = Run("restore", file, "--database", restored);
        Assert.True(restore.ExitCode == 0, restore.Error);
        Assert.Equal(before, await CountsAsync(restored));
    }

    [Fact]
    public async Task A_backup_taken_during_an_import_restores_to_the_database_before_or_after_it_never_between()
    {
        var live = Sqlite("busy.db");
        Assert.Equal(0, Run("migrate", "--database", live).ExitCode);
        var empty = await CountsAsync(live);
        var file = Path.Combine(_root, "during.backup");

        var import = Task.Run(() => Run("import", "--dir", Seeded, "--database", live));
        var seen = new List<Counts>();
        while (!import.IsCompleted)
        {
            var backup = Run("backup", "--out", file, "--database", live);
            Assert.True(backup.ExitCode == 0, backup.Error);
            var restored = Sqlite($"restored-{seen.Count}.db");
            Assert.Equal(0, Run("restore", file, "--database", restored).ExitCode);
            seen.Add(await CountsAsync(restored));
        }

        Assert.Equal(0, (await import).ExitCode);
        // The organisation and the measurement files are two atomic steps: a backup holds none, the first, or both, whole.
        var after = await CountsAsync(live);
        var organisationOnly = after with { Dossiers = 0, Surveys = 0, Complaints = 0, Batches = 0 };
        Assert.NotEmpty(seen);
        Assert.All(seen, counts => Assert.Contains(counts, new[] { empty, organisationOnly, after }));
    }

    [Fact]
    public void A_file_that_is_not_a_govkpi_backup_is_refused_and_the_database_left_as_it_was()
    {
        var live = Sqlite("kept.db");
        Assert.Equal(0, Run("migrate", "--database", live).ExitCode);
        var junk = Path.Combine(_root, "junk.backup");
        File.WriteAllText(junk, "not a database");

        var restore = Run("restore", junk, "--database", live);
        var missing = Run("restore", Path.Combine(_root, "none.backup"), "--database", live);

        Assert.Equal(1, restore.ExitCode);
        Assert.Contains("junk.backup", restore.Error);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no such backup file", missing.Error);
        Assert.Equal(0, Run("migrate", "--database", live).ExitCode);
    }

    [SkippableFact]
    public async Task A_postgres_backup_restores_into_another_database_with_the_same_data()
    {
        Skip.If(Server is null, "GOVKPI_TEST_POSTGRES is not set (scripts/test starts a PostgreSQL cluster)");
        var source = await CreateDatabaseAsync("govkpi_backup_src");
        var target = await CreateDatabaseAsync("govkpi_backup_dst");
        Assert.Equal(0, Run("migrate", "--database", source).ExitCode);
        var import = Run("import", "--dir", Seeded, "--database", source);
        Assert.True(import.ExitCode == 0, import.Error);
        var file = Path.Combine(_root, "pg.backup");

        var backup = Run("backup", "--out", file, "--database", source);
        Assert.True(backup.ExitCode == 0, backup.Error);
        var restore = Run("restore", file, "--database", target);

        Assert.True(restore.ExitCode == 0, restore.Error);
        Assert.Equal(await CountsAsync(source), await CountsAsync(target));
    }

    private async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..40];
        await using (var connection = new NpgsqlConnection(Server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        _postgresDatabases.Add(name);
        return new NpgsqlConnectionStringBuilder(Server) { Database = name }.ToString();
    }
}
