using GovKpi.Core.Access;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Audit;

/// <summary><c>/audit</c>: every trail as one list, newest first, filtered and exported; for auditors and HR within their scope.</summary>
[Authorize(Roles = $"{Roles.Auditor},{Roles.Hr}")]
public sealed class IndexModel(AuditReader reader, IStringLocalizer<SharedResource> l) : PageModel
{
    public AuditQuery Query { get; private set; } = new(null, null, null, null, null, null, null, null);
    public AuditPage? Result { get; private set; }
    public IReadOnlyList<AuditCycleChoice> Cycles { get; private set; } = [];
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public IReadOnlyList<AuditSource> Sources => [.. reader.Sources.Select(s => s.Source)];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = CurrentUser.From(User);
        Query = AuditQuery.Of(Request.Query);
        Cycles = await reader.CyclesAsync(user, ct);
        var (filter, page, problems) = Query.Parse(l);
        Errors = problems;
        if (problems.Count == 0)
        {
            Result = await reader.PageAsync(user, reader.WithText(filter), page, ct);
        }
    }

    /// <summary>The link to the same filters at another page, or to an export.</summary>
    public string Link(string path, int? page = null)
    {
        var filters = Query.Filters();
        var query = page is { } p ? (filters.Length == 0 ? $"page={p}" : $"{filters}&page={p}") : filters;
        return query.Length == 0 ? path : $"{path}?{query}";
    }
}
