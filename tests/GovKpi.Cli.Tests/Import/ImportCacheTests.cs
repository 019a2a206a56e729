using System.Net.Http.Json;
using System.Text.Json;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;
using static GovKpi.Cli.Tests.CommandLine;
using static GovKpi.Cli.Tests.Files.ContractRows;

namespace GovKpi.Cli.Tests.Import;

/// <summary>
/// <c>govkpi import</c> writes its rows behind EF's back (native statements on SQLite, COPY on
/// PostgreSQL), in another process than the web app: the KPI values the web app keeps in memory
/// must still change as soon as the import commits (issue 15, item 9).
/// </summary>
public sealed class ImportCacheTests : IDisposable
{
    private const string Password = "Mây trắng 2027";
    private readonly string _root = Directory.CreateTempSubdirectory("govkpi-import-cache-").FullName;
    private string? _postgresDatabase;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
        if (Server is { } server && _postgresDatabase is { } name)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(server);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
    }

    private static string? Server => Environment.GetEnvironmentVariable("GOVKPI_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    private sealed class WebApp(string provider, string connectionString, string dataDirectory) : WebApplicationFactory<global::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", provider);
            builder.UseSetting("ConnectionStrings:GovKpi", connectionString);
            builder.UseSetting("Database:DataDirectory", dataDirectory);
            builder.UseSetting("Demo:Enabled", "false");
        }
    }

    private async Task<string> DatabaseAsync(string provider)
    {
        if (provider == "sqlite")
        {
            return $"Data Source={Path.Combine(_root, "govkpi.db")}";
        }

        Skip.If(Server is null, "GOVKPI_TEST_POSTGRES is not set (scripts/test starts a PostgreSQL cluster)");
        _postgresDatabase = $"govkpi_cache_{Guid.NewGuid():N}"[..40];
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_postgresDatabase}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(Server) { Database = _postgresDatabase }.ToString();
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_province_value_the_web_app_has_cached_changes_as_soon_as_the_command_line_imports_records(string provider)
    {
        var database = await DatabaseAsync(provider);
        Assert.Equal(0, Run("migrate", "--database", database).ExitCode);
        Assert.Equal(0, RunWithInput(Password + "\n", "users", "add", "hr1", "--role", "hr", "--database", database).ExitCode);
        await using (var db = new GovKpiDbContext(DatabaseOptions.From(provider, database, _root).ToContextOptions()))
        {
            db.Units.Add(new Unit { Code = "XA01", NameVi = "Tỉnh Khánh Hòa", NameEn = "Khanh Hoa", Kind = UnitKind.Province, EffectiveFrom = new(2020, 1, 1) });
            await db.SaveChangesAsync();
        }

        await using var app = new WebApp(provider, database, _root);
        app.UseKestrel(0);
        app.StartServer();
        using var client = app.CreateClient();
        (await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "hr1", password = Password })).EnsureSuccessStatusCode();
        const string july = "/api/kpis/values?scope=all&from=2025-07-01&to=2025-08-01";
        Assert.Equal(0m, await OnTimeDenominatorAsync(client, july));
        Assert.Equal(0m, await OnTimeDenominatorAsync(client, july));

        var csv = Path.Combine(_root, "dossiers.csv");
        await File.WriteAllTextAsync(csv, Csv(DossierHeader, Dossier("D1"), Dossier("D2"), Dossier("D3", ("finished_at", "2025-07-20T10:00:00+07:00"))));
        Assert.Equal(0, Run("import", "--dossiers", csv, "--database", database).ExitCode);

        Assert.Equal(3m, await OnTimeDenominatorAsync(client, july));
        var table = await client.GetFromJsonAsync<JsonElement>(july);
        Assert.Equal("aggregates", table.GetProperty("source").GetString());
    }

    private static async Task<decimal> OnTimeDenominatorAsync(HttpClient client, string url)
    {
        var table = await client.GetFromJsonAsync<JsonElement>(url);
        return table.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("kpi").GetString() == "on_time_rate").GetProperty("denominator").GetDecimal();
    }
}
