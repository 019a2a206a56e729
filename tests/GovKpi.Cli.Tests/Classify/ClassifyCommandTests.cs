using System.Globalization;
using System.Text;
using static GovKpi.Cli.Tests.CommandLine;

namespace GovKpi.Cli.Tests.Classify;

public sealed class ClassifyCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("govkpi-classify-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string File(string name, string content)
    {
        var path = Path.Combine(_root, name);
        System.IO.File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    private sealed record Person(string Staff, string Agency, string Group, decimal Score, bool Forced);

    /// <summary>
    /// CONTRACTS.md read afresh, solved another way: start with every eligible person at HTXS and,
    /// while the group breaks the quota, move its lowest-scoring HTXS tie down to HTT.
    /// </summary>
    private static SortedDictionary<string, (string Level, string Reason)> Reference(IReadOnlyList<Person> people, decimal htxs = 90, decimal htt = 70, decimal ht = 50, decimal share = 0.2m)
    {
        var result = new SortedDictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var p in people)
        {
            result[p.Staff] = p.Forced ? ("KHT", "forced") : p.Score >= htxs ? ("HTXS", "band") : p.Score >= htt ? ("HTT", "band") : p.Score >= ht ? ("HT", "band") : ("KHT", "band");
        }

        foreach (var group in people.GroupBy(p => (p.Agency, p.Group)))
        {
            while (true)
            {
                var top = group.Where(p => result[p.Staff].Item1 == "HTXS").ToList();
                var good = group.Count(p => result[p.Staff].Item1 == "HTT");
                if (top.Count <= share * good)
                {
                    break;
                }

                var lowest = top.Min(p => p.Score);
                foreach (var p in top.Where(p => p.Score == lowest))
                {
                    result[p.Staff] = ("HTT", "quota");
                }
            }
        }

        return result;
    }

    private static string Csv(IEnumerable<Person> people, bool shuffleColumns = false)
    {
        var text = new StringBuilder(shuffleColumns ? "score,forced_kht,note,group_code,staff_code,agency_code\n" : "staff_code,agency_code,group_code,score,forced_kht\n");
        foreach (var p in people)
        {
            var score = p.Score.ToString(CultureInfo.InvariantCulture);
            text.Append(shuffleColumns
                ? $"{score},{(p.Forced ? "1" : "0")},\"ghi chú, có dấu phẩy\",{p.Group},{p.Staff},{p.Agency}\n"
                : $"{p.Staff},{p.Agency},{p.Group},{score},{(p.Forced ? "true" : "false")}\n");
        }

        return text.ToString();
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    public void Classify_agrees_with_an_independent_reading_of_the_contract(int seed, bool shuffleColumns)
    {
        var random = new Random(seed);
        // Few distinct scores near the bounds, so ties at the quota cut and boundary scores are common.
        decimal[] scores = [100, 97.5m, 95, 92, 91, 90, 90, 89.99m, 85, 80, 75, 70, 70, 69.5m, 60, 50, 50, 49.99m, 30, 0];
        var people = Enumerable.Range(1, 600).Select(i => new Person(
            $"CB{random.Next(100000):D5}-{i}", $"AG{random.Next(6)}", $"G{random.Next(3)}",
            random.Next(3) == 0 ? scores[random.Next(6)] : scores[random.Next(scores.Length)], random.Next(25) == 0)).ToList();
        var rows = people.ToArray();
        random.Shuffle(rows);
        var path = File("scores.csv", Csv(rows, shuffleColumns));

        var result = Run("classify", "--scores", path);

        Assert.Equal(0, result.ExitCode);
        var expected = Reference(people);
        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.Equal("staff_code,level,reason", lines[0]);
        Assert.Equal(expected.Select(e => $"{e.Key},{e.Value.Level},{e.Value.Reason}"), lines.Skip(1));
        Assert.Contains(lines, l => l.EndsWith(",quota", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(",forced", StringComparison.Ordinal));
    }

    [Fact]
    public void A_policy_file_sets_other_bands_and_share()
    {
        var people = new[] { new Person("A", "X", "G", 79.9m, false), new Person("B", "X", "G", 80, false), new Person("C", "X", "G", 95, false) };
        var policy = File("policy.json", """{ "code": "kh", "bands": { "htxs": 90, "htt": 80, "ht": 50 }, "quota": { "share": 1.0, "grouping": "everyone" } }""");
        var scores = File("scores.csv", Csv(people));

        var result = Run("classify", "--scores", scores, "--policy", policy);

        Assert.Equal("staff_code,level,reason\nA,HT,band\nB,HTT,band\nC,HTXS,band\n", result.Output);
    }

    [Fact]
    public void The_Khanh_Hoa_policy_is_built_in()
    {
        var scores = File("scores.csv", "staff_code,agency_code,group_code,score\nA,X,G,75\n");

        Assert.Equal("staff_code,level,reason\nA,HT,band\n", Run("classify", "--scores", scores, "--policy", "khanh-hoa").Output);
    }

    [Theory]
    [InlineData("staff_code,agency_code,group_code,score\nA,X,G,90\nB,X,G,abc\n", "scores.csv:3:score:")]
    [InlineData("staff_code,agency_code,group_code,score\nA,X,G,100.5\n", "scores.csv:2:score:")]
    [InlineData("staff_code,agency_code,group_code,score,forced_kht\nA,X,G,90,maybe\n", "scores.csv:2:forced_kht:")]
    [InlineData("staff_code,agency_code,group_code,score\nA,X,G,90\nA,Y,G,80\n", "scores.csv:3:staff_code:")]
    [InlineData("staff_code,agency_code,score\nA,X,90\n", "scores.csv:1:group_code:")]
    public void Invalid_scores_exit_2_with_a_located_message_and_write_nothing(string content, string location)
    {
        var scores = File("scores.csv", content);
        var output = Path.Combine(_root, "levels.csv");

        var result = Run("classify", "--scores", scores, "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(location, result.Error);
        Assert.False(System.IO.File.Exists(output));
    }

    [Fact]
    public void An_invalid_policy_file_exits_2_naming_the_field()
    {
        var scores = File("scores.csv", "staff_code,agency_code,group_code,score\nA,X,G,90\n");
        var policy = File("bad.json", """{ "bands": { "htxs": 70, "htt": 80, "ht": 50 } }""");

        var result = Run("classify", "--scores", scores, "--policy", policy);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad.json:bands:", result.Error);
    }
}
