using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;

namespace GovKpi.Data;

/// <summary>
/// EF Core guards SQLite migrations with a row in <c>__EFMigrationsLock</c>, which a process
/// killed mid-migration leaves behind: every later start then waits for it forever. GovKpi takes
/// an operating-system lock on a file beside the database before migrating; the system drops it
/// when its holder dies, so whoever holds it knows that no live GovKpi process is migrating and
/// that a row still in the table is stale.
/// </summary>
internal static class SqliteMigrationLock
{
    public const string LockTable = "__EFMigrationsLock";
    private static readonly TimeSpan RetryEvery = TimeSpan.FromMilliseconds(200);

    public static async Task MigrateAsync(GovKpiDbContext db, CancellationToken ct)
    {
        // An up-to-date database needs no lock: most starts and imports stop here.
        if (!(await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            return;
        }

        var log = db.GetService<ILoggerFactory>().CreateLogger(typeof(SqliteMigrationLock).FullName!);
        await using var held = await AcquireAsync(LockFile(db), log, ct);
        if (await ClearStaleRowAsync(db, ct) is { } since)
        {
            var removed = string.Create(CultureInfo.InvariantCulture, $"Removed a stale SQLite migration lock taken at {since} by a process that is no longer running.");
            if (log.IsEnabled(LogLevel.Warning))
            {
                log.LogWarning("{StaleLock}", removed);
            }
            else
            {
                // The command line wires no logger into EF: the operator still learns what was repaired.
                await Console.Error.WriteLineAsync("govkpi: " + removed);
            }
        }

        await db.Database.MigrateAsync(ct);
    }

    private static string LockFile(GovKpiDbContext db)
    {
        var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        return Path.GetFullPath(source) + ".migrating";
    }

    private static async Task<FileStream> AcquireAsync(string path, ILogger log, CancellationToken ct)
    {
        var waiting = false;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (File.Exists(path))
            {
                if (!waiting)
                {
                    log.LogInformation("Waiting for another GovKpi process to finish migrating the database ({Path}).", path);
                    waiting = true;
                }

                await Task.Delay(RetryEvery, ct);
            }
        }
    }

    /// <summary>The time of the removed row, or null when there was none.</summary>
    private static async Task<string?> ClearStaleRowAsync(GovKpiDbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{LockTable}'";
        if ((long)(await command.ExecuteScalarAsync(ct))! == 0)
        {
            return null;
        }

        command.CommandText = $"SELECT \"Timestamp\" FROM \"{LockTable}\" LIMIT 1";
        if (await command.ExecuteScalarAsync(ct) is not string since)
        {
            return null;
        }

        command.CommandText = $"DELETE FROM \"{LockTable}\"";
        await command.ExecuteNonQueryAsync(ct);
        return since;
    }
}
