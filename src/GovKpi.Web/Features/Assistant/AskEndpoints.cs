using GovKpi.Assistant.Answering;
using GovKpi.Core.Access;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Assistant;

public sealed record AskRequest(string? Question);

public sealed record AskCitation(string Document, string Passage, double Score);

/// <summary>As <c>govkpi ask --json</c> prints it (CONTRACTS.md): mode <c>offline</c> or <c>llm</c>, the answer, the citations most relevant first.</summary>
public sealed record AskResponse(string Mode, string Answer, IReadOnlyList<AskCitation> Citations)
{
    public static AskResponse From(AssistantAnswer answer) => new(answer.Mode == AnswerMode.Llm ? "llm" : "offline", answer.Answer,
        [.. answer.Citations.Select(c => new AskCitation(c.Document, c.Passage, Math.Round(c.Score, 4)))]);
}

/// <summary>Questions on the uploaded documents, for anyone who may use the assistant.</summary>
public static class AskEndpoints
{
    public static void MapAskEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/assistant/ask", async Task<Results<Ok<AskResponse>, ValidationProblem>> (
                AskRequest request, DocumentLibrary library, GovKpiDbContext db, TimeProvider clock, HttpContext http,
                IStringLocalizer<SharedResource> l, ILogger<DocumentLibrary> log, CancellationToken ct) =>
            {
                var (errors, answer) = await AskAsync(request.Question, library, db, clock, CurrentUser.From(http.User), l, log, ct);
                return answer is null ? TypedResults.ValidationProblem(errors, title: l["Assistant.Ask.Error.Title"]) : TypedResults.Ok(answer);
            })
            .WithTags("Assistant")
            .RequireAuthorization(p => p.RequireRole(Roles.AssistantUsers))
            .WithSummary("Answers a question from the uploaded documents, quoting them: {mode, answer, citations[{document, passage, score}]}, as govkpi ask --json.")
            .WithDescription("Vietnamese (with or without diacritics), English, Lao or Thai. mode is 'offline' (the most relevant passage quoted "
                + "verbatim) unless a model is configured (GOVKPI_LLM_ENDPOINT, GOVKPI_LLM_MODEL): then 'llm', the model seeing only the retrieved "
                + "passages with personal identifiers masked; a model that fails leaves the answer to the offline mode. citations is empty, and "
                + "the answer says so, when the documents do not answer. Every question and answer is kept in the assistant's audit trail.");
    }

    /// <summary>
    /// Checks the question, answers it and records the exchange in the audit trail. In the LLM mode
    /// the names of the people the asker may see are masked before the passages leave the machine.
    /// </summary>
    public static async Task<(Dictionary<string, string[]> Errors, AskResponse? Answer)> AskAsync(string? question, DocumentLibrary library,
        GovKpiDbContext db, TimeProvider clock, CurrentUser user, IStringLocalizer l, ILogger log, CancellationToken ct)
    {
        var text = question?.Trim() ?? "";
        if (text.Length == 0)
        {
            return (new() { ["question"] = [l["Assistant.Ask.Error.Empty"]] }, null);
        }

        if (text.Length > AssistantEndpoints.MaximumQuestionLength)
        {
            return (new() { ["question"] = [l["Assistant.Ask.Error.TooLong", AssistantEndpoints.MaximumQuestionLength, text.Length]] }, null);
        }

        List<string>? names = null;
        if (library.Model is not null)
        {
            var units = (await UnitScope.LoadAsync(db, user, ct)).Codes.ToList();
            names = await db.Staff.AsNoTracking().Where(s => units.Contains(s.UnitCode)).Select(s => s.FullName).ToListAsync(ct);
        }

        var answer = await library.AskAsync(db, text, names, ct);
        if (answer.Warning is not null)
        {
            log.LogWarning("The model did not answer, the offline mode answered instead: {Warning}", answer.Warning);
        }

        var response = AskResponse.From(answer);
        var sources = response.Citations.Count == 0 ? "" : "\n— " + string.Join("; ", response.Citations.Select(c => $"{c.Document} ({c.Score:0.000})"));
        AssistantLog.Add(db, clock, user, "ask", response.Mode, text, response.Answer + sources);
        await db.SaveChangesAsync(ct);
        return ([], response);
    }
}
