using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovKpi.Web.Features.Organisation;

/// <summary>The unit tree the signed-in person may see, rooted at their scope unit.</summary>
public sealed class IndexModel(GovKpiDbContext db) : PageModel
{
    public UnitScope? Scope { get; private set; }
    public Unit? Root { get; private set; }
    public bool ShowFormer { get; private set; }
    /// <summary>Units already drawn: a split unit continues in several successors but is drawn once.</summary>
    public HashSet<string> Rendered { get; } = new(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(bool former, CancellationToken ct)
    {
        ShowFormer = former;
        var user = CurrentUser.From(User);
        Scope = await UnitScope.LoadAsync(db, user, ct);
        Root = Scope.Tree.Find(user.ScopeUnitCode);
        return Root is null ? NotFound() : Page();
    }
}
