using System.Net.Http.Json;
using GovKpi.Data;
using GovKpi.Data.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace GovKpi.Web.Tests.Infrastructure;

/// <summary>
/// The real app on Kestrel (real HTTP on a free loopback port) over a real database: a fresh
/// SQLite file, or a fresh database in the PostgreSQL cluster that <c>scripts/test</c> starts and
/// names in <c>GOVKPI_TEST_POSTGRES</c>. Without that cluster, PostgreSQL tests skip visibly.
/// </summary>
public abstract class GovKpiApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string PostgresVariable = "GOVKPI_TEST_POSTGRES";
    public static readonly DateTimeOffset Now = new(2026, 3, 15, 9, 0, 0, TimeSpan.FromHours(7));

    private readonly DatabaseProvider _provider;
    private readonly string _name = "govkpi_t_" + Guid.NewGuid().ToString("N")[..12];
    private string? _connectionString;
    private string? _tempDirectory;

    protected GovKpiApp(DatabaseProvider provider) => _provider = provider;

    /// <summary>Why this database cannot be tested here, or null when it can.</summary>
    public string? SkipReason { get; private set; }

    public FakeTimeProvider Clock { get; } = new(Now);

    /// <summary>The test database's connection string, once initialised.</summary>
    protected string ConnectionString => _connectionString ?? throw new InvalidOperationException("The app is not initialised.");

    public async Task InitializeAsync()
    {
        if (_provider == DatabaseProvider.Postgres)
        {
            var server = PostgresServer;
            if (string.IsNullOrWhiteSpace(server))
            {
                SkipReason = PostgresSkipReason;
                return;
            }

            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", admin);
                await create.ExecuteNonQueryAsync();
            }

            _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = _name }.ConnectionString;
        }
        else
        {
            _tempDirectory = NewSqliteDirectory();
            _connectionString = $"Data Source={Path.Combine(_tempDirectory, "govkpi.db")}";
        }

        await BeforeServerStartsAsync();
        UseKestrel(0);
        StartServer();
        await using var scope = Services.CreateAsyncScope();
        await SeedAsync(scope.ServiceProvider);
    }

    /// <summary>The PostgreSQL server in which the test database is made; null when there is none.</summary>
    protected virtual string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable);

    /// <summary>Why there is no <see cref="PostgresServer"/>.</summary>
    protected virtual string PostgresSkipReason =>
        $"PostgreSQL tests skipped: {PostgresVariable} is not set (scripts/test starts a cluster when PostgreSQL binaries exist).";

    /// <summary>The directory the SQLite file is made in (deleted with the app).</summary>
    protected virtual string NewSqliteDirectory() => Directory.CreateTempSubdirectory("govkpi-test-").FullName;

    /// <summary>Starts what the app needs to find running (a fixture's identity provider).</summary>
    protected virtual Task BeforeServerStartsAsync() => Task.CompletedTask;

    /// <summary>Stops what <see cref="BeforeServerStartsAsync"/> or the fixture started, after the app and its test database are gone.</summary>
    protected virtual Task AfterServerStoppedAsync() => Task.CompletedTask;

    /// <summary>The password of every account the app starts with.</summary>
    public virtual string Password => TestProvince.Password;

    /// <summary>Fills the new database once the server runs: the small <see cref="TestProvince"/> unless a fixture loads other data.</summary>
    protected virtual async Task SeedAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<GovKpiDbContext>();
        TestProvince.AddTo(db, services.GetRequiredService<IPasswordHasher<UserAccount>>());
        await db.SaveChangesAsync();
    }

    /// <summary>Settings every node of this fixture starts with, beside the database's.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder) => Configure(builder, this, Settings, null);

    private static void Configure(IWebHostBuilder builder, GovKpiApp app, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", app._provider == DatabaseProvider.Postgres ? "postgres" : "sqlite");
        builder.UseSetting("ConnectionStrings:GovKpi", app._connectionString);
        builder.UseSetting("Database:MigrateOnStart", "true");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(s =>
        {
            s.Replace(ServiceDescriptor.Singleton<TimeProvider>(app.Clock));
            // Last of the handlers: it sees only what the app's own left unhandled (its 500s).
            s.AddSingleton<Microsoft.AspNetCore.Diagnostics.IExceptionHandler>(new UnhandledRecorder(app.Unhandled));
            services?.Invoke(s);
        });
    }

    /// <summary>The exceptions the app answered with a 500, newest last, for a test's failure message.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Unhandled { get; } = new();

    /// <summary>What a test prints when a request it expected to succeed failed with a 500.</summary>
    public string UnhandledText => Unhandled.IsEmpty ? "(no unhandled exception recorded)" : string.Join("\n---\n", Unhandled);

    private sealed class UnhandledRecorder(System.Collections.Concurrent.ConcurrentQueue<string> into) : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
    {
        public ValueTask<bool> TryHandleAsync(Microsoft.AspNetCore.Http.HttpContext http, Exception exception, CancellationToken ct)
        {
            into.Enqueue($"{http.Request.Method} {http.Request.Path}: {exception}");
            return ValueTask.FromResult(false);
        }
    }

    /// <summary>
    /// A second instance of the app on its own port over the same database and clock, as a
    /// second node behind a load balancer would be, or the same app after a restart. The caller disposes it.
    /// </summary>
    public WebApplicationFactory<Program> StartSecondNode(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var merged = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        var node = new Node(this, merged, services);
        node.UseKestrel(0);
        node.StartServer();
        return node;
    }

    private sealed class Node(GovKpiApp first, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) => Configure(builder, first, settings, services);
    }

    /// <summary>A client of the real server that does not follow redirects, so tests can see them.</summary>
    public HttpClient CreateClientWithoutRedirects() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = ClientOptions.BaseAddress };

    /// <summary>A client with its own cookie jar, signed in as <paramref name="userName"/>.</summary>
    public async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName, password = Password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_provider == DatabaseProvider.Postgres && SkipReason is null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(PostgresServer);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        if (_tempDirectory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_tempDirectory, recursive: true);
        }

        // Last: a fixture may stop the very server its test database was dropped from.
        await AfterServerStoppedAsync();
    }
}

public sealed class SqliteApp() : GovKpiApp(DatabaseProvider.Sqlite);

public sealed class PostgresApp() : GovKpiApp(DatabaseProvider.Postgres);
