using System.CommandLine;
using GovKpi.Core.Access;
using GovKpi.Core.Tasks;
using GovKpi.Core.Uploads;
using GovKpi.Data;
using GovKpi.Data.Files;
using GovKpi.Data.Tasks;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Cli.Commands;

/// <summary>
/// <c>govkpi import-tasks FILE [--database CONNECTION_STRING] [--provider sqlite|postgres]</c>: tasks
/// of the e-office system (docs/FILES.md, "task_assignments.csv"; .csv, .xlsx or .json), as the web
/// import: the valid rows land in one transaction and every refused row goes to the quarantine,
/// each problem as <c>file:line:column: reason</c> on standard error. The exit codes are those of
/// <c>govkpi import</c> for records: a file that was read exits 0 even when rows were quarantined
/// (they are kept, not lost); a missing file, a missing column or an unreadable file lands nothing
/// (exit 2); any other failure lands nothing (exit 1). Importing the same file again changes
/// nothing and says so. The command line acts as HR for the whole province.
/// </summary>
internal static class ImportTasksCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "task_assignments.csv, .xlsx or .json (docs/FILES.md)." };
        var (database, provider) = DatabaseCommandOptions.Create();
        var command = new Command("import-tasks", "Import the tasks of the e-office system, idempotently.") { file, database, provider };
        command.SetAction((parsed, ct) => RunAsync(parsed.GetValue(file)!, parsed.GetValue(database), parsed.GetValue(provider),
            parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error, ct));
        return command;
    }

    private static async Task<int> RunAsync(string path, string? connectionString, string? provider, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            error.WriteLine($"govkpi import-tasks: {path}: no such file.");
            return ExitCode.InvalidInput;
        }

        var name = Path.GetFileName(path);
        List<TaskAssignmentFileRow> rows;
        try
        {
            await using var stream = File.OpenRead(path);
            if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                using var document = await System.Text.Json.JsonDocument.ParseAsync(stream, cancellationToken: ct);
                rows = TaskAssignmentsFile.ReadJson(document.RootElement);
            }
            else
            {
                List<FieldProblem> header;
                (rows, header) = TaskAssignmentsFile.Read(stream, name);
                header.ForEach(p => error.WriteLine($"{name}:1:{p.Column}: {p.Reason}"));
                if (header.Count > 0)
                {
                    return ExitCode.InvalidInput;
                }
            }
        }
        catch (WorkbookException e)
        {
            error.WriteLine(e.Message);
            return ExitCode.InvalidInput;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException or FormatException)
        {
            error.WriteLine($"{name}:1:1: {e.Message}");
            return ExitCode.InvalidInput;
        }
        catch (UploadLimitException e)
        {
            error.WriteLine(e.Message);
            return ExitCode.InvalidInput;
        }

        try
        {
            var options = DatabaseCommandOptions.Resolve(connectionString, provider);
            await using var db = new GovKpiDbContext(options.ToContextOptions());
            if (!await DatabaseCommandOptions.EnsureMigratedAsync(db, options, error, ct))
            {
                return ExitCode.Failure;
            }

            var units = await db.Units.AsNoTracking().Select(u => u.Code).ToListAsync(ct);
            var actor = new TaskActor(ConsoleActor.Of(Environment.UserName), Role.Hr, null, units.ToHashSet(StringComparer.Ordinal));
            var summary = await new TaskAssignmentImporter(db).ImportAsync(rows, actor, TimeProvider.System.GetUtcNow(), ct);
            foreach (var problem in summary.Errors)
            {
                error.WriteLine(problem.ToString());
            }

            output.WriteLine(summary.Added + summary.Replaced + summary.NewlyQuarantined == 0
                ? "nothing changed"
                : $"{summary.Rows} rows: {summary.Added} added, {summary.Replaced} replaced, {summary.Unchanged} unchanged, {summary.Quarantined} quarantined");
            if (summary.Quarantined > 0)
            {
                output.WriteLine($"{summary.Quarantined} row(s) quarantined (a manager or HR can correct them on /tasks); the valid rows landed.");
            }

            return ExitCode.Success;
        }
        catch (ArgumentException e) when (e.ParamName == "provider")
        {
            error.WriteLine($"govkpi import-tasks: {e.Message}");
            return ExitCode.InvalidInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DbUpdateException or System.Data.Common.DbException)
        {
            error.WriteLine($"govkpi import-tasks: failed, nothing was imported: {e.Message}");
            return ExitCode.Failure;
        }
    }
}
