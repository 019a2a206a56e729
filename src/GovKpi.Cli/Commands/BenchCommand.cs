using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GovKpi.Cli.Bench;
using GovKpi.Core.Calendar;
using GovKpi.Core.Measurement;
using GovKpi.Data;
using GovKpi.Data.Files;
using GovKpi.Data.Measurement;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GovKpi.Cli.Commands;

/// <summary>
/// <c>govkpi bench [--dossiers N] [--staff N] [--seed N] [--postgres CONNECTION_STRING] [--keep DIR]</c>
/// (docs/PERFORMANCE.md): generates a demo province (as <c>govkpi seed</c>), imports its
/// dossiers.csv into a fresh SQLite file and, when a PostgreSQL server is given, into a fresh
/// database on it, then computes the KPIs of a quarter and of the whole year with
/// <c>govkpi compute</c> (the command itself, in-process) and with the same formulas as one DuckDB
/// query (<see cref="DuckDbKpiQuery"/>), best of three each, and checks that both give the same
/// rows. The figures go to standard output as a table, progress to standard error. Exit code 0;
/// 1 when a step fails or the two computations disagree; 2 for invalid options.
/// </summary>
internal static class BenchCommand
{
    public const string PostgresVariable = "GOVKPI_BENCH_POSTGRES";
    private const int Runs = 3;
    private const int DefaultDossiers = 1_000_000;
    private const int DefaultStaff = 2000;
    private const int DefaultSeed = 1;

    /// <summary>The periods computed: the third quarter and the whole year of the demo data (2025).</summary>
    private static readonly (string Name, DateOnly From, DateOnly To)[] Periods =
    [
        ("quarter", new DateOnly(2025, 7, 1), new DateOnly(2025, 10, 1)),
        ("year", new DateOnly(2025, 1, 1), new DateOnly(2026, 1, 1)),
    ];

