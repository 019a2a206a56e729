using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using static GovKpi.Cli.Tests.CommandLine;

namespace GovKpi.Cli.Tests;

public sealed partial class SeedCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("govkpi-seed-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private Result Seed(string directory, int seed = 5) =>
        Run("seed", "--out", directory, "--seed", seed.ToString(CultureInfo.InvariantCulture), "--staff", "80", "--dossiers", "3000");

    private static string[] Lines(string path) => File.ReadAllText(path, Encoding.UTF8).Split('\n');

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$")]
    private static partial Regex VietnamTime();

    [Fact]
    public void Seed_writes_every_file_and_exits_0_with_nothing_on_standard_output()
    {
        var directory = Path.Combine(_root, "new", "province");

        var result = Seed(directory);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Contains("100%", result.Error);
        string[] expected =
        [
            "calendar.csv", "complaints.csv", "dossiers.csv", "kpi_definitions.csv", "kpi_sets.csv", "positions.csv",
            "secondments.csv", "staff.csv", "surveys.csv", "unit_lineage.csv", "units.csv",
        ];
        Assert.Equal(expected, Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("dossiers.csv", "dossier_id,procedure_code,unit_code,handler_code,channel,received_at,due_at,finished_at,status,supplement_count,staff_error_return,updated_at")]
    [InlineData("surveys.csv", "response_id,dossier_id,submitted_at,score")]
    [InlineData("complaints.csv", "complaint_id,unit_code,staff_code,dossier_id,received_at,category,upheld")]
    [InlineData("calendar.csv", "date,kind")]
    [InlineData("units.csv", "code,name_vi,name_en,kind,parent_code,effective_from,effective_to")]
    [InlineData("unit_lineage.csv", "predecessor_code,successor_code,kind,effective_on")]
    [InlineData("positions.csv", "code,name_vi,name_en,group,description")]
    [InlineData("staff.csv", "code,full_name,type,unit_code,position_code,leader,skills")]
    [InlineData("secondments.csv", "staff_code,to_unit_code,from,to")]
    [InlineData("kpi_sets.csv", "position_code,version,effective_from,kpi_code,weight_percent")]
    public void Files_start_with_the_documented_header(string file, string header)
    {
        Seed(_root);

        Assert.Equal(header, Lines(Path.Combine(_root, file))[0]);
    }

    [Fact]
    public void Files_are_UTF8_without_BOM_with_LF_line_ends_and_a_final_line_end()
    {
        Seed(_root);

        foreach (var file in Directory.GetFiles(_root))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.False(bytes is [0xEF, 0xBB, 0xBF, ..], file);
            Assert.DoesNotContain((byte)'\r', bytes);
            Assert.Equal((byte)'\n', bytes[^1]);
        }

        Assert.Contains("Tỉnh Khánh Hòa (demo)", File.ReadAllText(Path.Combine(_root, "units.csv"), new UTF8Encoding(false, throwOnInvalidBytes: true)));
    }

    [Fact]
    public void Every_position_written_has_a_KPI_set_whose_weights_sum_to_100_and_whose_KPIs_name_a_GovKpi_data_source()
    {
        Seed(_root);

        var positions = Rows("positions.csv").Select(r => r["code"]).ToList();
        var sets = Rows("kpi_sets.csv");
        var sources = Rows("kpi_definitions.csv").ToDictionary(r => r["code"], r => r["data_source"]);

        Assert.Equal(positions.Order(StringComparer.Ordinal), sets.Select(r => r["position_code"]).Distinct().Order(StringComparer.Ordinal));
        Assert.All(sets.GroupBy(r => (r["position_code"], r["version"])),
            version => Assert.Equal(100m, version.Sum(r => decimal.Parse(r["weight_percent"], CultureInfo.InvariantCulture))));
        Assert.All(sets, r => Assert.Contains(sources[r["kpi_code"]], new[] { "dossiers", "surveys", "complaints", "manager_rating" }));
    }

    private List<Dictionary<string, string>> Rows(string file)
    {
        using var reader = new CsvReader(new StreamReader(Path.Combine(_root, file)), CultureInfo.InvariantCulture);
        reader.Read();
        reader.ReadHeader();
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            rows.Add(reader.HeaderRecord!.ToDictionary(h => h, h => reader.GetField(h)!));
        }

        return rows;
    }

    [Fact]
    public void Dossier_rows_follow_the_contract_formats()
    {
        Seed(_root);

        using var reader = new CsvReader(new StreamReader(Path.Combine(_root, "dossiers.csv")), CultureInfo.InvariantCulture);
        reader.Read();
        reader.ReadHeader();
        var rows = 0;
        string[] channels = ["online", "in_person", "postal", "mobile"];
        string[] statuses = ["received", "processing", "supplement_requested", "refused", "stopped", "processed", "result_returned", "withdrawn"];
        string[] finished = ["refused", "stopped", "processed", "result_returned", "withdrawn"];
        while (reader.Read())
        {
            rows++;
            Assert.Equal(12, reader.Parser.Count);
            Assert.Matches(@"^[12]\.\d{6}$", reader.GetField("procedure_code"));
            Assert.Contains(reader.GetField("channel"), channels);
            var status = reader.GetField("status")!;
            Assert.Contains(status, statuses);
            Assert.Matches(VietnamTime(), reader.GetField("received_at"));
            Assert.Matches(VietnamTime(), reader.GetField("due_at"));
            Assert.Matches(VietnamTime(), reader.GetField("updated_at"));
            var finishedAt = reader.GetField("finished_at")!;
            Assert.Equal(finished.Contains(status), finishedAt.Length > 0);
            if (finishedAt.Length > 0)
            {
                Assert.Matches(VietnamTime(), finishedAt);
            }

            Assert.Contains(reader.GetField("staff_error_return"), new[] { "true", "false" });
            Assert.True(int.Parse(reader.GetField("supplement_count")!, CultureInfo.InvariantCulture) >= 0);
        }

        Assert.True(rows >= 3000);
    }

    [Fact]
    public void The_calendar_file_holds_the_official_exceptions_of_2025_and_2026()
    {
        Seed(_root);

        var lines = Lines(Path.Combine(_root, "calendar.csv"));
        Assert.Contains("2025-01-29,holiday", lines);
        Assert.Contains("2025-04-26,workday", lines);
        Assert.Contains("2026-02-17,holiday", lines);
        Assert.Contains("2026-01-10,workday", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("2027-", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_runs_with_the_same_seed_and_sizes_write_byte_identical_files()
    {
        var first = Path.Combine(_root, "first");
        var second = Path.Combine(_root, "second");

        Assert.Equal(0, Seed(first).ExitCode);
        Assert.Equal(0, Seed(second).ExitCode);

        foreach (var file in Directory.GetFiles(first))
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(second, Path.GetFileName(file))));
        }
    }

    [Fact]
    public void Another_seed_writes_other_dossiers()
    {
        Seed(Path.Combine(_root, "a"), seed: 1);
        Seed(Path.Combine(_root, "b"), seed: 2);

        Assert.NotEqual(File.ReadAllBytes(Path.Combine(_root, "a", "dossiers.csv")), File.ReadAllBytes(Path.Combine(_root, "b", "dossiers.csv")));
    }

    [Theory]
    [InlineData("--staff", "10", "--staff must be between")]
    [InlineData("--staff", "many", "--staff must be a whole number")]
    [InlineData("--dossiers", "-1", "--dossiers must be between")]
    [InlineData("--seed", "1.5", "--seed must be a whole number")]
    [InlineData("--colour", "red", "--colour")]
    public void An_invalid_option_exits_2_with_a_message_and_writes_nothing(string option, string value, string message)
    {
        var directory = Path.Combine(_root, "never");

        var result = Run("seed", "--out", directory, option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.Equal("", result.Output);
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void A_missing_out_option_exits_2()
    {
        var result = Run("seed", "--staff", "80");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--out", result.Error);
    }

    [Fact]
    public void An_out_path_that_is_a_file_exits_2()
    {
        var file = Path.Combine(_root, "taken");
        File.WriteAllText(file, "x");

        var result = Run("seed", "--out", file, "--staff", "80", "--dossiers", "10");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is a file", result.Error);
    }

    [Fact]
    public void More_dossiers_than_a_daily_sequence_can_number_exits_2_before_writing()
    {
        var directory = Path.Combine(_root, "too-many");

        var result = Run("seed", "--out", directory, "--staff", "50", "--dossiers", "20000000");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("9,999", result.Error);
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void A_command_line_without_a_command_exits_2()
    {
        Assert.Equal(2, Run().ExitCode);
    }

    [Fact]
    public void Relative_out_paths_are_resolved_against_the_current_directory()
    {
        var before = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = _root;
            Assert.Equal(0, Run("seed", "--out", "relative", "--staff", "50", "--dossiers", "10").ExitCode);
        }
        finally
        {
            Environment.CurrentDirectory = before;
        }

        Assert.True(File.Exists(Path.Combine(_root, "relative", "dossiers.csv")));
    }
}
