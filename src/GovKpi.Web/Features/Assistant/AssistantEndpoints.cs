using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.DataQuestions;
using GovKpi.Core.Privacy;
using GovKpi.Data;
using GovKpi.Data.Assistant;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.DelegatedTasks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Assistant;

public sealed record DataQuestionRequest(string? Question);

/// <summary>The assistant's HTTP API (issue 5), for people only, each answer limited to what the asking user may see.</summary>
public static class AssistantEndpoints
{
    public const int MaximumQuestionLength = 500;
    public const int MaximumDescriptionLength = 4000;

    public static void MapAssistantEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assistant").WithTags("Assistant")
            .RequireAuthorization(p => p.RequireRole(Roles.AssistantUsers));

        group.MapPost("/data-questions", async Task<Results<Ok<DataAnswer>, ValidationProblem>> (
            DataQuestionRequest request, GovKpiDbContext db, DataAnswers answers, TimeProvider clock, ExchangeRetention retention, HttpContext http,
            IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (parse, errors) = Parse(request.Question, clock, l);
            if (parse?.Question is not { } question)
            {
                return TypedResults.ValidationProblem(errors, title: l["Assistant.Data.Error.Title"]);
            }

            var user = CurrentUser.From(http.User);
            var answer = await answers.AnswerAsync(request.Question!.Trim(), question, parse.PeriodAssumed, user, await UnitScope.LoadAsync(db, user, ct), ct);
            AssistantLog.Add(db, clock, retention, user, "data-question", answer.Mode, answer.Question, answer.Interpretation + " — " + answer.Answer);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(answer);
        })
        .WithSummary("Answers a question on the data in Vietnamese or English (\"xã nào có tỷ lệ trễ hạn cao nhất quý 3?\") with a sentence, a table and a chart.")
        .WithDescription("The question is mapped to one whitelisted query over the KPI engine — a measure (the seven KPIs and the late rate), per "
            + "commune, agency, unit or staff member, over a month, quarter or year, ranked — never to generated SQL. interpretation says how it "
            + "was understood; rows hold only subjects within the caller's scope (a Staff account sees only themselves among people); "
            + "chartSvg draws the rows. 400 with a located message when no measure or an impossible period is named.");

        MapDrafts(group);

