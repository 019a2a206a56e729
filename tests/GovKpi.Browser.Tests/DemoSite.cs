using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace GovKpi.Browser.Tests;

/// <summary>
/// The app as a fresh install runs it — its own SQLite file, the demo province loaded on first
/// start — served by Kestrel on a free port, and Debian's Chromium driven by Playwright. The
/// clock stands still on <see cref="Today"/>, so the demo's twelve months of records (up to the
/// day before) and every page's numbers are the same whatever day the tests run.
/// </summary>
public class DemoSite(IMessageSink diagnostics) : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ChromiumVariable = "PLAYWRIGHT_CHROMIUM_EXECUTABLE";
    public static readonly DateTimeOffset Today = new(2026, 12, 8, 8, 30, 0, TimeSpan.FromHours(7));
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("govkpi-browser-").FullName;
    private readonly RequestWatch _requests = new();
    private IPlaywright? _playwright;

    /// <summary>Whether the app is started as the README's run command starts it, asking for the demo province.</summary>
    protected virtual bool LoadsDemo => true;

    public IBrowser? Browser { get; private set; }
    public string? SkipReason { get; private set; }
    public Uri BaseAddress => ClientOptions.BaseAddress;

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable(ChromiumVariable) ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            SkipReason = $"Browser tests skipped: no Chromium at {chromium} (scripts/install-test-deps installs Debian's chromium).";
            return;
        }

        UseKestrel(0);
        StartServer();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            // The closed network refuses Chromium's background calls; these flags keep it quiet and fast.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:DataDirectory", _dataDirectory);
        builder.UseSetting("Demo:Enabled", LoadsDemo ? "true" : "false");
        builder.UseSetting("Demo:Staff", "120");
        builder.UseSetting("Demo:Dossiers", "2000");
        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FakeTimeProvider(Today)));
            services.AddSingleton<IStartupFilter>(_requests);
        });
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        _requests.Report(diagnostics, GetType().Name + " " + BaseAddress);
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}

/// <summary>The app as a real installation starts it: an empty database and no demo asked for.</summary>
public sealed class EmptySite(IMessageSink diagnostics) : DemoSite(diagnostics)
{
    protected override bool LoadsDemo => false;
}
