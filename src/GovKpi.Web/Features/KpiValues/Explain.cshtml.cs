using GovKpi.Core.Measurement;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.KpiValues;

/// <summary><c>/kpis/explain</c>: one KPI value with its formula, numbers and the records behind them (paged).</summary>
public sealed class ExplainModel(GovKpiDbContext db, KpiValueReader reader, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 50;

    [FromQuery] public string? Kpi { get; set; }
    [FromQuery] public string? Scope { get; set; }
    [FromQuery] public string? Code { get; set; }
    [FromQuery] public string? From { get; set; }
    [FromQuery] public string? To { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public KpiExplanationResponse? Explanation { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var query = KpiQuery.Parse(Scope, Code, From, To, l, out var errors);
        var formula = KpiFormula.Find(Kpi ?? "");
        if (formula is null)
        {
            errors["kpi"] = [l["KpiValues.Error.Kpi", string.Join(", ", KpiFormula.All.Select(f => f.Code))]];
        }

        if (query is null || formula is null)
        {
            Errors = errors;
            return Page();
        }

        var user = CurrentUser.From(User);
        var unitScope = await UnitScope.LoadAsync(db, user, ct);
        var (access, subject) = await query.ResolveAsync(db, unitScope, user, ct);
        if (access == SubjectAccess.NotFound)
        {
            return NotFound();
        }

        if (access == SubjectAccess.Forbidden)
        {
            return Forbid();
        }

        PageNumber = Math.Max(1, PageNumber);
        Explanation = await reader.ExplainAsync(subject!, formula, query.Period, PageNumber, PageSize, new ResultReader(user.Role, user.StaffCode, unitScope), ct);
        return Page();
    }

    public string PageUrl(int page) =>
        KpiValueReader.ExplainUrl(Kpi!, Scope ?? KpiSubjectScope.All, Code ?? "", new ReportingPeriod(Explanation!.From, Explanation.To)) + $"&page={page}";
}