        group.MapPost("/kpi-proposals", async Task<Results<Ok<KpiProposalResponse>, ValidationProblem>> (
            KpiProposalRequest request, KpiProposals proposals, GovKpiDbContext db, TimeProvider clock, ExchangeRetention retention, HttpContext http,
            IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            var (position, description) = await proposals.DescriptionAsync(request, errors, ct);
            if (description is null)
            {
                return TypedResults.ValidationProblem(errors, title: l["Assistant.Kpi.Error.Title"]);
            }

            var proposal = await proposals.ProposeAsync(position, description, VietnamTime.Today(clock), ct);
            AssistantLog.Add(db, clock, retention, CurrentUser.From(http.User), "kpi-proposal", proposal.Mode, description,
                string.Join("; ", proposal.Items.Select(i => $"{i.KpiCode} {i.WeightPercent}%")));
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(proposal);
        })
        .RequireAuthorization(p => p.RequireRole(Roles.KpiProposers))
        .WithSummary("Proposes a KPI set for a job position from its description (positionCode, or a description typed in), with the SMART check.")
        .WithDescription("Each KPI of the library is proposed with its target, data source and period, the weight given to it and the words of the "
            + "description that point to it (evidence); the behavioural ratings are always part of the set. Nothing is saved: save a reviewed "
            + "set through /api/kpi-sets. For HR and managers.");
    }

    private static void MapDrafts(RouteGroupBuilder group)
    {
        var drafts = group.MapGroup("/drafts");
        drafts.MapPost("/apology-slip", (ApologySlipRequest request, DraftWriter writer, GovKpiDbContext db, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                Draft(db, http, l, ct, (user, scope) => writer.ApologySlipAsync(request, user, scope, ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.Staff, Roles.Manager, Roles.Hr))
            .WithSummary("Drafts the apology slip with a new appointment date for a late dossier (Mẫu 05, TT 01/2018/TT-VPCP).")
            .WithDescription("dossierId of a dossier in the caller's scope (a Staff account: one they handle) that is past its appointment; "
                + "reason is optional. The draft is saved as status Draft for the caller to edit and approve; nothing is sent.");
        drafts.MapPost("/evaluation-comment", (EvaluationCommentRequest request, DraftWriter writer, GovKpiDbContext db, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                Draft(db, http, l, ct, (user, scope) => writer.EvaluationCommentAsync(request, user, scope, ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.Manager, Roles.Hr))
            .WithSummary("Drafts the evaluation comment for a staff member over [from, to) from their KPI values against targets.");
        drafts.MapPost("/monthly-report", (MonthlyReportRequest request, DraftWriter writer, GovKpiDbContext db, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                Draft(db, http, l, ct, (user, scope) => writer.MonthlyReportAsync(request, user, scope, ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.Manager, Roles.Hr, Roles.Leader))
            .WithSummary("Drafts a unit's monthly report (its subtree) from the month's KPI values, the previous month and the staff's on-time rates.");
        drafts.MapPost("/delegated-task-summary", (DelegatedTaskSummaryRequest request, DraftWriter writer, DelegatedTaskRegistry registry, GovKpiDbContext db,
                HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                Draft(db, http, l, ct, (user, scope) => writer.DelegatedTaskSummaryAsync(request, registry, user, scope, ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.Manager, Roles.Hr, Roles.Leader))
            .WithSummary("Drafts the progress summary of a delegated task (taskCode) received by a unit in the caller's scope, from its reports and its pace on working days.");

        drafts.MapGet("/", async (GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var user = CurrentUser.From(http.User);
            var mine = await db.AssistantDrafts.AsNoTracking().Where(d => d.CreatedBy == user.UserName).ToListAsync(ct);
            return TypedResults.Ok(mine.OrderByDescending(d => d.CreatedAt).Select(DraftResponse.From).ToList());
        }).WithSummary("The caller's own drafts, newest first.");
        drafts.MapGet("/{id:guid}", async Task<Results<Ok<DraftResponse>, NotFound>> (Guid id, DraftWriter writer, HttpContext http, CancellationToken ct) =>
            await writer.FindAsync(id, CurrentUser.From(http.User), ct) is { } d ? TypedResults.Ok(DraftResponse.From(d)) : TypedResults.NotFound())
            .WithSummary("One of the caller's drafts (another person's answers 404).");
        drafts.MapPut("/{id:guid}", (Guid id, DraftTextRequest request, DraftWriter writer, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                Change(writer, http, l, id, request.Text, null, ct))
            .WithSummary("Replaces the text of a draft still in status Draft (409 once approved or discarded).");
        drafts.MapPost("/{id:guid}/approve", (Guid id, DraftWriter writer, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                Change(writer, http, l, id, null, DraftStatus.Approved, ct))
            .WithSummary("Approves a draft: its text is final and can no longer change. Approving sends nothing anywhere.");
        drafts.MapPost("/{id:guid}/discard", (Guid id, DraftWriter writer, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                Change(writer, http, l, id, null, DraftStatus.Discarded, ct))
            .WithSummary("Discards a draft.");
    }

    private static async Task<Results<Ok<DraftResponse>, NotFound, ProblemHttpResult, ValidationProblem>> Change(
        DraftWriter writer, HttpContext http, IStringLocalizer l, Guid id, string? text, DraftStatus? decision, CancellationToken ct)
    {
        var (outcome, error, draft) = await writer.ChangeAsync(id, CurrentUser.From(http.User), text, decision, ct);
        return outcome switch
        {
            DraftChange.Done => TypedResults.Ok(DraftResponse.From(draft!)),
            DraftChange.NotFound => TypedResults.NotFound(),
            DraftChange.Decided => TypedResults.Problem(title: error, statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [error!] }, title: l["Assistant.Draft.Error.Title"]),
        };
    }

    private static async Task<Results<Created<DraftResponse>, ValidationProblem, NotFound, ForbidHttpResult>> Draft(
        GovKpiDbContext db, HttpContext http, IStringLocalizer l, CancellationToken ct,
        Func<CurrentUser, UnitScope, Task<(DraftRefusal Refusal, Dictionary<string, string[]> Errors, AssistantDraft? Draft)>> write)
    {
        var user = CurrentUser.From(http.User);
        var (refusal, errors, draft) = await write(user, await UnitScope.LoadAsync(db, user, ct));
        return refusal switch
        {
            DraftRefusal.None => TypedResults.Created($"/api/assistant/drafts/{draft!.Id}", DraftResponse.From(draft)),
            DraftRefusal.NotFound => TypedResults.NotFound(),
            DraftRefusal.Forbidden => TypedResults.Forbid(),
            _ => TypedResults.ValidationProblem(errors, title: l["Assistant.Draft.Error.Title"]),
        };
    }

    /// <summary>The question parsed against today's date in Vietnam, or the located reasons it cannot be answered.</summary>
    public static (DataQuestionParse? Parse, Dictionary<string, string[]> Errors) Parse(string? text, TimeProvider clock, IStringLocalizer l)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(text))
        {
            errors["question"] = [l["Assistant.Data.Error.Empty"]];
            return (null, errors);
        }

        if (text.Length > MaximumQuestionLength)
        {
            errors["question"] = [l["Assistant.Data.Error.TooLong", MaximumQuestionLength, text.Length]];
            return (null, errors);
        }

        var parse = DataQuestionParser.Parse(text, VietnamTime.Today(clock));
        if (parse.Problems.Count > 0)
        {
            errors["question"] = [.. parse.Problems.Select(p => l["Assistant.Data.Error." + p].Value)];
        }

        return (parse, errors);
    }
}
