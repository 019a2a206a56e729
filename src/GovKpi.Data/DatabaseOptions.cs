using GovKpi.Data.Audit;
using GovKpi.Data.Caching;
using Microsoft.Data.Sqlite;
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

    /// <summary>
    /// Where the keys that seal the audit trails live (docs/SECURITY.md, Sealed audit trails):
    /// <c>Audit:KeyDirectory</c> (<c>Audit__KeyDirectory</c>) when set, else <c>audit-keys</c> beside
    /// the SQLite file, else <c>./data/audit-keys</c>. The web app run by <c>scripts/run</c> and
    /// <c>./govkpi</c> run from the repository both find <c>data/audit-keys</c>.
    /// </summary>
    public string AuditKeyDirectory { get; init; } = DefaultAuditKeyDirectory(Provider, ConnectionString);

    public AuditKeyStore AuditKeys => AuditKeyStore.For(AuditKeyDirectory);

    /// <summary>The answers this process keeps in memory under the database's stamps: one per process (node), shared by its contexts.</summary>
    public StampedCache Cache { get; init; } = new();

    public static string DefaultAuditKeyDirectory(DatabaseProvider provider, string connectionString)
    {
        if (Environment.GetEnvironmentVariable("Audit__KeyDirectory") is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        if (provider == DatabaseProvider.Sqlite
            && new SqliteConnectionStringBuilder(connectionString).DataSource is { Length: > 0 } file
            && file != ":memory:" && !file.StartsWith("file:", StringComparison.Ordinal))
        {
            return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, "audit-keys");
        }

        return Path.GetFullPath(Path.Combine("data", "audit-keys"));
    }

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
        // Every save seals the audit entries it adds, whichever part of the product writes them.
        builder.AddInterceptors(AuditKeys.Sealing);
        // Every save moves the stamps of the areas it changes, so no node serves an answer older than its data.
        builder.AddInterceptors(Cache.Stamping);
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
