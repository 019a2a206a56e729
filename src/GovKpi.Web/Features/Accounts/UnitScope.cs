using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Data.Caching;
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

    /// <summary>
    /// The scope of <paramref name="user"/>, kept by the node's <see cref="StampedCache"/> until the
    /// organisation changes: every page and API call asks for it, and the whole tree was read
    /// again each time (issue 15, item 9).
    /// </summary>
    public static async Task<UnitScope> LoadAsync(GovKpiDbContext db, CurrentUser user, CancellationToken cancellationToken)
    {
        if (StampedCache.Of(db) is not { } cache)
        {
            var tree = await ReadTreeAsync(db, cancellationToken);
            return new UnitScope(tree, tree.SubtreeOf(user.ScopeUnitCode));
        }

        return await cache.GetOrLoadAsync(db, "unit-scope:" + user.ScopeUnitCode, Areas, size: 10, async ct =>
        {
            var tree = await TreeAsync(db, ct);
            return new UnitScope(tree, tree.SubtreeOf(user.ScopeUnitCode));
        }, cancellationToken);
    }

    /// <summary>Every unit and lineage edge, kept by the node's <see cref="StampedCache"/> until the organisation changes.</summary>
    public static Task<OrganisationTree> TreeAsync(GovKpiDbContext db, CancellationToken cancellationToken) =>
        StampedCache.Of(db) is { } cache
            ? cache.GetOrLoadAsync(db, "organisation-tree", Areas, size: 100, ct => ReadTreeAsync(db, ct), cancellationToken)
            : ReadTreeAsync(db, cancellationToken);

    private static readonly string[] Areas = [CacheArea.Organisation];

    private static async Task<OrganisationTree> ReadTreeAsync(GovKpiDbContext db, CancellationToken ct) => new(
        await db.Units.AsNoTracking().ToListAsync(ct),
        await db.UnitLineage.AsNoTracking().ToListAsync(ct));
}
