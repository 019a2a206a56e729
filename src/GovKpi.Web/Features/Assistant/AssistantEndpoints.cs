using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.DataQuestions;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
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
            DataQuestionRequest request, GovKpiDbContext db, DataAnswers answers, TimeProvider clock, HttpContext http,
            IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (parse, errors) = Parse(request.Question, clock, l);
            if (parse?.Question is not { } question)
            {
                return TypedResults.ValidationProblem(errors, title: l["Assistant.Data.Error.Title"]);
            }

            var user = CurrentUser.From(http.User);
            return TypedResults.Ok(await answers.AnswerAsync(request.Question!.Trim(), question, parse.PeriodAssumed, user,
                await UnitScope.LoadAsync(db, user, ct), ct));
        })
        .WithSummary("Answers a question on the data in Vietnamese or English (\"xã nào có tỷ lệ trễ hạn cao nhất quý 3?\") with a sentence, a table and a chart.")
        .WithDescription("The question is mapped to one whitelisted query over the KPI engine — a measure (the seven KPIs and the late rate), per "
            + "commune, agency, unit or staff member, over a month, quarter or year, ranked — never to generated SQL. interpretation says how it "
            + "was understood; rows hold only subjects within the caller's scope (a Staff account sees only themselves among people); "
            + "chartSvg draws the rows. 400 with a located message when no measure or an impossible period is named.");

        group.MapPost("/kpi-proposals", async Task<Results<Ok<KpiProposalResponse>, ValidationProblem>> (
            KpiProposalRequest request, KpiProposals proposals, TimeProvider clock, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            var (position, description) = await proposals.DescriptionAsync(request, errors, ct);
            return description is null
                ? TypedResults.ValidationProblem(errors, title: l["Assistant.Kpi.Error.Title"])
                : TypedResults.Ok(await proposals.ProposeAsync(position, description, VietnamTime.Today(clock), ct));
        })
        .RequireAuthorization(p => p.RequireRole(Roles.KpiProposers))
        .WithSummary("Proposes a KPI set for a job position from its description (positionCode, or a description typed in), with the SMART check.")
        .WithDescription("Each KPI of the library is proposed with its target, data source and period, the weight given to it and the words of the "
            + "description that point to it (evidence); the behavioural ratings are always part of the set. Nothing is saved: save a reviewed "
            + "set through /api/kpi-sets. For HR and managers.");
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
