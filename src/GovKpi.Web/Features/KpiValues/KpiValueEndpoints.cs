using GovKpi.Core.Measurement;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.KpiValues;

/// <summary>
/// KPI values and their explanations (issue 3, items 3 and 5), always within the caller's
/// <see cref="UnitScope"/>: a unit or person outside it answers 403.
/// </summary>
public static class KpiValueEndpoints
{
    public static void MapKpiValueEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/kpis").WithTags("KPI values").RequireAuthorization();

        group.MapGet("/values", async Task<Results<FileContentHttpResult, ValidationProblem, NotFound, ForbidHttpResult>> (
            string? scope, string? code, string? from, string? to,
            GovKpiDbContext db, KpiValueReader reader, HttpContext http, IStringLocalizer<SharedResource> l, IOptions<JsonOptions> json, CancellationToken ct) =>
        {
            var query = KpiQuery.Parse(scope, code, from, to, l, out var errors);
            if (query is null)
            {
                return TypedResults.ValidationProblem(errors, title: l["KpiValues.Error.Title"]);
            }

            var (access, subject) = await query.ResolveAsync(db, await UnitScope.LoadAsync(db, CurrentUser.From(http.User), ct), CurrentUser.From(http.User), ct);
            return access switch
            {
                SubjectAccess.NotFound => TypedResults.NotFound(),
                SubjectAccess.Forbidden => TypedResults.Forbid(),
                // The cached UTF-8 JSON of the table (KpiValueReader.TableJsonAsync), written out as it is.
                _ => TypedResults.Bytes(await reader.TableJsonAsync(subject!, query.Period, json.Value.SerializerOptions, ct), "application/json; charset=utf-8"),
            };
        })
        .Produces<KpiTableResponse>(StatusCodes.Status200OK, "application/json")
        .WithSummary("The seven KPIs of a unit, a unit's subtree, a staff member or the province over [from, to).")
        .WithDescription("scope = unit | subtree | staff | all (code: unit or staff code; none for all); from, to = yyyy-MM-dd, to exclusive. "
            + "A calendar month, quarter or year of the stored years is read from the stored aggregates (source = aggregates), any other "
            + "period is computed from the records (source = records). value is numerator ÷ denominator, null when the denominator is zero; "
            + "status compares it with the KPI library's target and critical threshold. 403 for a unit or person outside the caller's scope.");

        group.MapGet("/explain", async Task<Results<Ok<KpiExplanationResponse>, ValidationProblem, NotFound, ForbidHttpResult>> (
            string? kpi, string? scope, string? code, string? from, string? to, int? page, int? pageSize,
            GovKpiDbContext db, KpiValueReader reader, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var query = KpiQuery.Parse(scope, code, from, to, l, out var errors);
            var formula = KpiFormula.Find(kpi ?? "");
            if (formula is null)
            {
                errors["kpi"] = [l["KpiValues.Error.Kpi", string.Join(", ", KpiFormula.All.Select(f => f.Code))]];
            }

            if (page is < 1)
            {
                errors["page"] = [l["KpiValues.Error.Page"]];
            }

            if (pageSize is < 1 or > KpiValueReader.MaximumPageSize)
            {
                errors["pageSize"] = [l["KpiValues.Error.PageSize", KpiValueReader.MaximumPageSize]];
            }

            if (query is null || errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors, title: l["KpiValues.Error.Title"]);
            }

            var user = CurrentUser.From(http.User);
            var unitScope = await UnitScope.LoadAsync(db, user, ct);
            var (access, subject) = await query.ResolveAsync(db, unitScope, user, ct);
            return access switch
            {
                SubjectAccess.NotFound => TypedResults.NotFound(),
                SubjectAccess.Forbidden => TypedResults.Forbid(),
                _ => TypedResults.Ok(await reader.ExplainAsync(subject!, formula!, query.Period, page ?? 1, pageSize ?? 50,
                    new ResultReader(user.Role, user.StaffCode, unitScope), ct)),
            };
        })
        .WithSummary("Explains one KPI value: the formula in words, its numbers, and the records counted in the numerator and the denominator (paged).")
        .WithDescription("Same scope, code, from, to as /api/kpis/values, plus kpi (formula code) and page (from 1), pageSize (1–500, default 50). "
            + "numeratorRecords.counted and denominatorRecords.counted equal the numerator and the denominator: the records are classified by the "
            + "formula's own terms. A record's handlerCode is given only to callers who may see that person's results (themselves for staff; "
            + "people of the caller's unit scope for managers, HR, leaders and auditors); otherwise it is null and handlerHidden is true. "
            + "per_working_day's denominator is the working days (official calendar, or the imported calendar when there is one).");
    }
}
