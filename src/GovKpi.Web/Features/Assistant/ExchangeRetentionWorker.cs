using GovKpi.Core.Privacy;
using GovKpi.Data;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Assistant;

/// <summary>
/// Deletes the assistant's exchanges that have outlived <c>Assistant:RetentionDays</c>
/// (<see cref="ExchangeRetention"/> decides which): once when the app starts, then every
/// <see cref="Interval"/> of the injected clock. Several nodes may run it at once; deleting the
/// same rows twice is harmless.
/// </summary>
internal sealed class ExchangeRetentionWorker(ExchangeRetention retention, TimeProvider clock, IServiceScopeFactory scopes,
    ILogger<ExchangeRetentionWorker> log) : BackgroundService
{
    public const string Setting = "Assistant:RetentionDays";

    /// <summary>An exchange outlives its retention by an hour at most.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private const int Batch = 500;

    public static void AddExchangeRetention(IServiceCollection services, IConfiguration configuration)
    {
        var retention = ExchangeRetention.Parse(configuration[Setting], out var problem)
            ?? throw new InvalidOperationException($"{Setting}: {problem}");
        services.AddSingleton(retention);
        services.AddHostedService<ExchangeRetentionWorker>();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The timer exists before the first purge, so that no tick of the clock is missed while it runs.
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A node started before `govkpi migrate` has no table yet; the next tick tries again.
                log.LogError(e, "Deleting assistant exchanges older than {Days} days failed", retention.Days);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes the expired exchanges and says how many.</summary>
    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var now = clock.GetUtcNow();
        // Read and decided here rather than compared in SQL: SQLite stores these instants as text.
        var stored = await db.AssistantExchanges.AsNoTracking().Select(x => new { x.Id, x.At }).ToListAsync(ct);
        var expired = retention.Expired(stored.Select(x => (x.Id, x.At)), now);
        foreach (var ids in expired.Chunk(Batch))
        {
            await db.AssistantExchanges.Where(x => ids.Contains(x.Id)).ExecuteDeleteAsync(ct);
        }

        if (expired.Count > 0)
        {
            log.LogInformation("Deleted {Count} assistant exchanges older than {Days} days", expired.Count, retention.Days);
        }

        return expired.Count;
    }
}
