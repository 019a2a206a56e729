using System.CommandLine;
using System.Globalization;
using GovKpi.Core.Access;
using GovKpi.Core.Measurement;
using GovKpi.Core.Organisation;
using GovKpi.Core.Uploads;
using GovKpi.Data;
using GovKpi.Data.Files;
using GovKpi.Data.Measurement;
using GovKpi.Data.Organisation;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace GovKpi.Cli.Commands;

/// <summary>
/// <c>govkpi import --dir DIR [--database CONNECTION_STRING]</c>: every contract file present in DIR,
/// organisation files first (CONTRACTS.md, "Organisation files"; all or nothing: any invalid row
/// exits 2 with every located message and changes nothing, neither organisation nor records), then
/// the record files as below. A second run of the same DIR changes nothing and says so.
/// <c>govkpi import [--dossiers FILE] [--surveys FILE] [--complaints FILE] [--calendar FILE]
/// [--database CONNECTION_STRING] [--provider sqlite|postgres]</c>: lands the contract files in the
/// database in one transaction (see <see cref="MeasurementImport"/>). Invalid rows and conflicts
/// go to the quarantine and are listed; the batch still lands (exit 0). A missing file or a file
/// without a required column lands nothing (exit 2); any other failure lands nothing (exit 1).
/// Files ending in .xlsx are read as Excel workbooks with the same columns.
/// </summary>
internal static class ImportCommand
{
    /// <summary>
    /// The operator imports files they chose, larger than an upload page takes (up to Excel's own
    /// row and column limits); the package guard against zip bombs stays as on the web.
    /// </summary>
    internal static readonly SpreadsheetLimits Workbooks = new() { MaxRows = 1_048_576, MaxColumns = 16_384, MaxDecompressedBytes = 4L << 30 };

    private const int ListedProblems = 20;

    public static Command Create()
    {
        var dossiers = new Option<string?>("--dossiers") { Description = "dossiers.csv (or .xlsx): one row per dossier version." };
        var surveys = new Option<string?>("--surveys") { Description = "surveys.csv (or .xlsx): citizen satisfaction responses." };
        var complaints = new Option<string?>("--complaints") { Description = "complaints.csv (or .xlsx): complaints and feedback (PAKN)." };
        var calendar = new Option<string?>("--calendar") { Description = "calendar.csv (or .xlsx): working-day exceptions." };
        var directory = new Option<string?>("--dir")
        {
            Description = "A directory of contract files: organisation files (units, unit_lineage, positions, staff, secondments, " +
                "kpi_definitions, kpi_sets, accounts) and record files (dossiers, surveys, complaints, calendar), each .csv or .xlsx.",
        };
        var (database, provider) = DatabaseCommandOptions.Create();

        var command = new Command("import", "Import organisation files and operational records into the database, idempotently.")
        {
            directory, dossiers, surveys, complaints, calendar, database, provider,
        };
        command.SetAction((parsed, ct) =>
        {
            var files = new Files(parsed.GetValue(dossiers), parsed.GetValue(surveys), parsed.GetValue(complaints), parsed.GetValue(calendar));
            var error = parsed.InvocationConfiguration.Error;
            if (parsed.GetValue(directory) is { } dir)
            {
                if (files.All.Any(f => f.Path is not null))
                {
                    error.WriteLine("govkpi import: --dir reads every contract file of the directory; give either --dir or the file options.");
                    return Task.FromResult(ExitCode.InvalidInput);
                }

                if (!Directory.Exists(dir))
                {
                    error.WriteLine($"govkpi import: --dir {dir}: no such directory.");
                    return Task.FromResult(ExitCode.InvalidInput);
                }

                files = new Files(Present(dir, "dossiers"), Present(dir, "surveys"), Present(dir, "complaints"), Present(dir, "calendar")) { Directory = dir };
            }

            return RunAsync(files, parsed.GetValue(database), parsed.GetValue(provider), parsed.InvocationConfiguration.Output, error, ct);
        });
        return command;
    }

    /// <summary>DIR/NAME.csv, else DIR/NAME.xlsx, else null.</summary>
    private static string? Present(string directory, string name) =>
        ((string[])[".csv", ".xlsx"]).Select(e => Path.Combine(directory, name + e)).FirstOrDefault(File.Exists);

    private sealed record Files(string? Dossiers, string? Surveys, string? Complaints, string? Calendar)
    {
        /// <summary>With <c>--dir</c>: where the organisation files are read from.</summary>
        public string? Directory { get; init; }

        public IEnumerable<(string Option, string? Path)> All =>
            [("--dossiers", Dossiers), ("--surveys", Surveys), ("--complaints", Complaints), ("--calendar", Calendar)];
    }

