using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.Collective;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Data.Collective;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.KpiLibrary;
using GovKpi.Web.Features.KpiValues;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Collective;

/// <summary>Parsing of the query parameters the collective pages and API share.</summary>
public static class CollectiveQuery
{
    /// <summary>Who may read units' results and goals: people, each within their scope; not machine accounts.</summary>
    public static readonly string[] Readers = [Roles.Staff, Roles.Manager, Roles.Hr, Roles.Leader, Roles.Auditor];

    /// <summary>Who may set the province's objectives and cascade them to units.</summary>
    public static readonly string[] GoalWriters = [Roles.Hr, Roles.Leader];

    /// <summary>The unit kinds that have collective sets, as the API spells them.</summary>
    public static readonly UnitKind[] Kinds = [UnitKind.Commune, UnitKind.Agency, UnitKind.Division, UnitKind.ServiceCentre];

    /// <summary><c>2026-Q3</c>, <c>2026-07</c> or <c>2026</c>; without one, the current quarter.</summary>
    public static EvaluationPeriod? Period(string? text, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            var today = VietnamTime.Today(clock);
            return EvaluationPeriod.Create(PeriodKind.Quarter, today.Year, (today.Month + 2) / 3);
        }

        var parts = text.Trim().Split('-');
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || parts[0].Length != 4)
        {
            return null;
        }

        return parts switch
        {
            [_] => EvaluationPeriod.Create(PeriodKind.Year, year, null),
            [_, ['Q', var q]] when q is >= '1' and <= '4' => EvaluationPeriod.Create(PeriodKind.Quarter, year, q - '0'),
            [_, { Length: 2 } m] when int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var month) => EvaluationPeriod.Create(PeriodKind.Month, year, month),
            _ => null,
        };
    }

    /// <summary><c>commune</c>, <c>service_centre</c>…: a kind with collective sets, in any case, underscores ignored.</summary>
    public static UnitKind? Kind(string? text)
    {
        var name = text?.Replace("_", "", StringComparison.Ordinal);
        return Kinds.Where(k => string.Equals(k.ToString(), name, StringComparison.OrdinalIgnoreCase)).Select(k => (UnitKind?)k).FirstOrDefault();
    }

    /// <summary>Whether the caller's scope is the whole province (a root of the organisation).</summary>
    public static bool SeesProvince(UnitScope scope, CurrentUser user) => scope.Tree.Roots.Any(r => r.Code == user.ScopeUnitCode);
}

