using GovKpi.Core.Alerts;
using GovKpi.Core.Calendar;
using GovKpi.Core.FieldWork;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.Alerts;
using GovKpi.Web.Features.Collective;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.FieldWork;

/// <summary>
/// The mobile-team and citizen-contact log over HTTP (issue 14, item 5). Managers and HR record
/// for units in their scope (403 otherwise); everyone reads within their scope; a follow-up's
/// owner closes it.
/// </summary>
public static class FieldWorkEndpoints
{
    private static async Task<(CurrentUser User, UnitScope Scope)> CallerAsync(GovKpiDbContext db, HttpContext http, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User);
        return (user, await UnitScope.LoadAsync(db, user, ct));
    }

    private static IResult Answer<T>(FieldWorkOutcome<T> outcome, Func<T, IResult> ok, IStringLocalizer<SharedResource> l) => outcome.Refusal switch
    {
        FieldWorkRefusal.None => ok(outcome.Value!),
        FieldWorkRefusal.NotFound => TypedResults.NotFound(),
        FieldWorkRefusal.Forbidden => TypedResults.Forbid(),
        _ => TypedResults.ValidationProblem(outcome.Errors, title: l["FieldWork.Error.Title"]),
    };

    public static void MapFieldWorkEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/field-work").WithTags("Mobile teams and citizen contact").RequireAuthorization(p => p.RequireRole(FieldWorkDesk.Readers));

        group.MapPost("/sessions", async (SessionRequest request, FieldWorkDesk desk, GovKpiDbContext db, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            return Answer(await desk.RecordSessionAsync(request, user, scope, ct), s => TypedResults.Created($"/api/field-work/sessions/{s.Id}", s), l);
        })
        .RequireAuthorization(p => p.RequireRole(FieldWorkDesk.Recorders))
        .WithSummary("Records a field session of a mobile team: unit_code, place, held_on, starts_at, ends_at (HH:mm), member_codes, cases {advice, dossier_received, result_returned, other}, dossier_ids.")
        .WithDescription("For managers and HR, for units in their scope (403 otherwise). Each dossier id must be a dossier of the unit's subtree with the mobile channel; "
            + "400 with messages keyed by field (member_codes[1], dossier_ids[0], cases.advice…).");

        group.MapGet("/sessions", async (string? unit, FieldWorkDesk desk, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await desk.SessionsAsync((await CallerAsync(db, http, ct)).Scope, unit, ct)))
        .WithSummary("Field sessions of the units in the caller's scope (or of one unit's subtree), newest first.");

        group.MapGet("/sessions/{id:long}", async Task<Results<Ok<SessionResponse>, NotFound>> (long id, FieldWorkDesk desk, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
            await desk.SessionAsync(id, (await CallerAsync(db, http, ct)).Scope, ct) is { } s ? TypedResults.Ok(s) : TypedResults.NotFound())
        .WithSummary("One field session, when its unit is in the caller's scope.");

        group.MapPost("/meetings", async (MeetingRequest request, FieldWorkDesk desk, GovKpiDbContext db, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            return Answer(await desk.RecordMeetingAsync(request, user, scope, ct), m => TypedResults.Created($"/api/field-work/meetings/{m.Id}", m), l);
        })
        .RequireAuthorization(p => p.RequireRole(FieldWorkDesk.Recorders))
        .WithSummary("Records a meeting with the people: unit_code, place, held_on, chair, attendance, issues [{text, owner_code, due_on}].")
        .WithDescription("For managers and HR, for units in their scope. Each issue is followed up by a staff member by a date on or after the meeting; "
            + "a follow-up still open after the close of office on its due date is warned about like any late work (kind citizen_issue).");

        group.MapGet("/meetings", async (string? unit, FieldWorkDesk desk, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            return TypedResults.Ok(await desk.MeetingsAsync(scope, unit, user, ct));
        })
        .WithSummary("Meetings of the units in the caller's scope, newest first, each with its issues as they stand today.");

        group.MapGet("/meetings/{id:long}", async Task<Results<Ok<MeetingResponse>, NotFound>> (long id, FieldWorkDesk desk, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            return await desk.MeetingAsync(id, scope, user, ct) is { } m ? TypedResults.Ok(m) : TypedResults.NotFound();
        })
        .WithSummary("One meeting with its issues.");

        group.MapPost("/meetings/{id:long}/issues/{number:int}/close", async (long id, int number, CloseIssueRequest request, FieldWorkDesk desk, GovKpiDbContext db,
            HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (user, scope) = await CallerAsync(db, http, ct);
            return Answer(await desk.CloseIssueAsync(id, number, request, user, scope, ct), i => TypedResults.Ok(i), l);
        })
        .WithSummary("Closes a follow-up with a note (note); by its owner, or a manager or HR with its unit in scope.");

        group.MapGet("/follow-ups", async Task<Results<Ok<IReadOnlyList<IssueResponse>>, ValidationProblem>> (string? state, FieldWorkDesk desk, GovKpiDbContext db,
            HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var wanted = string.IsNullOrWhiteSpace(state) ? "open" : state.Trim();
            if (wanted is not ("open" or "late" or "all"))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["state"] = [l["FieldWork.Error.State"]] }, title: l["FieldWork.Error.Title"]);
            }

            var (user, scope) = await CallerAsync(db, http, ct);
            return TypedResults.Ok(await desk.FollowUpsAsync(scope, user, wanted, ct));
        })
        .WithSummary("Follow-ups of units in scope and the caller's own: state=open (default, late ones included), late, or all.");

        group.MapGet("/summary", async Task<Results<Ok<FieldWorkSummaryResponse>, ValidationProblem, NotFound, ForbidHttpResult>> (string? unit, string? period,
            FieldWorkDesk desk, GovKpiDbContext db, HttpContext http, TimeProvider clock, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            if (CollectiveQuery.Period(period, clock) is not { } parsed)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["period"] = [l["UnitResults.Error.Period", period ?? ""]] }, title: l["FieldWork.Error.Title"]);
            }

            var (user, scope) = await CallerAsync(db, http, ct);
            var code = string.IsNullOrWhiteSpace(unit) ? user.ScopeUnitCode : unit.Trim();
            if (scope.Tree.Find(code) is null)
            {
                return TypedResults.NotFound();
            }

            return scope.Contains(code) ? TypedResults.Ok(await desk.SummaryAsync(scope, code, parsed.From, parsed.To, ct)) : TypedResults.Forbid();
        })
        .WithSummary("A unit's field work for a period (2026-Q3, 2026-07, 2026): sessions, cases by kind, mobile dossiers, meetings, issues raised, closed, open and late.");
    }
}

/// <summary>
/// Follow-ups of issues raised at citizen meetings: the owner is the handler, due at the close of
/// office on the due date, done when closed. Open ones, and closed ones with an open alert.
/// </summary>
public sealed class CitizenIssueWatch(GovKpiDbContext db) : IWatchedItemSource
{
    public WatchedKind Kind => WatchedKind.CitizenIssue;

    public async Task<IReadOnlyList<WatchedItem>> ItemsAsync(IReadOnlySet<string> withOpenAlerts, WorkingHours hours, WorkingCalendar calendar, CancellationToken ct)
    {
        var meetings = withOpenAlerts.Select(k => long.TryParse(k.Split('/')[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Distinct().ToList();
        var issues = await db.CitizenIssues.AsNoTracking().Where(i => i.ClosedAt == null || meetings.Contains(i.MeetingId)).ToListAsync(ct);
        return [.. issues.Select(i => FieldWorkRules.Watched(i, hours)).Where(item => item.DoneAt is null || withOpenAlerts.Contains(item.Id))];
    }
}
