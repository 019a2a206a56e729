using System.Text;

namespace GovKpi.Cli.Tests.Compute;

/// <summary>
/// <c>govkpi compute</c> over a dossiers.csv larger than a pass (issue 15): read in passes, each
/// holding its share of the dossiers only, it must write what one pass writes, and report the same
/// first problem. GOVKPI_COMPUTE_PASS_BYTES makes a pass small enough for a test's files.
/// </summary>
public sealed class ComputePassesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("govkpi-passes-").FullName;

    public ComputePassesTests()
    {
        var exit = Program.Run(["seed", "--out", _root, "--seed", "5", "--staff", "90", "--dossiers", "6000"], TextWriter.Null, TextWriter.Null);
        Assert.Equal(0, exit);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string File(string name) => Path.Combine(_root, name);

    /// <summary>Runs compute over the seeded files with passes of <paramref name="passBytes"/> (null: the default, one pass for these files).</summary>
    private CommandLine.Result Compute(long? passBytes, string from = "2025-01-01", string to = "2026-01-01")
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = Program.Run(
            ["compute", "--dossiers", File("dossiers.csv"), "--surveys", File("surveys.csv"), "--complaints", File("complaints.csv"), "--from", from, "--to", to],
            output, error, name => name == "GOVKPI_COMPUTE_PASS_BYTES" ? passBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        return new CommandLine.Result(exit, output.ToString(), error.ToString());
    }

    private long PassOfAnEighth => new FileInfo(File("dossiers.csv")).Length / 8;

    [Theory]
    [InlineData("2025-01-01", "2026-01-01")]
    [InlineData("2025-07-01", "2025-10-01")]
    public void Passes_write_what_one_pass_writes(string from, string to)
    {
        var once = Compute(null, from, to);
        var inPasses = Compute(PassOfAnEighth, from, to);

        Assert.Equal(0, once.ExitCode);
        Assert.Equal(once, inPasses);
        Assert.Contains("staff,", once.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Surveys_of_unknown_dossiers_are_counted_once_over_the_passes()
    {
        System.IO.File.AppendAllText(File("surveys.csv"), "KS-X1,NO-SUCH-DOSSIER,2025-03-03T10:00:00+07:00,4\nKS-X2,NO-SUCH-DOSSIER-2,2025-03-03T10:00:00+07:00,2\n", Encoding.UTF8);

        var once = Compute(null);
        var inPasses = Compute(PassOfAnEighth);

        Assert.Contains("2 survey(s) rate dossiers that are not in", once.Error, StringComparison.Ordinal);
        Assert.Equal(once, inPasses);
    }

    [Fact]
    public void A_conflict_and_a_later_invalid_row_report_the_same_first_problem()
    {
        var lines = System.IO.File.ReadAllLines(File("dossiers.csv")).ToList();
        // A copy of row 2000 with another status: a conflict at the end of the file, after an invalid row in the middle.
        var conflict = lines[2000].Replace(",0,false,", ",1,false,", StringComparison.Ordinal);
        Assert.NotEqual(lines[2000], conflict);
        lines.Insert(4000, string.Join(',', lines[10].Split(',').Select((f, i) => i == 0 ? "BAD-ROW" : f.Contains('T', StringComparison.Ordinal) ? "yesterday" : f)));
        lines.Add(conflict);
        System.IO.File.WriteAllLines(File("dossiers.csv"), lines);

        var once = Compute(null);
        var inPasses = Compute(PassOfAnEighth);

        Assert.Equal(2, once.ExitCode);
        Assert.Contains(":4001:", once.Error, StringComparison.Ordinal);
        Assert.Equal(once, inPasses);
    }

    [Fact]
    public void A_conflict_before_an_invalid_row_is_found_in_its_own_pass()
    {
        var lines = System.IO.File.ReadAllLines(File("dossiers.csv")).ToList();
        var conflict = lines[20].Replace(",0,false,", ",1,false,", StringComparison.Ordinal);
        Assert.NotEqual(lines[20], conflict);
        lines.Insert(300, conflict);
        lines.Add(string.Join(',', lines[10].Split(',').Select((f, i) => i == 0 ? "BAD-ROW" : f.Contains('T', StringComparison.Ordinal) ? "yesterday" : f)));
        System.IO.File.WriteAllLines(File("dossiers.csv"), lines);

        var once = Compute(null);
        var inPasses = Compute(PassOfAnEighth);

        Assert.Equal(2, once.ExitCode);
        Assert.Contains(":301:updated_at:", once.Error, StringComparison.Ordinal);
        Assert.Equal(once, inPasses);
    }

    [Fact]
    public void A_survey_id_repeated_for_another_dossier_is_refused_whichever_passes_its_rows_fall_in()
    {
        var lines = System.IO.File.ReadAllLines(File("surveys.csv")).ToList();
        var fields = lines[5].Split(',');
        var other = lines[400].Split(',')[1];
        Assert.NotEqual(fields[1], other);
        lines.Add(string.Join(',', fields[0], other, fields[2], fields[3]));
        System.IO.File.WriteAllLines(File("surveys.csv"), lines);

        var once = Compute(null);
        var inPasses = Compute(PassOfAnEighth);

        Assert.Equal(2, once.ExitCode);
        Assert.Contains("appears again with different content", once.Error, StringComparison.Ordinal);
        Assert.Equal(once, inPasses);
    }

    [Fact]
    public void An_id_written_in_two_unicode_forms_is_one_dossier_in_passes_too()
    {
        var lines = System.IO.File.ReadAllLines(File("dossiers.csv")).ToList();
        var fields = lines.First(l => l.Contains(",result_returned,", StringComparison.Ordinal)).Split(',');
        var composed = "HỒ-SƠ-Ư1".Normalize(NormalizationForm.FormC);
        var decomposed = composed.Normalize(NormalizationForm.FormD);
        Assert.NotEqual(composed, decomposed);
        // An open version in the composed form, the newer finished one decomposed (a pass that took it by its raw
        // text would lose it): the dossier is counted once, finished.
        lines.Add(string.Join(',', fields.Select((f, i) => i == 0 ? composed : i == 7 ? "" : i == 8 ? "processing" : i == 11 ? fields[5] : f)));
        lines.Add(string.Join(',', fields.Select((f, i) => i == 0 ? decomposed : f)));
        System.IO.File.WriteAllLines(File("dossiers.csv"), lines);

        var once = Compute(null);
        var inPasses = Compute(PassOfAnEighth);

        Assert.Equal(0, once.ExitCode);
        Assert.Equal(once, inPasses);
    }

    [Theory]
    [InlineData(218_000_000L, 1)]
    [InlineData(256L << 20, 1)]
    [InlineData((256L << 20) + 1, 2)]
    [InlineData(1_179_000_000L, 7)]
    [InlineData(2_360_000_000L, 13)]
    public void A_file_beyond_one_pass_is_read_in_passes_of_at_most_176_MB(long bytes, int passes)
    {
        Assert.Equal(passes, Commands.ComputeCommand.DossierSlice.PassesFor(bytes));
    }
}
