using GovKpi.Tests.Fuzz;
using static GovKpi.Cli.Tests.CommandLine;

namespace GovKpi.Cli.Tests.Fuzz;

/// <summary>
/// Every file of the fuzz corpus through <c>govkpi compute</c> (beside valid dossiers when it is not
/// the dossiers file): exit 0 or 2, never a stack trace; an invalid file, and any workbook (compute
/// reads CSV), refused with exit 2 and a message naming the file and the line.
/// </summary>
public sealed class FuzzComputeTests(FuzzComputeTests.Files files) : IClassFixture<FuzzComputeTests.Files>
{
    public sealed class Files : IDisposable
    {
        public string Root { get; } = Directory.CreateTempSubdirectory("govkpi-fuzz-compute-").FullName;

        public string Write(FuzzCase c)
        {
            var directory = Directory.CreateDirectory(Path.Combine(Root, Path.GetFileNameWithoutExtension(c.Name) + c.Extension.Replace('.', '-'))).FullName;
            var path = Path.Combine(directory, c.FileName);
            File.WriteAllBytes(path, c.Content);
            return path;
        }

        /// <summary>Valid dossiers to compute with when the case is another kind's file.</summary>
        public string Dossiers => Write(FuzzCorpus.Named("dossiers-valid.csv"));

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }

    public static TheoryData<string> Cases => FuzzCorpus.Names(_ => true);

    public static TheoryData<string> Workbooks => FuzzCorpus.Names(c => c.IsWorkbook && c.Kind == Data.Measurement.RecordKind.Dossier);

    [Theory]
    [MemberData(nameof(Workbooks))]
    public void Forecast_and_anomalies_refuse_a_workbook_at_its_first_line_as_compute_does(string name)
    {
        var c = FuzzCorpus.Named(name);
        var path = files.Write(c);

        var forecast = Run("forecast", "--dossiers", path, "--as-of", "2025-08-12", "--period", "2025-Q3");
        var anomalies = Run("anomalies", "--dossiers", path);

        foreach (var result in new[] { forecast, anomalies })
        {
            FuzzVerdict.NoCrash(c, result);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains(c.FileName + ":1:: ", result.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_of_a_malformed_file_never_crashes_and_names_the_file_and_line_of_its_refusal(string name)
    {
        var c = FuzzCorpus.Named(name);
        var path = files.Write(c);
        string[] inputs = c.Kind == Data.Measurement.RecordKind.Dossier
            ? ["--dossiers", path]
            : ["--dossiers", files.Dossiers, "--" + FuzzCorpus.Stem(c.Kind), path];

        var result = Run(["compute", .. inputs, "--from", "2025-01-01", "--to", "2026-01-01"]);

        FuzzVerdict.NoCrash(c, result);
        if (c.IsWorkbook)
        {
            Assert.True(result.ExitCode == 2 && result.Error.Contains(c.FileName + ":1:", StringComparison.Ordinal),
                $"{c.Name}: a workbook given to compute was not refused at its first line\n{result.Error}");
            return;
        }

        switch (c.Expect)
        {
            case FuzzExpectation.Accepted:
                Assert.True(result.ExitCode == 0, $"{c.Name}: a valid file was refused\n{result.Error}");
                break;
            case FuzzExpectation.Refused:
                Assert.True(result.ExitCode == 2 && FuzzVerdict.Located(c).IsMatch(result.Error),
                    $"{c.Name}: no refusal naming {FuzzVerdict.Located(c)} (exit {result.ExitCode})\n{result.Error}");
                break;
        }
    }
}
