using GovKpi.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using static GovKpi.Cli.Tests.CommandLine;

namespace GovKpi.Cli.Tests.Import;

/// <summary>A database server that cannot be reached is one clear line and exit 1, not a stack trace.</summary>
public sealed class UnavailableDatabaseTests
{
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    private const string NoServer = "Host=127.0.0.1;Port=1;Username=govkpi;Database=govkpi;Timeout=2";

    [Theory]
    [InlineData("migrate")]
    [InlineData("import")]
    [InlineData("backup")]
    public void Each_database_command_says_the_server_cannot_be_reached_in_one_line(string verb)
    {
        var directory = Directory.CreateTempSubdirectory("govkpi-noserver-").FullName;
        try
        {
            string[] args = verb switch
            {
                "import" => ["import", "--dir", directory, "--database", NoServer],
                "backup" => ["backup", "--out", Path.Combine(directory, "x.backup"), "--database", NoServer, "--postgres-bin", "/nonexistent"],
                _ => [verb, "--database", NoServer],
            };

            var result = Run(args);

            Assert.Equal(1, result.ExitCode);
            Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
            Assert.True(result.Error.Trim().Split('\n').Length <= 2, result.Error);
            Assert.Matches("cannot be reached|failed|no pg_dump", result.Error);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task An_import_that_meets_a_write_lock_held_too_long_says_so_in_one_line_and_imports_nothing()
    {
        var directory = Directory.CreateTempSubdirectory("govkpi-locked-").FullName;
        try
        {
            var seed = Path.Combine(directory, "seed");
            Assert.Equal(0, Run("seed", "--out", seed, "--seed", "7", "--staff", "60", "--dossiers", "3000").ExitCode);
            // A one-second wait for the lock instead of thirty.
            var database = $"Data Source={Path.Combine(directory, "govkpi.db")};Default Timeout=1";
            Assert.Equal(0, Run("migrate", "--database", database).ExitCode);
            CommandLine.Result import;
            await using (var holder = new SqliteConnection(database))
            {
                await holder.OpenAsync();
                await using var hold = holder.CreateCommand();
                hold.CommandText = "BEGIN IMMEDIATE";
                await hold.ExecuteNonQueryAsync();

                import = Run("import", "--dir", seed, "--database", database);

                hold.CommandText = "ROLLBACK";
                await hold.ExecuteNonQueryAsync();
            }

            Assert.Equal(1, import.ExitCode);
            var line = Assert.Single(import.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.Contains("locked by another writer for too long", line, StringComparison.Ordinal);
            Assert.Contains("nothing was imported", line, StringComparison.Ordinal);
            await using var db = new GovKpiDbContext(DatabaseOptions.From(null, database, ".").ToContextOptions());
            Assert.False(await db.Units.AnyAsync());
            Assert.False(await db.DossierVersions.AnyAsync());
            Assert.Equal(0, Run("import", "--dir", seed, "--database", database).ExitCode);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
