using GovKpi.Data.Measurement;

namespace GovKpi.Web.Tests.Measurement;

/// <summary>The lines of the rows a SQLite load inserted, kept as runs so that memory does not grow with a well-formed file (issue 15).</summary>
public class InsertedLinesTests
{
    [Fact]
    public void A_file_whose_rows_all_land_is_one_run()
    {
        var lines = new InsertedLines();
        for (long line = 2; line < 1_000_002; line++)
        {
            lines.Add(line);
        }

        Assert.Equal(1, lines.Runs);
        Assert.Equal(1_000_000, lines.Count);
        Assert.Equal(2, lines[0]);
        Assert.Equal(500_001, lines[499_999]);
        Assert.Equal(1_000_001, lines[999_999]);
    }

    [Fact]
    public void Rows_that_did_not_land_or_span_several_lines_start_new_runs_and_every_line_is_found()
    {
        long[] landed = [2, 3, 4, 6, 7, 10, 11, 12, 13, 20, 22, 23];
        var lines = new InsertedLines();
        foreach (var line in landed)
        {
            lines.Add(line);
        }

        Assert.Equal(5, lines.Runs);
        Assert.Equal(landed, Enumerable.Range(0, landed.Length).Select(i => lines[i]));
    }

    [Fact]
    public void An_index_not_inserted_is_refused()
    {
        var lines = new InsertedLines();
        lines.Add(2);

        Assert.Throws<ArgumentOutOfRangeException>(() => lines[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => lines[-1]);
    }
}
