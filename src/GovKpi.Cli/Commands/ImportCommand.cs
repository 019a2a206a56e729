using System.CommandLine;
using GovKpi.Core.Measurement;
using GovKpi.Data;
using GovKpi.Data.Measurement;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace GovKpi.Cli.Commands;

/// <summary>
/// <c>govkpi import [--dossiers FILE] [--surveys FILE] [--complaints FILE] [--calendar FILE]
/// [--database CONNECTION_STRING] [--provider sqlite|postgres]</c>: lands the contract files in the
/// database in one transaction (see <see cref="MeasurementImport"/>). Invalid rows and conflicts
/// go to the quarantine and are listed; the batch still lands (exit 0). A missing file or a file
/// without a required column lands nothing (exit 2); any other failure lands nothing (exit 1).
/// Files ending in .xlsx are read as Excel workbooks with the same columns.
/// </summary>
internal static class ImportCommand
{
    private const int ListedProblems = 20;

    public static Command Create()
    {
        var dossiers = new Option<string?>("--dossiers") { Description = "dossiers.csv (or .xlsx): one row per dossier version." };
        var surveys = new Option<string?>("--surveys") { Description = "surveys.csv (or .xlsx): citizen satisfaction responses." };
        var complaints = new Option<string?>("--complaints") { Description = "complaints.csv (or .xlsx): complaints and feedback (PAKN)." };
        var calendar = new Option<string?>("--calendar") { Description = "calendar.csv (or .xlsx): working-day exceptions." };
        var (database, provider) = DatabaseCommandOptions.Create();

        var command = new Command("import", "Import operational records (dossiers, surveys, complaints, calendar) into the database, idempotently.")
        {
            dossiers, surveys, complaints, calendar, database, provider,
        };
        command.SetAction((parsed, ct) => RunAsync(
            new Files(parsed.GetValue(dossiers), parsed.GetValue(surveys), parsed.GetValue(complaints), parsed.GetValue(calendar)),
            parsed.GetValue(database), parsed.GetValue(provider), parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error, ct));
        return command;
    }

    private sealed record Files(string? Dossiers, string? Surveys, string? Complaints, string? Calendar)
    {
        public IEnumerable<(string Option, string? Path)> All =>
            [("--dossiers", Dossiers), ("--surveys", Surveys), ("--complaints", Complaints), ("--calendar", Calendar)];
    }

