using System.Net.Http.Json;
using GovKpi.Web.Features.Notifications;
using GovKpi.Web.Tests.Infrastructure;

namespace GovKpi.Web.Tests.Notifications;

/// <summary>Reading an inbox that the notices round fills on its own thread.</summary>
public static class InboxKit
{
    /// <summary>
    /// Moves <paramref name="app"/>'s clock on a minute at a time until the person's inbox (as
    /// <paramref name="select"/> narrows it) holds what is looked for, or fails after a minute of real time.
    /// </summary>
    public static async Task<List<NotificationResponse>> InboxWhenAsync(this GovKpiApp app, HttpClient client, Func<List<NotificationResponse>, bool> holds,
        Func<List<NotificationResponse>, List<NotificationResponse>>? select = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var inbox = (await client.GetFromJsonAsync<List<NotificationResponse>>("/api/notifications", ApiJson.Options))!;
            inbox = select is null ? inbox : select(inbox);
            if (holds(inbox))
                return inbox;
            Assert.True(DateTime.UtcNow < deadline, "the notice did not reach the inbox within a minute");
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(100);
        }
    }
}
