using System.Collections.Concurrent;
using GovKpi.Core;
using GovKpi.Core.Alerts;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.Notifications;
using GovKpi.Data;
using GovKpi.Data.Notifications;
using GovKpi.Web.Features.DelegatedTasks;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Notifications;

/// <summary>
/// Settings of the mail round (<c>Notifications:MailEvery</c>, default one minute;
/// <c>Notifications:MailLeaseSeconds</c>, default 300: how long a node may hold the round between
/// two saves before another node may take it over; <c>Notifications:NoticesEvery</c>, default one
/// hour: how often the evaluation deadlines and reminders are looked for).
/// </summary>
public sealed record NotificationMailOptions(TimeSpan Every, TimeSpan Lease, string Node, TimeSpan NoticesEvery)
{
    public static NotificationMailOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Notifications");
        var every = section.GetValue("MailEvery", TimeSpan.FromMinutes(1));
        return new NotificationMailOptions(
            every > TimeSpan.Zero ? every : TimeSpan.FromMinutes(1),
            TimeSpan.FromSeconds(Math.Max(30, section.GetValue("MailLeaseSeconds", 300))),
            GovKpi.Web.Features.Shared.NodeName.ForClaims(configuration, section["Node"]),
            section.GetValue("NoticesEvery", TimeSpan.FromHours(1)) is var notices && notices > TimeSpan.Zero ? notices : TimeSpan.FromHours(1));
    }
}

