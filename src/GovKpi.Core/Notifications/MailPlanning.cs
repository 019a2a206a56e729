namespace GovKpi.Core.Notifications;

/// <summary>The notifications of one person that go out together in their daily digest.</summary>
public sealed record Digest(string RecipientStaffCode, IReadOnlyList<Notification> Notifications);

/// <summary>What to mail now. Apply it with <see cref="MarkSent"/> once the mails left.</summary>
public sealed record MailPlan(IReadOnlyList<Notification> Immediate, IReadOnlyList<Digest> Digests)
{
    public bool IsEmpty => Immediate.Count == 0 && Digests.Count == 0;

    /// <summary>
    /// Marks every planned notification mailed at <paramref name="now"/> and returns the new
    /// "last digest sent" instant of each digest recipient, so that no later plan mails them again.
    /// </summary>
    public IReadOnlyDictionary<string, DateTimeOffset> MarkSent(DateTimeOffset now)
    {
        foreach (var notification in Immediate.Concat(Digests.SelectMany(d => d.Notifications)))
            notification.MailedAt = now;
        return Digests.ToDictionary(d => d.RecipientStaffCode, _ => now, StringComparer.Ordinal);
    }
}

/// <summary>The rules of who gets which mail when (issue 13, "Notifications that reach people").</summary>
public static class MailPlanning
{
    /// <summary>
    /// Decides what goes out at <paramref name="now"/>: every unmailed notification of a person
    /// who chose immediate mail, and for each person on digest (the default) one mail a day, at or
    /// after <paramref name="digestHour"/> Vietnam time, with everything not yet mailed (what arrived
    /// since their last digest). A digest with nothing in it is not sent.
    /// </summary>
    public static MailPlan Plan(
        IEnumerable<Notification> notifications,
        IReadOnlyDictionary<string, DeliveryPreference> preferences,
        IReadOnlyDictionary<string, DateTimeOffset> lastDigestSentAt,
        DateTimeOffset now,
        int digestHour)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digestHour);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digestHour, 23);

        var todaysDigestAt = DigestAt(now, digestHour);
        var immediate = new List<Notification>();
        var digests = new List<Digest>();

        var pending = notifications
            .Where(n => n.MailedAt is null && n.CreatedAt <= now)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)
            .GroupBy(n => n.RecipientStaffCode, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var person in pending)
        {
            var preference = preferences.GetValueOrDefault(person.Key, DeliveryPreference.Digest);
            if (preference == DeliveryPreference.Immediate)
            {
                immediate.AddRange(person);
                continue;
            }
            if (now < todaysDigestAt)
                continue;
            if (lastDigestSentAt.TryGetValue(person.Key, out var last) && last >= todaysDigestAt)
                continue;
            // Everything unmailed, not only what is newer than the last digest: a notification
            // whose immediate mail failed before the person switched to the digest is not lost.
            digests.Add(new Digest(person.Key, [.. person]));
        }
        return new MailPlan(immediate, digests);
    }

    /// <summary>
    /// The instant of today's digest (today as in Vietnam at <paramref name="now"/>): from then on a
    /// person on digest whose last digest is older gets one. A store may use it to load only those.
    /// </summary>
    public static DateTimeOffset DigestAt(DateTimeOffset now, int digestHour)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digestHour);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digestHour, 23);
        return new DateTimeOffset(now.ToOffset(VietnamTime.Offset).Date.AddHours(digestHour), VietnamTime.Offset);
    }

    /// <summary>How many notifications each person has not read yet; persons with none are absent.</summary>
    public static IReadOnlyDictionary<string, int> UnreadCounts(IEnumerable<Notification> notifications) =>
        notifications.Where(n => n.ReadAt is null)
            .GroupBy(n => n.RecipientStaffCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
