using System.Globalization;
using GovKpi.Web.Features.Shared;

namespace GovKpi.Web.Features.Alerts;

/// <summary>How often each node evaluates the alerts (<c>Alerts:Every</c>, a TimeSpan, default 10 minutes).</summary>
public sealed record AlertOptions(TimeSpan Every)
{
    public static readonly TimeSpan DefaultEvery = TimeSpan.FromMinutes(10);

    /// <summary>The longest wait a timer takes (about 49 days).</summary>
    public static readonly TimeSpan LongestEvery = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <exception cref="InvalidOperationException">The setting is not a positive time span of at most <see cref="LongestEvery"/>.</exception>
    public static AlertOptions From(IConfiguration configuration)
    {
        var text = configuration["Alerts:Every"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new(DefaultEvery);
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var every) && every > TimeSpan.Zero && every <= LongestEvery
            ? new(every)
            : throw new InvalidOperationException($"Alerts:Every must be a time span from 00:00:01 to 49.00:00:00, such as 00:10:00, not '{text}'.");
    }
}

/// <summary>
/// Evaluates the early warnings every <see cref="AlertOptions.Every"/>, on one node at a time
/// (<see cref="RoundLeases"/>, row <c>alerts</c>): a node that finds another evaluating skips its
/// round. The unique key on (item, level) still keeps a level from being raised twice should two
/// evaluations meet (HR's "evaluate now", a lapsed lease), and a node whose batch loses that race
/// drops it (<see cref="AlertEvaluation"/>).
/// </summary>
internal sealed class AlertWorker(IServiceScopeFactory scopes, AlertOptions options, TimeProvider clock, IConfiguration configuration, ILogger<AlertWorker> log)
    : BackgroundService
{
    private readonly string _node = NodeName.ForClaims(configuration, null);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The host's start-up is not held by a slow database.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            await SafelyAsync(stoppingToken);
            try
            {
                await Task.Delay(options.Every, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>A database that is down is waited for, not a reason to stop the node: the next round tries again.</summary>
    private async Task SafelyAsync(CancellationToken ct)
    {
        try
        {
            await RoundLeases.RunAsync(scopes, Core.Notifications.MailRoundLease.Alerts, _node, clock, async () =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var changes = await scope.ServiceProvider.GetRequiredService<AlertEvaluation>().RunAsync(ct);
                if (changes.Count > 0)
                {
                    log.LogInformation("Alerts: {Count} raised or closed", changes.Count);
                }
            }, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogError(e, "Alerts: the evaluation failed; trying again in {Every}", options.Every);
        }
        catch (OperationCanceledException)
        {
            // The node stops.
        }
    }
}
