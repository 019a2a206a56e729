using System.Globalization;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.KpiLibrary;

/// <summary>The positions by group with their KPI set in force, and the built-in set of each group.</summary>
public sealed class SetsModel(GovKpiDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<JobPosition> Positions { get; private set; } = [];
    public IReadOnlyDictionary<string, KpiSet> Current { get; private set; } = new Dictionary<string, KpiSet>();
    public IReadOnlyDictionary<string, KpiDefinition> Definitions { get; private set; } = new Dictionary<string, KpiDefinition>();
    public IReadOnlyList<GroupKpiSet> GroupSets => GroupKpiSets.All;
    public bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Positions = await db.JobPositions.AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct);
        Current = (await db.KpiSets.AsNoTracking().Where(s => s.EffectiveTo == null).ToListAsync(ct))
            .ToDictionary(s => s.PositionCode);
        Definitions = (await db.KpiDefinitions.AsNoTracking().ToListAsync(ct))
            .GroupBy(d => d.Code).ToDictionary(g => g.Key, g => g.MaxBy(d => d.Version)!);
    }

    public string SourceName(string? code) => KpiLibraryText.Source(l, code);
}
