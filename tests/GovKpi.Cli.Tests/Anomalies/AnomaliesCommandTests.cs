using System.Globalization;
using System.Text;
using System.Text.Json;
using static GovKpi.Cli.Tests.CommandLine;

namespace GovKpi.Cli.Tests.Anomalies;

/// <summary><c>govkpi anomalies</c> in-process: clean demo data, a planted burst, invalid input.</summary>
public sealed class AnomaliesCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("govkpi-anomalies-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private const string Header = "dossier_id,procedure_code,unit_code,handler_code,channel,received_at,due_at,finished_at,status,supplement_count,staff_error_return,updated_at\n";

    private static string Time(DateTime local) => local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "+07:00";

    /// <summary>One handler finishing four dossiers a day through September, and eight more within four minutes on the 17th.</summary>
    private string BurstFile()
    {
        var text = new StringBuilder(Header);
        void Row(string id, DateTime finished) =>
            text.Append(CultureInfo.InvariantCulture, $"{id},2.000815,XA01,CB1,online,{Time(new DateTime(2025, 9, 1, 8, 0, 0))},{Time(new DateTime(2025, 10, 30, 17, 0, 0))},{Time(finished)},processed,0,false,{Time(finished)}\n");
        for (var day = 1; day <= 30; day++)
        {
            if (new DateTime(2025, 9, day).DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                foreach (var hour in new[] { 8, 10, 14, 16 })
                {
                    Row($"XA01-2509{day:00}-{hour:0000}", new DateTime(2025, 9, day, hour, 15, 0));
                }
            }
        }

        for (var i = 0; i < 8; i++)
        {
            Row($"BURST-{i}", new DateTime(2025, 9, 17, 9, 0, 0).AddSeconds(30 * i));
        }

        var path = Path.Combine(_root, "burst.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public void Clean_demo_data_has_no_findings()
    {
        var demo = Path.Combine(_root, "demo");
        Assert.Equal(0, Run("seed", "--out", demo, "--seed", "5", "--staff", "80", "--dossiers", "3000").ExitCode);

        var text = Run("anomalies", "--dossiers", Path.Combine(demo, "dossiers.csv"), "--calendar", Path.Combine(demo, "calendar.csv"));
        var json = Run("anomalies", "--dossiers", Path.Combine(demo, "dossiers.csv"), "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("no findings", text.Output);
        Assert.Equal(0, json.ExitCode);
        using var report = JsonDocument.Parse(json.Output);
        Assert.Equal(0, report.RootElement.GetProperty("findings").GetArrayLength());
        Assert.Equal(3000, report.RootElement.GetProperty("dossiers").GetInt32());
        Assert.All(report.RootElement.GetProperty("tested").EnumerateObject(), rule => Assert.True(rule.Value.GetInt32() > 0, rule.Name));
    }

    [Fact]
    public void A_planted_burst_is_reported_with_its_numbers_and_dossiers()
    {
        var result = Run("anomalies", "--dossiers", BurstFile(), "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var report = JsonDocument.Parse(result.Output);
        var finding = Assert.Single(report.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("completion_burst", finding.GetProperty("rule").GetString());
        Assert.Equal("CB1", finding.GetProperty("handler").GetString());
        Assert.Equal("XA01", finding.GetProperty("unit").GetString());
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"BURST-{i}"), finding.GetProperty("dossiers").EnumerateArray().Select(d => d.GetString()));
        var measure = Assert.Single(finding.GetProperty("measures").EnumerateArray());
        Assert.Equal("in_window", measure.GetProperty("what").GetString());
        Assert.Equal(8, measure.GetProperty("observed").GetInt32());
        Assert.True(measure.GetProperty("p_value").GetDouble() < 1e-6);

        var text = Run("anomalies", "--dossiers", BurstFile());
        Assert.Contains("completion_burst CB1 (XA01) 2025-09-17..2025-09-17: 8 completions within minutes (of 96 in all)", text.Output);
        Assert.Contains("  dossiers: BURST-0 BURST-1", text.Output);
    }

    [Fact]
    public void An_invalid_row_is_reported_where_it_is_and_nothing_is_printed()
    {
        var path = Path.Combine(_root, "bad.csv");
        File.WriteAllText(path, Header + "A-1,2.000815,XA01,CB1,fax,2025-09-01T08:00:00+07:00,2025-09-02T17:00:00+07:00,,processing,0,false,2025-09-01T08:00:00+07:00\n");

        var result = Run("anomalies", "--dossiers", path);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"{path}:2:channel: ", result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void A_missing_file_exits_with_2()
    {
        var result = Run("anomalies", "--dossiers", Path.Combine(_root, "none.csv"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("none.csv: file not found", result.Error);
    }
}
