using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.Privacy;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.KpiValues;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Assistant;

/// <summary>Forecasts and early warnings (issue 5, item 5) over the stored records, within the caller's <see cref="UnitScope"/>.</summary>
public static class ForecastEndpoints
{
    public static void MapForecastEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/assistant").WithTags("Assistant")
            .RequireAuthorization(p => p.RequireRole(Roles.AssistantUsers))
            .MapGet("/forecast", async Task<Results<Ok<ForecastResponse>, ValidationProblem, NotFound, ForbidHttpResult>> (
                string? scope, string? code, string? period, string? asOf,
                GovKpiDbContext db, ForecastReader reader, TimeProvider clock, ExchangeRetention retention, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                var user = CurrentUser.From(http.User);
                var (outcome, response, errors) = await ServeAsync(scope, code, period, asOf, db, reader, clock, retention, user, l, ct);
                return outcome switch
                {
                    SubjectAccess.NotFound => TypedResults.NotFound(),
                    SubjectAccess.Forbidden => TypedResults.Forbid(),
                    _ when response is null => TypedResults.ValidationProblem(errors, title: l["Assistant.Forecast.Error.Title"]),
                    _ => TypedResults.Ok(response),
                };
            })
            .WithSummary("Projected end-of-period KPI values of a subject and of each person in it, with intervals, targets and who is likely to miss them.")
            .WithDescription("scope = unit | subtree | staff | all and code as /api/kpis/values; period = 2026 | 2026-Q3 | 2026-07; asOf = yyyy-MM-dd, the "
                + "last day whose records count, inside the period (default: today in Vietnam). values: the subject's KPIs; people: each person of a "
                + "unit or subtree the caller may see (a Staff account only themselves) with their KPIs; likelyToMiss: the people whose chance of missing "
                + "a target is at least 50%, most likely first. Values are fractions for rates; low/high bound the 80% interval; shortfall is how far "
                + "the projection misses the target (0 when it meets it); confidence says how sure the miss/meet call is (docs/ASSISTANT-FORECAST.md). "
                + "explainUrl explains the value so far. 403 for a subject outside the caller's scope; 400 for a bad period or an as-of date outside it.");
    }

    /// <summary>
    /// Parses, authorises and forecasts, and records what was served in the assistant's audit
    /// trail: the API and the warnings page serve the same thing the same way.
    /// </summary>
    public static async Task<(SubjectAccess Access, ForecastResponse? Response, Dictionary<string, string[]> Errors)> ServeAsync(
        string? scope, string? code, string? period, string? asOf, GovKpiDbContext db, ForecastReader reader, TimeProvider clock, ExchangeRetention retention,
        CurrentUser user, IStringLocalizer l, CancellationToken ct)
    {
        var query = ForecastQuery.Parse(scope, code, period, asOf, VietnamTime.Today(clock), l, out var errors);
        if (query is null)
        {
            return (SubjectAccess.Allowed, null, errors);
        }

        var unitScope = await UnitScope.LoadAsync(db, user, ct);
        var (access, subject) = await query.Subject.ResolveAsync(db, unitScope, user, ct);
        if (access != SubjectAccess.Allowed)
        {
            return (access, null, errors);
        }

        var response = await reader.ForecastAsync(query, subject!, user, unitScope, errors, ct);
        if (response is not null)
        {
            AssistantLog.Add(db, clock, retention, user, "forecast", response.Mode,
                string.Create(CultureInfo.InvariantCulture, $"forecast {subject!.Scope} {subject.Code} {query.PeriodText} as of {query.AsOf:yyyy-MM-dd}"),
                ForecastReader.Summary(response));
            await db.SaveChangesAsync(ct);
        }

        return (SubjectAccess.Allowed, response, errors);
    }
}
