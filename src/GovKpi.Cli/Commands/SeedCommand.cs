using System.CommandLine;
using System.Diagnostics;
using GovKpi.Core.Calendar;
using GovKpi.Core.DemoProvince;
using GovKpi.Data.Files;
using Spectre.Console;

namespace GovKpi.Cli.Commands;

/// <summary>
/// <c>govkpi seed --out DIR [--seed N] [--staff N] [--dossiers N]</c>: writes a demo province
/// (organisation files, KPI library, calendar, and a year of dossiers with surveys and
/// complaints) in the formats of CONTRACTS.md and docs/FILES.md. The same seed and sizes give
/// byte-identical files.
/// </summary>
internal static class SeedCommand
{
    public const int MaximumDossiers = 20_000_000;
    private const int ProgressStep = 10_000;

    public static Command Create()
    {
        var outOption = new Option<string>("--out")
        {
            Description = "Directory to write the files into (created if missing; files of the same name are replaced).",
            Required = true,
        };
        var seedOption = new Option<int>("--seed")
        {
            Description = "Seed of the generator: the same seed and sizes give byte-identical files.",
            DefaultValueFactory = _ => 1,
            CustomParser = WholeNumber("--seed", int.MinValue, int.MaxValue, 1),
        };
        var staffOption = new Option<int>("--staff")
        {
            Description = $"Number of staff ({DemoProvinceGenerator.MinimumStaff}–{DemoProvinceGenerator.MaximumStaff}); the number of communes grows with it.",
            DefaultValueFactory = _ => 300,
            CustomParser = WholeNumber("--staff", DemoProvinceGenerator.MinimumStaff, DemoProvinceGenerator.MaximumStaff, 300),
        };
        var dossiersOption = new Option<int>("--dossiers")
        {
            Description = "Number of dossiers received over 2025 (dossiers.csv has a few more rows: some dossiers have several versions).",
            DefaultValueFactory = _ => 10_000,
            CustomParser = WholeNumber("--dossiers", 0, MaximumDossiers, 10_000),
        };

        var command = new Command("seed", "Write a demo province as CSV files: units, staff, KPI sets, calendar, dossiers, surveys and complaints.")
        {
            outOption, seedOption, staffOption, dossiersOption,
        };
        command.SetAction(parsed => Run(
            parsed.GetRequiredValue(outOption),
            parsed.GetValue(seedOption),
            parsed.GetValue(staffOption),
            parsed.GetValue(dossiersOption),
            parsed.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Parses a whole number within bounds, so that both "abc" and an out-of-range value get one clear message.</summary>
    private static Func<System.CommandLine.Parsing.ArgumentResult, int> WholeNumber(string option, int minimum, int maximum, int byDefault) => result =>
    {
        if (result.Tokens.Count == 0)
        {
            return byDefault;
        }

        var text = result.Tokens[^1].Value;
        if (!int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            result.AddError($"{option} must be a whole number, not '{text}'.");
            return byDefault;
        }

        if (value < minimum || value > maximum)
        {
            result.AddError($"{option} must be between {minimum} and {maximum}, not {value}.");
        }

        return value;
    };

    private static int Run(string outPath, int seed, int staffCount, int dossierCount, TextWriter error)
    {
        var directory = Path.GetFullPath(outPath);
        if (File.Exists(directory))
        {
            error.WriteLine($"govkpi seed: --out {outPath}: is a file, not a directory.");
            return ExitCode.InvalidInput;
        }

        var stopwatch = Stopwatch.StartNew();
        var province = DemoProvinceGenerator.Generate(seed, staffCount);
        IEnumerable<DemoDossier> dossiers;
        try
        {
            dossiers = DemoProvinceGenerator.Dossiers(province, dossierCount);
        }
        catch (ArgumentOutOfRangeException e)
        {
            error.WriteLine($"govkpi seed: --dossiers {dossierCount}: {Reason(e)}");
            return ExitCode.InvalidInput;
        }

        try
        {
            using var files = new StagedFiles(directory);
            WriteProvince(files, province);
            var totals = WriteDossiers(files, dossiers, dossierCount, error);
            files.Commit();
            error.WriteLine(
                $"govkpi seed: wrote {files.Names.Count} files to {directory}: {province.Units.Count} units, {province.Staff.Count} staff, " +
                $"{dossierCount} dossiers ({totals.Rows} rows), {totals.Surveys} surveys, {totals.Complaints} complaints in {stopwatch.Elapsed.TotalSeconds:0.0} s.");
            return ExitCode.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"govkpi seed: cannot write to {directory}: {e.Message}");
            return ExitCode.Failure;
        }
    }

    private static void WriteProvince(StagedFiles files, DemoProvince province)
    {
        files.Write(OrganisationCsvWriter.UnitsFile, s => OrganisationCsvWriter.WriteUnits(s, province.Units));
        files.Write(OrganisationCsvWriter.LineageFile, s => OrganisationCsvWriter.WriteLineage(s, province.Lineage));
        files.Write(OrganisationCsvWriter.PositionsFile, s => OrganisationCsvWriter.WritePositions(s, province.Positions));
        files.Write(OrganisationCsvWriter.StaffFile, s => OrganisationCsvWriter.WriteStaff(s, province.Staff));
        files.Write(OrganisationCsvWriter.SecondmentsFile, s => OrganisationCsvWriter.WriteSecondments(s, province.Staff));
        files.Write(OrganisationCsvWriter.KpiDefinitionsFile, s => OrganisationCsvWriter.WriteKpiDefinitions(s, province.KpiDefinitions));
        files.Write(OrganisationCsvWriter.KpiSetsFile, s => OrganisationCsvWriter.WriteKpiSets(s, province.KpiSets));
        // The calendar the dossiers were generated with, for the years they cover.
        files.Write(CalendarCsvWriter.FileName, s => CalendarCsvWriter.Write(s,
            province.Calendar.Exceptions.Where(e => e.Date.Year is PublicHolidays.FirstKnownYear or PublicHolidays.FirstKnownYear + 1)));
    }

    private sealed record Totals(long Rows, int Surveys, int Complaints);

    private static Totals WriteDossiers(StagedFiles files, IEnumerable<DemoDossier> dossiers, int dossierCount, TextWriter error)
    {
        using var dossierFile = new DossierCsvWriter(files.Create(DossierCsvWriter.FileName));
        using var surveyFile = new SurveyCsvWriter(files.Create(SurveyCsvWriter.FileName));
        using var complaintFile = new ComplaintCsvWriter(files.Create(ComplaintCsvWriter.FileName));
        long rows = 0;
        int surveys = 0, complaints = 0;

        void WriteAll(Action<int> progress)
        {
            var done = 0;
            foreach (var dossier in dossiers)
            {
                foreach (var version in dossier.Versions)
                {
                    dossierFile.Write(version);
                    rows++;
                }

                if (dossier.Survey is { } survey)
                {
                    surveyFile.Write(survey);
                    surveys++;
                }

                if (dossier.Complaint is { } complaint)
                {
                    complaintFile.Write(complaint);
                    complaints++;
                }

                if (++done % ProgressStep == 0)
                {
                    progress(done);
                }
            }

            progress(done);
        }

        if (ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            console.Progress().AutoClear(true).Start(context =>
            {
                var task = context.AddTask("dossiers", maxValue: Math.Max(dossierCount, 1));
                WriteAll(done => task.Value = done);
            });
        }
        else
        {
            // Not a terminal (a log, a pipe, a test): a plain line at every tenth, no escape codes.
            var reported = 0;
            WriteAll(done =>
            {
                var tenth = dossierCount == 0 ? 10 : (int)(10L * done / dossierCount);
                if (tenth > reported)
                {
                    reported = tenth;
                    error.WriteLine($"govkpi seed: {done} of {dossierCount} dossiers ({tenth * 10}%)");
                }
            });
        }

        return new Totals(rows, surveys, complaints);
    }

    /// <summary>The message of an argument exception without the parameter name and value .NET appends.</summary>
    private static string Reason(ArgumentException e) => e.Message.Split(Environment.NewLine)[0].Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);

    /// <summary>
    /// Files written under a temporary name and renamed into place only when all are complete,
    /// so a failed or interrupted run never leaves a half-written file under a real name.
    /// </summary>
    private sealed class StagedFiles : IDisposable
    {
        private const string Suffix = ".partial";
        private readonly string _directory;
        private readonly List<string> _names = [];
        private bool _committed;

        public StagedFiles(string directory)
        {
            _directory = directory;
            Directory.CreateDirectory(directory);
        }

        public IReadOnlyList<string> Names => _names;

        public Stream Create(string name)
        {
            _names.Add(name);
            return new FileStream(Path.Combine(_directory, name + Suffix), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        }

        public void Write(string name, Action<Stream> write)
        {
            using var stream = Create(name);
            write(stream);
        }

        public void Commit()
        {
            foreach (var name in _names)
            {
                File.Move(Path.Combine(_directory, name + Suffix), Path.Combine(_directory, name), overwrite: true);
            }

            _committed = true;
        }

        public void Dispose()
        {
            if (_committed)
            {
                return;
            }

            foreach (var name in _names)
            {
                File.Delete(Path.Combine(_directory, name + Suffix));
            }
        }
    }
}
