using GovKpi.Core.Access;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Alerts;

/// <summary>Early warnings over HTTP: the alerts of a unit scope, one's own, an evaluation now, and the policy.</summary>
public static class AlertEndpoints
{
    public static void MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/alerts").WithTags("Alerts").RequireAuthorization();

        group.MapGet("/", async Task<Results<Ok<IReadOnlyList<AlertResponse>>, ValidationProblem>> (string? level, string? kind, string? state, AlertDesk desk,
            GovKpiDbContext db, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            if (desk.Filter(level, kind, state, out var errors) is not { } filter)
            {
                return TypedResults.ValidationProblem(errors, title: l["Alerts.Error.Title"]);
            }

            var scope = await UnitScope.LoadAsync(db, CurrentUser.From(http.User), ct);
            return TypedResults.Ok(await desk.ListAsync(scope, filter, ct));
        })
        .RequireAuthorization(p => p.RequireRole(Roles.Manager, Roles.Hr, Roles.Leader, Roles.Auditor))
        .WithSummary("The alerts about items of the units in the caller's scope, or addressed to posts there: level (green, yellow, red), kind (dossier, assigned_task, delegated_task), state (open, the default, or all).")
        .WithDescription("Each alert names its recipient, or says the post is vacant (vacant true, with the unit whose head is missing).");

        group.MapGet("/mine", async Task<Results<Ok<IReadOnlyList<AlertResponse>>, ValidationProblem>> (string? level, string? kind, string? state, AlertDesk desk,
            HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            if (desk.Filter(level, kind, state, out var errors) is not { } filter)
            {
                return TypedResults.ValidationProblem(errors, title: l["Alerts.Error.Title"]);
            }

            return TypedResults.Ok(await desk.MineAsync(CurrentUser.From(http.User).StaffCode, filter, ct));
        })
        .WithSummary("The alerts addressed to the caller's staff record; same filters as /api/alerts.");

        group.MapPost("/evaluate", async (AlertEvaluation evaluation, AlertDesk desk, CancellationToken ct) =>
            TypedResults.Ok(await desk.DescribeAsync(await evaluation.RunAsync(ct), ct)))
        .RequireAuthorization(p => p.RequireRole(Roles.Hr))
        .WithSummary("Runs one evaluation now (as each node does every Alerts:Every) and returns what it raised, climbed or closed.")
        .WithDescription("Empty when nothing changed, or when another node saved the same changes at the same moment.");

        group.MapGet("/policy", async (AlertDesk desk, CancellationToken ct) => TypedResults.Ok(await desk.PolicyAsync(ct)))
        .WithSummary("The warning ladder in force (default Ho Chi Minh City's), with who changed it when and its earlier versions.");

        group.MapPut("/policy", async (AlertPolicyRequest request, AlertDesk desk, HttpContext http, CancellationToken ct) =>
            (await desk.SavePolicyAsync(request, CurrentUser.From(http.User), ct)).ToHttp())
        .RequireAuthorization(p => p.RequireRole(Roles.Hr))
        .WithSummary("HR sets the ladder: greenWithinHours, yellowUpToHours (working hours), greenTo, yellowTo, redTo (handler, division_head, agency_head), periods [{start, end}] (HH:mm).")
        .WithDescription("Each change is a new version; the earlier ones are kept as the policy's audit trail. 400 keyed by field, e.g. periods[1].end.");
    }
}
