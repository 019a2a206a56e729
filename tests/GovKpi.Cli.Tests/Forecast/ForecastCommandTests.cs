using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using GovKpi.Cli.Commands;
using static GovKpi.Cli.Tests.CommandLine;

namespace GovKpi.Cli.Tests.Forecast;

/// <summary><c>govkpi forecast</c> in-process, on a demo province written by <c>govkpi seed</c>.</summary>
public sealed partial class ForecastCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("govkpi-forecast-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Demo()
    {
        var directory = Path.Combine(_root, "demo");
        Assert.Equal(0, Run("seed", "--out", directory, "--seed", "5", "--staff", "80", "--dossiers", "3000").ExitCode);
        return directory;
    }

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        return [.. csv.GetRecords<dynamic>().Select(r => ((IDictionary<string, object>)r).ToDictionary(p => p.Key, p => (string)p.Value))];
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void Forecast_writes_one_row_per_person_unit_and_KPI_starting_from_the_values_compute_gives_for_the_period_so_far()
    {
        var demo = Demo();
        var forecastPath = Path.Combine(_root, "forecast.csv");
        var soFarPath = Path.Combine(_root, "so-far.csv");
        string[] files = ["--dossiers", Path.Combine(demo, "dossiers.csv"), "--surveys", Path.Combine(demo, "surveys.csv"),
            "--complaints", Path.Combine(demo, "complaints.csv"), "--calendar", Path.Combine(demo, "calendar.csv")];

        var result = Run(["forecast", .. files, "--as-of", "2025-08-12", "--period", "2025-Q3", "--out", forecastPath]);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(0, Run(["compute", .. files, "--from", "2025-07-01", "--to", "2025-08-13", "--out", soFarPath]).ExitCode);

        Assert.Equal(string.Join(',', ForecastCommand.Columns), File.ReadLines(forecastPath).First());
        var rows = ReadCsv(forecastPath);
        var computed = ReadCsv(soFarPath).Where(r => r["scope"] != "all" && r["value"] != "")
            .ToDictionary(r => (r["scope"], r["scope_code"], r["kpi"]), r => r["value"]);
        Assert.Equal(computed.Keys.Order(), rows.Select(r => (r["scope"], r["scope_code"], r["kpi"])).Order());
        Assert.Contains(rows, r => r["scope"] == "staff");
        foreach (var row in rows)
        {
            Assert.Equal(Number(computed[(row["scope"], row["scope_code"], row["kpi"])]), Number(row["so_far"]), 9);
            var (low, projected, high) = (Number(row["low"]), Number(row["projected"]), Number(row["high"]));
            Assert.True(low <= projected && projected <= high, string.Join(",", row.Values));
            Assert.InRange(Number(row["miss_probability"]), 0, 1);
            Assert.Contains(row["likely_to_miss"], new[] { "true", "false" });
            Assert.Contains(row["confidence"], new[] { "low", "medium", "high" });
            Assert.StartsWith("so far ", row["explanation"]);
        }

        Assert.All(rows.Where(r => r["kpi"] == "on_time_rate"), r =>
        {
            Assert.Equal("0.980000", r["target"]);
            Assert.InRange(Number(r["projected"]), 0, 1);
            Assert.Contains("target >= 98.0%", r["explanation"]);
        });
    }

    [GeneratedRegex(@"^(staff|unit) +[a-z_]+ +(month|quarter) +[12]/3 +[0-9]+  (pp|/day|points) +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9]+ +[0-9]+ +([0-9.]+|-) +([0-9.]+|-)$", RegexOptions.Multiline)]
    private static partial Regex AccuracyLine();

    [Fact]
    public void Backtest_prints_the_accuracy_of_every_KPI_scope_period_kind_and_as_of_point()
    {
        var result = Run("forecast", "--backtest", "--seed", "3", "--staff", "80", "--dossiers", "3000");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("demo province seed 3, 80 staff, 3,000 dossiers", result.Output);
        var lines = AccuracyLine().Matches(result.Output);
        Assert.Equal(7 * 2 * 2 * 2, lines.Count);
        Assert.Contains(lines, l => l.Value.StartsWith("staff  on_time_rate       month      1/3", StringComparison.Ordinal));
    }

    [Fact]
    public void Backtest_against_the_warning_threshold_says_so()
    {
        var result = Run("forecast", "--backtest", "--seed", "3", "--staff", "80", "--dossiers", "2000", "--against", "warning");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("a miss judged against each KPI's warning threshold", result.Output);
    }

    [Theory]
    [InlineData("--period", "2025-Q5", "--period: '2025-Q5' is not a year")]
    [InlineData("--as-of", "2025-10-01", "--as-of: 2025-10-01 is not inside the period 2025-Q3 (2025-07-01 to 2025-09-30)")]
    [InlineData("--as-of", "2025-07-32", "--as-of:")]
    public void Invalid_options_exit_with_2_and_write_nothing(string option, string value, string message)
    {
        var dossiers = Path.Combine(_root, "dossiers.csv");
        File.WriteAllText(dossiers, "dossier_id,procedure_code,unit_code,channel,received_at,due_at,status,updated_at\n");
        var outPath = Path.Combine(_root, "out.csv");
        var options = new Dictionary<string, string> { ["--as-of"] = "2025-08-12", ["--period"] = "2025-Q3", [option] = value };

        var result = Run(["forecast", "--dossiers", dossiers, .. options.SelectMany(o => new[] { o.Key, o.Value }), "--out", outPath]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.False(File.Exists(outPath));
    }

    [Fact]
    public void An_as_of_date_before_the_first_working_day_of_the_period_has_nothing_to_project_from()
    {
        var dossiers = Path.Combine(_root, "dossiers.csv");
        File.WriteAllText(dossiers, "dossier_id,procedure_code,unit_code,channel,received_at,due_at,status,updated_at\n");

        // 1 February 2025 is a Saturday.
        var result = Run("forecast", "--dossiers", dossiers, "--as-of", "2025-02-01", "--period", "2025-02");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no working day of 2025-02 has passed by 2025-02-01", result.Error);
    }

    [Theory]
    [InlineData("forecast", "--as-of", "2025-08-12", "--period", "2025-Q3")]
    [InlineData("forecast", "--backtest", "--as-of", "2025-08-12")]
    [InlineData("forecast", "--backtest", "--dossiers", "many")]
    [InlineData("forecast", "--backtest", "--against", "median")]
    [InlineData("forecast", "--dossiers", "x.csv", "--as-of", "2025-08-12", "--period", "2025-Q3", "--against", "warning")]
    [InlineData("forecast", "--dossiers", "x.csv", "--as-of", "2025-08-12", "--period", "2025-Q3", "--seed", "4")]
    public void Options_that_do_not_go_together_exit_with_2(params string[] args)
    {
        var result = Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("govkpi forecast: ", result.Error);
    }
}
