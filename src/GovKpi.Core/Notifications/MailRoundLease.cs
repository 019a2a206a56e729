namespace GovKpi.Core.Notifications;

/// <summary>
/// The right to run one kind of round (<see cref="Name"/>), held by one node at a time for
/// <c>lease</c>: the mail round plans and sends only after saving its claim with <see cref="Version"/>
/// checked, so two nodes never mail the same notification; the deadline notices and the alert
/// evaluation likewise run on one node at a time. A node that died lets its lease lapse and another
/// takes over.
/// </summary>
public sealed class MailRoundLease
{
    /// <summary>The mail round's row.</summary>
    public const string Mail = "mail";

    /// <summary>The row of the round that raises the evaluation deadlines, reminders and task notices due today.</summary>
    public const string Notices = "notices";

    /// <summary>The row of the background evaluation of the early warnings.</summary>
    public const string Alerts = "alerts";

    public string Name { get; init; } = Mail;
    public string? Holder { get; set; }
    public DateTimeOffset Until { get; set; }
    /// <summary>Raised by every claim; the store refuses a save made from an older read.</summary>
    public int Version { get; set; }

    /// <summary>
    /// Takes (or renews) the lease for <paramref name="node"/> until <paramref name="now"/> +
    /// <paramref name="lease"/>; false while another node holds it.
    /// </summary>
    public bool TryClaim(string node, DateTimeOffset now, TimeSpan lease)
    {
        if (Holder is not null && Holder != node && Until > now)
            return false;
        Holder = node;
        Until = now + lease;
        Version++;
        return true;
    }

    /// <summary>Gives the lease up at the end of a round so the next round may run on any node.</summary>
    public bool Release(string node, DateTimeOffset now)
    {
        if (Holder != node)
            return false;
        Holder = null;
        Until = now;
        Version++;
        return true;
    }
}
