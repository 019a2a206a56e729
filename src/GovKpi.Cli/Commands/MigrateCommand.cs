using System.CommandLine;
using GovKpi.Data;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Cli.Commands;

/// <summary>
/// <c>govkpi migrate [--database CONNECTION_STRING] [--provider sqlite|postgres]</c>: applies the
/// pending migrations of the provider's migrations assembly (ADR 0002). Run it once per release on
/// a shared PostgreSQL, before the web nodes start.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var (database, provider) = DatabaseCommandOptions.Create();
        var command = new Command("migrate", "Apply the pending database migrations (for PostgreSQL deployments; SQLite migrates itself).")
        {
            database, provider,
        };
        command.SetAction((parsed, ct) => RunAsync(parsed.GetValue(database), parsed.GetValue(provider), parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error, ct));
        return command;
    }

    private static async Task<int> RunAsync(string? connectionString, string? provider, TextWriter output, TextWriter error, CancellationToken ct)
    {
        try
        {
            var options = DatabaseCommandOptions.Resolve(connectionString, provider);
            await using var db = new GovKpiDbContext(options.ToContextOptions());
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await db.MigrateAsync(ct);
            output.WriteLine(pending.Count == 0
                ? "govkpi migrate: the database is up to date."
                : $"govkpi migrate: applied {string.Join(", ", pending)}.");
            return ExitCode.Success;
        }
        catch (ArgumentException e) when (e.ParamName == "provider")
        {
            error.WriteLine($"govkpi migrate: {e.Message}");
            return ExitCode.InvalidInput;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            error.WriteLine($"govkpi migrate: failed: {e.Message}");
            return ExitCode.Failure;
        }
    }
}
