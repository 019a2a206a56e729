using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Organisation;

public sealed record UnitResponse(string Code, string NameVi, string NameEn, string Kind, string? ParentCode, DateOnly EffectiveFrom, DateOnly? EffectiveTo)
{
    public static UnitResponse From(Unit u) => new(u.Code, u.NameVi, u.NameEn, u.Kind.ToString(), u.ParentCode, u.EffectiveFrom, u.EffectiveTo);
}

public sealed record LineageResponse(string PredecessorCode, string PredecessorName, string SuccessorCode, string SuccessorName, string Kind, DateOnly EffectiveOn);

public sealed record UnitDetailResponse(UnitResponse Unit, IReadOnlyList<UnitResponse> Children, IReadOnlyList<LineageResponse> History, IReadOnlyList<LineageResponse> Successors);

public sealed record StaffResponse(string Code, string FullName, string Type, string UnitCode, string PositionCode, string Leader, IReadOnlyList<string> Skills, IReadOnlyList<Secondment> Secondments)
{
    public static StaffResponse From(StaffMember s) => new(s.Code, s.FullName, s.Type.ToString(), s.UnitCode, s.PositionCode, s.Leader.ToString(), s.Skills, s.Secondments);
}

public sealed record PositionResponse(string Code, string NameVi, string NameEn, string Group, string Description);

/// <summary>
/// Read access to units, their history and their staff, always within the caller's unit subtree:
/// a unit outside it answers 403, whatever the role.
/// </summary>
public static class OrganisationEndpoints
{
    public static void MapOrganisationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Organisation").RequireAuthorization();

        group.MapGet("/units", async (GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var scope = await UnitScope.LoadAsync(db, CurrentUser.From(http.User), ct);
            return TypedResults.Ok(scope.Tree.Units
                .Where(u => scope.Contains(u.Code))
                .OrderBy(u => u.Code, StringComparer.Ordinal)
                .Select(UnitResponse.From)
                .ToList());
        });

        group.MapGet("/units/{code}", async Task<Results<Ok<UnitDetailResponse>, NotFound, ForbidHttpResult>> (
            string code, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var scope = await UnitScope.LoadAsync(db, CurrentUser.From(http.User), ct);
            var unit = scope.Tree.Find(code);
            if (unit is null)
            {
                return TypedResults.NotFound();
            }

            if (!scope.Contains(code))
            {
                return TypedResults.Forbid();
            }

            // The version an edit names in If-Match (OrganisationAdminEndpoints).
            http.Response.Headers.ETag = $"\"{OrganisationAdmin.VersionOf(unit)}\"";
            return TypedResults.Ok(Describe(scope.Tree, unit));
        });

        group.MapGet("/units/{code}/staff", async Task<Results<Ok<List<StaffResponse>>, NotFound, ForbidHttpResult>> (
            string code, bool? includeSubunits, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var scope = await UnitScope.LoadAsync(db, CurrentUser.From(http.User), ct);
            if (scope.Tree.Find(code) is null)
            {
                return TypedResults.NotFound();
            }

            if (!scope.Contains(code))
            {
                return TypedResults.Forbid();
            }

            var units = includeSubunits == true ? scope.Tree.SubtreeOf(code).Where(scope.Contains).ToList() : [code];
            var staff = await db.Staff.AsNoTracking()
                .Where(s => units.Contains(s.UnitCode))
                .OrderBy(s => s.Code)
                .ToListAsync(ct);
            return TypedResults.Ok(staff.Select(StaffResponse.From).ToList());
        });

        group.MapGet("/staff/{code}", async Task<Results<Ok<StaffResponse>, NotFound, ForbidHttpResult>> (
            string code, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var scope = await UnitScope.LoadAsync(db, CurrentUser.From(http.User), ct);
            var member = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Code == code, ct);
            if (member is null)
            {
                return TypedResults.NotFound();
            }

            if (!scope.Contains(member.UnitCode))
            {
                return TypedResults.Forbid();
            }

            var latest = (await db.StaffHistory.AsNoTracking().Where(h => h.StaffCode == code).ToListAsync(ct)).MaxBy(h => h.EffectiveFrom)
                ?? StaffPlacement.AssumedFor(member, scope.Tree.Find(member.UnitCode)?.EffectiveFrom ?? DateOnly.MinValue);
            http.Response.Headers.ETag = $"\"{OrganisationAdmin.VersionOf(member, latest)}\"";
            return TypedResults.Ok(StaffResponse.From(member));
        });

        group.MapGet("/positions", async (GovKpiDbContext db, CancellationToken ct) =>
            TypedResults.Ok((await db.JobPositions.AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct))
                .Select(p => new PositionResponse(p.Code, p.NameVi, p.NameEn, p.Group.ToString(), p.Description))
                .ToList()));
    }

    internal static UnitDetailResponse Describe(OrganisationTree tree, Unit unit)
    {
        LineageResponse Edge(UnitLineage e) => new(
            e.PredecessorCode, tree.Find(e.PredecessorCode)?.NameVi ?? e.PredecessorCode,
            e.SuccessorCode, tree.Find(e.SuccessorCode)?.NameVi ?? e.SuccessorCode,
            e.Kind.ToString(), e.EffectiveOn);

        return new UnitDetailResponse(
            UnitResponse.From(unit),
            tree.ChildrenOf(unit.Code).Select(UnitResponse.From).ToList(),
            tree.HistoryOf(unit.Code).Select(Edge).ToList(),
            tree.SuccessorsOf(unit.Code).Select(Edge).ToList());
    }
}
