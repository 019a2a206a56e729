using GovKpi.Core.Tasks;
using GovKpi.Data;
using GovKpi.Data.Tasks;
using Microsoft.EntityFrameworkCore;
using static GovKpi.Cli.Tests.CommandLine;

namespace GovKpi.Cli.Tests.Import;

/// <summary><c>govkpi import-tasks</c> over a SQLite file holding a small organisation and one task type.</summary>
public sealed class ImportTasksTests : IDisposable
{
    private const string Header = "source,external_id,version,staff_code,task_type,quantity,assigned_on,due_on,expected_product,quality_check,assigned_by\n";
    private readonly string _root = Directory.CreateTempSubdirectory("govkpi-import-tasks-").FullName;

    public ImportTasksTests()
    {
        var organisation = Path.Combine(_root, "organisation");
        Directory.CreateDirectory(organisation);
        File.WriteAllText(Path.Combine(organisation, "units.csv"),
            "code,name_vi,kind,parent_code,effective_from\nKH,Tỉnh Khánh Hòa,province,,2020-01-01\nKH-SNV,Sở Nội vụ,agency,KH,2020-01-01\n");
        File.WriteAllText(Path.Combine(organisation, "positions.csv"), "code,name_vi,group\nCV,Chuyên viên,professional\n");
        File.WriteAllText(Path.Combine(organisation, "staff.csv"), "code,full_name,type,unit_code,position_code\nS1,Trần Thị Hồng,cong_chuc,KH-SNV,CV\n");
        Assert.Equal(0, Run("import", "--dir", organisation, "--database", Database).ExitCode);
        using var db = Open();
        db.TaskTypes.Add(TaskTypeRecord.From(new TaskType("VB", "KH", TaskGroup.B, "Soạn văn bản", "văn bản", 1.5m, 1m, 1, new DateOnly(2026, 1, 1), null, null),
            "test", DateTimeOffset.UnixEpoch));
        db.SaveChanges();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private string Database => $"Data Source={Path.Combine(_root, "govkpi.db")}";

    private GovKpiDbContext Open() => new(new DatabaseOptions(DatabaseProvider.Sqlite, Database).ToContextOptions());

    private string Write(string name, string text)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task A_file_imports_once_and_a_second_run_changes_nothing()
    {
        var file = Write("vpdt.csv", Header + "eoffice,VB-1,1,S1,VB,2,2026-03-02,2026-03-31,Tờ trình,Đúng thể thức,\n");

        var first = Run("import-tasks", file, "--database", Database);
        var second = Run("import-tasks", file, "--database", Database);

        Assert.Equal((0, "1 rows: 1 added, 0 replaced, 0 unchanged, 0 quarantined"), (first.ExitCode, first.Output.Trim()));
        Assert.Equal((0, "nothing changed"), (second.ExitCode, second.Output.Trim()));
        await using var db = Open();
        var task = await db.TaskAssignments.SingleAsync();
        Assert.Equal(("eoffice:VB-1", "S1", "KH-SNV", 2m), (task.Id, task.StaffCode, task.UnitCode, task.Quantity));
        Assert.Equal(TaskActions.Imported, (await db.TaskAudit.SingleAsync()).Action);
    }

    [Fact]
    public async Task Command_line_imports_record_the_operating_system_user_as_their_author()
    {
        var file = Write("vpdt.csv", Header + "eoffice,VB-1,1,S1,VB,2,2026-03-02,2026-03-31,Tờ trình,Đúng thể thức,\n");

        Assert.Equal(0, Run("import-tasks", file, "--database", Database).ExitCode);

        await using var db = Open();
        var author = "console:" + Environment.UserName;
        Assert.Equal(author, (await db.TaskAudit.SingleAsync()).Actor);
        Assert.All(await db.OrganisationAudit.Select(a => a.Actor).ToListAsync(), actor => Assert.Equal(author, actor));
    }

    [Fact]
    public async Task The_good_rows_land_every_bad_row_is_quarantined_and_reported_as_file_line_column_reason_and_a_second_run_changes_nothing()
    {
        var file = Write("vpdt.csv", Header
            + "eoffice,VB-1,1,S1,VB,2,2026-03-02,2026-03-31,Tờ trình,Đúng thể thức,\n"
            + "eoffice,VB-2,1,S9,VB,two,2026-03-02,2026-03-31,Tờ trình,Đúng thể thức,\n"
            + "eoffice,VB-3,1,S1,NONE,1,2026-03-02,2026-03-31,Tờ trình,Đúng thể thức,\n");

        var result = Run("import-tasks", file, "--database", Database);
        var again = Run("import-tasks", file, "--database", Database);

        // As govkpi import for records: quarantined rows are kept, not lost, so a file that was read exits 0.
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            [
                "vpdt.csv:3:quantity: 'two' is not a decimal number (use . as the decimal point)",
                "vpdt.csv:4:task_type: the task type is not in the catalogue in force for the person's agency (or the province) on assigned_on",
            ],
            result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("3 rows: 1 added, 0 replaced, 0 unchanged, 2 quarantined", result.Output, StringComparison.Ordinal);
        Assert.Equal((0, "nothing changed"), (again.ExitCode, again.Output.Split('\n')[0].Trim()));
        Assert.Equal(result.Error, again.Error);
        await using var db = Open();
        Assert.Equal("eoffice:VB-1", (await db.TaskAssignments.SingleAsync()).Id);
        Assert.Equal(["vpdt.csv:3", "vpdt.csv:4"], (await db.TaskQuarantine.OrderBy(q => q.Id).ToListAsync()).Select(q => q.Location));
    }

    [Fact]
    public void A_file_without_a_required_column_lands_nothing_and_exits_2()
    {
        var file = Write("vpdt.csv", "source,external_id\neoffice,VB-1\n");

        var result = Run("import-tasks", file, "--database", Database);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("vpdt.csv:1:", result.Error, StringComparison.Ordinal);
    }
}
