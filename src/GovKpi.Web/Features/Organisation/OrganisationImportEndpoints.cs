using System.Text.Json;
using GovKpi.Core.Access;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Data.Organisation;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Organisation;

/// <summary>A staff member with the start of their current placement and, once they have left, the day they left.</summary>
public sealed record StaffListItem(
    string Code, string FullName, string Type, string UnitCode, string PositionCode, string Leader, DateOnly? PlacedFrom, DateOnly? LeftOn);

public sealed record PlacementResponse(DateOnly EffectiveFrom, DateOnly? EffectiveTo, string UnitCode, string PositionCode, string Type, string Leader)
{
    public static PlacementResponse From(StaffPlacement p) =>
        new(p.EffectiveFrom, p.EffectiveTo, p.UnitCode, p.PositionCode, p.Type.ToString(), p.Leader.ToString());
}

public sealed record KindSummaryResponse(string Kind, int Added, int Changed, int Retired, int Unchanged)
{
    public static KindSummaryResponse From(KindSummary s) => new(s.Kind.FileStem(), s.Added, s.Changed, s.Retired, s.Unchanged);
}

/// <summary>What an organisation import did: one line per file kind given; <see cref="Changed"/> false when everything was as stored.</summary>
public sealed record OrganisationImportResponse(IReadOnlyList<KindSummaryResponse> Summary, bool Changed);

/// <summary>
/// Staff lists and histories within the caller's unit scope, and the organisation import over JSON
/// (HR only): one array per file kind with the CSV column names as properties; all or nothing.
/// </summary>
public static class OrganisationImportEndpoints
{
    public static void MapOrganisationImportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Organisation").RequireAuthorization();

        group.MapGet("/staff", async Task<Results<Ok<List<StaffListItem>>, NotFound, ForbidHttpResult>> (
            string? unit, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var scope = await UnitScope.LoadAsync(db, CurrentUser.From(http.User), ct);
            if (unit is not null && scope.Tree.Find(unit) is null)
            {
                return TypedResults.NotFound();
            }

            if (unit is not null && !scope.Contains(unit))
            {
                return TypedResults.Forbid();
            }

            var units = (unit is null ? scope.Codes : scope.Tree.SubtreeOf(unit).Where(scope.Contains)).ToList();
            var staff = await db.Staff.AsNoTracking().Where(s => units.Contains(s.UnitCode)).OrderBy(s => s.Code).ToListAsync(ct);
            var codes = staff.Select(s => s.Code).ToList();
            var latest = (await db.StaffHistory.AsNoTracking().Where(h => codes.Contains(h.StaffCode)).ToListAsync(ct))
                .GroupBy(h => h.StaffCode, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.MaxBy(h => h.EffectiveFrom)!, StringComparer.Ordinal);
            return TypedResults.Ok(staff.Select(s =>
            {
                var placement = latest.GetValueOrDefault(s.Code);
                return new StaffListItem(s.Code, s.FullName, s.Type.ToString(), s.UnitCode, s.PositionCode, s.Leader.ToString(),
                    placement?.EffectiveFrom, placement?.EffectiveTo);
            }).ToList());
        });

        // The units where the person worked keep seeing what was done there, so any placement in scope grants the read.
        group.MapGet("/staff/{code}/history", async Task<Results<Ok<List<PlacementResponse>>, NotFound, ForbidHttpResult>> (
            string code, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var member = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Code == code, ct);
            if (member is null)
            {
                return TypedResults.NotFound();
            }

            var scope = await UnitScope.LoadAsync(db, CurrentUser.From(http.User), ct);
            var history = await db.StaffHistory.AsNoTracking().Where(h => h.StaffCode == code).OrderBy(h => h.EffectiveFrom).ToListAsync(ct);
            if (!scope.Contains(member.UnitCode) && !history.Any(h => scope.Contains(h.UnitCode)))
            {
                return TypedResults.Forbid();
            }

            if (history.Count == 0)
            {
                // Loaded before histories were kept: the current placement, from the unit's start.
                var from = scope.Tree.Find(member.UnitCode)?.EffectiveFrom ?? DateOnly.MinValue;
                history.Add(StaffPlacement.AssumedFor(member, from));
            }

            return TypedResults.Ok(history.Select(PlacementResponse.From).ToList());
        });

        app.MapPost("/api/organisation/import", async Task<Results<Ok<OrganisationImportResponse>, ValidationProblem>> (
                JsonElement body, GovKpiDbContext db, TimeProvider clock, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                var read = OrganisationFileReader.ReadJson(body);
                var importer = new OrganisationImporter(db, clock);
                var result = await importer.PlanAsync(read.Rows, CurrentUser.From(http.User).UserName, OrganisationChangeSource.Api, ct);
                var problems = OrganisationImport.Ordered(read.Problems.Concat(result.Problems));
                if (problems.Count > 0 || result.Plan is not { } plan)
                {
                    return TypedResults.ValidationProblem(Keyed(problems), title: l["Organisation.Import.Invalid"]);
                }

                if (plan.ChangesAnything)
                {
                    await importer.ApplyAsync(plan, ct);
                }

                return TypedResults.Ok(new OrganisationImportResponse([.. plan.Summary.Select(KindSummaryResponse.From)], plan.ChangesAnything));
            })
            .WithTags("Organisation")
            .RequireAuthorization(p => p.RequireRole(Roles.Hr));

        app.MapGet("/api/organisation/imports/{id:guid}", async Task<Results<Ok<OrganisationImportStatus>, NotFound>> (
                Guid id, UploadQueue queue, GovKpiDbContext db, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                await OrganisationImportStatus.FindAsync(id, db, queue, l, ct) is { } status ? TypedResults.Ok(status) : TypedResults.NotFound())
            .WithTags("Organisation")
            .RequireAuthorization(p => p.RequireRole(Roles.Hr));

        app.MapGet("/organisation/import/template.xlsx", (IStringLocalizer<SharedResource> l) =>
                TypedResults.File(OrganisationTemplate.Build(l), OrganisationTemplate.ContentType, "govkpi-to-chuc-mau.xlsx"))
            .ExcludeFromDescription()
            .RequireAuthorization(p => p.RequireRole(Roles.Hr));
    }

    /// <summary>ProblemDetails errors keyed by the path of the field: <c>staff[3].unit_code</c>.</summary>
    public static Dictionary<string, string[]> Keyed(IEnumerable<OrganisationProblem> problems) => problems
        .GroupBy(Key, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(p => p.Reason).ToArray(), StringComparer.Ordinal);

    /// <summary>A field, an item (<c>(item)</c>), a whole array (<c>(array)</c>) or the whole body (<c>(body)</c>).</summary>
    private static string Key(OrganisationProblem p) => p.Column switch
    {
        "(body)" => "",
        "(array)" => p.File,
        _ when p.Column.StartsWith('(') => $"{p.File}[{p.Line}]",
        _ => $"{p.File}[{p.Line}].{p.Column}",
    };
}
