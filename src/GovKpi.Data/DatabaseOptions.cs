using Microsoft.EntityFrameworkCore;

namespace GovKpi.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where the data lives. SQLite in <c>./data/govkpi.db</c> unless a connection string says
/// PostgreSQL; the migrations of each provider live in their own assembly.
/// </summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public const string SqliteMigrationsAssembly = "GovKpi.Data.Sqlite.Migrations";
    public const string PostgresMigrationsAssembly = "GovKpi.Data.Postgres.Migrations";

    public static DatabaseOptions DefaultSqlite(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        return new(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dataDirectory, "govkpi.db")}");
    }

    /// <summary>
    /// Reads <c>Database:Provider</c> (<c>sqlite</c> or <c>postgres</c>) and <c>ConnectionStrings:GovKpi</c>;
    /// a connection string with <c>Host=</c> implies PostgreSQL.
    /// </summary>
    public static DatabaseOptions From(string? provider, string? connectionString, string dataDirectory)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider is not null && provider.Equals("postgres", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("Database:Provider is postgres but ConnectionStrings:GovKpi is empty.");
            }

            return DefaultSqlite(dataDirectory);
        }

        var isPostgres = provider is not null
            ? provider.Equals("postgres", StringComparison.OrdinalIgnoreCase) || provider.Equals("postgresql", StringComparison.OrdinalIgnoreCase)
            : connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase);
        return new(isPostgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, connectionString);
    }

    public void Apply(DbContextOptionsBuilder builder)
    {
        switch (Provider)
        {
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly));
                break;
            default:
                builder.UseSqlite(ConnectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly));
                break;
        }
    }

    public DbContextOptions<GovKpiDbContext> ToContextOptions()
    {
        var builder = new DbContextOptionsBuilder<GovKpiDbContext>();
        Apply(builder);
        return builder.Options;
    }
}
