using GovKpi.Assistant.Answering;
using GovKpi.Assistant.Privacy;
using GovKpi.Core.Access;
using GovKpi.Core.Privacy;
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
                AskRequest request, DocumentLibrary library, GovKpiDbContext db, TimeProvider clock, ExchangeRetention retention, HttpContext http,
                IStringLocalizer<SharedResource> l, ILogger<DocumentLibrary> log, CancellationToken ct) =>
            {
                var (errors, answer) = await AskAsync(request.Question, library, db, clock, retention, CurrentUser.From(http.User), l, log, ct);
                return answer is null ? TypedResults.ValidationProblem(errors, title: l["Assistant.Ask.Error.Title"]) : TypedResults.Ok(answer);
            })
            .WithTags("Assistant")
            .RequireAuthorization(p => p.RequireRole(Roles.AssistantUsers))
            .WithSummary("Answers a question from the uploaded documents, quoting them: {mode, answer, citations[{document, passage, score}]}, as govkpi ask --json.")
            .WithDescription("Vietnamese (with or without diacritics), English, Lao or Thai. mode is 'offline' (the most relevant passage quoted "
                + "verbatim) unless a model is configured (GOVKPI_LLM_ENDPOINT, GOVKPI_LLM_MODEL): then 'llm', the model seeing only the retrieved "
                + "passages with personal data masked; a model that fails leaves the answer to the offline mode. citations is empty, and "
                + "the answer says so, when the documents do not answer. Personal data (names, phones, identity, passport, tax and insurance "
                + "numbers, dates of birth, addresses) in the answer and the citations is shown as written to HR only, as placeholders such as [PHONE_1] to others. Every question and answer is kept in the assistant's audit trail.");
    }

    /// <summary>
    /// Checks the question, answers it and records the exchange in the audit trail. Personal data in
    /// the passages is masked before it reaches a model, and in what the asker reads unless they may
    /// read it (<see cref="PersonalDataVisibility"/>).
    /// </summary>
    public static async Task<(Dictionary<string, string[]> Errors, AskResponse? Answer)> AskAsync(string? question, DocumentLibrary library,
        GovKpiDbContext db, TimeProvider clock, ExchangeRetention retention, CurrentUser user, IStringLocalizer l, ILogger log, CancellationToken ct)
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

        var answer = await library.AskAsync(db, text, await AskerAsync(db, user, library, ct), ct);
        if (answer.Warning is not null)
        {
            log.LogWarning("The model did not answer, the offline mode answered instead: {Warning}", answer.Warning);
        }

        var response = AskResponse.From(answer);
        var sources = response.Citations.Count == 0 ? "" : "\n— " + string.Join("; ", response.Citations.Select(c => $"{c.Document} ({c.Score:0.000})"));
        AssistantLog.Add(db, clock, retention, user, "ask", response.Mode, text, response.Answer + sources);
        await db.SaveChangesAsync(ct);
        return ([], response);
    }

    /// <summary>
    /// The asker of this request: whether they may read the documents' personal data, and the names
    /// of the organisation's staff, which are masked wherever they appear (not needed when nothing
    /// is masked: HR without a model).
    /// </summary>
    private static async Task<Asker> AskerAsync(GovKpiDbContext db, CurrentUser user, DocumentLibrary library, CancellationToken ct)
    {
        var seesAll = PersonalDataVisibility.SeesPersonalDataInDocuments(user.Role);
        var names = seesAll && library.Model is null ? [] : await db.Staff.AsNoTracking().Select(s => s.FullName).Distinct().ToListAsync(ct);
        return new Asker(seesAll, names);
    }
}
