using System.Globalization;
using System.Text;
using GovKpi.Core;
using GovKpi.Core.Measurement;
using GovKpi.Data;
using GovKpi.Data.Measurement;
using Microsoft.EntityFrameworkCore;
using static GovKpi.Cli.Tests.CommandLine;

namespace GovKpi.Cli.Tests.Import;

/// <summary><c>govkpi import --dir</c> on a directory written by <c>govkpi seed</c>, over a SQLite file.</summary>
public sealed class ImportDirectoryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("govkpi-import-dir-").FullName;

    public ImportDirectoryTests()
    {
        var seeded = Run("seed", "--out", Seeded, "--seed", "3", "--staff", "120", "--dossiers", "1500");
        Assert.Equal(0, seeded.ExitCode);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private string Seeded => Path.Combine(_root, "seed");

    private string Database => $"Data Source={Path.Combine(_root, "govkpi.db")}";

    private Result Import(string directory) => Run("import", "--dir", directory, "--database", Database);

    private GovKpiDbContext Open() => new(new DatabaseOptions(DatabaseProvider.Sqlite, Database).ToContextOptions());

    private sealed record Counts(int Units, int Lineage, int Positions, int Staff, int History, int Kpis, int Sets, int Accounts, int Audit, int Dossiers, int Surveys);

    private async Task<Counts> CountsAsync()
    {
        await using var db = Open();
        return new Counts(await db.Units.CountAsync(), await db.UnitLineage.CountAsync(), await db.JobPositions.CountAsync(), await db.Staff.CountAsync(),
            await db.StaffHistory.CountAsync(), await db.KpiDefinitions.CountAsync(), await db.KpiSets.CountAsync(), await db.Accounts.CountAsync(),
            await db.OrganisationAudit.CountAsync(), await db.DossierVersions.CountAsync(), await db.Surveys.CountAsync());
    }

    private static int DataLines(string path) => File.ReadAllLines(path).Skip(1).Count(l => l.Length > 0);

    /// <summary>A copy of the seeded directory with <paramref name="lines"/> appended to <paramref name="file"/>; returns the directory and the line numbers of the added rows.</summary>
    private (string Directory, long[] Lines) WithRows(string name, string file, params string[] lines)
    {
        var directory = Path.Combine(_root, name);
        Directory.CreateDirectory(directory);
        foreach (var path in Directory.GetFiles(Seeded))
        {
            File.Copy(path, Path.Combine(directory, Path.GetFileName(path)));
        }

        var target = Path.Combine(directory, file);
        var first = File.ReadAllLines(target).Length + 1;
        File.AppendAllText(target, string.Concat(lines.Select(l => l + "\n")), new UTF8Encoding(false));
        return (directory, [.. Enumerable.Range(first, lines.Length).Select(l => (long)l)]);
    }

    private static string FirstDataRow(string path) => File.ReadAllLines(path)[1];

    [Fact]
    public async Task A_seeded_directory_imports_into_an_empty_database_and_a_second_run_changes_nothing()
    {
        var first = Import(Seeded);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("kind,added,changed,retired,unchanged", first.Output);
        Assert.Contains($"units,{DataLines(Path.Combine(Seeded, "units.csv"))},0,0,0", first.Output);
        Assert.Contains($"staff,{DataLines(Path.Combine(Seeded, "staff.csv"))},0,0,0", first.Output);
        var afterFirst = await CountsAsync();
        Assert.Equal(DataLines(Path.Combine(Seeded, "units.csv")), afterFirst.Units);
        Assert.Equal(DataLines(Path.Combine(Seeded, "staff.csv")), afterFirst.Staff);
        Assert.Equal(afterFirst.Staff, afterFirst.History);
        Assert.Equal(DataLines(Path.Combine(Seeded, "surveys.csv")), afterFirst.Surveys);
        Assert.DoesNotContain("nothing changed", first.Output);

        var second = Import(Seeded);

        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains("nothing changed", second.Output);
        Assert.Contains($"staff,0,0,0,{afterFirst.Staff}", second.Output);
        Assert.Equal(afterFirst, await CountsAsync());
    }

    [Fact]
    public async Task Accounts_are_created_without_a_password_with_the_staff_members_name()
    {
        var staff = FirstDataRow(Path.Combine(Seeded, "staff.csv")).Split(',');
        File.WriteAllText(Path.Combine(Seeded, "accounts.csv"), $"user_name,role,staff_code,scope_unit_code,email\nhr1,hr,,,hr1@example.vn\nlead1,manager,{staff[0]},,\n");

        var result = Import(Seeded);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("accounts,2,0,0,0", result.Output);
        await using var db = Open();
        var accounts = await db.Accounts.OrderBy(a => a.UserName).ToListAsync();
        Assert.Equal([("hr1", "hr1", "KH"), ("lead1", staff[1], staff[3])], accounts.Select(a => (a.UserName, a.DisplayName, a.ScopeUnitCode)));
        Assert.All(accounts, a => Assert.Equal("", a.PasswordHash));
    }

    [Fact]
    public async Task An_unknown_parent_is_located_and_nothing_is_imported()
    {
        var (directory, lines) = WithRows("bad-parent", "units.csv", "ZZ1,Phòng thử,,division,NOPE,2025-07-01,");

        var result = Import(directory);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"units.csv:{lines[0]}:parent_code: unknown parent unit 'NOPE'", result.Error);
        Assert.Equal(new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), await CountsAsync());
    }

    [Fact]
    public async Task Every_invalid_row_is_located_and_a_database_already_imported_stays_as_it_was()
    {
        Assert.Equal(0, Import(Seeded).ExitCode);
        var before = await CountsAsync();
        var (directory, lines) = WithRows("bad-staff", "staff.csv",
            FirstDataRow(Path.Combine(Seeded, "staff.csv")).Replace("CB00001,", "NEW0001,", StringComparison.Ordinal).Replace(",LD-TINH,", ",XX,", StringComparison.Ordinal),
            FirstDataRow(Path.Combine(Seeded, "staff.csv")));
        File.AppendAllText(Path.Combine(directory, "units.csv"), "P2,Tỉnh thứ hai,,province,,2025-07-01,\n");
        var provinceLine = File.ReadAllLines(Path.Combine(directory, "units.csv")).Length;

        var result = Import(directory);

        Assert.Equal(2, result.ExitCode);
        var errors = result.Error.Split('\n').Where(l => l.Contains(".csv:", StringComparison.Ordinal)).ToList();
        Assert.Contains("units.csv:2:kind: exactly one province is allowed, but there would be 2: KH, P2", errors);
        Assert.Contains($"units.csv:{provinceLine}:kind: exactly one province is allowed, but there would be 2: KH, P2", errors);
        Assert.Contains($"staff.csv:{lines[0]}:position_code: unknown position 'XX'", errors);
        Assert.Contains($"staff.csv:{lines[1]}:code: duplicate: 'CB00001' is already on line 2", errors);
        Assert.Equal(string.Empty, result.Output);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_staff_member_moved_with_a_later_effective_from_is_in_the_new_unit_with_two_history_rows_and_the_old_units_kpis_unchanged()
    {
        Assert.Equal(0, Import(Seeded).ExitCode);
        var dossiers = File.ReadAllLines(Path.Combine(Seeded, "dossiers.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var handler = dossiers.GroupBy(d => d[3]).Where(g => g.Key.Length > 0).MaxBy(g => g.Count())!.Key;
        var row = File.ReadAllLines(Path.Combine(Seeded, "staff.csv")).Single(l => l.StartsWith(handler + ",", StringComparison.Ordinal)).Split(',');
        var oldUnit = row[3];
        var newUnit = File.ReadAllLines(Path.Combine(Seeded, "units.csv")).Skip(1).Select(l => l.Split(','))
            .First(u => u[3] == "commune" && u[0] != oldUnit && u[^1].Length == 0)[0];
        var today = VietnamTime.Today(TimeProvider.System);
        var moveOn = today.AddDays(30);
        var earlier = new ReportingPeriod(new DateOnly(2020, 1, 1), today);
        var oldUnitBefore = await TallyAsync(earlier, oldUnit);
        var personBefore = await TallyAsync(earlier, null, handler);

        var moved = Path.Combine(_root, "moved");
        Directory.CreateDirectory(moved);
        row[3] = newUnit;
        File.WriteAllText(Path.Combine(moved, "staff.csv"),
            "code,full_name,type,unit_code,position_code,leader,skills,effective_from\n" +
            string.Join(',', row) + "," + moveOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "\n");
        var result = Import(moved);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("staff,0,1,0,0", result.Output);
        await using var db = Open();
        Assert.Equal(newUnit, (await db.Staff.SingleAsync(s => s.Code == handler)).UnitCode);
        var history = await db.StaffHistory.Where(h => h.StaffCode == handler).OrderBy(h => h.EffectiveFrom).ToListAsync();
        Assert.Equal([(oldUnit, (DateOnly?)moveOn), (newUnit, null)], history.Select(h => (h.UnitCode, h.EffectiveTo)));
        Assert.Equal(moveOn, history[1].EffectiveFrom);
        Assert.True(oldUnitBefore.Finished > 0);
        Assert.Equal(oldUnitBefore, await TallyAsync(earlier, oldUnit));
        Assert.Equal(personBefore, await TallyAsync(earlier, null, handler));
        Assert.Equal(1, await db.OrganisationAudit.CountAsync(a => a.Kind == "staff" && a.Code == handler && a.Before != null));

        Assert.Contains("nothing changed", Import(moved).Output);
    }

    private async Task<KpiTally> TallyAsync(ReportingPeriod period, string? unit, string? staff = null)
    {
        await using var db = Open();
        var (tally, _) = await new KpiTallyReader(db).ReadAsync(period, unit is null ? null : [unit], staff, CancellationToken.None);
        return tally;
    }

    [Fact]
    public void A_directory_without_any_contract_file_is_refused()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName;

        var result = Import(empty);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no contract file", result.Error);
    }

    [Fact]
    public void An_xlsx_file_is_read_in_place_of_its_csv()
    {
        var directory = Path.Combine(_root, "xlsx");
        Directory.CreateDirectory(directory);
        File.Copy(Path.Combine(Seeded, "units.csv"), Path.Combine(directory, "units.csv"));
        using (var workbook = new ClosedXML.Excel.XLWorkbook())
        {
            var sheet = workbook.AddWorksheet("positions");
            string[][] rows = [["code", "name_vi", "group"], ["CV-X", "Chuyên viên thử", "professional"], ["CV-Y", "", "nope"]];
            for (var r = 0; r < rows.Length; r++)
            {
                for (var c = 0; c < rows[r].Length; c++)
                {
                    sheet.Cell(r + 1, c + 1).Value = rows[r][c];
                }
            }

            workbook.SaveAs(Path.Combine(directory, "positions.xlsx"));
        }

        var result = Import(directory);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("positions.xlsx:3:name_vi: required, but empty", result.Error);
        Assert.Contains("positions.xlsx:3:group: 'nope' is not one of: management, professional, support", result.Error);
    }

    [Fact]
    public void A_zip_bomb_xlsx_is_refused_as_file_and_reason_on_stderr_and_nothing_is_imported()
    {
        var directory = Path.Combine(_root, "bomb");
        Directory.CreateDirectory(directory);
        File.Copy(Path.Combine(Seeded, "units.csv"), Path.Combine(directory, "units.csv"));
        using (var zip = System.IO.Compression.ZipFile.Open(Path.Combine(directory, "positions.xlsx"), System.IO.Compression.ZipArchiveMode.Create))
        {
            // 50 MB of one repeated row deflates to some 50 KB; the guard judges the ratio before anything reads the XML.
            using var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", System.IO.Compression.CompressionLevel.SmallestSize).Open());
            var rows = string.Concat(Enumerable.Repeat("<row><c><v>1</v></c></row>", 1000));
            for (var written = 0; written < 50 << 20; written += rows.Length)
            {
                sheet.Write(rows);
            }
        }

        var result = Import(directory);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("positions.xlsx: refused, a part expands to more than 100 times its compressed size (a zip bomb)", result.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", result.Error, StringComparison.Ordinal);
    }
}
