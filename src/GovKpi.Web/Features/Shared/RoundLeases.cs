using GovKpi.Core.Notifications;
using GovKpi.Data;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Shared;

/// <summary>
/// Runs a background round (the deadline notices, the alert evaluation) on one node at a time: the
/// node saves its claim of the round's <see cref="MailRoundLease"/> row with the version checked,
/// runs, and releases it. A node that finds the row held skips that round; the holder is doing the
/// same work. What a round writes stays idempotent on its own (unique keys), so a node that died
/// holding the lease only delays the next rounds by <see cref="Lease"/>.
/// </summary>
public static class RoundLeases
{
    /// <summary>How long a claim holds when its node dies mid-round: longer than any round takes on a province.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(15);

    /// <summary>Runs <paramref name="round"/> unless another node holds <paramref name="name"/>; true when it ran.</summary>
    public static async Task<bool> RunAsync(
        IServiceScopeFactory scopes, string name, string node, TimeProvider clock, Func<Task> round, CancellationToken ct)
    {
        if (!await ChangeAsync(scopes, name, l => l.TryClaim(node, clock.GetUtcNow(), Lease), ct))
        {
            return false;
        }

        try
        {
            await round();
        }
        finally
        {
            // Released even when the round failed, so that the next round may run on any node at once.
            await ChangeAsync(scopes, name, l => l.Release(node, clock.GetUtcNow()), CancellationToken.None);
        }

        return true;
    }

    /// <summary>Changes the row and saves it with its version checked; false when it refused or another node saved first.</summary>
    private static async Task<bool> ChangeAsync(IServiceScopeFactory scopes, string name, Func<MailRoundLease, bool> change, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var lease = await db.NotificationMailLease.SingleAsync(l => l.Name == name, ct);
        if (!change(lease))
        {
            return false;
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }
}
