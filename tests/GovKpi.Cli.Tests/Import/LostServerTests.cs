using System.Text;
using GovKpi.Data;
using GovKpi.Data.Measurement;
using GovKpi.Tests;
using Microsoft.EntityFrameworkCore;
using static GovKpi.Cli.Tests.CommandLine;

namespace GovKpi.Cli.Tests.Import;

/// <summary>
/// A PostgreSQL server stopped for real (<c>pg_ctl stop -m immediate</c>) while <c>govkpi import</c>
/// writes: one line, exit 1, and the batch is all or nothing.
/// </summary>
public sealed class LostServerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("govkpi-lost-").FullName;
    private readonly ThrowawayPostgres? _server;
    private readonly string? _skipReason;

    public LostServerTests() => _server = ThrowawayPostgres.TryStart(out _skipReason);

    public void Dispose()
    {
        _server?.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [SkippableFact]
    public async Task A_server_stopped_mid_import_is_one_line_and_exit_1_and_once_it_is_back_nothing_of_the_batch_is_there_and_a_rerun_imports_it()
    {
        Skip.If(_server is null, _skipReason);
        var seed = Path.Combine(_root, "seed");
        Assert.Equal(0, Run("seed", "--out", seed, "--seed", "7", "--staff", "60", "--dossiers", "150000").ExitCode);
        var database = _server.ConnectionString;
        Assert.Equal(0, Run("migrate", "--database", database).ExitCode);
        var error = new WatchedWriter("rows (");
        var output = new StringWriter();

        var import = Task.Run(() => Program.Run(["import", "--dir", seed, "--database", database], output, error));
        await error.Seen.WaitAsync(TimeSpan.FromMinutes(5));
        _server.StopImmediately();
        var exit = await import;

        var said = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.Contains("rows (", StringComparison.Ordinal)).ToList();
        Assert.Equal(1, exit);
        var line = Assert.Single(said);
        Assert.Contains("the database server cannot be reached", line, StringComparison.Ordinal);
        Assert.Contains("nothing of the record files was", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);

        _server.Start();
        await using (var db = Open(database))
        {
            Assert.Equal(0, await db.DossierVersions.CountAsync());
            Assert.Equal(0, await db.Surveys.CountAsync());
            Assert.Equal(0, await db.ImportBatches.CountAsync(b => b.Status == ImportStatus.Completed));
            Assert.True(await db.Units.AnyAsync(), "the organisation step committed before the server went");
        }

        var again = Run("import", "--dir", seed, "--database", database);
        Assert.True(again.ExitCode == 0, again.Error);
        await using (var db = Open(database))
        {
            var batch = await db.ImportBatches.SingleAsync(b => b.Status == ImportStatus.Completed);
            Assert.Equal(batch.Read - batch.Invalid - batch.Conflicts, batch.Inserted + batch.Unchanged + batch.Replaced);
            Assert.True(await db.DossierVersions.CountAsync() > 150_000);
        }
    }

    private static GovKpiDbContext Open(string connectionString) =>
        new(DatabaseOptions.From(null, connectionString, ".").ToContextOptions());

    /// <summary>Standard error as the command writes it, with a signal once a line contains <paramref name="watched"/>.</summary>
    private sealed class WatchedWriter(string watched) : TextWriter
    {
        private readonly StringBuilder _text = new();
        private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Seen => _seen.Task;

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_text)
            {
                _text.Append(value);
                if (value == '\n' && _text.ToString().Contains(watched, StringComparison.Ordinal))
                {
                    _seen.TrySetResult();
                }
            }
        }

        public override string ToString()
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }
}
