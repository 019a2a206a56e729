using GovKpi.Core.Access;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.DelegatedTasks;

/// <summary>The delegated-task register over HTTP; every task is seen and reported on only within the receiving unit's scope.</summary>
public static class DelegatedTaskEndpoints
{
    /// <summary>Who may read the register: the receiving units' managers, HR and leaders, each within their scope.</summary>
    public static readonly string[] Readers = [Roles.Manager, Roles.Hr, Roles.Leader];

    /// <summary>Who reports progress: the receiving unit's manager, or HR on its behalf.</summary>
    public static readonly string[] Reporters = [Roles.Manager, Roles.Hr];

    public static void MapDelegatedTaskEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/delegated-tasks").WithTags("Delegated tasks");

        group.MapPost("/", async Task<Results<Created<DelegatedTaskResponse>, ValidationProblem, ForbidHttpResult, ProblemHttpResult>> (
            RegisterTaskRequest request, DelegatedTaskRegistry registry, GovKpiDbContext db, HttpContext http, IStringLocalizer<SharedResource> l,
            CancellationToken ct) =>
        {
            var user = CurrentUser.From(http.User);
            var scope = await UnitScope.LoadAsync(db, user, ct);
            var (refusal, errors, task) = await registry.RegisterAsync(request, user, scope, ct);
            return refusal switch
            {
                RegistryRefusal.None => TypedResults.Created($"/api/delegated-tasks/{Uri.EscapeDataString(task!.Code)}",
                    registry.Response(task, [], scope, await registry.CalendarAsync(ct))),
                RegistryRefusal.Forbidden => TypedResults.Forbid(),
                RegistryRefusal.Duplicate => TypedResults.Problem(title: errors["code"][0], statusCode: StatusCodes.Status409Conflict),
                _ => TypedResults.ValidationProblem(errors, title: l["DelegatedTasks.Error.Title"]),
            };
        })
        .RequireAuthorization(p => p.RequireRole(Roles.Hr))
        .WithSummary("Registers a delegated task: code, title, sourceAgency, legalBasis, receivingUnitCode, assignedOn and dueOn (yyyy-MM-dd).")
        .WithDescription("For HR, for a receiving unit within their scope. 409 when the code is taken; 400 with located messages otherwise.");

        group.MapGet("/", async (DelegatedTaskRegistry registry, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await registry.ListAsync(await UnitScope.LoadAsync(db, CurrentUser.From(http.User), ct), ct)))
        .RequireAuthorization(p => p.RequireRole(Readers))
        .WithSummary("The tasks received by units in the caller's scope, soonest due first, each with its progress today.")
        .WithDescription("progress is OnTrack, AtRisk (the percent done lags the share of working days gone by more than 15 points), "
            + "Overdue or Completed; expectedPercent, workingDaysElapsed and workingDaysTotal are the numbers behind it.");

        group.MapGet("/{code}", async Task<Results<Ok<DelegatedTaskResponse>, NotFound, ForbidHttpResult>> (
            string code, DelegatedTaskRegistry registry, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            if (await registry.LoadAsync(code, ct) is not { } found)
            {
                return TypedResults.NotFound();
            }

            var scope = await UnitScope.LoadAsync(db, CurrentUser.From(http.User), ct);
            return scope.Contains(found.Task.ReceivingUnitCode)
                ? TypedResults.Ok(registry.Response(found.Task, found.Reports, scope, await registry.CalendarAsync(ct)))
                : TypedResults.Forbid();
        })
        .RequireAuthorization(p => p.RequireRole(Readers))
        .WithSummary("One task with its reports in date order and its progress today.");

        group.MapPost("/{code}/reports", async Task<Results<Created<DelegatedTaskResponse>, ValidationProblem, NotFound, ForbidHttpResult>> (
            string code, ProgressReportRequest request, DelegatedTaskRegistry registry, GovKpiDbContext db, HttpContext http,
            IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var user = CurrentUser.From(http.User);
            var scope = await UnitScope.LoadAsync(db, user, ct);
            var (refusal, errors) = await registry.ReportAsync(code, request, user, scope, ct);
            if (refusal != RegistryRefusal.None)
            {
                return refusal switch
                {
                    RegistryRefusal.NotFound => TypedResults.NotFound(),
                    RegistryRefusal.Forbidden => TypedResults.Forbid(),
                    _ => TypedResults.ValidationProblem(errors, title: l["DelegatedTasks.Error.Title"]),
                };
            }

            var found = (await registry.LoadAsync(code, ct))!.Value;
            return TypedResults.Created($"/api/delegated-tasks/{Uri.EscapeDataString(code)}",
                registry.Response(found.Task, found.Reports, scope, await registry.CalendarAsync(ct)));
        })
        .RequireAuthorization(p => p.RequireRole(Reporters))
        .WithSummary("Adds an implementation report: percentDone (0–100), text, and reportedOn (yyyy-MM-dd, today when left out).")
        .WithDescription("For the receiving unit's manager or HR. A report of 100 % completes the task. Answers the task with its new progress.");
    }
}
