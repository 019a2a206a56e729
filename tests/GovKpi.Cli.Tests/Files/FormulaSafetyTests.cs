using System.Text;
using ClosedXML.Excel;
using GovKpi.Data.Files;
using static GovKpi.Cli.Tests.CommandLine;
using static GovKpi.Cli.Tests.Files.ContractRows;

namespace GovKpi.Cli.Tests.Files;

/// <summary>What a source puts in a code or name must never run as a formula when a written file is opened in a spreadsheet.</summary>
public sealed class FormulaSafetyTests : IDisposable
{
    private static readonly string[] Dangerous = ["=HYPERLINK(\"http://x.invalid\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1"];
    private readonly string _root = Directory.CreateTempSubdirectory("govkpi-formula-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Text_that_starts_like_a_formula_gets_an_apostrophe_and_numbers_keep_their_minus()
    {
        var stream = new MemoryStream();
        using (var csv = new CsvRowWriter(stream, ["text", "number"]))
        {
            foreach (var value in Dangerous.Append("Phường 1"))
            {
                csv.Field(value);
                csv.Number("-1.5");
                csv.EndRow();
            }
        }

        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n');
        Assert.Equal("\"'=HYPERLINK(\"\"http://x.invalid\"\",\"\"x\"\")\",-1.5", lines[1]);
        Assert.Equal("'+cmd|' /C calc'!A0,-1.5", lines[2]);
        Assert.Equal("'-2+3,-1.5", lines[3]);
        Assert.Equal("'@SUM(A1),-1.5", lines[4]);
        Assert.Equal("'\t=1,-1.5", lines[5]);
        Assert.Equal("Phường 1,-1.5", lines[^2]);
    }

    [Fact]
    public void Workbooks_are_saved_with_every_formula_like_text_cell_neutralised_and_numbers_untouched()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("a");
        for (var i = 0; i < Dangerous.Length; i++)
        {
            sheet.Cell(i + 1, 1).Value = Dangerous[i];
            sheet.Cell(i + 1, 2).Value = -1.5;
        }

        var stream = new MemoryStream();
        workbook.SaveNeutralised(stream);

        using var read = new XLWorkbook(new MemoryStream(stream.ToArray()));
        var cells = read.Worksheet("a");
        for (var i = 0; i < Dangerous.Length; i++)
        {
            Assert.False(cells.Cell(i + 1, 1).HasFormula);
            // XML stores a carriage return as a line feed.
            Assert.Equal(("'" + Dangerous[i]).Replace("\r", "\n", StringComparison.Ordinal), cells.Cell(i + 1, 1).GetString());
            Assert.Equal(-1.5, cells.Cell(i + 1, 2).GetDouble());
        }
    }

    [Fact]
    public void Compute_writes_a_formula_like_unit_or_handler_code_as_inert_text()
    {
        var dossiers = Path.Combine(_root, "dossiers.csv");
        File.WriteAllText(dossiers, Csv(DossierHeader,
            Dossier("A", ("unit_code", "=HYPERLINK(\"http://x.invalid\")"), ("handler_code", "+cmd|' /C calc'!A0"))), new UTF8Encoding(false));

        var result = Run("compute", "--dossiers", dossiers, "--from", "2025-07-01", "--to", "2025-08-01");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("unit,\"'=HYPERLINK(\"\"http://x.invalid\"\")\",", result.Output);
        Assert.Contains("staff,'+cmd|' /C calc'!A0,", result.Output);
        Assert.DoesNotContain("\n\"=", result.Output, StringComparison.Ordinal);
    }
}
