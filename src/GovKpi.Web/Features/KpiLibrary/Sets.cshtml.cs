using System.Globalization;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;
using GovKpi.Core.Collective;
using GovKpi.Data;
using GovKpi.Data.Collective;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.KpiLibrary;

/// <summary>The positions by group with their KPI set in force, and the built-in set of each group.</summary>
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
        Current = (await db.KpiSets.AsNoTracking().Where(s => s.EffectiveTo == null).ToListAsync(ct))
            .ToDictionary(s => s.PositionCode);
        var today = Core.VietnamTime.Today(clock);
        var stored = await db.CollectiveSets().AsNoTracking().Where(s => s.Holder == KpiSetHolder.UnitKind).ToListAsync(ct);
        KindSets = [.. Collective.CollectiveQuery.Kinds
            .Select(k => (k, KpiVersions.SetAt(stored.Where(s => s.PositionCode == UnitKpiSets.KindCode(k)), today) ?? UnitKpiSets.BuiltInFor(k)))
            .Where(x => x.Item2 is not null)
            .Select(x => (x.k, x.Item2!))];
        Definitions = (await db.KpiDefinitions.AsNoTracking().ToListAsync(ct))
            .GroupBy(d => d.Code).ToDictionary(g => g.Key, g => g.MaxBy(d => d.Version)!);
    }

    public string SourceName(string? code) => KpiLibraryText.Source(l, code);
}
