using System.Net;
using System.Net.Http.Json;
using GovKpi.Data;
using GovKpi.Data.Assistant;
using GovKpi.Web.Features.Assistant;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Assistant;

/// <summary>An app keeping the assistant's exchanges 30 days, on a clock of its own.</summary>
public abstract class RetentionApp(DatabaseProvider provider) : GovKpiApp(provider)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(ExchangeRetentionWorker.Setting, "30");
    }
}

public sealed class SqliteRetentionApp() : RetentionApp(DatabaseProvider.Sqlite);

public sealed class PostgresRetentionApp() : RetentionApp(DatabaseProvider.Postgres);

/// <summary>An app told to keep no exchange at all.</summary>
public abstract class NoRetentionApp(DatabaseProvider provider) : DocumentsApp(provider)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(ExchangeRetentionWorker.Setting, "0");
    }
}

public sealed class SqliteNoRetentionApp() : NoRetentionApp(DatabaseProvider.Sqlite);

public sealed class PostgresNoRetentionApp() : NoRetentionApp(DatabaseProvider.Postgres);

/// <summary>
/// Assistant exchanges are deleted once older than <c>Assistant:RetentionDays</c>, by the
/// background worker on the app's (fake) clock: at each hour of that clock and when a node starts.
/// </summary>
public abstract class ExchangeRetentionTests<TApp>(TApp app) where TApp : GovKpiApp
{
    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private readonly string _user = "retention-" + Guid.NewGuid().ToString("N")[..8];

    private async Task AddExchangesAsync(params (string Question, TimeSpan Age)[] exchanges)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var now = app.Clock.GetUtcNow();
        foreach (var (question, age) in exchanges)
        {
            db.AssistantExchanges.Add(new AssistantExchange
            {
                At = (now - age).ToUniversalTime(), UserName = _user, Role = "Staff", Kind = "ask", Mode = "offline", Question = question, Answer = "—",
            });
        }

        await db.SaveChangesAsync();
    }

    private async Task<List<string>> KeptAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        return await db.AssistantExchanges.AsNoTracking().Where(x => x.UserName == _user).OrderBy(x => x.Question).Select(x => x.Question).ToListAsync();
    }

    /// <summary>Waits for the worker, which runs beside the test, to have deleted what it must; no time is asserted.</summary>
    private async Task<List<string>> KeptOnceGoneAsync(string gone)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var kept = await KeptAsync();
            if (!kept.Contains(gone) || patience.IsCancellationRequested)
            {
                return kept;
            }

            await Task.Delay(50);
        }
    }

    [SkippableFact]
    public async Task At_each_hour_of_the_clock_exchanges_older_than_the_retention_are_deleted_and_recent_ones_kept()
    {
        RequireDatabase();
        await AddExchangesAsync(("a-old", TimeSpan.FromDays(31)), ("b-just-expired", TimeSpan.FromDays(30) - TimeSpan.FromMinutes(30)),
            ("c-recent", TimeSpan.FromDays(29)), ("d-today", TimeSpan.FromHours(2)));

        app.Clock.Advance(ExchangeRetentionWorker.Interval);
        var kept = await KeptOnceGoneAsync("b-just-expired");

        Assert.Equal(["c-recent", "d-today"], kept);
    }

    [SkippableFact]
    public async Task A_node_deletes_expired_exchanges_when_it_starts()
    {
        RequireDatabase();
        // The second node runs with the default retention of 90 days.
        await AddExchangesAsync(("a-old", TimeSpan.FromDays(120)), ("b-recent", TimeSpan.FromDays(3)));

        using var node = app.StartSecondNode();
        var kept = await KeptOnceGoneAsync("a-old");

        Assert.Equal(["b-recent"], kept);
    }
}

public sealed class SqliteExchangeRetentionTests(SqliteRetentionApp app) : ExchangeRetentionTests<SqliteRetentionApp>(app), IClassFixture<SqliteRetentionApp>;

public sealed class PostgresExchangeRetentionTests(PostgresRetentionApp app) : ExchangeRetentionTests<PostgresRetentionApp>(app), IClassFixture<PostgresRetentionApp>;

/// <summary>With a retention of 0 days, a question is answered and nothing of it is kept.</summary>
public abstract class NoRetentionTests<TApp>(TApp app) where TApp : NoRetentionApp
{
    [SkippableFact]
    public async Task With_a_retention_of_zero_days_questions_are_answered_and_no_exchange_is_kept()
    {
        Skip.If(app.SkipReason is not null, app.SkipReason);
        using var staff = await app.SignedInAsync("staff");

        var response = await staff.PostAsJsonAsync("/api/assistant/ask", new AskRequest("Tỷ lệ hồ sơ đúng hạn được tính thế nào?"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        Assert.Equal(0, await db.AssistantExchanges.CountAsync());
    }
}

public sealed class SqliteNoRetentionTests(SqliteNoRetentionApp app) : NoRetentionTests<SqliteNoRetentionApp>(app), IClassFixture<SqliteNoRetentionApp>;

public sealed class PostgresNoRetentionTests(PostgresNoRetentionApp app) : NoRetentionTests<PostgresNoRetentionApp>(app), IClassFixture<PostgresNoRetentionApp>;
