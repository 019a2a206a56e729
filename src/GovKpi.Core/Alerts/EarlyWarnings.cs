using System.Globalization;
using GovKpi.Core.Calendar;

namespace GovKpi.Core.Alerts;

public enum AlertCloseReason
{
    /// <summary>The item was done.</summary>
    ItemDone,
    /// <summary>The item got later and the next level was raised; the closed alert stays as history.</summary>
    Climbed,
    /// <summary>The level no longer applies (the deadline was moved) and the item is not done.</summary>
    NoLongerApplies,
}

/// <summary>
/// One warning about one item at one level. (<see cref="ItemKind"/>, <see cref="ItemId"/>,
/// <see cref="Level"/>) is its identity: a level is raised at most once per item, ever.
/// </summary>
public sealed record Alert(
    WatchedKind ItemKind, string ItemId, AlertLevel Level, AlertRecipient Recipient, DateTimeOffset RaisedAt,
    DateTimeOffset? ClosedAt = null, AlertCloseReason? CloseReason = null)
{
    public bool IsOpen => ClosedAt is null;
}

public enum AlertChangeKind
{
    /// <summary>A first alert for the item: tell <see cref="AlertChange.Alert"/>'s recipient.</summary>
    Raised,
    /// <summary>A higher level than before was raised: tell the new recipient.</summary>
    Climbed,
    /// <summary>An alert closed: the recipient's inbox can mark it settled.</summary>
    Closed,
}

/// <summary>What an evaluation changed: the alert as it stands after the change.</summary>
public sealed record AlertChange(AlertChangeKind Kind, Alert Alert);

/// <summary>
/// The early-warning engine for dossiers, assigned tasks and delegated tasks. Pure: the same
/// items, alerts and instant give the same changes, and once those changes are applied,
/// evaluating again gives none. At most one alert per item is open: climbing closes the lower
/// one as <see cref="AlertCloseReason.Climbed"/> (kept as history, so a head sees that the
/// handler had been warned) and raises the higher one.
/// </summary>
public static class EarlyWarnings
{
    /// <summary>
    /// The level <paramref name="item"/> stands at, at <paramref name="now"/>; null when it is done
    /// or not due soon. Late and left times are working time, so a night, a weekend or Tết in
    /// between does not count.
    /// </summary>
    public static AlertLevel? LevelAt(WatchedItem item, DateTimeOffset now, AlertPolicy policy, WorkingCalendar calendar)
    {
        if (item.DoneAt is not null)
        {
            return null;
        }

        var late = policy.Hours.Between(item.DueAt, now, calendar);
        if (late > policy.YellowUpTo)
        {
            return AlertLevel.Red;
        }

        if (late > TimeSpan.Zero)
        {
            return AlertLevel.Yellow;
        }

        return policy.Hours.Between(now, item.DueAt, calendar) <= policy.GreenWithin ? AlertLevel.Green : null;
    }

    /// <summary>
    /// The alerts to raise and close for <paramref name="items"/> at <paramref name="now"/>, given the
    /// alerts already stored. Alerts of items not passed are left alone, so a caller may evaluate
    /// one kind of work, or one province, at a time.
    /// </summary>
    /// <exception cref="ArgumentException">The same item is passed twice.</exception>
    public static IReadOnlyList<AlertChange> Evaluate(
        IEnumerable<WatchedItem> items, IEnumerable<Alert> existing, DateTimeOffset now,
        AlertPolicy policy, WorkingCalendar calendar, AlertRecipients recipients)
    {
        var byItem = existing.ToLookup(a => (a.ItemKind, a.ItemId));
        var seen = new HashSet<(WatchedKind, string)>();
        var day = DateOnly.FromDateTime(now.ToOffset(VietnamTime.Offset).DateTime);
        var changes = new List<AlertChange>();
        foreach (var item in items)
        {
            if (!seen.Add((item.Kind, item.Id)))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{item.Kind} {item.Id} is passed twice."), nameof(items));
            }

            var alerts = byItem[(item.Kind, item.Id)].ToList();
            var target = LevelAt(item, now, policy, calendar);
            foreach (var open in alerts.Where(a => a.IsOpen && a.Level != target))
            {
                var reason = item.DoneAt is not null ? AlertCloseReason.ItemDone
                    : target > open.Level ? AlertCloseReason.Climbed
                    : AlertCloseReason.NoLongerApplies;
                changes.Add(new(AlertChangeKind.Closed, open with { ClosedAt = now, CloseReason = reason }));
            }

            if (target is { } level && alerts.All(a => a.Level != level))
            {
                var recipient = recipients.Resolve(policy.RecipientOf(level), item, day);
                var kind = alerts.Any(a => a.Level < level) ? AlertChangeKind.Climbed : AlertChangeKind.Raised;
                changes.Add(new(kind, new Alert(item.Kind, item.Id, level, recipient, now)));
            }
        }

        return changes;
    }

    /// <summary>
    /// <paramref name="existing"/> with <paramref name="changes"/> applied, keyed as the store keys
    /// them: what a store holds after saving an evaluation.
    /// </summary>
    public static IReadOnlyList<Alert> Apply(IEnumerable<Alert> existing, IEnumerable<AlertChange> changes)
    {
        var alerts = existing.ToDictionary(a => (a.ItemKind, a.ItemId, a.Level));
        foreach (var change in changes)
        {
            alerts[(change.Alert.ItemKind, change.Alert.ItemId, change.Alert.Level)] = change.Alert;
        }

        return alerts.Values.ToList();
    }
}
