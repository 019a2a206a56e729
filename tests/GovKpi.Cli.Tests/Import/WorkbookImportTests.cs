using ClosedXML.Excel;
using GovKpi.Data;
using GovKpi.Web.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using static GovKpi.Cli.Tests.CommandLine;

namespace GovKpi.Cli.Tests.Import;

/// <summary>
/// <c>govkpi import</c> and <c>govkpi import-tasks</c> of damaged and tricky workbooks over a SQLite
/// file: every one ends in exit 0 or 2 with a message naming the file and where in it, never a stack trace.
/// </summary>
public sealed class WorkbookImportTests : IDisposable
{
    private static readonly string[] DossierHeader =
        ["dossier_id", "procedure_code", "unit_code", "channel", "received_at", "due_at", "status", "updated_at"];

    private readonly string _root = Directory.CreateTempSubdirectory("govkpi-workbooks-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private string Database => $"Data Source={Path.Combine(_root, "govkpi.db")}";

    private string Write(string name, byte[] bytes, string? directory = null)
    {
        var folder = directory is null ? _root : Directory.CreateDirectory(Path.Combine(_root, directory)).FullName;
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void NoStackTrace(Result result, string name)
    {
        var all = result.Output + result.Error;
        Assert.False(all.Contains("   at ", StringComparison.Ordinal), $"{name}: {all}");
        Assert.False(all.Contains("Exception", StringComparison.Ordinal), $"{name}: {all}");
        Assert.False(all.Contains("unexpected error", StringComparison.Ordinal), $"{name}: {all}");
    }

    [Fact]
    public void Every_damaged_workbook_is_refused_with_exit_2_and_a_line_naming_the_file_and_where_nothing_imported()
    {
        var failures = new List<string>();
        foreach (var (name, bytes) in MalformedWorkbooks.Damaged())
        {
            var result = Run("import", "--dossiers", Write(name, bytes), "--database", Database);

            NoStackTrace(result, name);
            if (result.ExitCode != 2 || !result.Error.Contains($"{name}:", StringComparison.Ordinal)
                || !result.Error.Contains("nothing was imported", StringComparison.Ordinal))
            {
                failures.Add($"{name}: exit {result.ExitCode}: {result.Error}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Every_tricky_workbook_lands_with_its_row_refused_at_the_file_row_column_sheet_and_cell()
    {
        var failures = new List<string>();
        foreach (var (name, bytes, column) in MalformedWorkbooks.Tricky())
        {
            var result = Run("import", "--dossiers", Write(name, bytes), "--database", Database);

            NoStackTrace(result, name);
            var problem = result.Output.Split('\n').FirstOrDefault(l => l.StartsWith($"  {name}:2:{column}: ", StringComparison.Ordinal));
            // A cell the reader refused names its sheet and cell; an inline string without text is an empty, required field.
            if (result.ExitCode != 0 || problem is null || (!problem.Contains("'Hồ sơ'!", StringComparison.Ordinal) && !name.StartsWith("inline", StringComparison.Ordinal)))
            {
                failures.Add($"{name}: exit {result.ExitCode}: {result.Output}{result.Error}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Date_serials_below_1900_03_01_and_a_bare_number_in_a_time_column_are_refused_in_english_with_their_cell()
    {
        var half = Run("import", "--dossiers", Write("half.xlsx", MalformedWorkbooks.Tricky().Single(t => t.Name == "serial-half.xlsx").Bytes), "--database", Database);
        var bare = Run("import", "--dossiers", Write("bare.xlsx", MalformedWorkbooks.Tricky().Single(t => t.Name == "bare-number-as-time.xlsx").Bytes), "--database", Database);

        Assert.Contains("  half.xlsx:2:received_at: 'Hồ sơ'!E2: the date cell holds 0.5, which is not a date from 1900-03-01 to 9999-12-31", half.Output, StringComparison.Ordinal);
        Assert.Contains("  bare.xlsx:2:due_at: 'Hồ sơ'!F2: 45901.5 is a bare number; a date or a time must be a date cell or ISO text", bare.Output, StringComparison.Ordinal);
        Assert.Contains("total,1,0,0,0,0,1", half.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Numeric_ids_and_codes_are_stored_as_their_digits_and_date_cells_as_local_times()
    {
        using (var workbook = new XLWorkbook())
        {
            var sheet = workbook.AddWorksheet("Hồ sơ");
            for (var c = 0; c < DossierHeader.Length; c++)
            {
                sheet.Cell(1, c + 1).Value = DossierHeader[c];
            }

            sheet.Cell(2, 1).Value = 123456789012345678d;
            // ClosedXML 0.95 would turn the text into a number, which a code column refuses for its fraction.
            sheet.Cell(2, 2).SetValue("1.001193").SetDataType(XLDataType.Text);
            sheet.Cell(2, 3).Value = "C1-TT";
            sheet.Cell(2, 4).Value = "online";
            sheet.Cell(2, 5).Value = new DateTime(2025, 7, 3, 8, 15, 0);
            sheet.Cell(2, 6).Value = new DateTime(2025, 7, 10, 17, 0, 0);
            sheet.Cell(2, 7).Value = "processing";
            sheet.Cell(2, 8).Value = new DateTime(2025, 7, 3, 9, 0, 0);
            workbook.SaveAs(Path.Combine(_root, "closedxml.xlsx"));
        }

        // ClosedXML 0.95 (like Excel, which keeps 15 digits) stores 1.23456789012346E+17; other programs write the digits as typed.
        var exact = MalformedWorkbooks.Tricky().Single(t => t.Name == "id-with-fraction.xlsx").Bytes;
        var written = Write("digits.xlsx", Rewrite(exact, "<v>12.5</v>", "<v>123456789012345678</v>"));

        var fromClosedXml = Run("import", "--dossiers", Path.Combine(_root, "closedxml.xlsx"), "--database", Database);
        var fromDigits = Run("import", "--dossiers", written, "--database", Database);

        Assert.True(fromClosedXml.ExitCode == 0, fromClosedXml.Output + fromClosedXml.Error);
        Assert.True(fromDigits.ExitCode == 0, fromDigits.Output + fromDigits.Error);
        await using var db = new GovKpiDbContext(new DatabaseOptions(DatabaseProvider.Sqlite, Database).ToContextOptions());
        var stored = await db.DossierVersions.AsNoTracking().OrderBy(d => d.DossierId).ToListAsync();
        Assert.Equal(["123456789012345678", "123456789012346000"], stored.Select(d => d.DossierId));
        var fromSheet = stored[1];
        Assert.Equal("1.001193", fromSheet.ProcedureCode);
        Assert.Equal(new DateTimeOffset(2025, 7, 3, 8, 15, 0, TimeSpan.FromHours(7)), fromSheet.ReceivedAt);
    }

    [Fact]
    public void A_damaged_units_xlsx_in_import_dir_is_refused_with_exit_2_naming_the_file_and_nothing_imported()
    {
        var directory = Path.Combine(_root, "dir");
        Write("units.xlsx", MalformedWorkbooks.Damaged().Single(d => d.Name == "sheet-not-xml.xlsx").Bytes, "dir");

        var result = Run("import", "--dir", directory, "--database", Database);

        NoStackTrace(result, "units.xlsx");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("units.xlsx:1:(file): sheet 'Hồ sơ' is damaged at row 1 (not well-formed XML at line 1, position 1)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_units_xlsx_with_a_bare_number_as_its_effective_date_is_refused_at_the_cell()
    {
        using (var workbook = new XLWorkbook())
        {
            var sheet = workbook.AddWorksheet("units");
            string[] header = ["code", "name_vi", "name_en", "kind", "parent_code", "effective_from"];
            for (var c = 0; c < header.Length; c++)
            {
                sheet.Cell(1, c + 1).Value = header[c];
            }

            sheet.Cell(2, 1).Value = 1001;
            sheet.Cell(2, 2).Value = "Sở Nội vụ";
            sheet.Cell(2, 3).Value = "Department of Home Affairs";
            sheet.Cell(2, 4).Value = "department";
            sheet.Cell(2, 6).Value = 45658;
            workbook.SaveAs(Path.Combine(Directory.CreateDirectory(Path.Combine(_root, "units")).FullName, "units.xlsx"));
        }

        var result = Run("import", "--dir", Path.Combine(_root, "units"), "--database", Database);

        NoStackTrace(result, "units.xlsx");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("units.xlsx:2:effective_from: units!F2: 45658 is a bare number", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_task_assignments_xlsx_is_refused_by_import_tasks_with_exit_2_and_the_file_named()
    {
        var path = Write("task_assignments.xlsx", MalformedWorkbooks.Damaged().Single(d => d.Name == "truncated.xlsx").Bytes);

        var result = Run("import-tasks", path, "--database", Database);

        NoStackTrace(result, "task_assignments.xlsx");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("task_assignments.xlsx:1: not an .xlsx workbook: the file is not a complete zip package", result.Error, StringComparison.Ordinal);
    }

    /// <summary>The workbook with one text of its sheet replaced.</summary>
    private static byte[] Rewrite(byte[] workbook, string from, string to)
    {
        using var bytes = new MemoryStream();
        bytes.Write(workbook);
        using (var zip = new System.IO.Compression.ZipArchive(bytes, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet1.xml")!;
            string sheet;
            using (var reader = new StreamReader(entry.Open()))
            {
                sheet = reader.ReadToEnd();
            }

            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            writer.Write(sheet.Replace(from, to, StringComparison.Ordinal));
        }

        return bytes.ToArray();
    }
}