    public static Command Create()
    {
        var dossiers = new Option<int>("--dossiers")
        {
            Description = $"Dossiers to generate (default {DefaultDossiers:N0}); dossiers.csv has about 23% more rows (versions).",
            DefaultValueFactory = _ => DefaultDossiers,
        };
        var staff = new Option<int>("--staff") { Description = $"Staff of the demo province (default {DefaultStaff}).", DefaultValueFactory = _ => DefaultStaff };
        var seed = new Option<int>("--seed") { Description = $"Seed of the generator (default {DefaultSeed}).", DefaultValueFactory = _ => DefaultSeed };
        var postgres = new Option<string?>("--postgres")
        {
            Description = $"Npgsql connection string of a PostgreSQL server to import into (a scratch database is created on it and dropped after); default: ${PostgresVariable}, else PostgreSQL is skipped.",
        };
        var keep = new Option<string?>("--keep") { Description = "Directory to generate the files (and the SQLite database) into and keep; default: a temporary directory, removed at the end." };

        var command = new Command("bench", "Measure import and KPI computation on generated data, against DuckDB on the same files.")
        {
            dossiers, staff, seed, postgres, keep,
        };
        command.SetAction((parsed, ct) => RunAsync(
            new Settings(parsed.GetValue(dossiers), parsed.GetValue(staff), parsed.GetValue(seed),
                parsed.GetValue(postgres) ?? NullIfEmpty(Environment.GetEnvironmentVariable(PostgresVariable)), parsed.GetValue(keep)),
            parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error, ct));
        return command;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private sealed record Settings(int Dossiers, int Staff, int Seed, string? Postgres, string? Keep);

    private sealed record ImportFigure(long Rows, TimeSpan Time)
    {
        public double RowsPerSecond => Rows / Time.TotalSeconds;
    }

    private sealed record ComputeFigure(string Period, DateOnly From, DateOnly To, int KpiRows, TimeSpan Ours, TimeSpan DuckDb, bool Equal)
    {
        public double Ratio => Ours.TotalSeconds / DuckDb.TotalSeconds;
    }

    private static async Task<int> RunAsync(Settings settings, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (settings.Dossiers < 1 || settings.Dossiers > SeedCommand.MaximumDossiers)
        {
            error.WriteLine($"govkpi bench: --dossiers must be between 1 and {SeedCommand.MaximumDossiers}, not {settings.Dossiers}.");
            return ExitCode.InvalidInput;
        }

        var directory = settings.Keep is { } keep ? Path.GetFullPath(keep) : Directory.CreateTempSubdirectory("govkpi-bench-").FullName;
        void Say(string message) => error.WriteLine($"govkpi bench: {message}");
        try
        {
            // 1. The demo province, exactly as `govkpi seed` writes it.
            Say($"generating {settings.Dossiers:N0} dossiers (seed {settings.Seed}, {settings.Staff} staff) into {directory}");
            var seedExit = Program.Run(
                ["seed", "--out", directory, "--seed", Invariant(settings.Seed), "--staff", Invariant(settings.Staff), "--dossiers", Invariant(settings.Dossiers)],
                TextWriter.Null, error);
            if (seedExit != ExitCode.Success)
            {
                Say("generating the demo data failed.");
                return seedExit;
            }

            var files = new DemoFiles(directory);

            // 2. Import into a fresh SQLite file.
            Say("importing dossiers.csv into a fresh SQLite database");
            var sqlitePath = Path.Combine(directory, "bench-sqlite.db");
            DeleteSqlite(sqlitePath);
            var sqlite = await ImportAsync(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={sqlitePath}"), files.Dossiers, Say, ct);
            SqliteConnection.ClearAllPools();
            if (settings.Keep is null)
            {
                DeleteSqlite(sqlitePath);
            }

            // 3. Import into a scratch database on the PostgreSQL server, when there is one.
            ImportFigure? postgres = null;
            string? postgresSkipped = null;
            if (settings.Postgres is { } server)
            {
                postgres = await ImportIntoPostgresAsync(server, files.Dossiers, Say, ct);
            }
            else
            {
                postgresSkipped = $"skipped: no server given (--postgres CONNECTION_STRING or ${PostgresVariable})";
                Say($"PostgreSQL {postgresSkipped}");
            }

            // 4. KPIs of each period, ours and DuckDB's, best of three each.
            var computed = new List<ComputeFigure>();
            foreach (var (name, from, to) in Periods)
            {
                computed.Add(Compare(files, name, from, to, Say, error));
            }

            Report(output, settings, files, sqlite, postgres, postgresSkipped, computed);
            var mismatches = computed.Where(c => !c.Equal).ToList();
            foreach (var m in mismatches)
            {
                error.WriteLine($"govkpi bench: MISMATCH: govkpi compute and DuckDB disagree on the {m.Period} {Day(m.From)}..{Day(m.To)}; the results are not comparable.");
            }

            return mismatches.Count == 0 ? ExitCode.Success : ExitCode.Failure;
        }
        catch (BenchFailure e)
        {
            Say(e.Message);
            return ExitCode.Failure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException or InvalidOperationException or DbUpdateException)
        {
            Say($"failed: {e.Message}");
            return ExitCode.Failure;
        }
        finally
        {
            if (settings.Keep is null)
            {
                SqliteConnection.ClearAllPools();
                TryDelete(directory);
            }
        }
    }

    private sealed class BenchFailure(string message) : Exception(message);

    /// <summary>The contract files of the generated province, with their sizes.</summary>
    private sealed class DemoFiles(string directory)
    {
        public string Dossiers { get; } = Path.Combine(directory, DossierCsvWriter.FileName);
        public string Surveys { get; } = Path.Combine(directory, SurveyCsvWriter.FileName);
        public string Complaints { get; } = Path.Combine(directory, ComplaintCsvWriter.FileName);
        public long DossierRows { get; } = DataRows(Path.Combine(directory, DossierCsvWriter.FileName));
        public long SurveyRows { get; } = DataRows(Path.Combine(directory, SurveyCsvWriter.FileName));
        public long ComplaintRows { get; } = DataRows(Path.Combine(directory, ComplaintCsvWriter.FileName));
        public long DossierBytes => new FileInfo(Dossiers).Length;

        /// <summary>Lines after the header: the generator never writes a line break inside a field.</summary>
        private static long DataRows(string path)
        {
            long lines = 0;
            var buffer = new byte[1 << 16];
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
            }

            return Math.Max(0, lines - 1);
        }
    }

    /// <summary>Migrates the empty database, then times the import of dossiers.csv from its first row read to its commit.</summary>
    private static async Task<ImportFigure> ImportAsync(DatabaseOptions options, string dossiersPath, Action<string> say, CancellationToken ct)
    {
        await using var db = new GovKpiDbContext(options.ToContextOptions());
        await db.MigrateAsync(ct);
        await using var stream = new FileStream(dossiersPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        var batch = new MeasurementBatch(ImportSource.Cli, "bench")
        {
            Dossiers = ImportFiles.DossiersCsv(stream, Path.GetFileName(dossiersPath), w => say(w.ToString())),
        };

        var reported = 0;
        var progress = new Reporter(p =>
        {
            var tenth = p.TotalBytes == 0 ? 0 : (int)(10 * p.BytesRead / p.TotalBytes);
            if (tenth > reported && tenth < 10)
            {
                reported = tenth;
                say($"  {p.Rows:N0} rows ({tenth * 10}%)");
            }
        });

        ImportOutcome outcome;
        var stopwatch = Stopwatch.StartNew();
        using (CollectionPause.For(batch.TotalBytes))
        {
            outcome = await new MeasurementImport(db, TimeProvider.System).RunAsync(batch, progress, ct);
        }

        stopwatch.Stop();
        var b = outcome.Batch;
        if (b.Invalid + b.Conflicts > 0 || b.Inserted != b.Read)
        {
            throw new BenchFailure($"the import of the generated dossiers did not insert every row: {b.Read} read, {b.Inserted} inserted, {b.Conflicts} conflicts, {b.Invalid} invalid.");
        }

        say($"  {b.Read:N0} rows in {stopwatch.Elapsed.TotalSeconds:0.00} s = {b.Read / stopwatch.Elapsed.TotalSeconds:N0} rows/s");
        return new ImportFigure(b.Read, stopwatch.Elapsed);
    }

    /// <summary>Imports into a scratch database created on the server for the purpose, and dropped after.</summary>
    private static async Task<ImportFigure> ImportIntoPostgresAsync(string server, string dossiersPath, Action<string> say, CancellationToken ct)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(server);
        }
        catch (ArgumentException e)
        {
            throw new BenchFailure($"--postgres: not an Npgsql connection string: {e.Message}");
        }

        var scratch = $"govkpi_bench_{Guid.NewGuid():N}"[..28];
        say($"importing dossiers.csv into PostgreSQL: scratch database {scratch} on {builder.Host}:{builder.Port}");
        await using (var admin = new NpgsqlConnection(builder.ConnectionString))
        {
            await admin.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {scratch}", admin);
            await create.ExecuteNonQueryAsync(ct);
        }

        try
        {
            return await ImportAsync(new DatabaseOptions(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Database = scratch }.ConnectionString),
                dossiersPath, say, ct);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(builder.ConnectionString);
            await admin.OpenAsync(CancellationToken.None);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {scratch} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>Runs <c>govkpi compute</c> and the DuckDB query three times each over the same files; the best times, and whether the rows agree.</summary>
    private static ComputeFigure Compare(DemoFiles files, string name, DateOnly from, DateOnly to, Action<string> say, TextWriter error)
    {
        var ours = TimeSpan.MaxValue;
        var outPath = Path.Combine(Path.GetDirectoryName(files.Dossiers)!, $"bench-kpis-{name}.csv");
        string[] args =
        [
            "compute", "--dossiers", files.Dossiers, "--surveys", files.Surveys, "--complaints", files.Complaints,
            "--from", Day(from), "--to", Day(to), "--out", outPath,
        ];
        for (var run = 1; run <= Runs; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            var exit = Program.Run(args, TextWriter.Null, error);
            stopwatch.Stop();
            if (exit != ExitCode.Success)
            {
                throw new BenchFailure($"govkpi compute failed on the {name} (exit code {exit}).");
            }

            say($"govkpi compute, {name} {Day(from)}..{Day(to)}, run {run}/{Runs}: {stopwatch.Elapsed.TotalSeconds:0.000} s");
            ours = Min(ours, stopwatch.Elapsed);
        }

        var period = new ReportingPeriod(from, to);
        var workingDays = WorkingCalendar.Official.WorkingDays(from, to);
        var duck = TimeSpan.MaxValue;
        IReadOnlyList<KpiRow> duckRows = [];
        for (var run = 1; run <= Runs; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            duckRows = DuckDbKpiQuery.Run(files.Dossiers, files.Surveys, files.Complaints, period, workingDays);
            stopwatch.Stop();
            say($"DuckDB, {name} {Day(from)}..{Day(to)}, run {run}/{Runs}: {stopwatch.Elapsed.TotalSeconds:0.000} s");
            duck = Min(duck, stopwatch.Elapsed);
        }

        // Both as the bytes `govkpi compute` writes: the same rows in the same order with the same values.
        using var duckCsv = new MemoryStream();
        KpiCsvWriter.Write(duckCsv, duckRows);
        var oursCsv = File.ReadAllBytes(outPath);
        var equal = oursCsv.AsSpan().SequenceEqual(duckCsv.ToArray());
        if (!equal)
        {
            var a = CsvRowWriter.Utf8.GetString(oursCsv).Split('\n');
            var b = CsvRowWriter.Utf8.GetString(duckCsv.ToArray()).Split('\n');
            var at = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
            say($"MISMATCH on the {name}: {a.Length - 2} rows from govkpi compute, {b.Length - 2} from DuckDB; first difference at line {at + 1}:");
            say($"  govkpi compute: {(at < a.Length ? a[at] : "(end)")}");
            say($"  DuckDB:         {(at < b.Length ? b[at] : "(end)")}");
        }

        if (File.Exists(outPath))
        {
            File.Delete(outPath);
        }

        return new ComputeFigure(name, from, to, duckRows.Count, ours, duck, equal);
    }

    private static void Report(TextWriter output, Settings settings, DemoFiles files, ImportFigure sqlite, ImportFigure? postgres, string? postgresSkipped, List<ComputeFigure> computed)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"GovKpi bench: {settings.Dossiers:N0} dossiers, seed {settings.Seed}, {settings.Staff} staff; {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
        output.WriteLine(string.Create(c,
            $"files: dossiers.csv {files.DossierRows:N0} rows ({files.DossierBytes / 1e6:0.0} MB), surveys.csv {files.SurveyRows:N0} rows, complaints.csv {files.ComplaintRows:N0} rows"));
        output.WriteLine();
        output.WriteLine("import of dossiers.csv (first row read to commit)      rows     seconds        rows/s");
        output.WriteLine(string.Create(c, $"  SQLite (fresh file)                       {sqlite.Rows,14:N0} {sqlite.Time.TotalSeconds,11:0.000} {sqlite.RowsPerSecond,13:N0}"));
        output.WriteLine(postgres is { } p
            ? string.Create(c, $"  PostgreSQL (fresh database, binary COPY)  {p.Rows,14:N0} {p.Time.TotalSeconds,11:0.000} {p.RowsPerSecond,13:N0}")
            : $"  PostgreSQL: {postgresSkipped}");
        output.WriteLine();
        output.WriteLine("KPI computation, best of 3              govkpi compute (s)   DuckDB (s)   ours/DuckDB   KPI rows   same result");
        foreach (var f in computed)
        {
            var period = $"{f.Period} {Day(f.From)}..{Day(f.To)}";
            output.WriteLine(string.Create(c,
                $"  {period,-36} {f.Ours.TotalSeconds,18:0.000} {f.DuckDb.TotalSeconds,12:0.000} {f.Ratio,13:0.00} {f.KpiRows,10:N0}   {(f.Equal ? "yes" : "NO - MISMATCH")}"));
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Invariant(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static void DeleteSqlite(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(path + suffix);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temporary directory left behind is not worth failing the bench for.
        }
    }

    private sealed class Reporter(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
