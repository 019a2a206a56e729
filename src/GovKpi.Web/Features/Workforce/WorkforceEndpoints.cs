using System.Text.Json.Serialization;
using GovKpi.Core.Access;
using GovKpi.Core.Workforce;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Workforce;

public sealed record NormRequest(
    [property: JsonPropertyName("position_code")] string? PositionCode,
    [property: JsonPropertyName("dossiers_per_day")] decimal? DossiersPerDay,
    [property: JsonPropertyName("standard_products_per_day")] decimal? StandardProductsPerDay);

public sealed record NormsRequest([property: JsonPropertyName("norms")] IReadOnlyList<NormRequest>? Norms);

public sealed record PositionSkillRequest([property: JsonPropertyName("position_code")] string? PositionCode, [property: JsonPropertyName("skill")] string? Skill);

public sealed record ProcedureSkillRequest([property: JsonPropertyName("procedure_code")] string? ProcedureCode, [property: JsonPropertyName("skill")] string? Skill);

public sealed record RequirementsRequest(
    [property: JsonPropertyName("positions")] IReadOnlyList<PositionSkillRequest>? Positions,
    [property: JsonPropertyName("procedures")] IReadOnlyList<ProcedureSkillRequest>? Procedures);

public sealed record PlanLineRequest(
    [property: JsonPropertyName("staff_code")] string? StaffCode,
    [property: JsonPropertyName("to_unit_code")] string? ToUnitCode,
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("to")] string? To,
    [property: JsonPropertyName("reason")] string? Reason);

public sealed record PlanRequest([property: JsonPropertyName("title")] string? Title, [property: JsonPropertyName("lines")] IReadOnlyList<PlanLineRequest>? Lines);

public sealed record ProposeRequest([property: JsonPropertyName("from")] string? From, [property: JsonPropertyName("to")] string? To, [property: JsonPropertyName("title")] string? Title);

public sealed record DecisionRequest([property: JsonPropertyName("note")] string? Note);

public sealed record RequirementsResponse(IReadOnlyList<PositionSkill> Positions, IReadOnlyList<ProcedureSkill> Procedures);

/// <summary>
/// Workload, skill coverage and secondment plans over HTTP (issue 14). HR and leaders read and
/// draft across their scope, managers read theirs; only a leader approves or rejects a plan, and
/// nothing about the staff changes before approval.
/// </summary>
public static class WorkforceEndpoints
{
    public static readonly string[] Readers = [Roles.Manager, Roles.Hr, Roles.Leader];

    public static readonly string[] Planners = [Roles.Hr, Roles.Leader];

    public static void MapWorkforceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workforce").WithTags("Workforce");

        group.MapGet("/workload", async (string? from, string? to, string? unit, WorkforceDesk desk, GovKpiDbContext db, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            if (Period(from, to, desk, l) is { Errors: { } errors })
            {
                return Results.ValidationProblem(errors);
            }

            var (f, t, _) = Period(from, to, desk, l);
            var report = await desk.WorkloadAsync(f, t, await ScopeAsync(db, http, ct), WorkforceDesk.TrendPeriods, ct);
            if (unit is not null)
            {
                report = report with
                {
                    Units = [.. report.Units.Where(u => u.UnitCode == unit)],
                    Staff = [.. report.Staff.Where(s => s.UnitCode == unit)],
                    Trend = [.. report.Trend.Select(p => p with { Units = [.. p.Units.Where(u => u.UnitCode == unit)] })],
                };
            }

            return Results.Ok(WorkloadResponse.Of(report));
        })
        .RequireAuthorization(p => p.RequireRole(Readers))
        .WithSummary("Workload per staff member and per unit over [from, to) (yyyy-MM-dd; the last 30 days by default), units ranked from the most over the norm, with the load of the three periods of equal length before.");

