using GovKpi.Core.Alerts;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Data.Alerts;
using GovKpi.Data.Tasks;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Alerts;

/// <summary>
/// One run of the early-warning engine: loads the watched items of every source, their alerts,
/// the organisation and the policy; asks Core what to raise and close; saves it in one
/// transaction with the notices for the recipients' inboxes, from where they are mailed as each
/// person chose: an alert saved is an alert told. Run by
/// <see cref="AlertWorker"/> on every node and by <c>POST /api/alerts/evaluate</c>.
/// </summary>
public sealed class AlertEvaluation(GovKpiDbContext db, IEnumerable<IWatchedItemSource> sources, TimeProvider clock,
    ILogger<AlertEvaluation> log)
{
    /// <summary>The changes this run saved; none when nothing changed or another node saved the same changes first.</summary>
    public async Task<IReadOnlyList<AlertChange>> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (policy, _) = await AlertModel.PolicyAsync(db, ct);
        // The calendar the KPIs count working days on (calendar.csv when imported).
        var calendar = await TaskAssignmentReader.CalendarAsync(db, ct);
        var open = await db.Alerts.AsNoTracking().Where(a => a.ClosedAt == null).Select(a => new { a.ItemKind, a.ItemId }).ToListAsync(ct);
        var items = new List<WatchedItem>();
        var existing = new List<AlertRecord>();
        foreach (var source in sources)
        {
            var withOpenAlerts = open.Where(a => a.ItemKind == source.Kind).Select(a => a.ItemId).ToHashSet(StringComparer.Ordinal);
            var found = await source.ItemsAsync(withOpenAlerts, policy.Hours, calendar, ct);
            var ids = found.Select(i => i.Id).ToList();
            var kind = source.Kind;
            existing.AddRange(await db.Alerts.Where(a => a.ItemKind == kind && ids.Contains(a.ItemId)).ToListAsync(ct));
            items.AddRange(found);
        }

        var tree = new OrganisationTree(await db.Units.AsNoTracking().ToListAsync(ct), await db.UnitLineage.AsNoTracking().ToListAsync(ct));
        var staff = await db.Staff.AsNoTracking().ToListAsync(ct);
        var changes = EarlyWarnings.Evaluate(items, existing.Select(a => a.ToAlert()), now, policy, calendar, new AlertRecipients(tree, staff));
        if (changes.Count == 0)
        {
            return [];
        }

        var stored = existing.ToDictionary(a => (a.ItemKind, a.ItemId, a.Level));
        var byItem = items.ToDictionary(i => (i.Kind, i.Id));
        foreach (var change in changes)
        {
            var alert = change.Alert;
            if (change.Kind == AlertChangeKind.Closed)
            {
                var record = stored[(alert.ItemKind, alert.ItemId, alert.Level)];
                record.ClosedAt = alert.ClosedAt;
                record.CloseReason = alert.CloseReason;
                record.Version++;
            }
            else
            {
                db.Alerts.Add(AlertRecord.From(alert, byItem[(alert.ItemKind, alert.ItemId)].UnitCode));
            }
        }

        db.Notifications.AddRange(AlertNotices.For(changes, (kind, id) => byItem.TryGetValue((kind, id), out var item) ? item.DueAt : null));
        try
        {
            // One SaveChanges is one transaction: the whole batch and its notices land, or none of it.
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (AlertModel.LostToAnotherNode(e))
        {
            db.ChangeTracker.Clear();
            log.LogInformation("Alerts: another node saved the same changes first; this node's {Count} changes were dropped", changes.Count);
            return [];
        }

        return changes;
    }
}
