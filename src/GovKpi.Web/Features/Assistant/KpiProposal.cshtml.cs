using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Assistant;

/// <summary><c>/assistant/kpi-proposal</c>: a KPI set proposed for a position, each KPI with its reason, and the SMART verdict.</summary>
[Authorize(Roles = $"{Roles.Hr},{Roles.Manager}")]
public sealed class KpiProposalModel(GovKpiDbContext db, KpiProposals proposals, TimeProvider clock) : PageModel
{
    [FromQuery] public string? Position { get; set; }
    [FromQuery] public string? Description { get; set; }

    public IReadOnlyList<JobPosition> Positions { get; private set; } = [];
    public KpiProposalResponse? Proposal { get; private set; }
    public Dictionary<string, string[]> Errors { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Positions = await db.JobPositions.AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct);
        if (Position is null && Description is null)
        {
            return;
        }

        var (position, description) = await proposals.DescriptionAsync(new KpiProposalRequest(Position, Description), Errors, ct);
        if (description is not null)
        {
            Proposal = await proposals.ProposeAsync(position, description, VietnamTime.Today(clock), ct);
            Description = description;
        }
    }
}