        group.MapGet("/skills", async (string? day, WorkforceDesk desk, GovKpiDbContext db, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var on = desk.Today;
            if (day is not null && !WorkforceDesk.TryDay(day, out on))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["day"] = [l["Workforce.Problem.Date"]] });
            }

            return Results.Ok(await desk.CoverageAsync(on, await ScopeAsync(db, http, ct), ct));
        })
        .RequireAuthorization(p => p.RequireRole(Readers))
        .WithSummary("Skill coverage on the day (today by default): each unit's needs from its positions and the procedures it handled, the gaps, and per missing skill the people elsewhere who hold it.");

        group.MapGet("/norms", async (WorkforceDesk desk, CancellationToken ct) => Results.Ok(new
        {
            Norms = await desk.NormsAsync(ct),
            Default = new { WorkloadNorms.DefaultDossiersPerDay, WorkloadNorms.DefaultStandardProductsPerDay },
            WorkloadNorms.OverAbove,
            WorkloadNorms.UnderBelow,
        }))
        .RequireAuthorization(p => p.RequireRole(Readers))
        .WithSummary("The workload norm per position, and the default for a position without one.");

        group.MapPut("/norms", async (NormsRequest request, WorkforceDesk desk, CancellationToken ct) =>
        {
            var norms = (request.Norms ?? []).Select(n => new WorkloadNorm
            {
                PositionCode = n.PositionCode?.Trim() ?? "",
                DossiersPerDay = n.DossiersPerDay ?? WorkloadNorms.DefaultDossiersPerDay,
                StandardProductsPerDay = n.StandardProductsPerDay ?? WorkloadNorms.DefaultStandardProductsPerDay,
            }).ToList();
            var result = await desk.ReplaceNormsAsync(norms, ct);
            return result.Refusal == DeskRefusal.None ? Results.Ok(result.Value) : Results.ValidationProblem(result.Errors!);
        })
        .RequireAuthorization(p => p.RequireRole(Roles.Hr))
        .WithSummary("Replaces the norms: norms[] of position_code, dossiers_per_day, standard_products_per_day. HR only.");

        group.MapGet("/requirements", async (WorkforceDesk desk, CancellationToken ct) =>
        {
            var (positions, procedures) = await desk.RequirementsAsync(ct);
            return Results.Ok(new RequirementsResponse(positions, procedures));
        })
        .RequireAuthorization(p => p.RequireRole(Readers))
        .WithSummary("The skills each position requires and the skills each procedure requires.");

        group.MapPut("/requirements", async (RequirementsRequest request, WorkforceDesk desk, CancellationToken ct) =>
        {
            var result = await desk.ReplaceRequirementsAsync(
                [.. (request.Positions ?? []).Select(p => new PositionSkill(p.PositionCode?.Trim() ?? "", p.Skill?.Trim() ?? ""))],
                [.. (request.Procedures ?? []).Select(p => new ProcedureSkill(p.ProcedureCode?.Trim() ?? "", p.Skill?.Trim() ?? ""))], ct);
            return result.Refusal == DeskRefusal.None ? Results.NoContent() : Results.ValidationProblem(result.Errors!);
        })
        .RequireAuthorization(p => p.RequireRole(Roles.Hr))
        .WithSummary("Replaces the skill tables: positions[] of position_code, skill; procedures[] of procedure_code, skill. HR only.");

        group.MapGet("/plans", async (WorkforceDesk desk, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
            Results.Ok(await desk.PlansAsync(await ScopeAsync(db, http, ct), ct)))
        .RequireAuthorization(p => p.RequireRole(Readers))
        .WithSummary("The secondment plans touching the caller's scope, newest first.");

        group.MapGet("/plans/{id}", async (string id, WorkforceDesk desk, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
            Answer(await desk.PlanAsync(id, await ScopeAsync(db, http, ct), ct), v => v))
        .RequireAuthorization(p => p.RequireRole(Readers))
        .WithSummary("A plan with its effect: for both units of every line, people, workload and skill coverage before and after (the last period of the plan's length replayed).");

        group.MapPost("/plans", async (PlanRequest request, WorkforceDesk desk, GovKpiDbContext db, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            if (Lines(request.Lines, l) is { Errors: { } errors })
            {
                return Results.ValidationProblem(errors);
            }

            var result = await desk.CreateAsync(request.Title, Lines(request.Lines, l).Lines, false, CurrentUser.From(http.User), await ScopeAsync(db, http, ct), ct);
            return result.Refusal == DeskRefusal.None ? Results.Created($"/api/workforce/plans/{result.Value}", new { Id = result.Value }) : Answer(result, v => v);
        })
        .RequireAuthorization(p => p.RequireRole(Planners))
        .WithSummary("Drafts a plan: title, lines[] of staff_code, to_unit_code, from, to (yyyy-MM-dd, to exclusive), reason. Nothing about the staff changes until approval.");

        group.MapPut("/plans/{id}", async (string id, PlanRequest request, WorkforceDesk desk, GovKpiDbContext db, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            if (Lines(request.Lines, l) is { Errors: { } errors })
            {
                return Results.ValidationProblem(errors);
            }

            return Answer(await desk.EditAsync(id, request.Title, Lines(request.Lines, l).Lines, CurrentUser.From(http.User), await ScopeAsync(db, http, ct), ct), v => new { Id = v });
        })
        .RequireAuthorization(p => p.RequireRole(Planners))
        .WithSummary("Replaces the title and lines of a draft; 409 once it is decided.");

        group.MapPost("/plans/propose", async (ProposeRequest request, WorkforceDesk desk, GovKpiDbContext db, HttpContext http,
            IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (from, to, errors) = Period(request.From, request.To, desk, l, future: true);
            if (errors is not null)
            {
                return Results.ValidationProblem(errors);
            }

            var result = await desk.ProposeAsync(from, to, string.IsNullOrWhiteSpace(request.Title) ? l["Workforce.ProposedTitle"] : request.Title,
                line => WorkforceText.Reason(line, l), CurrentUser.From(http.User), await ScopeAsync(db, http, ct), ct);
            return result.Refusal == DeskRefusal.None ? Results.Created($"/api/workforce/plans/{result.Value}", new { Id = result.Value }) : Answer(result, v => v);
        })
        .RequireAuthorization(p => p.RequireRole(Planners))
        .WithSummary("The assistant proposes a draft from the units over and under capacity and the skill gaps, with a reason per line, for [from, to) (three months from today by default).");

        group.MapPost("/plans/{id}/approve", async (string id, DecisionRequest? request, WorkforceDesk desk, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
            Answer(await desk.DecideAsync(id, true, request?.Note, CurrentUser.From(http.User), await ScopeAsync(db, http, ct), ct), v => new { Id = v }))
        .RequireAuthorization(p => p.RequireRole(Roles.Leader))
        .WithSummary("Approves a draft: each line becomes a secondment of the person (organisation history and audit), the plan records who and when. Leaders only.");

        group.MapPost("/plans/{id}/reject", async (string id, DecisionRequest? request, WorkforceDesk desk, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
            Answer(await desk.DecideAsync(id, false, request?.Note, CurrentUser.From(http.User), await ScopeAsync(db, http, ct), ct), v => new { Id = v }))
        .RequireAuthorization(p => p.RequireRole(Roles.Leader))
        .WithSummary("Rejects a draft; nothing about the staff changes. Leaders only.");
    }

    private static async Task<UnitScope> ScopeAsync(GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        await UnitScope.LoadAsync(db, CurrentUser.From(http.User), ct);

    private static IResult Answer<T, TBody>(DeskResult<T> result, Func<T, TBody> body) => result.Refusal switch
    {
        DeskRefusal.None => Results.Ok(body(result.Value!)),
        DeskRefusal.NotFound => Results.NotFound(),
        DeskRefusal.Forbidden => Results.Forbid(),
        DeskRefusal.Conflict => Results.Problem(title: result.Errors?.Values.First()[0], statusCode: StatusCodes.Status409Conflict),
        _ => Results.ValidationProblem(result.Errors ?? new Dictionary<string, string[]>()),
    };

    /// <summary>The period asked for; by default the last 30 days, or for a plan the three months from today.</summary>
    private static (DateOnly From, DateOnly To, Dictionary<string, string[]>? Errors) Period(string? from, string? to, WorkforceDesk desk, IStringLocalizer l, bool future = false)
    {
        var errors = new Dictionary<string, string[]>();
        var f = future ? desk.Today : desk.Today.AddDays(-30);
        var t = future ? desk.Today.AddMonths(3) : desk.Today;
        if (from is not null && !WorkforceDesk.TryDay(from, out f))
        {
            errors["from"] = [l["Workforce.Problem.Date"]];
        }

        if (to is not null && !WorkforceDesk.TryDay(to, out t))
        {
            errors["to"] = [l["Workforce.Problem.Date"]];
        }

        if (errors.Count == 0 && (t <= f || t.DayNumber - f.DayNumber > WorkforceDesk.MaxPeriodDays))
        {
            errors["to"] = [l["Workforce.BadPeriod"]];
        }

        return (f, t, errors.Count == 0 ? null : errors);
    }

    private static (IReadOnlyList<PlanLineInput> Lines, Dictionary<string, string[]>? Errors) Lines(IReadOnlyList<PlanLineRequest>? lines, IStringLocalizer l)
    {
        var errors = new Dictionary<string, string[]>();
        var parsed = new List<PlanLineInput>();
        foreach (var (line, i) in (lines ?? []).Select((l, i) => (l, i)))
        {
            DateOnly? from = null, to = null;
            if (line.From is not null)
            {
                if (WorkforceDesk.TryDay(line.From, out var d)) { from = d; } else { errors[$"lines[{i}].from"] = [l["Workforce.Problem.Date"]]; }
            }

            if (line.To is not null)
            {
                if (WorkforceDesk.TryDay(line.To, out var d)) { to = d; } else { errors[$"lines[{i}].to"] = [l["Workforce.Problem.Date"]]; }
            }

            parsed.Add(new PlanLineInput(line.StaffCode?.Trim(), line.ToUnitCode?.Trim(), from, to, line.Reason));
        }

        return (parsed, errors.Count == 0 ? null : errors);
    }
}

/// <summary>A workload report as JSON: the over and under lists and each unit's trend spelled out.</summary>
public sealed record WorkloadResponse(DateOnly From, DateOnly To, int WorkingDays, IReadOnlyList<UnitWorkloadResponse> Units, IReadOnlyList<StaffWorkload> Staff,
    IReadOnlyList<WorkloadPeriodResponse> Periods)
{
    public static WorkloadResponse Of(WorkloadReport report) => new(report.From, report.To, report.WorkingDays,
        [.. report.Units.Select(u => new UnitWorkloadResponse(u.UnitCode, u.People, u.DaysPresent, u.Dossiers, u.StandardProducts, u.NormDays, u.Load, u.Capacity, report.TrendOf(u.UnitCode)))],
        report.Staff, [.. report.Trend.Select(p => new WorkloadPeriodResponse(p.From, p.To))]);
}

public sealed record UnitWorkloadResponse(string UnitCode, int People, int DaysPresent, int Dossiers, decimal StandardProducts, decimal NormDays, decimal? Load,
    Capacity Capacity, IReadOnlyList<decimal?> Trend);

public sealed record WorkloadPeriodResponse(DateOnly From, DateOnly To);
