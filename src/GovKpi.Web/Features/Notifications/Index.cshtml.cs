using GovKpi.Core.Notifications;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovKpi.Web.Features.Notifications;

/// <summary>The signed-in person's inbox: newest first, unread marked, mark read, and their own mail choice.</summary>
public sealed class IndexModel(NotificationInbox inbox, SmtpSettings smtp) : PageModel
{
    public List<NotificationResponse> Notifications { get; private set; } = [];
    public int Unread { get; private set; }
    public string? StaffCode { get; private set; }
    public DeliveryPreference Preference { get; private set; }
    public int DigestHour => smtp.DigestHour;
    public bool MailConfigured => smtp.IsConfigured;
    public bool HasEmail { get; private set; }
    public bool Saved { get; private set; }

    public async Task OnGetAsync(bool saved, CancellationToken ct)
    {
        Saved = saved;
        StaffCode = CurrentUser.From(User).StaffCode;
        Notifications = await inbox.ListAsync(StaffCode, ct);
        Unread = await inbox.UnreadCountAsync(StaffCode, ct);
        if (StaffCode is not null)
        {
            Preference = await inbox.PreferenceAsync(StaffCode, ct);
            HasEmail = await inbox.HasEmailAsync(StaffCode, ct);
        }
    }

    /// <summary>Opens a notification: marks it read and goes to its item (or back to the inbox).</summary>
    public async Task<IActionResult> OnPostOpenAsync(long id, CancellationToken ct)
    {
        if (await inbox.MarkReadAsync(CurrentUser.From(User).StaffCode, id, ct) is not { } notification)
            return NotFound();
        var link = notification.Link;
        // Only a path of this site: a stored link never sends the reader elsewhere.
        return link is { Length: > 1 } && link[0] == '/' && link[1] != '/' && link[1] != '\\' ? LocalRedirect(link) : Redirect("/notifications");
    }

    public async Task<IActionResult> OnPostReadAsync(long id, CancellationToken ct) =>
        await inbox.MarkReadAsync(CurrentUser.From(User).StaffCode, id, ct) is not null ? Redirect("/notifications") : NotFound();

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        await inbox.MarkAllReadAsync(CurrentUser.From(User).StaffCode, ct);
        return Redirect("/notifications");
    }

    public async Task<IActionResult> OnPostPreferenceAsync(string? preference, CancellationToken ct)
    {
        if (CurrentUser.From(User).StaffCode is not { } staff || NotificationEndpoints.ParsePreference(preference) is not { } choice)
            return BadRequest();
        await inbox.SetPreferenceAsync(staff, choice, ct);
        return Redirect("/notifications?saved=true");
    }
}
