using System.Globalization;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Organisation;

/// <summary>One unit: facts, history through lineage, sub-units and staff — only inside the caller's scope.</summary>
public sealed class UnitModel(GovKpiDbContext db) : PageModel
{
    public UnitScope? Scope { get; private set; }
    public UnitDetailResponse? Detail { get; private set; }
    public IReadOnlyList<Unit> Path { get; private set; } = [];
    public IReadOnlyList<StaffMember> Staff { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Positions { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        Scope = await UnitScope.LoadAsync(db, CurrentUser.From(User), ct);
        var unit = Scope.Tree.Find(code);
        if (unit is null)
        {
            return NotFound();
        }

        if (!Scope.Contains(code))
        {
            return Forbid();
        }

        Detail = OrganisationEndpoints.Describe(Scope.Tree, unit);
        Path = Scope.Tree.PathTo(code).SkipLast(1).ToList();
        Staff = await db.Staff.AsNoTracking().Where(s => s.UnitCode == code).OrderBy(s => s.Code).ToListAsync(ct);
        var english = CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);
        Positions = await db.JobPositions.AsNoTracking().ToDictionaryAsync(p => p.Code, p => english ? p.NameEn : p.NameVi, ct);
        return Page();
    }
}
