using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace GovKpi.Data.Backup;

/// <summary>What a backup or restore did, for the command's report.</summary>
public sealed record BackupOutcome(string File, long Bytes, string Method);

/// <summary>A backup or restore that could not be done; the message says why, for the operator.</summary>
public sealed class BackupException(string message) : Exception(message);

/// <summary>
/// Backs up and restores the whole database without stopping the app. SQLite uses its online
/// backup (a consistent snapshot that includes what is still in the WAL, which a plain file copy
/// misses); PostgreSQL uses <c>pg_dump</c>/<c>pg_restore</c> in their custom format. A backup is
/// written beside its target and renamed into place only when complete and checked, so a failed
/// run never leaves a truncated file under the requested name.
/// </summary>
public static class DatabaseBackup
{
    public static async Task<BackupOutcome> BackupAsync(DatabaseOptions database, string file, string? postgresBin, CancellationToken ct)
    {
        var target = Path.GetFullPath(file);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = $"{target}.{Guid.NewGuid():N}.partial";
        try
        {
            string method;
            if (database.Provider == DatabaseProvider.Sqlite)
            {
                await using (var source = new SqliteConnection(database.ConnectionString))
                await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
                {
                    await source.OpenAsync(ct);
                    RequireGovKpiDatabase(source, database.ConnectionString);
                    await copy.OpenAsync(ct);
                    source.BackupDatabase(copy);
                }

                RequireIntact(partial);
                method = "SQLite online backup";
            }
            else
            {
                var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString);
                await RunAsync(Tool("pg_dump", postgresBin), ["--format=custom", "--no-owner", "--file", partial, .. Target(connection)], connection.Password, ct);
                method = "pg_dump (custom format)";
            }

            File.Move(partial, target, overwrite: true);
            return new BackupOutcome(target, new FileInfo(target).Length, method);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>Replaces the database's content with the backup's; the caller migrates it afterwards if the backup is older.</summary>
    public static async Task<BackupOutcome> RestoreAsync(DatabaseOptions database, string file, string? postgresBin, CancellationToken ct)
    {
        var source = Path.GetFullPath(file);
        if (!File.Exists(source))
        {
            throw new BackupException($"{file}: no such backup file.");
        }

        if (database.Provider == DatabaseProvider.Sqlite)
        {
            var backup = new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
            try
            {
                RequireIntact(source);
                await using var from = new SqliteConnection(backup);
                await from.OpenAsync(ct);
                RequireGovKpiDatabase(from, file);
                await using var to = new SqliteConnection(database.ConnectionString);
                await to.OpenAsync(ct);
                // The online backup API writes the copy page by page under SQLite's locks: other connections see the old or the new database, never a mix.
                from.BackupDatabase(to);
            }
            catch (SqliteException e)
            {
                throw new BackupException($"{file}: not a SQLite backup GovKpi can restore ({e.Message}).");
            }

            return new BackupOutcome(source, new FileInfo(source).Length, "SQLite online backup");
        }

        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await RunAsync(Tool("pg_restore", postgresBin),
            ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", .. Target(connection, "--dbname"), source], connection.Password, ct);
        return new BackupOutcome(source, new FileInfo(source).Length, "pg_restore (single transaction)");
    }

    private static void RequireGovKpiDatabase(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'";
        if ((long)command.ExecuteScalar()! == 0)
        {
            throw new BackupException($"{name}: not a GovKpi database (it has no migration history).");
        }
    }

    private static void RequireIntact(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        if (command.ExecuteScalar() is not "ok" and var result)
        {
            throw new BackupException($"{path}: the SQLite integrity check failed ({result}).");
        }
    }

    private static IEnumerable<string> Target(NpgsqlConnectionStringBuilder connection, string databaseOption = "--dbname")
    {
        yield return $"--host={connection.Host}";
        yield return $"--port={connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        if (!string.IsNullOrEmpty(connection.Username))
        {
            yield return $"--username={connection.Username}";
        }

        yield return $"{databaseOption}={connection.Database}";
        yield return "--no-password";
    }

    /// <summary>The PostgreSQL tool from <paramref name="directory"/>, the PATH, or Debian's versioned directories (newest first).</summary>
    public static string Tool(string name, string? directory)
    {
        if (directory is not null)
        {
            var given = Path.Combine(directory, name);
            return File.Exists(given) ? given : throw new BackupException($"--postgres-bin: no {name} in {directory}.");
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin", name)).FirstOrDefault(File.Exists)
            : null;
        return onPath ?? debian ?? throw new BackupException($"{name} was not found on the PATH or in /usr/lib/postgresql/*/bin; install postgresql-client or pass --postgres-bin.");
    }

    private static async Task RunAsync(string tool, IEnumerable<string> arguments, string? password, CancellationToken ct)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The password goes by environment, never on a command line other users can read.
        if (!string.IsNullOrEmpty(password))
        {
            start.Environment["PGPASSWORD"] = password;
        }

        using var process = Process.Start(start) ?? throw new BackupException($"{tool} could not be started.");
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new BackupException($"{Path.GetFileName(tool)} failed (exit {process.ExitCode}): {(await errors).Trim()}");
        }
    }
}
