using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;
using GovKpi.Core.Collective;
using GovKpi.Data;
using GovKpi.Data.Collective;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.KpiLibrary;

/// <summary>The positions by group with their KPI set in force today (<see cref="KpiVersions"/>), and the built-in set of each group.</summary>
public sealed class SetsModel(GovKpiDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<JobPosition> Positions { get; private set; } = [];
    public IReadOnlyDictionary<string, KpiSet> Current { get; private set; } = new Dictionary<string, KpiSet>();
    public IReadOnlyDictionary<string, KpiDefinition> Definitions { get; private set; } = new Dictionary<string, KpiDefinition>();
    public IReadOnlyList<GroupKpiSet> GroupSets => GroupKpiSets.All;
    /// <summary>The set of each unit kind in force today (stored, else built in): what a unit without its own set is judged by.</summary>
    public IReadOnlyList<(UnitKind Kind, KpiSet Set)> KindSets { get; private set; } = [];
    public bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Positions = await db.JobPositions.AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct);
        var today = VietnamTime.Today(clock);
        Current = KpiVersions.SetsAt(await db.KpiSets.AsNoTracking().ToListAsync(ct), today);
        var stored = await db.CollectiveSets().AsNoTracking().Where(s => s.Holder == KpiSetHolder.UnitKind).ToListAsync(ct);
        KindSets = [.. Collective.CollectiveQuery.Kinds
            .Select(k => (k, KpiVersions.SetAt(stored.Where(s => s.PositionCode == UnitKpiSets.KindCode(k)), today) ?? UnitKpiSets.BuiltInFor(k)))
            .Where(x => x.Item2 is not null)
            .Select(x => (x.k, x.Item2!))];
        Definitions = KpiVersions.DefinitionsAt(await db.KpiDefinitions.AsNoTracking().ToListAsync(ct), d => d.Code, today);
    }

    public string SourceName(string? code) => KpiLibraryText.Source(l, code);
}
