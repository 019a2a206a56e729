using System.Text.Json;
using GovKpi.Core.Access;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Data.Organisation;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Organisation;

/// <summary>
/// HR's administration of units, positions and staff, one record per request, within HR's unit
/// scope. The body is one row of the organisation file of the kind, with its column names as
/// properties; an edit gives only the fields it changes. Problems answer 400 keyed by field with
/// the import's messages; an unknown code 404; a unit outside the caller's scope 403; a code
/// that already exists 409.
/// </summary>
public static class OrganisationAdminEndpoints
{
    private delegate Task<AdminOutcome> Change(OrganisationAdmin admin, IReadOnlyDictionary<string, string?> body, CurrentUser user, CancellationToken ct);

    public static void MapOrganisationAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var hr = app.MapGroup("/api/organisation").WithTags("Organisation").RequireAuthorization(p => p.RequireRole(Roles.Hr));
        const OrganisationChangeSource api = OrganisationChangeSource.Api;

        hr.MapPost("/units", (JsonElement body, OrganisationAdmin admin, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            RunAsync(body, admin, http, l, (a, b, u, c) => a.CreateUnitAsync(b, u, api, c), ct));
        hr.MapPut("/units/{code}", (string code, JsonElement body, OrganisationAdmin admin, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            RunAsync(body, admin, http, l, (a, b, u, c) => a.EditUnitAsync(code, b, u, api, IfMatch(http), c), ct));
        hr.MapPost("/units/{code}/retire", (string code, JsonElement body, OrganisationAdmin admin, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            RunAsync(body, admin, http, l, (a, b, u, c) => a.RetireUnitAsync(code, b, u, api, IfMatch(http), c), ct));
        hr.MapPost("/positions", (JsonElement body, OrganisationAdmin admin, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            RunAsync(body, admin, http, l, (a, b, u, c) => a.CreatePositionAsync(b, u, api, c), ct));
        hr.MapPut("/positions/{code}", (string code, JsonElement body, OrganisationAdmin admin, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            RunAsync(body, admin, http, l, (a, b, u, c) => a.EditPositionAsync(code, b, u, api, IfMatch(http), c), ct));
        hr.MapPost("/staff", (JsonElement body, OrganisationAdmin admin, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            RunAsync(body, admin, http, l, (a, b, u, c) => a.CreateStaffAsync(b, u, api, c), ct));
        hr.MapPut("/staff/{code}", (string code, JsonElement body, OrganisationAdmin admin, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            RunAsync(body, admin, http, l, (a, b, u, c) => a.EditStaffAsync(code, b, u, api, IfMatch(http), c), ct));
        hr.MapPost("/staff/{code}/move", (string code, JsonElement body, OrganisationAdmin admin, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            RunAsync(body, admin, http, l, (a, b, u, c) => a.MoveStaffAsync(code, b, u, api, IfMatch(http), c), ct));
        hr.MapPost("/staff/{code}/leave", (string code, JsonElement body, OrganisationAdmin admin, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            RunAsync(body, admin, http, l, (a, b, u, c) => a.RecordDepartureAsync(code, b, u, api, IfMatch(http), c), ct));

        // The trail of a unit or a person is read within the caller's scope; other codes (a KPI, an account) by role alone.
        app.MapGet("/api/organisation/audit", async Task<Results<Ok<List<AuditEntryResponse>>, ForbidHttpResult>> (
                string code, string? kind, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var scope = await UnitScope.LoadAsync(db, CurrentUser.From(http.User), ct);
                if (scope.Tree.Find(code) is not null && !scope.Contains(code))
                {
                    return TypedResults.Forbid();
                }

                if (await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Code == code, ct) is { } member && !scope.Contains(member.UnitCode))
                {
                    return TypedResults.Forbid();
                }

                var entries = await db.OrganisationAudit.AsNoTracking()
                    .Where(a => a.Code == code && (kind == null || a.Kind == kind))
                    .OrderBy(a => a.Id)
                    .ToListAsync(ct);
                return TypedResults.Ok(entries.Select(AuditEntryResponse.From).ToList());
            })
            .WithTags("Organisation")
            .RequireAuthorization(p => p.RequireRole(Roles.Hr, Roles.Auditor));
    }

    private static string? IfMatch(HttpContext http) => http.Request.Headers.IfMatch.ToString() is { Length: > 0 } version ? version : null;

    private static async Task<Results<Ok<OrganisationChangeResponse>, ValidationProblem, NotFound, ForbidHttpResult, Conflict<Microsoft.AspNetCore.Mvc.ProblemDetails>>> RunAsync(
        JsonElement body, OrganisationAdmin admin, HttpContext http, IStringLocalizer<SharedResource> l, Change change, CancellationToken ct)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [""] = ["expected a JSON object with the columns of the file as properties"] },
                title: l["Organisation.Import.Invalid"]);
        }

        var outcome = await change(admin, OrganisationFileReader.FieldsOf(body), CurrentUser.From(http.User), ct);
        return outcome.Status switch
        {
            AdminStatus.Done => TypedResults.Ok(outcome.Change),
            AdminStatus.NotFound => TypedResults.NotFound(),
            AdminStatus.Forbidden => TypedResults.Forbid(),
            AdminStatus.Conflict or AdminStatus.Stale => TypedResults.Conflict(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = outcome.Status == AdminStatus.Stale ? l["Organisation.Admin.Stale"] : l["Organisation.Admin.Exists"],
                Detail = outcome.Detail,
            }),
            _ => TypedResults.ValidationProblem(outcome.Errors!, title: l["Organisation.Import.Invalid"]),
        };
    }
}
