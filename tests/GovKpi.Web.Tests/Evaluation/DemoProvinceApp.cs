using GovKpi.Data;
using GovKpi.Web.Features.DemoData;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace GovKpi.Web.Tests.Evaluation;

/// <summary>
/// The app with the demo province a first run loads (seed 2026, 300 staff, a few thousand 2025
/// dossiers) and its demo accounts, so the tests drive cycles exactly as a person trying the demo would.
/// </summary>
public abstract class DemoProvinceApp(DatabaseProvider provider) : GovKpiApp(provider)
{
    public override string Password => DemoAccounts.Password;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:Dossiers", "3000");
    }

    /// <summary>The demo loader filled the database when the app started.</summary>
    protected override Task SeedAsync(IServiceProvider services) => Task.CompletedTask;
}

public sealed class SqliteDemoProvinceApp() : DemoProvinceApp(DatabaseProvider.Sqlite);

public sealed class PostgresDemoProvinceApp() : DemoProvinceApp(DatabaseProvider.Postgres);

/// <summary>The demo province at the size of a real one (3,000 staff, 150+ units), for the province-scale requests.</summary>
public abstract class LargeProvinceApp(DatabaseProvider provider) : DemoProvinceApp(provider)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Demo:Staff", "3000");
        builder.UseSetting("Demo:Dossiers", "500");
    }
}

public sealed class SqliteLargeProvinceApp() : LargeProvinceApp(DatabaseProvider.Sqlite);

public sealed class PostgresLargeProvinceApp() : LargeProvinceApp(DatabaseProvider.Postgres);