    private static async Task<int> RunAsync(Files files, string? connectionString, string? provider, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (files.All.All(f => f.Path is null))
        {
            error.WriteLine("govkpi import: give at least one of --dossiers, --surveys, --complaints, --calendar.");
            return ExitCode.InvalidInput;
        }

        foreach (var (option, path) in files.All)
        {
            if (path is not null && !File.Exists(path))
            {
                error.WriteLine($"govkpi import: {option} {path}: no such file.");
                return ExitCode.InvalidInput;
            }
        }

        var streams = new List<Stream>();
        var timing = ImportTiming.Start();
        try
        {
            var options = DatabaseCommandOptions.Resolve(connectionString, provider);
            await using var db = new GovKpiDbContext(options.ToContextOptions());
            if (!await DatabaseCommandOptions.EnsureMigratedAsync(db, options, error, ct))
            {
                return ExitCode.Failure;
            }

            timing.Lap("database opened and migrated");

            Stream Open(string path)
            {
                var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
                streams.Add(stream);
                return stream;
            }

            void Warn(Data.Files.CsvWarning w) => error.WriteLine(w.ToString());

            ImportFile<T>? Source<T>(string? path, RecordKind kind, Func<Stream, string, Action<Data.Files.CsvWarning>, ImportFile<T>> csv) where T : class
            {
                if (path is null)
                {
                    return null;
                }

                var name = Path.GetFileName(path);
                return path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
                    ? new ImportFile<T>(name, ImportFiles.Xlsx<T>(Open(path), name, kind), new FileInfo(path).Length)
                    : csv(Open(path), name, Warn);
            }

            var batch = new MeasurementBatch(ImportSource.Cli, Environment.UserName)
            {
                Dossiers = Source(files.Dossiers, RecordKind.Dossier, (s, n, w) => ImportFiles.DossiersCsv(s, n, w)),
                Surveys = Source(files.Surveys, RecordKind.Survey, (s, n, w) => ImportFiles.SurveysCsv(s, n, w)),
                Complaints = Source(files.Complaints, RecordKind.Complaint, (s, n, w) => ImportFiles.ComplaintsCsv(s, n, w)),
                Calendar = Source(files.Calendar, RecordKind.Calendar, (s, n, w) => ImportFiles.CalendarCsv(s, n, w)),
            };

            var import = new MeasurementImport(db, TimeProvider.System);
            ImportOutcome outcome;
            using (CollectionPause.For(batch.TotalBytes))
            {
                outcome = await WithProgressAsync(batch, error, progress => import.RunAsync(batch, progress, ct));
            }

            timing.Lap("import committed");
            Summarise(outcome, output);
            await db.DisposeAsync();
            timing.Lap("database closed");
            return ExitCode.Success;
        }
        catch (UnusableFileException e)
        {
            error.WriteLine($"govkpi import: {e.Error}");
            error.WriteLine("govkpi import: nothing was imported.");
            return ExitCode.InvalidInput;
        }
        catch (ArgumentException e) when (e.ParamName == "provider")
        {
            error.WriteLine($"govkpi import: {e.Message}");
            return ExitCode.InvalidInput;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("govkpi import: cancelled; nothing was imported.");
            return ExitCode.Failure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
        {
            error.WriteLine($"govkpi import: failed, nothing was imported: {e.Message}");
            return ExitCode.Failure;
        }
        finally
        {
            streams.ForEach(s => s.Dispose());
        }
    }

    private static async Task<ImportOutcome> WithProgressAsync(MeasurementBatch batch, TextWriter error, Func<IProgress<ImportProgress>, Task<ImportOutcome>> run)
    {
        if (ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            ImportOutcome? outcome = null;
            await console.Progress().AutoClear(true).StartAsync(async context =>
            {
                var task = context.AddTask("import", maxValue: Math.Max(batch.TotalBytes, 1));
                // Progress<T> would post to the thread pool; the bar only needs the latest value.
                outcome = await run(new Reporter(p =>
                {
                    task.Description = $"{p.File} · {p.Rows:N0} rows";
                    task.Value = p.BytesRead;
                }));
            });
            return outcome!;
        }

        // Not a terminal (a log, a pipe, a test): a plain line at every tenth, no escape codes.
        var reported = 0;
        return await run(new Reporter(p =>
        {
            var tenth = p.TotalBytes == 0 ? 0 : (int)(10 * p.BytesRead / p.TotalBytes);
            if (tenth > reported)
            {
                reported = tenth;
                error.WriteLine($"govkpi import: {p.Rows} rows ({tenth * 10}% of {p.TotalBytes / 1_000_000.0:0.#} MB)");
            }
        }));
    }

    private sealed class Reporter(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

    private static void Summarise(ImportOutcome outcome, TextWriter output)
    {
        var b = outcome.Batch;
        output.WriteLine($"batch {b.Id} landed in {(b.FinishedAt - b.StartedAt).TotalSeconds:0.0} s");
        output.WriteLine("kind,read,inserted,unchanged,replaced,conflicts,invalid");
        foreach (var (kind, c) in outcome.Counts.OrderBy(k => k.Key))
        {
            output.WriteLine($"{kind.ToString().ToLowerInvariant()},{c.Read},{c.Inserted},{c.Unchanged},{c.Replaced},{c.Conflicts},{c.Invalid}");
        }

        output.WriteLine($"total,{b.Read},{b.Inserted},{b.Unchanged},{b.Replaced},{b.Conflicts},{b.Invalid}");
        var quarantined = b.Conflicts + b.Invalid;
        if (quarantined > 0)
        {
            output.WriteLine($"{quarantined} row(s) quarantined (HR can correct them on /measurement/quarantine); the valid rows landed:");
            foreach (var problem in outcome.Problems.Take(ListedProblems))
            {
                output.WriteLine($"  {problem}");
            }

            if (quarantined > ListedProblems)
            {
                output.WriteLine($"  … and {quarantined - ListedProblems} more.");
            }
        }
    }
}

/// <summary>The <c>--database</c> and <c>--provider</c> options shared by the commands that open the database.</summary>
internal static class DatabaseCommandOptions
{
    public static (Option<string?> Database, Option<string?> Provider) Create() => (
        new Option<string?>("--database") { Description = "Connection string; default: the SQLite file the web app uses, ./data/govkpi.db." },
        new Option<string?>("--provider") { Description = "sqlite or postgres; default: postgres when the connection string has Host=, else sqlite." });

    public static DatabaseOptions Resolve(string? connectionString, string? provider)
    {
        if (provider is not null && provider is not ("sqlite" or "postgres"))
        {
            throw new ArgumentException($"--provider must be sqlite or postgres, not '{provider}'.", nameof(provider));
        }

        return DatabaseOptions.From(provider, connectionString, Path.GetFullPath("data"));
    }

    /// <summary>
    /// The embedded SQLite database is created and migrated on first use, as the web app does; a
    /// shared PostgreSQL is migrated only by <c>govkpi migrate</c>, so a pending migration is an error.
    /// </summary>
    public static async Task<bool> EnsureMigratedAsync(GovKpiDbContext db, DatabaseOptions options, TextWriter error, CancellationToken ct)
    {
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            await db.MigrateAsync(ct);
            return true;
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count == 0)
        {
            return true;
        }

        error.WriteLine($"govkpi: the database lacks {pending.Count} migration(s) ({string.Join(", ", pending)}); run 'govkpi migrate' first.");
        return false;
    }
}
