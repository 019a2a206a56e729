using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Calendar;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Organisation;
using GovKpi.Core.Tasks;
using GovKpi.Core.Workforce;
using GovKpi.Data;
using GovKpi.Data.Organisation;
using GovKpi.Data.Tasks;
using GovKpi.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Workforce;

public enum DeskRefusal
{
    None,
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

public sealed record DeskResult<T>(T? Value, DeskRefusal Refusal = DeskRefusal.None, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static DeskResult<T> Refused(DeskRefusal refusal, IEnumerable<(string Field, string Reason)>? problems = null) =>
        new(default, refusal, problems?.GroupBy(p => p.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => p.Reason).ToArray(), StringComparer.Ordinal));
}

/// <summary>A plan with the effect of its lines on both sides of each, as read now.</summary>
public sealed record PlanView(SecondmentPlan Plan, IReadOnlyList<UnitEffect> Effect, DateOnly ReferenceFrom, DateOnly ReferenceTo,
    IReadOnlyList<SecondmentPlanAuditEntry> Trail);

/// <summary>
/// Loads what the workforce rules read (staff on the day, their work from dossiers and tasks,
/// leave, calendar, norms and skill tables), asks Core and saves what Core decided. Units outside
/// the caller's scope are left out of every answer.
/// </summary>
public sealed class WorkforceDesk(GovKpiDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <summary>Periods before the chosen one that the trend shows.</summary>
    public const int TrendPeriods = 3;

    public const int MaxPeriodDays = 366;

    public DateOnly Today => VietnamTime.Today(clock);

    public async Task<WorkloadReport> WorkloadAsync(DateOnly from, DateOnly to, UnitScope scope, int previousPeriods, CancellationToken ct)
    {
        var length = to.DayNumber - from.DayNumber;
        var earliest = from.AddDays(-previousPeriods * length);
        var staff = await StaffAsync(earliest, ct);
        var work = await WorkAsync(earliest, to, ct);
        var leave = await db.Leave.AsNoTracking().Where(l => l.From < to && l.To > earliest).ToListAsync(ct);
        var norms = new WorkloadNorms(await db.WorkloadNorms.AsNoTracking().ToListAsync(ct));
        var report = Workload.Compute(from, to, staff, work, leave.Select(l => l.Record), norms, await TaskAssignmentReader.CalendarAsync(db, ct), previousPeriods);
        return report with
        {
            Units = [.. report.Units.Where(u => scope.Contains(u.UnitCode))],
            Staff = [.. report.Staff.Where(s => scope.Contains(s.UnitCode))],
            Trend = [.. report.Trend.Select(p => p with { Units = [.. p.Units.Where(u => scope.Contains(u.UnitCode))] })],
        };
    }

    public async Task<CoverageReport> CoverageAsync(DateOnly day, UnitScope scope, CancellationToken ct)
    {
        var report = (await CoverageInputsAsync(day, ct)).Compute();
        return report with
        {
            Units = [.. report.Units.Where(u => scope.Contains(u.UnitCode))],
            Skills = [.. report.Skills.Select(s => s with { Units = [.. s.Units.Where(scope.Contains)] }).Where(s => s.Units.Count > 0)],
        };
    }

    public async Task<List<WorkloadNorm>> NormsAsync(CancellationToken ct) =>
        await db.WorkloadNorms.AsNoTracking().OrderBy(n => n.PositionCode).ToListAsync(ct);

    public async Task<(List<PositionSkill> Positions, List<ProcedureSkill> Procedures)> RequirementsAsync(CancellationToken ct) =>
        (await db.PositionSkills.AsNoTracking().OrderBy(p => p.PositionCode).ThenBy(p => p.Skill).ToListAsync(ct),
         await db.ProcedureSkills.AsNoTracking().OrderBy(p => p.ProcedureCode).ThenBy(p => p.Skill).ToListAsync(ct));

    /// <summary>Replaces every norm: the table is small and edited as a whole.</summary>
    public async Task<DeskResult<List<WorkloadNorm>>> ReplaceNormsAsync(IReadOnlyList<WorkloadNorm> norms, CancellationToken ct)
    {
        var problems = WorkloadNorms.CheckTable(norms, await PositionCodesAsync(ct));
        if (problems.Count > 0)
        {
            return DeskResult<List<WorkloadNorm>>.Refused(DeskRefusal.Invalid, Messages(problems));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.WorkloadNorms.ExecuteDeleteAsync(ct);
        db.WorkloadNorms.AddRange(norms);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new(await NormsAsync(ct));
    }

    public async Task<DeskResult<bool>> ReplaceRequirementsAsync(IReadOnlyList<PositionSkill> positions, IReadOnlyList<ProcedureSkill> procedures, CancellationToken ct)
    {
        var problems = SkillRequirements.Check(positions, procedures, await PositionCodesAsync(ct));
        if (problems.Count > 0)
        {
            return DeskResult<bool>.Refused(DeskRefusal.Invalid, Messages(problems));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.PositionSkills.ExecuteDeleteAsync(ct);
        await db.ProcedureSkills.ExecuteDeleteAsync(ct);
        db.PositionSkills.AddRange(positions.Distinct());
        db.ProcedureSkills.AddRange(procedures.Distinct());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new(true);
    }

    public async Task<List<SecondmentPlan>> PlansAsync(UnitScope scope, CancellationToken ct)
    {
        var plans = await db.SecondmentPlans.AsNoTracking().Include(p => p.Lines).OrderByDescending(p => p.CreatedAt).ToListAsync(ct);
        return [.. plans.Where(p => p.Lines.Count == 0 || p.Lines.Any(l => scope.Contains(l.FromUnitCode) || scope.Contains(l.ToUnitCode)))];
    }

    public async Task<DeskResult<PlanView>> PlanAsync(string id, UnitScope scope, CancellationToken ct)
    {
        var plan = await db.SecondmentPlans.AsNoTracking().Include(p => p.Lines).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            return DeskResult<PlanView>.Refused(DeskRefusal.NotFound);
        }

        if (plan.Lines.Count > 0 && !plan.Lines.Any(l => scope.Contains(l.FromUnitCode) || scope.Contains(l.ToUnitCode)))
        {
            return DeskResult<PlanView>.Refused(DeskRefusal.Forbidden);
        }

        plan.Lines = [.. plan.Lines.OrderBy(l => l.Number)];
        var (referenceFrom, referenceTo) = ReferenceOf(plan.Lines.Select(l => (l.From, l.To)));
        var reference = await WorkloadAsync(referenceFrom, referenceTo, scope, 0, ct);
        var coverage = await CoverageInputsAsync(Today, ct);
        var trail = await db.SecondmentPlanAudit.AsNoTracking().Where(a => a.PlanId == id).OrderBy(a => a.Id).ToListAsync(ct);
        return new(new PlanView(plan, PlanEffect.Of(plan.Lines, reference, coverage), referenceFrom, referenceTo, trail));
    }

    public async Task<DeskResult<string>> CreateAsync(string? title, IReadOnlyList<PlanLineInput> lines, bool proposed, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var (staff, problems) = await CheckAsync(title, lines, scope, ct);
        if (problems.Count > 0)
        {
            return DeskResult<string>.Refused(DeskRefusal.Invalid, problems);
        }

        var id = Guid.NewGuid().ToString("N");
        var (plan, audit) = SecondmentPlans.Draft(id, title!.Trim(), lines, staff, proposed, user.UserName, clock.GetUtcNow());
        db.SecondmentPlans.Add(plan);
        db.SecondmentPlanAudit.Add(audit);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return new(id);
    }

    public async Task<DeskResult<string>> EditAsync(string id, string? title, IReadOnlyList<PlanLineInput> lines, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var plan = await db.SecondmentPlans.Include(p => p.Lines).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            return DeskResult<string>.Refused(DeskRefusal.NotFound);
        }

        if (!InScope(plan, scope))
        {
            return DeskResult<string>.Refused(DeskRefusal.Forbidden);
        }

        var (staff, problems) = await CheckAsync(title, lines, scope, ct);
        if (problems.Count > 0)
        {
            return DeskResult<string>.Refused(DeskRefusal.Invalid, problems);
        }

        db.RemoveRange(plan.Lines);
        var change = SecondmentPlans.Edit(plan, title!.Trim(), lines, staff, user.UserName, clock.GetUtcNow());
        return await SaveAsync(plan, change, ct);
    }

    /// <summary>The assistant's plan from the last period of the plan's length: saved as a draft for a person to edit and approve.</summary>
    public async Task<DeskResult<string>> ProposeAsync(DateOnly from, DateOnly to, string title, Func<ProposedLine, string> reason,
        CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var (referenceFrom, referenceTo) = ReferenceOf([(from, to)]);
        var reference = await WorkloadAsync(referenceFrom, referenceTo, scope, 0, ct);
        var coverage = await CoverageAsync(Today, scope, ct);
        var staff = (await StaffAsync(Today, ct)).Where(s => scope.Contains(s.WorkingUnitOn(from))).ToList();
        var lines = PlanProposer.Propose(reference, coverage, staff, from, to);
        return await CreateAsync(title, [.. lines.Select(l => new PlanLineInput(l.StaffCode, l.ToUnitCode, from, to, reason(l)))], true, user, scope, ct);
    }

    /// <summary>Approves a draft: the plan's status and the secondments through the organisation's change path, in one transaction.</summary>
    public async Task<DeskResult<string>> DecideAsync(string id, bool approve, string? note, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var plan = await db.SecondmentPlans.Include(p => p.Lines).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            return DeskResult<string>.Refused(DeskRefusal.NotFound);
        }

        if (!InScope(plan, scope))
        {
            return DeskResult<string>.Refused(DeskRefusal.Forbidden);
        }

        plan.Lines = [.. plan.Lines.OrderBy(l => l.Number)];
        if (!approve)
        {
            return await SaveAsync(plan, SecondmentPlans.Reject(plan, user.UserName, clock.GetUtcNow(), note), ct);
        }

        var state = await new OrganisationImporter(db, clock).LoadStateAsync(ct);
        var units = state.Units.Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        var change = SecondmentPlans.Approve(plan, state.Staff, units, user.UserName, clock.GetUtcNow(), note);
        if (change.Outcome != PlanOutcome.Done)
        {
            return Refusal(change);
        }

        var rows = new OrganisationRows
        {
            Secondments = [.. change.Secondments.Select((s, i) => new SourcedRow<SecondmentRow>(s, new RowSource("secondment_plan", i + 1)))],
        };
        var result = OrganisationProblemWords.Word(OrganisationImport.Plan(state, rows, new ImportContext(clock.GetUtcNow(), user.UserName, OrganisationChangeSource.Api)));
        if (result.Plan is not { } organisationPlan || result.Problems.Count > 0)
        {
            return DeskResult<string>.Refused(DeskRefusal.Invalid, result.Problems.Select(p => ($"lines[{p.Line - 1}].{p.Column}", p.Reason)));
        }

        var decided = (plan.Status, plan.DecidedBy, plan.DecidedAt, plan.DecisionNote, plan.Revision);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await new OrganisationImporter(db, clock).ApplyAsync(organisationPlan, ct);
        // The organisation's writer cleared the tracker: the plan is read again and decided as Core decided it.
        var stored = await db.SecondmentPlans.FirstAsync(p => p.Id == id, ct);
        (stored.Status, stored.DecidedBy, stored.DecidedAt, stored.DecisionNote, stored.Revision) = decided;
        db.SecondmentPlanAudit.AddRange(change.Audit);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new(id);
    }

    /// <summary>The last period of the plan's length before today: the work the effect replays.</summary>
    public (DateOnly From, DateOnly To) ReferenceOf(IEnumerable<(DateOnly From, DateOnly To)> lines)
    {
        var list = lines.ToList();
        var days = list.Count == 0 ? 30 : Math.Clamp(list.Max(l => l.To).DayNumber - list.Min(l => l.From).DayNumber, 1, MaxPeriodDays);
        return (Today.AddDays(-days), Today);
    }

    private async Task<DeskResult<string>> SaveAsync(SecondmentPlan plan, PlanChange change, CancellationToken ct)
    {
        if (change.Outcome != PlanOutcome.Done)
        {
            return Refusal(change);
        }

        db.SecondmentPlanAudit.AddRange(change.Audit);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return DeskResult<string>.Refused(DeskRefusal.Conflict, Messages([new WorkforceProblem("revision", WorkforceKeys.ChangedMeanwhile)]));
        }

        db.ChangeTracker.Clear();
        return new(plan.Id);
    }

    private DeskResult<string> Refusal(PlanChange change) =>
        DeskResult<string>.Refused(change.Outcome == PlanOutcome.NotDraft ? DeskRefusal.Conflict : DeskRefusal.Invalid, Messages(change.Problems));

    /// <summary>Core's problems in the reader's language, keyed by field.</summary>
    public IEnumerable<(string Field, string Reason)> Messages(IEnumerable<WorkforceProblem> problems) =>
        problems.Select(p => (p.Field, l[p.Key, [.. p.Args]].Value));

    private async Task<HashSet<string>> PositionCodesAsync(CancellationToken ct) =>
        (await db.JobPositions.AsNoTracking().Select(p => p.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

    private static bool InScope(SecondmentPlan plan, UnitScope scope) =>
        plan.Lines.All(l => scope.Contains(l.FromUnitCode) && scope.Contains(l.ToUnitCode));

    private async Task<(List<StaffMember> Staff, List<(string, string)> Problems)> CheckAsync(string? title, IReadOnlyList<PlanLineInput> lines, UnitScope scope, CancellationToken ct)
    {
        var staff = await StaffAsync(Today, ct);
        var units = (await db.Units.AsNoTracking().Select(u => u.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var problems = new List<WorkforceProblem>();
        if (string.IsNullOrWhiteSpace(title))
        {
            problems.Add(new("title", WorkforceKeys.Required));
        }

        problems.AddRange(SecondmentPlans.Check(lines, staff, units));
        var byCode = staff.ToDictionary(s => s.Code, StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].ToUnitCode is { } to && units.Contains(to) && !scope.Contains(to))
            {
                problems.Add(new($"lines[{i}].to_unit_code", WorkforceKeys.OutsideScope));
            }

            if (lines[i].StaffCode is { } code && byCode.TryGetValue(code, out var member) && lines[i].From is { } from && !scope.Contains(member.WorkingUnitOn(from)))
            {
                problems.Add(new($"lines[{i}].staff_code", WorkforceKeys.OutsideScope));
            }
        }

        return (staff, [.. Messages(problems)]);
    }

    /// <summary>The people still in post on <paramref name="day"/> (a recorded departure before it leaves them out).</summary>
    private async Task<List<StaffMember>> StaffAsync(DateOnly day, CancellationToken ct)
    {
        var staff = await db.Staff.AsNoTracking().ToListAsync(ct);
        var departed = (await db.StaffHistory.AsNoTracking().Where(h => h.EffectiveTo != null && h.EffectiveTo <= day).Select(h => h.StaffCode).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var still = (await db.StaffHistory.AsNoTracking().Where(h => h.EffectiveTo == null || h.EffectiveTo > day).Select(h => h.StaffCode).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        return [.. staff.Where(s => !departed.Contains(s.Code) || still.Contains(s.Code)).OrderBy(s => s.Code, StringComparer.Ordinal)];
    }

    /// <summary>Dossiers finished as handler and task products submitted, per person and Vietnam day.</summary>
    private async Task<List<WorkDone>> WorkAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), VietnamTime.Offset);
        var end = new DateTimeOffset(to.ToDateTime(TimeOnly.MinValue), VietnamTime.Offset);
        var dossiers = await db.Dossiers.AsNoTracking()
            .Where(d => d.HandlerCode != null && d.FinishedAt != null && d.FinishedAt >= start && d.FinishedAt < end)
            .Select(d => new { d.HandlerCode, d.FinishedAt, d.Status })
            .ToListAsync(ct);
        var work = dossiers.Where(d => d.Status != Core.Measurement.DossierStatus.Withdrawn)
            .GroupBy(d => (d.HandlerCode!, DayOf(d.FinishedAt!.Value)))
            .Select(g => new WorkDone(g.Key.Item1, g.Key.Item2, g.Count(), 0m))
            .ToList();

        var tasks = await db.TaskAssignments.AsNoTracking()
            .Where(t => t.SubmittedAt != null && t.SubmittedAt >= start && t.SubmittedAt < end
                && (t.State == AssignmentState.Submitted || t.State == AssignmentState.Accepted))
            .ToListAsync(ct);
        var catalogue = await new TaskAssignmentReader(db).CatalogueOfAsync(tasks.Select(t => t.TaskTypeCode), ct);
        var conversion = TaskAssignmentScoring.Conversion(tasks, catalogue, from);
        work.AddRange(tasks
            .GroupBy(t => (t.StaffCode, DayOf(t.SubmittedAt!.Value)))
            .Select(g => new WorkDone(g.Key.StaffCode, g.Key.Item2, 0,
                g.Sum(t => t.QuantityDone * conversion.CoefficientByTaskType.GetValueOrDefault(t.TaskTypeCode, 1m)))));
        return work;
    }

    private async Task<CoverageInputs> CoverageInputsAsync(DateOnly day, CancellationToken ct)
    {
        // The procedures a unit handles: those of the dossiers it received in the last year.
        var since = new DateTimeOffset(day.AddYears(-1).ToDateTime(TimeOnly.MinValue), VietnamTime.Offset);
        var handled = await db.Dossiers.AsNoTracking().Where(d => d.ReceivedAt >= since)
            .Select(d => new { d.UnitCode, d.ProcedureCode }).Distinct().ToListAsync(ct);
        var (positions, procedures) = await RequirementsAsync(ct);
        return new CoverageInputs(day, await StaffAsync(day, ct), positions, procedures, [.. handled.Select(h => (h.UnitCode, h.ProcedureCode))]);
    }

    private static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(VietnamTime.Offset).DateTime);

    public static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
