using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.Measurement;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.KpiValues;

/// <summary>
/// <c>/kpis/values</c>: the seven KPIs of a unit, a unit's subtree, a person or the province, with
/// target and traffic light, each value linked to its explanation.
/// </summary>
public sealed class ValuesModel(GovKpiDbContext db, KpiValueReader reader, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [FromQuery] public string? Scope { get; set; }
    [FromQuery] public string? Code { get; set; }
    [FromQuery(Name = "")] public PeriodPicker Picker { get; set; } = new();

    public KpiTableResponse? Table { get; private set; }
    public ReportingPeriod Period { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = CurrentUser.From(User);
        var scope = await UnitScope.LoadAsync(db, user, ct);
        if (Scope is null)
        {
            (Scope, Code) = DefaultSubject(user, scope);
        }

        var (from, to) = Picker.Resolve(VietnamTime.Today(clock));
        var query = KpiQuery.Parse(Scope, Code, from, to, l, out var errors);
        if (query is null)
        {
            Errors = errors;
            return Page();
        }

        Period = query.Period;
        var (access, subject) = await query.ResolveAsync(db, scope, user, ct);
        if (access == SubjectAccess.NotFound)
        {
            return NotFound();
        }

        if (access == SubjectAccess.Forbidden)
        {
            return Forbid();
        }

        Table = await reader.TableAsync(subject!, Period, ct);
        return Page();
    }

    /// <summary>A Staff account starts at their own values; others at the widest subject they may see.</summary>
    private static (string Scope, string Code) DefaultSubject(CurrentUser user, UnitScope scope) =>
        user.Role == Role.Staff && user.StaffCode is { } staff ? (KpiSubjectScope.Staff, staff)
        : scope.Tree.Roots.Any(r => r.Code == user.ScopeUnitCode) ? (KpiSubjectScope.All, "")
        : (KpiSubjectScope.Subtree, user.ScopeUnitCode);
}
