using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;
using GovKpi.Data;
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
    public bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Positions = await db.JobPositions.AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct);
        var today = VietnamTime.Today(clock);
        Current = KpiVersions.SetsAt(await db.KpiSets.AsNoTracking().ToListAsync(ct), today);
        Definitions = KpiVersions.DefinitionsAt(await db.KpiDefinitions.AsNoTracking().ToListAsync(ct), d => d.Code, today);
    }

    public string SourceName(string? code) => KpiLibraryText.Source(l, code);
}