/// <summary>
/// Collective KPIs over HTTP (ADR 0017): units' results and ranking, collective KPI sets, the
/// province's objectives cascaded to units (and positions), and deputies' fields.
/// </summary>
public static class CollectiveEndpoints
{
    public static void MapCollectiveEndpoints(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api").WithTags("Collective KPIs and goals").RequireAuthorization(p => p.RequireRole(CollectiveQuery.Readers));

        read.MapGet("/units/results", async Task<Results<Ok<UnitRankingResponse>, ValidationProblem>> (
            string? kind, string? period, UnitResultReader results, GoalReader goals, GovKpi.Web.Features.FieldWork.FieldWorkDesk fieldWork, GovKpiDbContext db,
            HttpContext http, TimeProvider clock, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            var unitKind = CollectiveQuery.Kind(kind ?? "commune");
            var parsed = CollectiveQuery.Period(period, clock);
            if (unitKind is null)
            {
                errors["kind"] = [l["UnitResults.Error.Kind", string.Join(", ", CollectiveQuery.Kinds.Select(k => k.ToString().ToLowerInvariant()))]];
            }

            if (parsed is null)
            {
                errors["period"] = [l["UnitResults.Error.Period", period ?? ""]];
            }

            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors, title: l["UnitResults.Error.Title"]);
            }

            var scope = await UnitScope.LoadAsync(db, CurrentUser.From(http.User), ct);
            var ranked = await results.RankingAsync(unitKind!.Value, parsed!.Dates, scope.Contains, ct);
            var units = await goals.ResponsesAsync(ranked, scope, parsed.Dates, ct);
            return TypedResults.Ok(new UnitRankingResponse(unitKind.Value, parsed.Label, parsed.From, parsed.To,
                await fieldWork.WithFieldWorkAsync(units, scope, parsed.From, parsed.To, ct)));
        })
        .WithSummary("Units of a kind (commune, agency, division, service_centre) ranked by their result for a period (2026-Q3, 2026-07, 2026; default the current quarter), each with its field work.")
        .WithDescription("Each result is the achievement of the unit's collective KPI set against its targets; only the units within the caller's scope.");

        read.MapGet("/units/{code}/result", async Task<Results<Ok<UnitResultResponse>, NotFound, ForbidHttpResult, ValidationProblem>> (
            string code, string? period, UnitResultReader results, GoalReader goals, GovKpiDbContext db, HttpContext http, TimeProvider clock,
            IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            if (CollectiveQuery.Period(period, clock) is not { } parsed)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["period"] = [l["UnitResults.Error.Period", period ?? ""]] }, title: l["UnitResults.Error.Title"]);
            }

            var scope = await UnitScope.LoadAsync(db, CurrentUser.From(http.User), ct);
            if (scope.Tree.Find(code) is null)
            {
                return TypedResults.NotFound();
            }

            if (!scope.Contains(code))
            {
                return TypedResults.Forbid();
            }

            return await results.ResultAsync(code, parsed.From, parsed.To, ct) is { } result
                ? TypedResults.Ok(await goals.ResponseAsync(new RankedUnit(null, result), scope, parsed.Dates, ct) with
                {
                    FieldWork = await http.RequestServices.GetRequiredService<GovKpi.Web.Features.FieldWork.FieldWorkDesk>().SummaryAsync(scope, code, parsed.From, parsed.To, ct),
                })
                : TypedResults.NotFound();
        })
        .WithSummary("One unit's result for a period: what its head's \"unit result\" reads, with its field work (mobile sessions, citizen meetings and their follow-ups).");

        read.MapGet("/units/{code}/targets", async Task<Results<Ok<IReadOnlyList<UnitTargetResponse>>, NotFound, ForbidHttpResult>> (
            string code, int? year, GoalReader goals, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var scope = await UnitScope.LoadAsync(db, CurrentUser.From(http.User), ct);
            if (scope.Tree.Find(code) is null)
            {
                return TypedResults.NotFound();
            }

            return scope.Contains(code) ? TypedResults.Ok(await goals.TargetsOfAsync(code, year, ct)) : TypedResults.Forbid();
        })
        .WithSummary("The unit's cascaded targets, each with the province objective it serves.");

        read.MapGet("/unit-kpi-sets", async (GovKpiDbContext db, CancellationToken ct) =>
        {
            var stored = await db.CollectiveSets().AsNoTracking().ToListAsync(ct);
            return TypedResults.Ok(UnitKpiSets.BuiltIn.Select(s => CollectiveSetResponse.Of(s, builtIn: true))
                .Concat(stored.OrderBy(s => s.Holder).ThenBy(s => s.PositionCode, StringComparer.Ordinal).ThenBy(s => s.Version).Select(s => CollectiveSetResponse.Of(s, builtIn: false)))
                .ToList());
        })
        .WithSummary("The built-in sets of the unit kinds and every stored version of the kinds' and units' own collective sets.");

        app.MapPost("/api/unit-kpi-sets/{holder}/{code}", async Task<Results<Created<CollectiveSetResponse>, NotFound, ForbidHttpResult, ValidationProblem>> (
            string holder, string code, KpiSetRequest request, CollectiveDesk desk, GovKpiDbContext db, HttpContext http, IStringLocalizer<SharedResource> l,
            CancellationToken ct) =>
        {
            KpiSetHolder? parsed = holder switch { "kind" => KpiSetHolder.UnitKind, "unit" => KpiSetHolder.Unit, _ => null };
            if (parsed is null)
            {
                return TypedResults.NotFound();
            }

            var setCode = parsed == KpiSetHolder.UnitKind && CollectiveQuery.Kind(code) is { } kind ? UnitKpiSets.KindCode(kind) : code;
            var user = CurrentUser.From(http.User);
            var scope = await UnitScope.LoadAsync(db, user, ct);
            var (refusal, errors, saved) = await desk.NewSetVersionAsync(parsed.Value, setCode, request, user, scope, ct);
            return refusal switch
            {
                CollectiveRefusal.None => TypedResults.Created($"/api/unit-kpi-sets", CollectiveSetResponse.Of(saved!, builtIn: false)),
                CollectiveRefusal.NotFound => TypedResults.NotFound(),
                CollectiveRefusal.Forbidden => TypedResults.Forbid(),
                _ => TypedResults.ValidationProblem(errors, title: l["Smart.Title"]),
            };
        })
        .WithTags("Collective KPIs and goals")
        .RequireAuthorization(p => p.RequireRole(Roles.KpiDesigners))
        .WithSummary("Adds the next version of a unit kind's (holder kind, code commune…) or a unit's (holder unit) collective KPI set.")
        .WithDescription("Body as for a position's set; items may name the objective their target serves (objectiveCode). Only measured KPIs.");

        MapGoals(app, read);
        MapDeputyFields(app, read);
    }

    private static void MapGoals(IEndpointRouteBuilder app, RouteGroupBuilder read)
    {
        read.MapGet("/goals", async (int? year, GoalReader goals, CancellationToken ct) => TypedResults.Ok(await goals.ListAsync(year, ct)))
            .WithSummary("The province's yearly objectives (code, name, year, KPI, province target), of one year with ?year=.");

        read.MapGet("/goals/{code}", async Task<Results<Ok<GoalTreeResponse>, NotFound>> (
            string code, GoalReader goals, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var user = CurrentUser.From(http.User);
            var scope = await UnitScope.LoadAsync(db, user, ct);
            return await goals.TreeAsync(code, scope, CollectiveQuery.SeesProvince(scope, user), ct) is { } tree ? TypedResults.Ok(tree) : TypedResults.NotFound();
        })
        .WithSummary("An objective's cascade: the units' targets within the caller's scope with their measured value and achievement over the year, the positions' set targets that serve it, and warnings.");

        var write = app.MapGroup("/api/goals").WithTags("Collective KPIs and goals").RequireAuthorization(p => p.RequireRole(CollectiveQuery.GoalWriters));

        write.MapPost("/", async Task<Results<Created<ObjectiveResponse>, ForbidHttpResult, Conflict<HttpValidationProblemDetails>, ValidationProblem>> (
            ObjectiveRequest request, CollectiveDesk desk, GoalReader goals, GovKpiDbContext db, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var user = CurrentUser.From(http.User);
            var (refusal, errors, saved) = await desk.SaveObjectiveAsync(null, request, user, await UnitScope.LoadAsync(db, user, ct), ct);
            return refusal switch
            {
                CollectiveRefusal.None => TypedResults.Created($"/api/goals/{Uri.EscapeDataString(saved!.Code)}", (await goals.ListAsync(saved.Year, ct)).Single(o => o.Code == saved.Code)),
                CollectiveRefusal.Forbidden => TypedResults.Forbid(),
                CollectiveRefusal.Conflict => TypedResults.Conflict(new HttpValidationProblemDetails(errors) { Title = l["Goals.Error.Title"] }),
                _ => TypedResults.ValidationProblem(errors, title: l["Goals.Error.Title"]),
            };
        })
        .WithSummary("Adds a yearly objective of the province: code, name, year, kpiCode (a measured KPI, one objective per KPI and year), provinceTarget.")
        .WithDescription("For HR and province leaders whose scope is the province.");

        write.MapPut("/{code}", async Task<Results<Ok<ObjectiveResponse>, NotFound, ForbidHttpResult, ValidationProblem>> (
            string code, ObjectiveRequest request, CollectiveDesk desk, GoalReader goals, GovKpiDbContext db, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var user = CurrentUser.From(http.User);
            var (refusal, errors, saved) = await desk.SaveObjectiveAsync(code, request, user, await UnitScope.LoadAsync(db, user, ct), ct);
            return refusal switch
            {
                CollectiveRefusal.None => TypedResults.Ok((await goals.ListAsync(saved!.Year, ct)).Single(o => o.Code == saved.Code)),
                CollectiveRefusal.NotFound => TypedResults.NotFound(),
                CollectiveRefusal.Forbidden => TypedResults.Forbid(),
                _ => TypedResults.ValidationProblem(errors, title: l["Goals.Error.Title"]),
            };
        })
        .WithSummary("Changes an objective's name or province target; its KPI and year are fixed, since targets serve it.");

        write.MapPut("/{code}/targets", async Task<Results<Ok<GoalTreeResponse>, NotFound, ForbidHttpResult, ValidationProblem>> (
            string code, UnitTargetsRequest request, CollectiveDesk desk, GoalReader goals, GovKpiDbContext db, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var user = CurrentUser.From(http.User);
            var scope = await UnitScope.LoadAsync(db, user, ct);
            var (refusal, errors) = await desk.SetTargetsAsync(code, request, user, scope, ct);
            return refusal switch
            {
                CollectiveRefusal.None => TypedResults.Ok((await goals.TreeAsync(code, scope, CollectiveQuery.SeesProvince(scope, user), ct))!),
                CollectiveRefusal.NotFound => TypedResults.NotFound(),
                CollectiveRefusal.Forbidden => TypedResults.Forbid(),
                _ => TypedResults.ValidationProblem(errors, title: l["Goals.Error.Title"]),
            };
        })
        .WithSummary("Sets the units' targets under an objective (targets: [{unitCode, target}]), replacing those of the units in the caller's scope.")
        .WithDescription("Returns the objective's tree with its warnings: a unit looser than the province for a rate KPI, targets that do not add up for a count per working day.");
    }

    private static void MapDeputyFields(IEndpointRouteBuilder app, RouteGroupBuilder read)
    {
        read.MapGet("/organisation/staff/{code}/field", async Task<Results<Ok<DeputyFieldResponse>, NotFound, ForbidHttpResult>> (
            string code, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var (access, _) = await DeputyAsync(code, db, http, ct);
            if (access != SubjectAccess.Allowed)
            {
                return access == SubjectAccess.NotFound ? TypedResults.NotFound() : TypedResults.Forbid();
            }

            return await db.DeputyFields.AsNoTracking().SingleOrDefaultAsync(f => f.StaffCode == code, ct) is { } field
                ? TypedResults.Ok(DeputyFieldResponse.Of(field)) : TypedResults.NotFound();
        })
        .WithSummary("The field a deputy is in charge of: sub-units and/or KPI codes.");

        read.MapGet("/organisation/staff/{code}/field/result", async Task<Results<Ok<UnitResultResponse>, NotFound, ForbidHttpResult, ValidationProblem>> (
            string code, string? period, UnitResultReader results, GoalReader goals, GovKpiDbContext db, HttpContext http, TimeProvider clock,
            IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            if (CollectiveQuery.Period(period, clock) is not { } parsed)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["period"] = [l["UnitResults.Error.Period", period ?? ""]] }, title: l["UnitResults.Error.Title"]);
            }

            var (access, scope) = await DeputyAsync(code, db, http, ct);
            if (access != SubjectAccess.Allowed)
            {
                return access == SubjectAccess.NotFound ? TypedResults.NotFound() : TypedResults.Forbid();
            }

            return await results.FieldResultAsync(code, parsed.From, parsed.To, ct) is { } result
                ? TypedResults.Ok(await goals.ResponseAsync(new RankedUnit(null, result), scope!, parsed.Dates, ct))
                : TypedResults.NotFound();
        })
        .WithSummary("A deputy's field result for a period: their unit's set and targets on the records of the field (what their rating's \"unit result\" reads).");

        app.MapPut("/api/organisation/staff/{code}/field", async Task<Results<Ok<DeputyFieldResponse>, NotFound, ForbidHttpResult, ValidationProblem>> (
            string code, DeputyFieldRequest request, CollectiveDesk desk, GovKpiDbContext db, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var user = CurrentUser.From(http.User);
            var (refusal, errors, saved) = await desk.SetFieldAsync(code, request, user, await UnitScope.LoadAsync(db, user, ct), ct);
            return refusal switch
            {
                CollectiveRefusal.None => TypedResults.Ok(DeputyFieldResponse.Of(saved!)),
                CollectiveRefusal.NotFound => TypedResults.NotFound(),
                CollectiveRefusal.Forbidden => TypedResults.Forbid(),
                _ => TypedResults.ValidationProblem(errors, title: l["DeputyField.Error.Title"]),
            };
        })
        .WithTags("Collective KPIs and goals")
        .RequireAuthorization(p => p.RequireRole(Roles.Hr))
        .WithSummary("Records the field a deputy is in charge of: unitCodes (sub-units of their unit) and/or kpiCodes (measured KPIs).");
    }

    /// <summary>The staff member if the caller may see them: unknown → 404, outside the scope (or another person, for Staff) → 403.</summary>
    private static async Task<(SubjectAccess Access, UnitScope? Scope)> DeputyAsync(string code, GovKpiDbContext db, HttpContext http, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User);
        var member = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Code == code, ct);
        if (member is null)
        {
            return (SubjectAccess.NotFound, null);
        }

        var scope = await UnitScope.LoadAsync(db, user, ct);
        var allowed = user.Role == Role.Staff ? user.StaffCode == member.Code : scope.Contains(member.UnitCode);
        return allowed ? (SubjectAccess.Allowed, scope) : (SubjectAccess.Forbidden, null);
    }
}
