using System.Text.RegularExpressions;
using static GovKpi.Cli.Tests.CommandLine;

namespace GovKpi.Cli.Tests.Bench;

/// <summary>
/// <c>govkpi bench</c> on a small province, in-process: it runs to the end and its report has every
/// figure. No timing is asserted: how fast is for the bench itself to say (docs/PERFORMANCE.md).
/// </summary>
public sealed partial class BenchCommandTests : IDisposable
{
    private readonly string _keep = Directory.CreateTempSubdirectory("govkpi-bench-test-").FullName;

    public void Dispose() => Directory.Delete(_keep, recursive: true);

    private const string Number = @"[0-9][0-9,]*(\.[0-9]+)?";

    [GeneratedRegex($@"^  SQLite \(fresh file\) +(?<rows>{Number}) +(?<seconds>{Number}) +(?<rate>{Number})$", RegexOptions.Multiline)]
    private static partial Regex SqliteLine();

    [GeneratedRegex($@"^  PostgreSQL \(fresh database, binary COPY\) +(?<rows>{Number}) +(?<seconds>{Number}) +(?<rate>{Number})$", RegexOptions.Multiline)]
    private static partial Regex PostgresLine();

    [GeneratedRegex($@"^  (?<period>quarter|year) [0-9-]+\.\.[0-9-]+ +(?<ours>{Number}) +(?<duck>{Number}) +(?<ratio>{Number}) +(?<rows>{Number}) +yes$", RegexOptions.Multiline)]
    private static partial Regex ComputeLine();

    [Fact]
    public void Bench_on_2000_dossiers_reports_import_rates_compute_and_DuckDB_times_and_their_ratio()
    {
        // A PostgreSQL server when the test run has one (scripts/start-postgres); otherwise the bench says it skipped it.
        var server = Environment.GetEnvironmentVariable("GOVKPI_TEST_POSTGRES");
        string[] args = ["bench", "--dossiers", "2000", "--staff", "120", "--seed", "3", "--keep", _keep];
        if (!string.IsNullOrWhiteSpace(server))
        {
            args = [.. args, "--postgres", server];
        }

        var (exit, report, error) = Run(args);

        Assert.True(exit == 0, $"exit {exit}\n{report}\n{error}");
        Assert.Contains("2,000 dossiers", report);
        var sqlite = SqliteLine().Match(report);
        Assert.True(sqlite.Success, report);
        Assert.True(Value(sqlite, "rows") > 2000 && Value(sqlite, "rate") > 0, report);

        if (string.IsNullOrWhiteSpace(server) && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("GOVKPI_BENCH_POSTGRES")))
        {
            Assert.Contains("PostgreSQL: skipped: no server given", report);
        }
        else
        {
            var postgres = PostgresLine().Match(report);
            Assert.True(postgres.Success, report);
            Assert.Equal(Value(sqlite, "rows"), Value(postgres, "rows"));
            Assert.True(Value(postgres, "rate") > 0, report);
        }

        var computed = ComputeLine().Matches(report);
        Assert.Equal(["quarter", "year"], computed.Select(m => m.Groups["period"].Value));
        foreach (var line in computed.Cast<Match>())
        {
            Assert.True(Value(line, "ours") > 0 && Value(line, "duck") > 0 && Value(line, "ratio") > 0 && Value(line, "rows") > 100, report);
        }

        // Progress went to standard error; with --keep the generated files stay, the scratch outputs do not.
        Assert.Contains("govkpi bench: importing dossiers.csv", error);
        Assert.True(File.Exists(Path.Combine(_keep, "dossiers.csv")));
        Assert.Empty(Directory.GetFiles(_keep, "bench-kpis-*"));
    }

    [Fact]
    public void Bench_rejects_a_dossier_count_out_of_range_with_exit_code_2()
    {
        var result = Run("bench", "--dossiers", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--dossiers", result.Error);
    }

    private static double Value(Match match, string group) =>
        double.Parse(match.Groups[group].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
}
