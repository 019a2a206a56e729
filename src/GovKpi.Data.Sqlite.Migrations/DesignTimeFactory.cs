using Microsoft.EntityFrameworkCore.Design;

namespace GovKpi.Data.Sqlite.Migrations;

/// <summary>Lets `dotnet ef` build the model for this provider; no database is opened.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<GovKpiDbContext>
{
    public GovKpiDbContext CreateDbContext(string[] args) =>
        new(new DatabaseOptions(DatabaseProvider.Sqlite, "Data Source=design-time.db").ToContextOptions());
}
