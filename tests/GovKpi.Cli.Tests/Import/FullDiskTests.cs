using GovKpi.Data;
using GovKpi.Data.Measurement;
using GovKpi.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using static GovKpi.Cli.Tests.CommandLine;

namespace GovKpi.Cli.Tests.Import;

/// <summary>A SQLite database on a disk that fills up during <c>govkpi import</c>: one line, exit 1, the batch all or nothing.</summary>
public sealed class FullDiskTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("govkpi-full-").FullName;
    private readonly SmallDisk? _disk;
    private readonly string? _skipReason;

    // Room for the migrated database and the organisation, not for 150 000 dossiers.
    public FullDiskTests() => _disk = SmallDisk.TryMount(12, out _skipReason);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _disk?.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [SkippableFact]
    public async Task A_disk_that_fills_up_mid_import_is_one_line_and_exit_1_and_leaves_no_record_of_the_batch()
    {
        Skip.If(_disk is null, _skipReason);
        var seed = Path.Combine(_root, "seed");
        Assert.Equal(0, Run("seed", "--out", seed, "--seed", "7", "--staff", "60", "--dossiers", "150000").ExitCode);
        var database = $"Data Source={Path.Combine(_disk.Path, "govkpi.db")}";

        var import = Run("import", "--dir", seed, "--database", database);

        var said = import.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.Contains("rows (", StringComparison.Ordinal)).ToList();
        Assert.Equal(1, import.ExitCode);
        var line = Assert.Single(said);
        Assert.Contains("the disk or the database is full", line, StringComparison.Ordinal);
        Assert.Contains("nothing of the record files was", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", import.Error, StringComparison.Ordinal);
        await using var db = new GovKpiDbContext(DatabaseOptions.From(null, database, ".").ToContextOptions());
        Assert.Equal(0, await db.DossierVersions.CountAsync());
        Assert.Equal(0, await db.Surveys.CountAsync());
        Assert.Equal(0, await db.ImportBatches.CountAsync(b => b.Status == ImportStatus.Completed));
        Assert.True(await db.Staff.AnyAsync(), "the organisation step committed before the disk filled");
    }
}
