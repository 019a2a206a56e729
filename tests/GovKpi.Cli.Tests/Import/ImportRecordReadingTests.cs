using ClosedXML.Excel;
using GovKpi.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static GovKpi.Cli.Tests.CommandLine;
using static GovKpi.Cli.Tests.Files.ContractRows;

namespace GovKpi.Cli.Tests.Import;

/// <summary>
/// <c>govkpi import</c> of the same dossier rows as CSV and as .xlsx: one definition reads both,
/// so a row is stored once and refused in the same words, on SQLite and on PostgreSQL.
/// </summary>
public sealed class ImportRecordReadingTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("govkpi-import-reading-").FullName;
    private readonly List<string> _postgresDatabases = [];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
        if (Server is { } server && _postgresDatabases.Count > 0)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(server);
            connection.Open();
            foreach (var name in _postgresDatabases)
            {
                using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                drop.ExecuteNonQuery();
            }
        }
    }

    private static string? Server => Environment.GetEnvironmentVariable("GOVKPI_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    private static readonly string[] Received = ["received_at", "2025-07-03T08:15:00+07:00"];

    /// <summary>A dossier received 2025-07-03 08:15, processed on 07-05, due on 07-10.</summary>
    private static Dictionary<string, string> Row(string id, params (string Column, string Value)[] changes) =>
        Dossier(id, [("received_at", Received[1]), ("due_at", "2025-07-10T17:00:00+07:00"), ("finished_at", "2025-07-05T10:00:00+07:00"),
            ("updated_at", "2025-07-05T10:05:00+07:00"), .. changes]);

    private async Task<string> DatabaseAsync(string provider)
    {
        if (provider == "sqlite")
        {
            return $"Data Source={Path.Combine(_root, $"govkpi-{Guid.NewGuid():N}.db")}";
        }

        Skip.If(Server is null, "GOVKPI_TEST_POSTGRES is not set (scripts/test starts a PostgreSQL cluster)");
        var name = $"govkpi_reading_{Guid.NewGuid():N}"[..40];
        await using (var connection = new NpgsqlConnection(Server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        _postgresDatabases.Add(name);
        var database = new NpgsqlConnectionStringBuilder(Server) { Database = name }.ToString();
        Assert.Equal(0, Run("migrate", "--database", database).ExitCode);
        return database;
    }

    private string WriteCsv(string name, params Dictionary<string, string>[] rows)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, Csv(DossierHeader, rows));
        return path;
    }

    /// <summary>The rows as an .xlsx sheet of text cells, the header first, as a spreadsheet export writes them.</summary>
    private string WriteXlsx(string name, params Dictionary<string, string>[] rows)
    {
        var path = Path.Combine(_root, name);
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("dossiers");
        for (var c = 0; c < DossierHeader.Length; c++)
        {
            sheet.Cell(1, c + 1).SetValue(DossierHeader[c]);
            for (var r = 0; r < rows.Length; r++)
            {
                if (rows[r][DossierHeader[c]] is { Length: > 0 } text)
                {
                    var cell = sheet.Cell(r + 2, c + 1);
                    cell.DataType = XLDataType.Text;
                    cell.SetValue(text);
                }
            }
        }

        workbook.SaveAs(path);
        return path;
    }

    private static async Task<List<string>> DossierIdsAsync(string database)
    {
        await using var db = new GovKpiDbContext(DatabaseOptions.From(null, database, ".").ToContextOptions());
        return [.. (await db.DossierVersions.AsNoTracking().Select(d => d.DossierId).ToListAsync()).Order(StringComparer.Ordinal)];
    }

    /// <summary>The located refusals an import printed, without the file's name.</summary>
    private static List<string> Refusals(Result result, string file) =>
        [.. (result.Output + result.Error).Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith(file + ":", StringComparison.Ordinal))
            .Select(l => l[(file.Length + 1)..])];

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_dossier_id_with_a_leading_space_imported_as_csv_and_as_xlsx_is_one_dossier(string provider)
    {
        var database = await DatabaseAsync(provider);
        var csv = WriteCsv("dossiers.csv", Row(" D-2"));
        var xlsx = WriteXlsx("dossiers.xlsx", Row(" D-2"));

        var fromCsv = Run("import", "--dossiers", csv, "--database", database);
        var fromXlsx = Run("import", "--dossiers", xlsx, "--database", database);

        Assert.True(fromCsv.ExitCode == 0, fromCsv.Error + fromCsv.Output);
        Assert.True(fromXlsx.ExitCode == 0, fromXlsx.Error + fromXlsx.Output);
        Assert.Equal(["D-2"], await DossierIdsAsync(database));
    }

    [Theory]
    [InlineData("finished_at", "", "finished_at: required, but empty: status processed ends processing")]
    [InlineData("due_at", "2025-07-02T17:00:00+07:00", "due_at: 2025-07-02T17:00:00+07:00 is before received_at 2025-07-03T08:15:00+07:00")]
    [InlineData("updated_at", "2025-07-03T08:00:00+07:00", "updated_at: 2025-07-03T08:00:00+07:00 is before received_at 2025-07-03T08:15:00+07:00")]
    [InlineData("unit_code", "U2345678901234567890123456789012345678901", "unit_code: 41 characters long: at most 40")]
    [InlineData("procedure_code", "1.00\u200B1193", "procedure_code: contains an invisible formatting character (U+200B) at position 5")]
    [InlineData("dossier_id", "D\t-9", "dossier_id: contains a control character (U+0009) at position 2")]
    [InlineData("received_at", "0001-07-03T08:15:00+07:00", "received_at: '0001-07-03T08:15:00+07:00' is not plausible: the year must be 2000 to 2100")]
    [InlineData("received_at", "9999-07-03T08:15:00+07:00", "received_at: '9999-07-03T08:15:00+07:00' is not plausible: the year must be 2000 to 2100")]
    public async Task An_invalid_row_is_refused_in_the_same_words_from_csv_and_from_xlsx(string column, string value, string expected)
    {
        var csvDatabase = await DatabaseAsync("sqlite");
        var xlsxDatabase = await DatabaseAsync("sqlite");
        var csv = WriteCsv("dossiers.csv", Row("D-1"), Row("D-9", (column, value)));
        var xlsx = WriteXlsx("dossiers.xlsx", Row("D-1"), Row("D-9", (column, value)));

        var fromCsv = Run("import", "--dossiers", csv, "--database", csvDatabase);
        var fromXlsx = Run("import", "--dossiers", xlsx, "--database", xlsxDatabase);

        Assert.Equal([$"3:{expected}"], Refusals(fromCsv, "dossiers.csv"));
        Assert.Equal([$"3:{expected}"], Refusals(fromXlsx, "dossiers.xlsx"));
        Assert.Equal(["D-1"], await DossierIdsAsync(csvDatabase));
        Assert.Equal(["D-1"], await DossierIdsAsync(xlsxDatabase));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_code_longer_than_its_column_is_a_located_row_problem_and_the_rest_of_the_batch_lands(string provider)
    {
        var database = await DatabaseAsync(provider);
        var csv = WriteCsv("dossiers.csv", Row("D-1"), Row("D-2", ("handler_code", new string('H', 41))), Row("D-3"));

        var result = Run("import", "--dossiers", csv, "--database", database);

        Assert.DoesNotContain("SQL", result.Output + result.Error, StringComparison.Ordinal);
        Assert.Equal(["3:handler_code: 41 characters long: at most 40"], Refusals(result, "dossiers.csv"));
        Assert.Equal(["D-1", "D-3"], await DossierIdsAsync(database));
    }
}
