using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Search;

/// <summary><c>/search</c>: the answer of the top bar's search box, grouped; the form alone when nothing was typed.</summary>
[Authorize(Roles = "Staff,Manager,Hr,Leader,Auditor")]
public sealed class SearchModel(SearchReader reader, IStringLocalizer<SharedResource> l) : PageModel
{
    public string? Q { get; private set; }
    public string? Error { get; private set; }
    public SearchResponse? Result { get; private set; }

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        Q = q;
        // The top bar's button with an empty field lands here: show the field, not an error.
        if (string.IsNullOrWhiteSpace(q))
        {
            return;
        }

        if (SearchReader.Problem(q) is { } problem)
        {
            Error = l[problem, SearchReader.MaximumLength];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Result = await reader.SearchAsync(q.Trim(), CurrentUser.From(User), ct);
    }
}
