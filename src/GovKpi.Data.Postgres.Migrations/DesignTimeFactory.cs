using Microsoft.EntityFrameworkCore.Design;

namespace GovKpi.Data.Postgres.Migrations;

/// <summary>Lets `dotnet ef` build the model for this provider; no database is opened.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<GovKpiDbContext>
{
    public GovKpiDbContext CreateDbContext(string[] args) =>
        new(new DatabaseOptions(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=design_time").ToContextOptions());
}
