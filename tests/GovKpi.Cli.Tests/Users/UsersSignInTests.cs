using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using static GovKpi.Cli.Tests.CommandLine;

namespace GovKpi.Cli.Tests.Users;

/// <summary>The first HR account of a fresh installation, made at the console, signs in to the web app over HTTP.</summary>
public sealed class UsersSignInTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("govkpi-users-web-").FullName;
    private string ConnectionString => $"Data Source={Path.Combine(_root, "govkpi.db")}";

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private sealed class WebApp(string connectionString, string dataDirectory) : WebApplicationFactory<global::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "sqlite");
            builder.UseSetting("ConnectionStrings:GovKpi", connectionString);
            builder.UseSetting("Database:DataDirectory", dataDirectory);
            builder.UseSetting("Demo:Enabled", "false");
        }
    }

    [Fact]
    public async Task A_user_added_by_the_command_line_signs_in_over_HTTP_and_sees_the_province_once_it_is_imported()
    {
        Assert.Equal(0, RunWithInput("Mây trắng 2027\n", "users", "add", "hr1", "--role", "hr", "--database", ConnectionString).ExitCode);
        await using var app = new WebApp(ConnectionString, _root);
        app.UseKestrel(0);
        app.StartServer();
        using var client = app.CreateClient();

        var signIn = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "hr1", password = "Mây trắng 2027" });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal("", await ScopeAsync(client));

        await using (var db = new GovKpiDbContext(DatabaseOptions.From("sqlite", ConnectionString, _root).ToContextOptions()))
        {
            db.Units.Add(new Unit { Code = "KH", NameVi = "Tỉnh Khánh Hòa", NameEn = "Khanh Hoa", Kind = UnitKind.Province, EffectiveFrom = new(2020, 1, 1) });
            await db.SaveChangesAsync();
        }

        Assert.Equal("KH", await ScopeAsync(client));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/units")).StatusCode);
    }

    private static async Task<string?> ScopeAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("scopeUnitCode").GetString();
}
