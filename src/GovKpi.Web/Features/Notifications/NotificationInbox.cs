using GovKpi.Core.Notifications;
using GovKpi.Data;
using GovKpi.Data.Caching;
using GovKpi.Data.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Notifications;

/// <summary>One notification as its recipient reads it, in their language.</summary>
public sealed record NotificationResponse(
    long Id, NotificationKind Kind, string Subject, string Body, string? Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt, DateTimeOffset? MailedAt);

/// <summary>A person's delivery choice, the digest hour (Vietnam time) and whether mail can reach them at all.</summary>
public sealed record PreferenceResponse(DeliveryPreference Preference, int DigestHour, bool MailConfigured, bool HasEmail);

public sealed record PreferenceRequest(string? Preference);

/// <summary>
/// Every person's inbox. <see cref="AddAsync"/> is where every raiser (alerts, evaluation deadlines,
/// delegated-task report dates) hands its notifications; the reads and changes act only on the
/// caller's own notifications, found by their staff code, so another person's are never reached.
/// </summary>
public sealed class NotificationInbox(GovKpiDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l, StampedCache cache)
{
    /// <summary>How many notifications the inbox shows, newest first.</summary>
    public const int PageSize = 200;

    /// <summary>
    /// Stores the notifications whose <see cref="Notification.SourceKey"/> is not stored yet (and
    /// every one without a key). Raising the same key twice, in one call or two, or on two nodes at
    /// once, stores it once: the key is unique in the table, and a save that loses that race is
    /// taken again one by one, skipping the keys another node stored meanwhile. Call it outside a
    /// transaction of one's own and with nothing else unsaved in the scope's context: a lost race
    /// clears the context's tracked entities.
    /// </summary>
    public async Task AddAsync(IReadOnlyList<Notification> notifications, CancellationToken ct)
    {
        var fresh = notifications
            .DistinctBy(n => n.SourceKey is null ? (object)n : n.SourceKey)
            .ToList();
        var keys = fresh.Where(n => n.SourceKey is not null).Select(n => n.SourceKey!).ToList();
        var stored = await StoredKeysAsync(keys, ct);
        fresh.RemoveAll(n => n.SourceKey is not null && stored.Contains(n.SourceKey));
        if (fresh.Count == 0)
            return;

        db.Notifications.AddRange(fresh);
        try
        {
            await db.SaveChangesAsync(ct);
            return;
        }
        catch (DbUpdateException)
        {
            // Another node stored one of these keys between the look and the save.
            db.ChangeTracker.Clear();
        }

        foreach (var notification in fresh)
        {
            List<string> key = notification.SourceKey is { } k ? [k] : [];
            if (key.Count > 0 && (await StoredKeysAsync(key, ct)).Count > 0)
                continue;
            db.Notifications.Add(notification);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                // Lost the race for this key: stored by the other node, which is what was asked.
                if (key.Count == 0 || (await StoredKeysAsync(key, ct)).Count == 0)
                    throw;
            }
        }
    }

    private async Task<HashSet<string>> StoredKeysAsync(List<string> keys, CancellationToken ct)
    {
        var stored = new HashSet<string>(StringComparer.Ordinal);
        // In slices, so that a long list stays within every provider's limit on parameters.
        foreach (var slice in keys.Chunk(500))
        {
            var some = slice.ToList();
            stored.UnionWith(await db.Notifications.AsNoTracking()
                .Where(n => n.SourceKey != null && some.Contains(n.SourceKey)).Select(n => n.SourceKey!).ToListAsync(ct));
        }
        return stored;
    }

    /// <summary>The person's notifications, newest first, in the reader's language.</summary>
    public async Task<List<NotificationResponse>> ListAsync(string? staffCode, CancellationToken ct)
    {
        if (staffCode is null)
            return [];
        var found = await db.Notifications.AsNoTracking().Where(n => n.RecipientStaffCode == staffCode)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(PageSize).ToListAsync(ct);
        return found.Select(Response).ToList();
    }

    /// <summary>
    /// The count in the top bar of every page, kept under the stamp notices move (the evaluation
    /// area, <see cref="CacheStamps.AreaOf"/>): it was a query of every signed-in request.
    /// </summary>
    public async Task<int> UnreadCountAsync(string? staffCode, CancellationToken ct) => staffCode is null
        ? 0
        : (await cache.GetOrLoadAsync(db, "unread-notices\u001f" + staffCode, [CacheArea.Evaluation], size: 1,
            async c => Tuple.Create(await db.Notifications.CountAsync(n => n.RecipientStaffCode == staffCode && n.ReadAt == null, c)), ct)).Item1;

    /// <summary>Marks one of the person's notifications read and returns it; null when it is not theirs or does not exist.</summary>
    public async Task<Notification?> MarkReadAsync(string? staffCode, long id, CancellationToken ct)
    {
        var notification = staffCode is null
            ? null
            : await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.RecipientStaffCode == staffCode, ct);
        if (notification is { ReadAt: null })
        {
            notification.ReadAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        return notification;
    }

    /// <summary>Marks every unread notification of the person read; returns how many.</summary>
    public async Task<int> MarkAllReadAsync(string? staffCode, CancellationToken ct)
    {
        if (staffCode is null)
            return 0;
        var now = clock.GetUtcNow();
        var unread = await db.Notifications.Where(n => n.RecipientStaffCode == staffCode && n.ReadAt == null).ToListAsync(ct);
        unread.ForEach(n => n.ReadAt = now);
        await db.SaveChangesAsync(ct);
        return unread.Count;
    }

    public async Task<DeliveryPreference> PreferenceAsync(string staffCode, CancellationToken ct) =>
        (await db.NotificationPreferences.AsNoTracking().SingleOrDefaultAsync(p => p.StaffCode == staffCode, ct))?.Preference
        ?? DeliveryPreference.Digest;

    /// <summary>Whether an enabled account linked to the person has an e-mail address to mail to.</summary>
    public Task<bool> HasEmailAsync(string staffCode, CancellationToken ct) =>
        db.Accounts.AnyAsync(a => a.StaffCode == staffCode && !a.Disabled && a.Email != null && a.Email != "", ct);

    public async Task SetPreferenceAsync(string staffCode, DeliveryPreference preference, CancellationToken ct)
    {
        var row = await db.NotificationPreferences.SingleOrDefaultAsync(p => p.StaffCode == staffCode, ct);
        if (row is null)
            db.NotificationPreferences.Add(new NotificationPreference { StaffCode = staffCode, Preference = preference });
        else
            row.Preference = preference;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (row is null)
        {
            // The person's first choice was saved at the same moment from another tab or node: the later one wins.
            db.ChangeTracker.Clear();
            await SetPreferenceAsync(staffCode, preference, ct);
        }
    }

    public NotificationResponse Response(Notification n) => new(
        n.Id, n.Kind, Render(n.Subject), Render(n.Body), n.Link, n.CreatedAt, n.ReadAt, n.MailedAt);

    private string Render(LocalisableText text) => l[text.Key, [.. text.Arguments]].Value;
}
