using System.Text;
using GovKpi.Core.Measurement;
using GovKpi.Data.Files;
using static GovKpi.Cli.Tests.Files.ContractRows;

namespace GovKpi.Cli.Tests.Files;

/// <summary>Reading dossiers.csv in parts, one thread each, must be reading it in one go, line numbers and errors included.</summary>
public sealed class CsvFilePartTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("govkpi-parts-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteFile(string text, bool byteOrderMark = false)
    {
        var path = Path.Combine(_directory, $"dossiers-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, Utf8(text, byteOrderMark).ToArray());
        return path;
    }

    /// <summary>
    /// Rows with quoted commas, quotes and line breaks (some with a CR LF inside), so that a part
    /// could start inside quotes if split naively. The line breaks are in a column the reader
    /// ignores: an id may not hold them.
    /// </summary>
    private static string Rows(int count, string newLine, Func<int, string>? receivedAt = null)
    {
        var rows = Enumerable.Range(0, count).Select(i => Dossier($"D{i:D5}" + (i % 5 == 0 ? ",x" : ""),
            ("received_at", receivedAt?.Invoke(i) ?? "2025-07-01T08:00:00+07:00"),
            ("handler_code", i % 3 == 0 ? "" : $"CB{i % 40:D3}"),
            ("note", i % 7 == 0 ? "\n\"quoted\"\r\n" : "")));
        return Csv([.. DossierHeader.Reverse(), "note"], rows, newLine);
    }

    private static (List<Located<DossierVersion>> Records, RowError? Error) ReadAtOnce(string path)
    {
        var diagnostics = new CsvDiagnostics(stopAtFirstError: true);
        using var stream = File.OpenRead(path);
        return (DossierCsvReader.Read(stream, "dossiers.csv", diagnostics).ToList(), diagnostics.FirstError);
    }

    private static (List<Located<DossierVersion>> Records, RowError? Error, int Parts) ReadInParts(string path, int parts)
    {
        var split = DossierCsvReader.Split(path, "dossiers.csv", parts, minimumPartLength: 1).ToList();
        var records = new List<Located<DossierVersion>>();
        var errors = new List<RowError>();
        foreach (var part in split)
        {
            var diagnostics = new CsvDiagnostics(stopAtFirstError: true);
            records.AddRange(part.Read(diagnostics));
            if (diagnostics.FirstError is { } error)
            {
                errors.Add(error);
            }
        }

        return (records, errors.MinBy(e => e.Line), split.Count);
    }

    [Theory]
    [InlineData("\n", 2)]
    [InlineData("\r\n", 3)]
    [InlineData("\n", 7)]
    public void Parts_give_the_same_records_on_the_same_lines_as_one_read(string newLine, int parts)
    {
        var path = WriteFile(Rows(2000, newLine), byteOrderMark: true);

        var atOnce = ReadAtOnce(path);
        var inParts = ReadInParts(path, parts);

        Assert.Null(atOnce.Error);
        Assert.Null(inParts.Error);
        Assert.Equal(parts, inParts.Parts);
        Assert.Equal(2000, inParts.Records.Count);
        Assert.Equal(atOnce.Records, inParts.Records);
    }

    [Fact]
    public void Parts_start_after_whole_rows_even_when_a_quoted_field_spans_the_split()
    {
        // One huge quoted field full of line feeds across the middle of the file.
        var rows = Enumerable.Range(0, 300).Select(i => Dossier($"D{i}")).ToList();
        rows[150]["note"] = "D150" + string.Concat(Enumerable.Repeat("\nline, with \"\"quotes\"\"", 2000));
        var path = WriteFile(Csv([.. DossierHeader, "note"], rows));

        var atOnce = ReadAtOnce(path);
        var inParts = ReadInParts(path, 2);

        Assert.Equal(300, inParts.Records.Count);
        Assert.Equal(atOnce.Records, inParts.Records);
    }

    [Fact]
    public void An_error_in_a_later_part_is_located_on_the_line_one_read_gives()
    {
        var path = WriteFile(Rows(2000, "\r\n", i => i == 1700 ? "1 July" : "2025-07-01T08:00:00+07:00"));

        var atOnce = ReadAtOnce(path);
        var inParts = ReadInParts(path, 3);

        Assert.NotNull(atOnce.Error);
        Assert.Equal(atOnce.Error.ToString(), inParts.Error!.ToString());
        Assert.Equal("received_at", inParts.Error.Column);
    }

    [Fact]
    public void Only_the_first_part_reports_the_header()
    {
        var header = DossierHeader.Append("note").ToArray();
        var path = WriteFile(Csv(header, Enumerable.Range(0, 1000).Select(i => Dossier($"D{i}"))));
        var split = DossierCsvReader.Split(path, "dossiers.csv", 4, minimumPartLength: 1).ToList();
        var warnings = new List<CsvWarning>();

        var count = split.Sum(part => part.Read(new CsvDiagnostics(false, onWarning: warnings.Add)).Count());

        Assert.Equal(1000, count);
        Assert.Equal(4, split.Count);
        Assert.Equal("note", Assert.Single(warnings).Column);
    }

    [Fact]
    public void A_small_file_is_one_part()
    {
        var path = WriteFile(Rows(10, "\n"));

        Assert.Single(DossierCsvReader.Split(path, "dossiers.csv", 4));
    }

    [Fact]
    public void A_file_without_line_feeds_is_one_part()
    {
        var path = WriteFile(Rows(100, "\r"));

        var split = DossierCsvReader.Split(path, "dossiers.csv", 4, minimumPartLength: 1).ToList();

        Assert.Single(split);
        Assert.Equal(100, split[0].Read(new CsvDiagnostics(true)).Count());
        Assert.Equal(Encoding.UTF8.GetByteCount(Rows(100, "\r")), split[0].End);
    }
}
