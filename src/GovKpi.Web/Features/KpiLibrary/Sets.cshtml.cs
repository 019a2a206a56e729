using System.Globalization;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.KpiLibrary;

public sealed class SetsModel(GovKpiDbContext db) : PageModel
{
    public IReadOnlyList<JobPosition> Positions { get; private set; } = [];
    public IReadOnlyDictionary<string, KpiSet> Current { get; private set; } = new Dictionary<string, KpiSet>();
    public bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Positions = await db.JobPositions.AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct);
        Current = (await db.KpiSets.AsNoTracking().Where(s => s.EffectiveTo == null).ToListAsync(ct))
            .ToDictionary(s => s.PositionCode);
    }
}
