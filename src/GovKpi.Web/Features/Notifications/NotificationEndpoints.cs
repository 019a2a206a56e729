using GovKpi.Core.Notifications;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Notifications;

/// <summary>
/// The caller's own inbox and delivery choice over HTTP. Every route acts on the signed-in person's
/// staff code only: another person's notification is answered 404, as one that does not exist.
/// </summary>
public static class NotificationEndpoints
{
    public sealed record UnreadCountResponse(int Unread);

    public sealed record ReadAllResponse(int Marked);

    public static void MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization();

        group.MapGet("/", async (NotificationInbox inbox, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await inbox.ListAsync(CurrentUser.From(http.User).StaffCode, ct)))
        .WithSummary("The caller's notifications, newest first (at most 200), subject and body in the caller's language.")
        .WithDescription("Empty for an account not linked to a staff member. readAt is null while unread; mailedAt is when it left by mail.");

        group.MapGet("/unread-count", async (NotificationInbox inbox, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(new UnreadCountResponse(await inbox.UnreadCountAsync(CurrentUser.From(http.User).StaffCode, ct))))
        .WithSummary("How many of the caller's notifications are unread (the number in the header).");

        group.MapPost("/{id:long}/read", async Task<Results<NoContent, NotFound>> (long id, NotificationInbox inbox, HttpContext http, CancellationToken ct) =>
            await inbox.MarkReadAsync(CurrentUser.From(http.User).StaffCode, id, ct) is not null ? TypedResults.NoContent() : TypedResults.NotFound())
        .WithSummary("Marks one of the caller's notifications read; 404 when it is not the caller's.");

        group.MapPost("/read-all", async (NotificationInbox inbox, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(new ReadAllResponse(await inbox.MarkAllReadAsync(CurrentUser.From(http.User).StaffCode, ct))))
        .WithSummary("Marks every unread notification of the caller read and answers how many.");

        group.MapGet("/preference", async Task<Results<Ok<PreferenceResponse>, ProblemHttpResult>> (
            NotificationInbox inbox, SmtpSettings smtp, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            if (CurrentUser.From(http.User).StaffCode is not { } staff)
                return NoStaff(l);
            return TypedResults.Ok(new PreferenceResponse(await inbox.PreferenceAsync(staff, ct), smtp.DigestHour, smtp.IsConfigured, await inbox.HasEmailAsync(staff, ct)));
        })
        .WithSummary("The caller's choice: Digest (one mail a day at digestHour, Vietnam time; the default) or Immediate (one mail per notification).");

        group.MapPut("/preference", async Task<Results<Ok<PreferenceResponse>, ValidationProblem, ProblemHttpResult>> (
            PreferenceRequest request, NotificationInbox inbox, SmtpSettings smtp, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            if (CurrentUser.From(http.User).StaffCode is not { } staff)
                return NoStaff(l);
            if (ParsePreference(request.Preference) is not { } preference)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["preference"] = [l["Notifications.Error.Preference", request.Preference ?? ""].Value],
                }, title: l["Notifications.Error.Title"]);
            }

            await inbox.SetPreferenceAsync(staff, preference, ct);
            return TypedResults.Ok(new PreferenceResponse(preference, smtp.DigestHour, smtp.IsConfigured, await inbox.HasEmailAsync(staff, ct)));
        })
        .WithSummary("Sets the caller's own choice: {\"preference\": \"Digest\"} or {\"preference\": \"Immediate\"}.")
        .WithDescription("Only the caller's own; 400 keyed preference for another word; 409 for an account not linked to a staff member.");
    }

    /// <summary>Digest or Immediate (any case), nothing else: a number is not a choice.</summary>
    public static DeliveryPreference? ParsePreference(string? text) =>
        text is { Length: > 0 } && !char.IsAsciiDigit(text[0]) && Enum.TryParse<DeliveryPreference>(text, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : null;

    private static ProblemHttpResult NoStaff(IStringLocalizer<SharedResource> l) =>
        TypedResults.Problem(l["Notifications.Error.NoStaff"].Value, statusCode: StatusCodes.Status409Conflict, title: l["Notifications.Error.Title"]);
}
