using System.Net.Http.Json;
using GovKpi.Data;
using GovKpi.Web.Features.DemoData;
using GovKpi.Web.Features.KpiValues;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Home;

/// <summary>The app as a real installation starts it: an empty database, nothing asked for.</summary>
public sealed class FreshInstallation() : GovKpiApp(DatabaseProvider.Sqlite)
{
    protected override Task SeedAsync(IServiceProvider services) => Task.CompletedTask;
}

/// <summary>
/// The app as the README's run command starts it (the demo asked for), on a day in December 2026:
/// the demo's records must cover the twelve months up to the day before.
/// </summary>
public sealed class DemoInstallation : GovKpiApp
{
    public static readonly DateTimeOffset Today = new(2026, 12, 8, 8, 30, 0, TimeSpan.FromHours(7));

    public DemoInstallation() : base(DatabaseProvider.Sqlite) => Clock.SetUtcNow(Today);

    public override string Password => DemoAccounts.Password;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:Staff", "120");
        builder.UseSetting("Demo:Dossiers", "6000");
    }

    protected override Task SeedAsync(IServiceProvider services) => Task.CompletedTask;
}

public sealed class FreshInstallationTests(FreshInstallation app) : IClassFixture<FreshInstallation>
{
    [Fact]
    public async Task Started_without_the_demo_request_the_app_creates_no_account_and_no_unit()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();

        Assert.Equal(0, await db.Accounts.CountAsync());
        Assert.Equal(0, await db.Units.CountAsync());
        Assert.False(await db.Accounts.AnyAsync(a => a.UserName == DemoAccounts.Hr));
    }

    [Fact]
    public async Task The_first_page_tells_how_to_create_the_first_account()
    {
        using var client = app.CreateClient();

        var html = await client.GetStringAsync("/");

        Assert.Contains("Chưa có tài khoản nào.", html);
        Assert.Contains("./govkpi users add hr1 --role hr", html);
        Assert.DoesNotContain("dữ liệu mẫu", html);
    }

    [Fact]
    public async Task The_demo_password_signs_nobody_in()
    {
        using var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = DemoAccounts.Hr, password = DemoAccounts.Password });

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class DemoInstallationTests(DemoInstallation app) : IClassFixture<DemoInstallation>
{
    [Fact]
    public async Task The_demo_records_cover_the_twelve_months_up_to_yesterday()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();

        var received = await db.Dossiers.Select(d => d.ReceivedAt).ToListAsync();

        Assert.NotEmpty(received);
        Assert.Equal(new DateOnly(2025, 12, 8), received.Select(r => DateOnly.FromDateTime(r.ToOffset(TimeSpan.FromHours(7)).DateTime)).Min(), EarlyDays());
        Assert.Equal(new DateOnly(2026, 12, 7), received.Select(r => DateOnly.FromDateTime(r.ToOffset(TimeSpan.FromHours(7)).DateTime)).Max(), LateDays());
    }

    // The first and last working days of the window, give or take a weekend or a holiday.
    private static DateOnlyWithin EarlyDays() => new(3);

    private static DateOnlyWithin LateDays() => new(3);

    [Fact]
    public async Task A_staff_members_default_KPI_page_shows_real_numbers_for_the_current_month()
    {
        using var client = await app.SignedInAsync(DemoAccounts.Staff);
        var me = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/auth/me");
        var staffCode = me.GetProperty("staffCode").GetString();

        var table = await client.GetFromJsonAsync<KpiTableResponse>(
            $"/api/kpis/values?scope=staff&code={staffCode}&from=2026-12-01&to=2027-01-01", ApiJson.Options);
        var page = await client.GetStringAsync("/kpis/values");

        Assert.Contains(table!.Values, v => v.Value is > 0);
        // The page without parameters is the same person's current month.
        Assert.Contains($"code={staffCode}", page);
        Assert.Contains("from=2026-12-01", page);
    }

    [Theory]
    [InlineData("/home")]
    [InlineData("/organisation")]
    [InlineData("/kpis/values")]
    [InlineData("/evaluation")]
    public async Task Every_page_of_the_demo_carries_the_sample_data_banner(string path)
    {
        using var client = await app.SignedInAsync(DemoAccounts.Manager);

        var html = await client.GetStringAsync(path);

        Assert.Contains("dữ liệu mẫu", html);
    }

    [Fact]
    public async Task The_sign_in_page_of_the_demo_carries_the_banner_too()
    {
        using var client = app.CreateClient();

        var html = await client.GetStringAsync("/");

        Assert.Contains("dữ liệu mẫu", html);
        Assert.DoesNotContain("Chưa có tài khoản nào.", html);
    }
}

/// <summary>Compares two dates as equal when they are at most a few days apart.</summary>
internal sealed class DateOnlyWithin(int days) : IEqualityComparer<DateOnly>
{
    public bool Equals(DateOnly x, DateOnly y) => Math.Abs(x.DayNumber - y.DayNumber) <= days;

    public int GetHashCode(DateOnly obj) => 0;
}

/// <summary>A real installation whose administrator made the first account before anyone asked for the demo.</summary>
public sealed class AccountFirstInstallation() : GovKpiApp(DatabaseProvider.Sqlite)
{
    protected override Task SeedAsync(IServiceProvider services) => Task.CompletedTask;
}

public sealed class AccountFirstInstallationTests(AccountFirstInstallation app) : IClassFixture<AccountFirstInstallation>
{
    [Fact]
    public async Task The_demo_asked_for_later_never_goes_into_a_database_that_has_a_real_account()
    {
        await app.CreateAccountAsync("hr1", role: GovKpi.Core.Access.Role.Hr);
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<GovKpiDbContext>();
        var loader = ActivatorUtilities.CreateInstance<DemoProvinceLoader>(services,
            Microsoft.Extensions.Options.Options.Create(new DemoDataOptions { Enabled = true, Staff = 120, Dossiers = 0 }));

        await loader.LoadIfEmptyAsync();

        Assert.Equal(0, await db.Units.CountAsync());
        Assert.Equal(["hr1"], await db.Accounts.Select(a => a.UserName).ToListAsync());
    }
}
