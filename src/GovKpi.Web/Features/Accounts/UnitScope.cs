using GovKpi.Core.Organisation;
using GovKpi.Data;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Accounts;

/// <summary>
/// The units a signed-in person may see: the subtree of the account's scope unit, former units
/// that merged into it included. Queries filter by <see cref="Codes"/> so a forgotten check
/// cannot leak rows of another unit.
/// </summary>
public sealed class UnitScope
{
    private UnitScope(OrganisationTree tree, IReadOnlySet<string> codes)
    {
        Tree = tree;
        Codes = codes;
    }

    public OrganisationTree Tree { get; }
    public IReadOnlySet<string> Codes { get; }

    public bool Contains(string unitCode) => Codes.Contains(unitCode);

    public static async Task<UnitScope> LoadAsync(GovKpiDbContext db, CurrentUser user, CancellationToken cancellationToken)
    {
        var tree = new OrganisationTree(
            await db.Units.AsNoTracking().ToListAsync(cancellationToken),
            await db.UnitLineage.AsNoTracking().ToListAsync(cancellationToken));
        return new UnitScope(tree, tree.SubtreeOf(user.ScopeUnitCode));
    }
}
