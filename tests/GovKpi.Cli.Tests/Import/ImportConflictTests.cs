using GovKpi.Core.Measurement;
using GovKpi.Data;
using Microsoft.EntityFrameworkCore;
using static GovKpi.Cli.Tests.CommandLine;

namespace GovKpi.Cli.Tests.Import;

/// <summary><c>govkpi import</c> of record files whose rows conflict with each other, over a SQLite file.</summary>
public sealed class ImportConflictTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("govkpi-import-conflicts-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private string Database => $"Data Source={Path.Combine(_root, "govkpi.db")}";

    private string Write(string name, string text)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<string> StoredAsync()
    {
        await using var db = new GovKpiDbContext(new DatabaseOptions(DatabaseProvider.Sqlite, Database).ToContextOptions());
        IEnumerable<object> rows =
        [
            .. await db.DossierVersions.AsNoTracking().OrderBy(d => d.DossierId).ToListAsync(),
            .. await db.Dossiers.AsNoTracking().OrderBy(d => d.DossierId).ToListAsync(),
            .. await db.Surveys.AsNoTracking().OrderBy(s => s.ResponseId).ToListAsync(),
            .. await db.Complaints.AsNoTracking().OrderBy(c => c.ComplaintId).ToListAsync(),
            .. await db.CalendarExceptions.AsNoTracking().OrderBy(c => c.Date).ToListAsync(),
        ];
        return string.Join('\n', rows);
    }

    [Fact]
    public async Task Files_whose_rows_conflict_with_each_other_imported_twice_leave_the_first_runs_records_and_list_the_same_conflicts()
    {
        string[] files =
        [
            "--dossiers", Write("dossiers.csv",
                "dossier_id,procedure_code,unit_code,handler_code,channel,received_at,due_at,finished_at,status,supplement_count,staff_error_return,updated_at\n" +
                "D-1,1.001193,C1-TT,S001,online,2025-07-03T08:15:00+07:00,2025-07-10T17:00:00+07:00,,processing,0,false,2025-07-03T09:00:00+07:00\n" +
                "D-1,1.001193,C1-TT,S002,online,2025-07-03T08:15:00+07:00,2025-07-10T17:00:00+07:00,,processing,0,false,2025-07-03T09:00:00+07:00\n"),
            "--surveys", Write("surveys.csv",
                "response_id,dossier_id,submitted_at,score\nS1,D-1,2025-07-04T08:00:00+07:00,5\nS1,D-1,2025-07-04T08:00:00+07:00,1\n"),
            "--complaints", Write("complaints.csv",
                "complaint_id,unit_code,staff_code,dossier_id,received_at,category,upheld\n" +
                "P1,C1-TT,S001,D-1,2025-07-05T08:00:00+07:00,attitude,false\nP1,C1-TT,S001,D-1,2025-07-05T08:00:00+07:00,attitude,true\n"),
            "--calendar", Write("calendar.csv", "date,kind\n2025-01-01,holiday\n2025-01-01,workday\n"),
        ];

        var first = Run(["import", .. files, "--database", Database]);
        var afterFirst = await StoredAsync();
        var second = Run(["import", .. files, "--database", Database]);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(afterFirst, await StoredAsync());
        Assert.Contains("Score = 5", afterFirst);
        Assert.Contains("Upheld = False", afterFirst);
        Assert.Contains("Kind = Holiday", afterFirst);
        Assert.DoesNotContain("S002", afterFirst);
        Assert.Contains("total,8,0,4,0,4,0", second.Output);
        foreach (var output in new[] { first.Output, second.Output })
        {
            Assert.Contains("  calendar.csv:3:: conflict: an earlier row of this batch has the same key and different content (line 2)", output);
            Assert.Contains("  dossiers.csv:3:: conflict: an earlier row of this batch has the same dossier_id and updated_at and different content (line 2)", output);
            Assert.Contains("  surveys.csv:3:: conflict: an earlier row of this batch has the same key and different content (line 2)", output);
            Assert.Contains("  complaints.csv:3:: conflict: an earlier row of this batch has the same key and different content (line 2)", output);
        }
    }
}
