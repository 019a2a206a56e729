using GovKpi.Data;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GovKpi.Web.Tests.Measurement;

/// <summary>
/// A fresh, migrated database for data-level tests, without the web app: a SQLite file in a temp
/// directory, or a database in the cluster named by <c>GOVKPI_TEST_POSTGRES</c>.
/// </summary>
public abstract class MeasurementDatabase(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly string _name = "govkpi_m_" + Guid.NewGuid().ToString("N")[..12];
    private string? _tempDirectory;

    public string? SkipReason { get; private set; }
    public DatabaseOptions Options { get; private set; } = null!;

    public GovKpiDbContext NewContext() => new(Options.ToContextOptions());

    public async Task InitializeAsync()
    {
        if (provider == DatabaseProvider.Postgres)
        {
            var server = Environment.GetEnvironmentVariable(GovKpiApp.PostgresVariable);
            if (string.IsNullOrWhiteSpace(server))
            {
                SkipReason = $"PostgreSQL tests skipped: {GovKpiApp.PostgresVariable} is not set.";
                return;
            }

            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", admin);
                await create.ExecuteNonQueryAsync();
            }

            Options = new DatabaseOptions(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(server) { Database = _name }.ConnectionString);
        }
        else
        {
            _tempDirectory = Directory.CreateTempSubdirectory("govkpi-import-").FullName;
            Options = new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_tempDirectory, "govkpi.db")}");
        }

        await using var db = NewContext();
        await db.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        if (provider == DatabaseProvider.Postgres && SkipReason is null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable(GovKpiApp.PostgresVariable));
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        if (_tempDirectory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_tempDirectory, recursive: true);
        }
    }
}

public sealed class SqliteMeasurementDatabase() : MeasurementDatabase(DatabaseProvider.Sqlite);

public sealed class PostgresMeasurementDatabase() : MeasurementDatabase(DatabaseProvider.Postgres);