/// <summary>
/// Every <see cref="NotificationMailOptions.Every"/>: raises the evaluation deadlines and reminders,
/// the delegated-task report dates and the inspection follow-ups due today into the inbox (at most every <see cref="NotificationMailOptions.NoticesEvery"/>: they
/// change by the day, and reading every open cycle each minute would cost more than it tells), then,
/// when SMTP is configured, mails what <see cref="MailPlanning"/> plans. Of several nodes only the one holding the <see cref="MailRoundLease"/> mails: it saves its
/// claim (version checked) before the round and renews it with each notification it marks sent, so
/// no two nodes mail the same notification. A crash between a mail leaving and its mark being saved
/// sends that mail again in the next round (at least once, docs/OPERATIONS.md).
/// </summary>
internal sealed class NotificationMailWorker(
    IServiceScopeFactory scopes, TimeProvider clock, SmtpSettings smtp, SmtpMailSender sender, NotificationMailComposer composer,
    NotificationMailOptions options, ILogger<NotificationMailWorker> log) : BackgroundService
{
    /// <summary>At most this many immediate mails go out in one round; the rest wait for the next.</summary>
    private const int RoundSize = 2000;

    private readonly ConcurrentDictionary<string, bool> _toldWithoutAddress = new(StringComparer.Ordinal);
    private DateTimeOffset? _noticesRaisedAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The host's start-up is not held by a slow database.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            if (_noticesRaisedAt is not { } last || clock.GetUtcNow() - last >= options.NoticesEvery)
            {
                // One node at a time; a node that finds another raising them counts the round as done.
                var at = clock.GetUtcNow();
                await Safely(async () =>
                {
                    if (!await Shared.RoundLeases.RunAsync(scopes, MailRoundLease.Notices, options.Node, clock, () => RaiseNoticesAsync(stoppingToken), stoppingToken))
                        _noticesRaisedAt = at;
                }, stoppingToken);
            }

            if (smtp.IsConfigured)
                await Safely(() => MailRoundAsync(stoppingToken), stoppingToken);
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

    /// <summary>
    /// The evaluation deadlines and reminders, delegated-task report dates and inspection follow-ups
    /// due today, stored once each whatever the number of nodes (unique source keys), raised by one
    /// node at a time (lease row <c>notices</c>).
    /// </summary>
    private async Task RaiseNoticesAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var now = clock.GetUtcNow();
        var today = VietnamTime.Today(clock);
        var cycles = (await db.EvaluationCycles.AsNoTracking()
                .Where(c => c.Stage == CycleStage.SelfAssessment || c.Stage == CycleStage.Feedback360 || c.Stage == CycleStage.Published)
                .ToListAsync(ct))
            .Where(c => c.Stage != CycleStage.Published || today <= c.Deadlines.Appeal)
            .ToList();
        var ids = cycles.Select(c => c.Id).ToList();
        var evaluations = await db.Evaluations.AsNoTracking().Where(e => ids.Contains(e.CycleId)).ToListAsync(ct);
        var feedback = cycles.Where(c => c.Stage == CycleStage.Feedback360).Select(c => c.Id).ToHashSet();
        var asked = evaluations.Where(e => feedback.Contains(e.CycleId)).Select(e => e.Id).ToList();
        var requested = asked.Count == 0 ? [] : await db.RespondentRequests.AsNoTracking().Where(r => asked.Contains(r.EvaluationId)).ToListAsync(ct);
        var answered = asked.Count == 0 ? [] : await db.FeedbackRespondents.AsNoTracking().Where(r => asked.Contains(r.EvaluationId)).ToListAsync(ct);
        var notices = EvaluationNotices.Due(cycles, evaluations.ToLookup(e => e.CycleId), requested, answered, today, now);
        var register = await scope.ServiceProvider.GetRequiredService<DelegatedTaskRegistry>().LoadAllAsync(ct);
        if (register.Count > 0)
        {
            // The head of each receiving unit on the day is told, as an early warning on the task would tell them.
            var heads = new AlertRecipients(
                new Core.Organisation.OrganisationTree(await db.Units.AsNoTracking().ToListAsync(ct), await db.UnitLineage.AsNoTracking().ToListAsync(ct)),
                await db.Staff.AsNoTracking().ToListAsync(ct));
            notices = [.. notices, .. DelegatedTaskNotices.Due(
                register.Select(f => new DelegatedTaskRecord(f.Task, f.ImplementationReports, f.Inspections)), unit => heads.HeadOf(unit, today), today, now)];
        }

        await scope.ServiceProvider.GetRequiredService<NotificationInbox>().AddAsync(notices, ct);
        _noticesRaisedAt = now;
    }

    /// <summary>One round of mail, run only by the node that holds the lease.</summary>
    private async Task MailRoundAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var lease = await db.NotificationMailLease.SingleAsync(l => l.Name == MailRoundLease.Mail, ct);
        if (!await ClaimAsync(db, lease, ct))
            return;

        var now = clock.GetUtcNow();
        await TellUnreachableAsync(db, ct);
        // Only what can leave now is loaded: the notifications of people with an address who chose
        // immediate mail, and from the digest hour those of people whose digest is due. What waits
        // for tomorrow's digest or for an address never crowds out the mail due now.
        var reachable = db.Notifications.Where(n => n.MailedAt == null
            && db.Accounts.Any(a => a.StaffCode == n.RecipientStaffCode && !a.Disabled && a.Email != null && a.Email != ""));
        var pending = await reachable
            .Where(n => db.NotificationPreferences.Any(p => p.StaffCode == n.RecipientStaffCode && p.Preference == DeliveryPreference.Immediate))
            .OrderBy(n => n.Id).Take(RoundSize).ToListAsync(ct);
        var digestAt = MailPlanning.DigestAt(now, smtp.DigestHour);
        if (now >= digestAt)
        {
            pending.AddRange(await reachable
                .Where(n => !db.NotificationPreferences.Any(p => p.StaffCode == n.RecipientStaffCode && p.Preference == DeliveryPreference.Immediate)
                    && !db.NotificationDigests.Any(d => d.StaffCode == n.RecipientStaffCode && d.LastSentAt >= digestAt))
                .OrderBy(n => n.Id).ToListAsync(ct));
        }

        var people = pending.Select(n => n.RecipientStaffCode).Distinct().ToList();
        var preferences = await db.NotificationPreferences.AsNoTracking().Where(p => people.Contains(p.StaffCode))
            .ToDictionaryAsync(p => p.StaffCode, p => p.Preference, StringComparer.Ordinal, ct);
        var digests = await db.NotificationDigests.Where(d => people.Contains(d.StaffCode)).ToDictionaryAsync(d => d.StaffCode, StringComparer.Ordinal, ct);
        var plan = MailPlanning.Plan(pending, preferences, digests.ToDictionary(d => d.Key, d => d.Value.LastSentAt, StringComparer.Ordinal), now, smtp.DigestHour);
        if (!plan.IsEmpty)
        {
            var addresses = await AddressesAsync(db, people, ct);
            foreach (var notification in plan.Immediate)
            {
                if (!await SendAsync(db, lease, addresses, notification.RecipientStaffCode,
                        (address, name) => composer.Immediate(notification, address, name), new MailPlan([notification], []), digests, ct))
                    return;
            }

            foreach (var digest in plan.Digests)
            {
                if (!await SendAsync(db, lease, addresses, digest.RecipientStaffCode,
                        (address, name) => composer.DigestOf(digest, now, address, name), new MailPlan([], [digest]), digests, ct))
                    return;
            }
        }

        // The next round may run on any node.
        lease.Release(options.Node, clock.GetUtcNow());
        await SaveClaimedAsync(db, ct);
    }

    /// <summary>
    /// Sends one mail and saves its part of the plan as sent, with the lease renewed in the same save.
    /// False when the round must stop: the lease was lost (another node took over).
    /// </summary>
    private async Task<bool> SendAsync(
        GovKpiDbContext db, MailRoundLease lease, IReadOnlyDictionary<string, (string Address, string? Name)> addresses, string staffCode,
        Func<string, string?, OutgoingMail> compose, MailPlan part, Dictionary<string, NotificationDigest> digests, CancellationToken ct)
    {
        if (!addresses.TryGetValue(staffCode, out var to))
        {
            if (_toldWithoutAddress.TryAdd(staffCode, true))
                log.LogWarning("Notifications for {Staff} not mailed: no enabled account linked to that staff code has an e-mail address; they stay in the inbox", staffCode);
            return true;
        }

        // The lease must outlast the sending: renewed (version checked) before the mail leaves.
        if (!await ClaimAsync(db, lease, ct))
            return false;
        if (!await sender.SendAsync(compose(to.Address, to.Name), ct))
            return true;

        var sentAt = clock.GetUtcNow();
        foreach (var (staff, at) in part.MarkSent(sentAt))
        {
            if (digests.TryGetValue(staff, out var row))
                row.LastSentAt = at;
            else
                db.NotificationDigests.Add(digests[staff] = new NotificationDigest { StaffCode = staff, LastSentAt = at });
        }

        lease.TryClaim(options.Node, sentAt, options.Lease);
        if (await SaveClaimedAsync(db, ct))
            return true;
        log.LogError("Mail to {Staff} left, but the lease of the mail round was lost before it was marked sent: it may be sent again once", staffCode);
        return false;
    }

    private async Task<bool> ClaimAsync(GovKpiDbContext db, MailRoundLease lease, CancellationToken ct) =>
        lease.TryClaim(options.Node, clock.GetUtcNow(), options.Lease) && await SaveClaimedAsync(db, ct);

    /// <summary>Saves the lease with its version checked; false when another node changed it first.</summary>
    private static async Task<bool> SaveClaimedAsync(GovKpiDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Logs, once per node start, each person with unmailed notifications and no address to mail them to.</summary>
    private async Task TellUnreachableAsync(GovKpiDbContext db, CancellationToken ct)
    {
        var unreachable = await db.Notifications
            .Where(n => n.MailedAt == null
                && !db.Accounts.Any(a => a.StaffCode == n.RecipientStaffCode && !a.Disabled && a.Email != null && a.Email != ""))
            .Select(n => n.RecipientStaffCode).Distinct().OrderBy(c => c).Take(100).ToListAsync(ct);
        foreach (var staff in unreachable.Where(s => _toldWithoutAddress.TryAdd(s, true)))
            log.LogWarning("Notifications for {Staff} not mailed: no enabled account linked to that staff code has an e-mail address; they stay in the inbox", staff);
    }

    /// <summary>The e-mail address and name of each person, from an enabled account linked to their staff code.</summary>
    private static async Task<Dictionary<string, (string Address, string? Name)>> AddressesAsync(GovKpiDbContext db, List<string> people, CancellationToken ct)
    {
        var accounts = await db.Accounts.AsNoTracking()
            .Where(a => a.StaffCode != null && people.Contains(a.StaffCode) && !a.Disabled && a.Email != null && a.Email != "")
            .OrderBy(a => a.Id)
            .Select(a => new { a.StaffCode, a.Email })
            .ToListAsync(ct);
        var names = await db.Staff.AsNoTracking().Where(s => people.Contains(s.Code)).ToDictionaryAsync(s => s.Code, s => s.FullName, StringComparer.Ordinal, ct);
        return accounts.DistinctBy(a => a.StaffCode)
            .ToDictionary(a => a.StaffCode!, a => (a.Email!, names.GetValueOrDefault(a.StaffCode!)), StringComparer.Ordinal);
    }

    /// <summary>A database that is down is waited for, not a reason to stop the node.</summary>
    private async Task Safely(Func<Task> step, CancellationToken ct)
    {
        try
        {
            await step();
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogError(e, "Notifications: a step failed; trying again in the next round");
        }
        catch (OperationCanceledException)
        {
        }
    }
}