    private static async Task<int> RunAsync(Files files, string? connectionString, string? provider, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (files.Directory is null && files.All.All(f => f.Path is null))
        {
            error.WriteLine("govkpi import: give --dir or at least one of --dossiers, --surveys, --complaints, --calendar.");
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
            var organisation = files.Directory is null ? null : await OrganisationStep.PlanAsync(db, files.Directory, error, ct);
            if (organisation is { Valid: false })
            {
                return ExitCode.InvalidInput;
            }

            if (files.All.All(f => f.Path is null))
            {
                if (organisation is null)
                {
                    error.WriteLine($"govkpi import: --dir {files.Directory}: no contract file (units.csv, staff.csv, dossiers.csv, … or .xlsx).");
                    return ExitCode.InvalidInput;
                }

                var changed = organisation is not null && await organisation.ApplyAsync(output, ct);
                if (!changed)
                {
                    output.WriteLine("nothing changed");
                }

                return ExitCode.Success;
            }

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
                    ? new ImportFile<T>(name, Workbook<T>(Open(path), name, kind), new FileInfo(path).Length)
                    : csv(Open(path), name, Warn);
            }

            var batch = new MeasurementBatch(ImportSource.Cli, ConsoleActor.Of(Environment.UserName))
            {
                Dossiers = Source(files.Dossiers, RecordKind.Dossier, (s, n, w) => ImportFiles.DossiersCsv(s, n, w)),
                Surveys = Source(files.Surveys, RecordKind.Survey, (s, n, w) => ImportFiles.SurveysCsv(s, n, w)),
                Complaints = Source(files.Complaints, RecordKind.Complaint, (s, n, w) => ImportFiles.ComplaintsCsv(s, n, w)),
                Calendar = Source(files.Calendar, RecordKind.Calendar, (s, n, w) => ImportFiles.CalendarCsv(s, n, w)),
            };

            var organisationChanged = organisation is not null && await organisation.ApplyAsync(output, ct);
            timing.Lap("organisation committed");
            var import = new MeasurementImport(db, TimeProvider.System);
            ImportOutcome outcome;
            using (CollectionPause.For(batch.TotalBytes))
            {
                outcome = await WithProgressAsync(batch, error, progress => import.RunAsync(batch, progress, ct));
            }

            timing.Lap("import committed");
            Summarise(outcome, output);
            if (files.Directory is not null && !organisationChanged && outcome.Batch.Inserted + outcome.Batch.Replaced == 0)
            {
                output.WriteLine("nothing changed");
            }

            await db.DisposeAsync();
            timing.Lap("database closed");
            return ExitCode.Success;
        }
        catch (UploadLimitException e)
        {
            error.WriteLine(e.Message);
            error.WriteLine("govkpi import: nothing was imported.");
            return ExitCode.InvalidInput;
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

    /// <summary>
    /// The rows of a workbook; a package that cannot be read (truncated, a part missing, broken XML)
    /// makes the file unusable, located on its first row since the damage has no row of its own.
    /// </summary>
    private static List<SourceRow<T>> Workbook<T>(Stream stream, string name, RecordKind kind) where T : class
    {
        try
        {
            return ImportFiles.Xlsx<T>(stream, name, kind, Workbooks);
        }
        catch (InvalidDataException e)
        {
            throw new UnusableFileException(new Data.Files.RowError(name, 1, [new Data.Files.FieldProblem("", e.Message)], new Dictionary<string, string>()));
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

/// <summary>
/// The organisation files of <c>import --dir</c>: read and checked against the stored organisation
/// before anything is written, so that an invalid row stops the whole run with nothing changed.
/// </summary>
internal sealed class OrganisationStep
{
    private readonly OrganisationImporter _importer;
    private readonly OrganisationImportPlan? _plan;

    private OrganisationStep(OrganisationImporter importer, OrganisationImportPlan? plan)
    {
        _importer = importer;
        _plan = plan;
    }

    public bool Valid => _plan is not null;

    /// <summary>Null when the directory holds no organisation file.</summary>
    public static async Task<OrganisationStep?> PlanAsync(GovKpiDbContext db, string directory, TextWriter error, CancellationToken ct)
    {
        var importer = new OrganisationImporter(db, TimeProvider.System);
        var read = OrganisationFileReader.ReadDirectory(directory, ImportCommand.Workbooks);
        foreach (var warning in read.Warnings)
        {
            error.WriteLine(warning);
        }

        if (read.Rows.IsEmpty && read.Problems.Count == 0)
        {
            return null;
        }

        var result = await importer.PlanAsync(read.Rows, ConsoleActor.Of(Environment.UserName), OrganisationChangeSource.Cli, ct);
        var problems = OrganisationImport.Ordered(read.Problems.Concat(result.Problems));
        if (problems.Count == 0)
        {
            return new OrganisationStep(importer, result.Plan);
        }

        foreach (var problem in problems)
        {
            error.WriteLine(problem.ToString());
        }

        error.WriteLine($"govkpi import: {problems.Count} problem(s) in the organisation files; nothing was imported.");
        return new OrganisationStep(importer, null);
    }

    /// <summary>Applies the plan (one transaction) and prints its summary; false when it changed nothing.</summary>
    public async Task<bool> ApplyAsync(TextWriter output, CancellationToken ct)
    {
        if (_plan is null)
        {
            return false;
        }

        if (_plan.ChangesAnything)
        {
            await _importer.ApplyAsync(_plan, ct);
        }

        output.WriteLine("kind,added,changed,retired,unchanged");
        foreach (var s in _plan.Summary)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Kind.FileStem()},{s.Added},{s.Changed},{s.Retired},{s.Unchanged}"));
        }

        return _plan.ChangesAnything;
    }
}
