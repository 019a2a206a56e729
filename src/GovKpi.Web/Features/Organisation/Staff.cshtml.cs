using System.Globalization;
using GovKpi.Core.Access;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Data.Evaluation;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.Evaluation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Organisation;

/// <summary>
/// A person's own page: every placement of their history, their secondments, and links to their
/// evaluations and KPI values. Read by the person, and by managers, HR, leaders and auditors
/// whose scope holds a unit the person works, has worked or is seconded in.
/// </summary>
public sealed class StaffPageModel(GovKpiDbContext db) : PageModel
{
    public StaffMember? Member { get; private set; }
    public IReadOnlyList<StaffPlacement> History { get; private set; } = [];
    public IReadOnlyList<(StaffEvaluation Evaluation, EvaluationCycle Cycle)> Evaluations { get; private set; } = [];
    public UnitScope? Scope { get; private set; }
    public bool IsSelf { get; private set; }
    public bool CanAdminister { get; private set; }
    public IReadOnlyDictionary<string, string> Positions { get; private set; } = new Dictionary<string, string>();

    public string UnitName(string code) => Scope?.Tree.Find(code)?.NameVi ?? code;

    public string PositionName(string code) => Positions.GetValueOrDefault(code) ?? code;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var caller = await Caller.LoadAsync(db, HttpContext, ct);
        Scope = caller.Scope;
        Member = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Code == code, ct);
        if (Member is null)
        {
            return NotFound();
        }

        var history = await db.StaffHistory.AsNoTracking().Where(h => h.StaffCode == code).OrderBy(h => h.EffectiveFrom).ToListAsync(ct);
        if (history.Count == 0)
        {
            // Loaded before histories were kept: the current placement, from the unit's start.
            history.Add(StaffPlacement.AssumedFor(Member, Scope.Tree.Find(Member.UnitCode)?.EffectiveFrom ?? DateOnly.MinValue));
        }

        IsSelf = caller.User.StaffCode == code;
        var readsOthers = caller.User.Role is Role.Manager or Role.Hr or Role.Leader or Role.Auditor;
        // The unit a person is seconded to evaluates them, so its managers read their page too.
        var worksInScope = history.Any(h => Scope.Contains(h.UnitCode)) || Member.Secondments.Any(s => Scope.Contains(s.ToUnitCode));
        if (!IsSelf && !(readsOthers && worksInScope))
        {
            return Forbid();
        }

        History = history;
        CanAdminister = caller.User.Role == Role.Hr && Scope.Contains(Member.UnitCode);
        var english = CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);
        Positions = await db.JobPositions.AsNoTracking().ToDictionaryAsync(p => p.Code, p => english ? p.NameEn : p.NameVi, ct);
        var evaluations = await db.Evaluations.AsNoTracking().Where(e => e.StaffCode == code).ToListAsync(ct);
        var cycleIds = evaluations.Select(e => e.CycleId).Distinct().ToList();
        var cycles = await db.EvaluationCycles.AsNoTracking().Where(c => cycleIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        Evaluations = evaluations
            .Where(caller.Sees)
            .Select(e => (e, cycles[e.CycleId]))
            .OrderByDescending(x => x.Item2.PeriodFrom)
            .ToList();
        return Page();
    }
}
