using System.Globalization;
using GovKpi.Core.Measurement;
using GovKpi.Core.Privacy;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.KpiValues;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Assistant;

/// <summary>Signs of gaming the numbers (issue 5, item 6), for those who oversee others, within their <see cref="UnitScope"/>.</summary>
public static class AnomalyEndpoints
{
    public static void MapAnomalyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/assistant").WithTags("Assistant")
            .RequireAuthorization(p => p.RequireRole(AnomalyReader.Readers))
            .MapGet("/anomalies", async Task<Results<Ok<AnomalyResponse>, ValidationProblem, NotFound, ForbidHttpResult>> (
                string? unit, string? from, string? to,
                GovKpiDbContext db, AnomalyReader reader, TimeProvider clock, ExchangeRetention retention, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                var (outcome, response, errors) = await ServeAsync(unit, from, to, db, reader, clock, retention, CurrentUser.From(http.User), l, ct);
                return outcome switch
                {
                    SubjectAccess.NotFound => TypedResults.NotFound(),
                    SubjectAccess.Forbidden => TypedResults.Forbid(),
                    _ when response is null => TypedResults.ValidationProblem(errors, title: l["Assistant.Anomalies.Error.Title"]),
                    _ => TypedResults.Ok(response),
                };
            })
            .WithSummary("Signs of gaming the numbers among the handlers of a unit's subtree: refusals bunched before deadlines, completion bursts, on-time rates bought with refusals.")
            .WithDescription("unit = a unit code within the caller's scope (its subtree is searched); from, to = yyyy-MM-dd, to exclusive: the dossiers "
                + "received before to and not finished before from, with all their versions. Each handler is compared with peers of the whole province "
                + "handling the same procedures; a finding needs p ≤ falseAlarmRate ÷ tested (docs/ASSISTANT-FORECAST.md). Each finding lists its "
                + "numbers and the dossier ids behind it (those of units in the caller's scope); explainUrl lists the handler's finished dossiers over the "
                + "finding's stretch. A finding is a reason to look, not a verdict. For managers, HR, leaders and auditors; 403 for a unit outside scope.");
    }

    /// <summary>Parses, authorises and searches, and records what was served in the assistant's audit trail (the API and the page alike).</summary>
    public static async Task<(SubjectAccess Access, AnomalyResponse? Response, Dictionary<string, string[]> Errors)> ServeAsync(
        string? unit, string? from, string? to, GovKpiDbContext db, AnomalyReader reader, TimeProvider clock, ExchangeRetention retention, CurrentUser user,
        IStringLocalizer l, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(unit))
        {
            errors["unit"] = [l["Assistant.Anomalies.Error.Unit"]];
        }

        // The period rules and messages of the KPI pages.
        var window = KpiQuery.Parse(KpiSubjectScope.Unit, unit ?? "-", from, to, l, out var periodErrors);
        foreach (var (key, messages) in periodErrors)
        {
            errors[key] = messages;
        }

        if (errors.Count > 0)
        {
            return (SubjectAccess.Allowed, null, errors);
        }

        var scope = await UnitScope.LoadAsync(db, user, ct);
        var found = scope.Tree.Find(unit!.Trim());
        if (found is null)
        {
            return (SubjectAccess.NotFound, null, errors);
        }

        if (!scope.Contains(found.Code))
        {
            return (SubjectAccess.Forbidden, null, errors);
        }

        ReportingPeriod period = window!.Period;
        var response = await reader.FindAsync(found, period, scope, ct);
        AssistantLog.Add(db, clock, retention, user, "anomalies", response.Mode,
            string.Create(CultureInfo.InvariantCulture, $"anomalies {found.Code} {period.From:yyyy-MM-dd}..{period.To:yyyy-MM-dd}"),
            AnomalyReader.Summary(response));
        await db.SaveChangesAsync(ct);
        return (SubjectAccess.Allowed, response, errors);
    }
}
