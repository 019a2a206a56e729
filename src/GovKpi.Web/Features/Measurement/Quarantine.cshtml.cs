using GovKpi.Core.Access;
using GovKpi.Data;
using GovKpi.Data.Measurement;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Measurement;

/// <summary>The open quarantined rows, oldest first, with their location and reason.</summary>
[Authorize(Roles = Roles.RecordStewards)]
public sealed class QuarantineModel(GovKpiDbContext db) : PageModel
{
    public const int PageSize = 100;

    [FromQuery(Name = "skip")]
    public int Skip { get; set; }

    public IReadOnlyList<QuarantinedRow> Rows { get; private set; } = [];
    public int OpenCount { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Skip = Math.Max(0, Skip);
        OpenCount = await db.Quarantine.CountAsync(q => q.Status == QuarantineStatus.Open, ct);
        Rows = await QuarantineDesk.OpenRows(db, Skip, PageSize).ToListAsync(ct);
    }
}
