using GovKpi.Core.Access;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Search;

/// <summary>The search box's answer as JSON (<see cref="SearchReader"/>); the page <c>/search</c> shows the same.</summary>
public static class SearchEndpoints
{
    /// <summary>People who work in the app; the integration account pushes records and searches nothing.</summary>
    public static readonly string[] Searchers = [Roles.Staff, Roles.Manager, Roles.Hr, Roles.Leader, Roles.Auditor];

    public static void MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", async Task<Results<Ok<SearchResponse>, ValidationProblem>> (
            string? q, SearchReader reader, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            if (SearchReader.Problem(q) is { } problem)
            {
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { ["q"] = [l[problem, SearchReader.MaximumLength]] }, title: l["Search.Error.Title"]);
            }

            return TypedResults.Ok(await reader.SearchAsync(q!.Trim(), CurrentUser.From(http.User), ct));
        })
        .WithTags("Search")
        .RequireAuthorization(p => p.RequireRole(Searchers))
        .WithSummary("Finds people, units, procedures and dossiers within the caller's unit scope.")
        .WithDescription("q: 1–100 characters. People by name (case and diacritics ignored, each word the start of a word of the name) or staff "
            + "code; units by name or code; procedures by code or name; dossiers by the start of their id. Each group holds at most 10 hits "
            + "and the total (for dossiers counted up to 1000, totalIsAtLeast when there are more). Staff find themselves and the dossiers "
            + "they handle only; the others find the people, units and dossiers of their unit scope. 400 with errors.q when q is empty or too long.");
    }
}
