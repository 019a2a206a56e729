using System.CommandLine;
using GovKpi.Data;
using GovKpi.Data.Backup;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Cli.Commands;

/// <summary>
/// <c>govkpi backup --out FILE</c> and <c>govkpi restore FILE</c> (both with
/// <c>[--database CS] [--provider sqlite|postgres] [--postgres-bin DIR]</c>): the whole database,
/// taken while the app runs (docs/OPERATIONS.md, Backups).
/// </summary>
internal static class BackupCommand
{
    public static Command CreateBackup()
    {
        var (database, provider) = DatabaseCommandOptions.Create();
        var postgresBin = PostgresBin();
        var output = new Option<string>("--out") { Description = "The backup file to write (replaced only once the new one is complete and checked).", Required = true };
        var command = new Command("backup", "Back up the whole database while the app runs: SQLite online backup, or pg_dump for PostgreSQL.")
        {
            output, database, provider, postgresBin,
        };
        command.SetAction((parsed, ct) => RunAsync("backup", parsed, database, provider, async (options, report) =>
        {
            var done = await DatabaseBackup.BackupAsync(options, parsed.GetValue(output)!, parsed.GetValue(postgresBin), ct);
            report.WriteLine($"govkpi backup: wrote {done.File} ({done.Bytes} bytes, {done.Method}).");
        }));
        return command;
    }

    public static Command CreateRestore()
    {
        var (database, provider) = DatabaseCommandOptions.Create();
        var postgresBin = PostgresBin();
        var file = new Argument<string>("file") { Description = "A file written by 'govkpi backup'." };
        var command = new Command("restore", "Replace the database's content with a backup, then apply any newer migrations. Stop the web app first.")
        {
            file, database, provider, postgresBin,
        };
        command.SetAction((parsed, ct) => RunAsync("restore", parsed, database, provider, async (options, report) =>
        {
            var done = await DatabaseBackup.RestoreAsync(options, parsed.GetValue(file)!, parsed.GetValue(postgresBin), ct);
            await using var db = new GovKpiDbContext(options.ToContextOptions());
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await db.MigrateAsync(ct);
            report.WriteLine($"govkpi restore: restored {done.File} ({done.Method}){(pending.Count == 0 ? "" : $"; then applied {string.Join(", ", pending)}")}.");
        }));
        return command;
    }

    private static Option<string?> PostgresBin() =>
        new("--postgres-bin") { Description = "Directory of pg_dump and pg_restore; default: the PATH, then /usr/lib/postgresql/*/bin." };

    private static async Task<int> RunAsync(string verb, ParseResult parsed, Option<string?> database, Option<string?> provider, Func<DatabaseOptions, TextWriter, Task> run)
    {
        var error = parsed.InvocationConfiguration.Error;
        try
        {
            await run(DatabaseCommandOptions.Resolve(parsed.GetValue(database), parsed.GetValue(provider)), parsed.InvocationConfiguration.Output);
            return ExitCode.Success;
        }
        catch (ArgumentException e) when (e.ParamName == "provider")
        {
            error.WriteLine($"govkpi {verb}: {e.Message}");
            return ExitCode.InvalidInput;
        }
        catch (BackupException e)
        {
            error.WriteLine($"govkpi {verb}: {e.Message}");
            return ExitCode.Failure;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            error.WriteLine($"govkpi {verb}: failed: {e.Message}");
            return ExitCode.Failure;
        }
    }
}
