using System.Globalization;
using System.Text;
using static GovKpi.Cli.Tests.CommandLine;

namespace GovKpi.Cli.Tests.Compute;

/// <summary>
/// A demo province written by <c>govkpi seed</c> (4,000 dossiers, a fifth with several versions),
/// then rewritten the way other systems might write the same data: columns shuffled, an unknown
/// column of free text with commas, quotes and line breaks, fields quoted without need, times
/// with +07:00, Z, another offset, a fraction or no offset, CR LF line ends and a BOM.
/// </summary>
public sealed class ProvinceFiles : IDisposable
{
    public ProvinceFiles()
    {
        var seeded = Path.Combine(Root, "seeded");
        var exit = Program.Run(["seed", "--out", seeded, "--seed", "11", "--staff", "90", "--dossiers", "4000"], TextWriter.Null, TextWriter.Null);
        if (exit != 0)
        {
            throw new InvalidOperationException($"govkpi seed exited with {exit}");
        }

        var random = new Random(11);
        foreach (var file in new[] { "dossiers.csv", "surveys.csv", "complaints.csv", "calendar.csv" })
        {
            Rewrite(Path.Combine(seeded, file), Path.Combine(Root, file), random, crlf: file == "dossiers.csv", bom: file == "surveys.csv");
        }
    }

    public string Root { get; } = Directory.CreateTempSubdirectory("govkpi-reference-").FullName;

    public string this[string file] => Path.Combine(Root, file);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static void Rewrite(string source, string target, Random random, bool crlf, bool bom)
    {
        var records = ReferenceKpis.Records(File.ReadAllText(source, Encoding.UTF8));
        var header = records[0].Append("remarks").ToList();
        var order = header.Select((_, i) => i).OrderBy(_ => random.Next()).ToArray();
        var text = new StringBuilder();
        var newLine = crlf ? "\r\n" : "\n";
        text.Append(string.Join(',', order.Select(i => Quote(header[i], random.Next(4) == 0)))).Append(newLine);
        foreach (var record in records.Skip(1))
        {
            var fields = record.Select((value, i) => header[i].EndsWith("_at", StringComparison.Ordinal) && value != "" ? Restyle(value, random) : value)
                .Append(Remark(random)).ToList();
            text.Append(string.Join(',', order.Select(i => Quote(fields[i], random.Next(5) == 0)))).Append(newLine);
        }

        File.WriteAllText(target, text.ToString(), new UTF8Encoding(bom));
    }

    /// <summary>The same instant written another way.</summary>
    private static string Restyle(string time, Random random)
    {
        var instant = ReferenceKpis.Time(time);
        return random.Next(6) switch
        {
            0 => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            1 => instant.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            2 => instant.ToOffset(TimeSpan.FromHours(-3.5)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            3 => instant.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:ss'.000'zzz", CultureInfo.InvariantCulture),
            _ => time,
        };
    }

    private static string Remark(Random random) => random.Next(4) switch
    {
        0 => "",
        1 => "Đã kiểm tra, \"đủ\" hồ sơ",
        2 => "line one\nline two, with a comma",
        _ => "ok",
    };

    private static string Quote(string value, bool always) =>
        always || value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}

public sealed class ComputeMatchesReferenceTests(ProvinceFiles files) : IClassFixture<ProvinceFiles>
{
    [Theory]
    [InlineData("2025-03-01", "2025-04-01", true)]
    [InlineData("2025-07-01", "2025-10-01", false)]
    [InlineData("2025-05-14", "2025-08-09", true)]
    [InlineData("2025-01-01", "2026-01-01", false)]
    public void Compute_agrees_row_by_row_with_an_independent_reading_of_the_contract(string from, string to, bool calendarFile)
    {
        var output = Path.Combine(files.Root, $"kpis-{from}-{to}.csv");
        string[] args =
        [
            "compute", "--dossiers", files["dossiers.csv"], "--surveys", files["surveys.csv"], "--complaints", files["complaints.csv"],
            "--from", from, "--to", to, "--out", output, .. calendarFile ? new[] { "--calendar", files["calendar.csv"] } : [],
        ];
        var (exit, _, error) = Run(args);
        var expected = ReferenceKpis.Compute(files["dossiers.csv"], files["surveys.csv"], files["complaints.csv"], files["calendar.csv"],
            DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture));

        Assert.Equal(0, exit);
        // The unknown column is the only warning, once per file: every survey rates a dossier of the file.
        Assert.Equal(calendarFile ? 4 : 3, error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.All(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), w => Assert.EndsWith(":remarks: warning: unknown column, ignored", w.TrimEnd('\r'), StringComparison.Ordinal));
        var actual = ReferenceKpis.ReadCsv(output);
        Assert.Equal(["scope", "scope_code", "kpi", "numerator", "denominator", "value"], File.ReadLines(output).First().Split(','));
        Assert.Equal(expected.Count, actual.Count);
        Assert.True(expected.Count > 50, $"{expected.Count} rows");
        Assert.Contains(expected, r => r.Scope == "staff");
        for (var i = 0; i < expected.Count; i++)
        {
            var (row, e) = (actual[i], expected[i]);
            Assert.Equal((e.Scope, e.ScopeCode, e.Kpi, e.Numerator, e.Denominator),
                (row["scope"], row["scope_code"], row["kpi"], long.Parse(row["numerator"], CultureInfo.InvariantCulture), long.Parse(row["denominator"], CultureInfo.InvariantCulture)));
            if (e.Denominator == 0)
            {
                Assert.Equal("", row["value"]);
            }
            else
            {
                var value = (double)e.Numerator / e.Denominator;
                Assert.True(Math.Abs(double.Parse(row["value"], CultureInfo.InvariantCulture) - value) <= 1e-9 * Math.Abs(value), $"{row["value"]} ≠ {value}");
            }
        }
    }

    [Fact]
    public void The_rewritten_files_hold_every_style_the_contract_allows()
    {
        var dossiers = File.ReadAllText(files["dossiers.csv"]);
        var surveys = File.ReadAllBytes(files["surveys.csv"]);

        Assert.Contains("\r\n", dossiers, StringComparison.Ordinal);
        Assert.Contains("Z,", dossiers.Replace("Z\"", "Z", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("-03:30", dossiers, StringComparison.Ordinal);
        Assert.Contains(".000+07:00", dossiers, StringComparison.Ordinal);
        Assert.Matches(@"T\d\d:\d\d:\d\d[,""]", dossiers);
        Assert.Contains("\"line one\nline two, with a comma\"", dossiers, StringComparison.Ordinal);
        Assert.False(dossiers.StartsWith("dossier_id,", StringComparison.Ordinal));
        Assert.True(surveys is [0xEF, 0xBB, 0xBF, ..]);
        var versions = ReferenceKpis.ReadCsv(files["dossiers.csv"]);
        Assert.True(versions.Count > versions.Select(v => v["dossier_id"]).Distinct().Count() + 400);
    }
}
