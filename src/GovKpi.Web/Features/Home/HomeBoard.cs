using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;
using GovKpi.Core.Tasks;
using GovKpi.Data;
using GovKpi.Data.Measurement;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.Alerts;
using GovKpi.Web.Features.Assistant;
using GovKpi.Web.Features.Audit;
using GovKpi.Web.Features.Evaluation;
using GovKpi.Web.Features.KpiValues;
using GovKpi.Web.Features.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Home;

/// <summary>A staff member's morning: their KPIs this month and the months before, their work, alerts and evaluation to-dos.</summary>
public sealed record StaffHome(
    KpiTableResponse? Current, IReadOnlyList<KpiTableResponse> Trend, IReadOnlyList<TaskResponse> Tasks, IReadOnlyList<AlertResponse> Alerts,
    IReadOnlyList<ReminderResponse> Reminders, MyEvaluationResponse? Latest, string? WhyUrl);

/// <summary>One person of a manager's team: their KPIs this month so far, open tasks (<see cref="LateTasks"/> past their day) and alerts addressed to them.</summary>
public sealed record TeamMember(string StaffCode, string Name, KpiTableResponse Kpis, int OpenTasks, int LateTasks, int OpenAlerts)
{
    public IEnumerable<KpiValueResponse> Measured => Kpis.Values.Where(v => v.Status != KpiStatus.None);
    public IEnumerable<KpiValueResponse> Missed => Kpis.Values.Where(v => v.Status is KpiStatus.Amber or KpiStatus.Red);
}

/// <summary>A person whose KPI misses its target so far this period.</summary>
public sealed record AtRisk(string StaffCode, string Name, KpiValueResponse Value);

/// <summary>
/// An open cycle of the manager's units: who has not self-assessed, who is still to be rated by
/// the manager (in the cycle's order, so "the next person" is the first of them; nobody rates themselves).
/// </summary>
public sealed record OpenCycle(CycleResponse Cycle, CycleProgress? Progress, IReadOnlyList<EvaluationSummary> NotSelfAssessed, IReadOnlyList<EvaluationSummary> NotRated);

/// <param name="Forecast">
/// The warnings page's first view (<see cref="ForecastQuery.Default"/>): who of the manager's scope the
/// forecaster expects to miss a target by the end of the quarter; null before the quarter's first working day is over.
/// </param>
public sealed record ManagerHome(
    ReportingPeriod Period, IReadOnlyList<TeamMember> Team, bool TeamCut, IReadOnlyList<AtRisk> AtRisk, IReadOnlyList<OpenCycle> Cycles,
    IReadOnlyList<ReminderResponse> Reminders, ForecastResponse? Forecast);

/// <summary>The open cycles of one agency (or commune): how many at each stage and how far their people are.</summary>
public sealed record AgencyProgress(string AgencyCode, string AgencyName, IReadOnlyDictionary<CycleStage, int> Stages, int People, int SelfAssessed, int Rated)
{
    public double? SelfAssessedShare => People == 0 ? null : (double)SelfAssessed / People;
    public double? RatedShare => People == 0 ? null : (double)Rated / People;
}

public sealed record HrHome(IReadOnlyList<AgencyProgress> Agencies, IReadOnlyList<ImportBatch> Imports, int QuarantinedRecords, int QuarantinedTasks);

/// <summary>
/// What each role's home page shows, read through the readers every other page uses (KPI values,
/// evaluations, tasks, alerts, the audit trail), so the home decides nothing of its own: it picks
/// and orders what they answer.
/// </summary>
public sealed class HomeBoard(
    GovKpiDbContext db, KpiValueReader kpis, EvaluationReader evaluations, TaskAssignmentDesk tasks, AlertDesk alerts, AuditReader audit,
    ForecastReader forecasts, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <summary>Months of the staff's KPI trend, the current one included.</summary>
    public const int TrendMonths = 6;

    /// <summary>A team larger than this is shown in part.</summary>
    public const int TeamLimit = 60;

    /// <summary>Open cycles shown to a manager, newest period first.</summary>
    public const int CycleLimit = 5;

    public const int RecentImports = 8;

    public const int RecentAuditLines = 15;

    /// <summary>Forecast warnings shown to a manager, most likely first; the warnings page holds them all.</summary>
    public const int ForecastLimit = 8;

    private static readonly AlertFilter OpenAlerts = new(null, null, OpenOnly: true);

    /// <summary>The month the KPI pages open on (the month just ended while this one has no working day yet).</summary>
    public ReportingPeriod CurrentMonth()
    {
        var (from, to) = new PeriodPicker().Resolve(VietnamTime.Today(clock));
        return new ReportingPeriod(DateOnly.ParseExact(from!, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateOnly.ParseExact(to!, "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    public async Task<StaffHome> StaffAsync(Caller caller, CancellationToken ct)
    {
        var user = caller.User;
        var reminders = await evaluations.RemindersAsync(caller, ct);
        var latest = (await evaluations.MineAsync(caller, ct)).FirstOrDefault();
        var myTasks = (await tasks.ListAsync(user, caller.Scope, user.StaffCode, ct)).Where(t => t.StaffCode == user.StaffCode && Open(t)).ToList();
        var myAlerts = await alerts.MineAsync(user.StaffCode, OpenAlerts, ct);
        if (user.StaffCode is not { } me || await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Code == me, ct) is not { } person)
        {
            return new StaffHome(null, [], myTasks, myAlerts, reminders, latest, null);
        }

        var subject = new KpiSubject(KpiSubjectScope.Staff, person.Code, person.FullName, null, person.Code);
        var current = CurrentMonth();
        var trend = new List<KpiTableResponse>();
        for (var back = TrendMonths - 1; back >= 0; back--)
        {
            var month = current.From.AddMonths(-back);
            trend.Add(await kpis.TableAsync(subject, ReportingPeriod.Month(month.Year, month.Month), ct));
        }

        var now = trend[^1];
        // The KPI furthest from its target is the likeliest answer to "why is my score this".
        var why = now.Values.OrderBy(v => v.Status switch { KpiStatus.Red => 0, KpiStatus.Amber => 1, KpiStatus.Green => 2, _ => 3 }).FirstOrDefault();
        return new StaffHome(now, trend, myTasks, myAlerts, reminders, latest, why?.ExplainUrl);
    }

    public async Task<ManagerHome> ManagerAsync(Caller caller, CancellationToken ct)
    {
        var scope = caller.Scope;
        var codes = scope.Codes.ToList();
        var people = await db.Staff.AsNoTracking().Where(s => codes.Contains(s.UnitCode)).OrderBy(s => s.Code).Take(TeamLimit + 1).ToListAsync(ct);
        var cut = people.Count > TeamLimit;
        var allTasks = await tasks.ListAsync(caller.User, scope, null, ct);
        var openTasks = allTasks.Where(Open).ToLookup(t => t.StaffCode, StringComparer.Ordinal);
        var openAlerts = (await alerts.ListAsync(scope, OpenAlerts, ct)).Where(a => a.RecipientStaffCode is not null)
            .ToLookup(a => a.RecipientStaffCode!, StringComparer.Ordinal);
        var period = CurrentMonth();
        var today = VietnamTime.Today(clock);
        var shown = people.Take(TeamLimit).ToList();
        var tables = await kpis.StaffTablesAsync([.. shown.Select(p => new KpiSubject(KpiSubjectScope.Staff, p.Code, p.FullName, null, p.Code))], period, ct);
        var team = shown.Zip(tables, (p, table) => new TeamMember(p.Code, p.FullName, table, openTasks[p.Code].Count(),
            openTasks[p.Code].Count(t => t.DueOn < today), openAlerts[p.Code].Count())).ToList();

        // Each person is at risk only on the KPIs of their own set in force this month, as their evaluation will judge them.
        var positions = shown.Select(p => p.PositionCode).Distinct().ToList();
        var sets = KpiVersions.SetsAt(await db.KpiSets.AsNoTracking().Where(s => positions.Contains(s.PositionCode)).ToListAsync(ct), period.From);
        var definitions = KpiVersions.DefinitionsAt(await db.KpiDefinitions.AsNoTracking().ToListAsync(ct), d => d.Code, period.From);
        var judgedOn = shown.ToDictionary(p => p.Code, p => KpiVersions.MeasuredBy(sets.GetValueOrDefault(p.PositionCode), definitions), StringComparer.Ordinal);
        var atRisk = team.SelectMany(m => m.Missed.Where(v => judgedOn[m.StaffCode].Contains(v.Kpi)).Select(v => new AtRisk(m.StaffCode, m.Name, v)))
            .OrderBy(r => r.Value.Status == KpiStatus.Red ? 0 : 1).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();

        var open = (await evaluations.CyclesAsync(caller, null, null, ct))
            .Where(c => c.Stage < CycleStage.Published && scope.Contains(c.UnitCode)).Take(CycleLimit).ToList();
        var cycles = new List<OpenCycle>();
        foreach (var c in open)
        {
            var detail = await evaluations.CycleAsync(caller, c.Id, ct);
            if (detail.Value is not { } d)
            {
                continue;
            }

            cycles.Add(new OpenCycle(d.Cycle, d.Progress,
                [.. d.Evaluations.Where(e => !e.SelfAssessed && d.Cycle.Stage <= CycleStage.ManagerRating)],
                [.. d.Evaluations.Where(e => !e.Rated && d.Cycle.Stage == CycleStage.ManagerRating && e.StaffCode != caller.User.StaffCode)]));
        }

        return new ManagerHome(period, team, cut, atRisk, cycles, await evaluations.RemindersAsync(caller, ct), await ForecastAsync(caller, today, ct));
    }

    /// <summary>
    /// The forecast the warnings page opens on, read as that page reads it (its audit line aside:
    /// a home drawn is not a question put to the assistant).
    /// </summary>
    private async Task<ForecastResponse?> ForecastAsync(Caller caller, DateOnly today, CancellationToken ct)
    {
        var (scope, code, period) = ForecastQuery.Default(caller.User, today);
        var query = ForecastQuery.Parse(scope, code, period, null, today, l, out var errors);
        if (query is null)
        {
            return null;
        }

        var (access, subject) = await query.Subject.ResolveAsync(db, caller.Scope, caller.User, ct);
        return access == SubjectAccess.Allowed ? await forecasts.ForecastAsync(query, subject!, caller.User, caller.Scope, errors, ct) : null;
    }

    public async Task<HrHome> HrAsync(Caller caller, CancellationToken ct)
    {
        var open = (await evaluations.CyclesAsync(caller, null, null, ct)).Where(c => c.Stage != CycleStage.Locked).ToList();
        var progress = await evaluations.ProgressAsync([.. open.Select(c => c.Id)], ct);
        var agencies = open.GroupBy(c => c.AgencyCode, StringComparer.Ordinal)
            .Select(g =>
            {
                var counted = g.Select(c => progress.GetValueOrDefault(c.Id)).OfType<CycleProgress>().ToList();
                return new AgencyProgress(g.Key, caller.Scope.Tree.Find(g.Key)?.NameVi ?? g.First().UnitName,
                    g.GroupBy(c => c.Stage).ToDictionary(s => s.Key, s => s.Count()),
                    counted.Sum(p => p.People), counted.Sum(p => p.SelfAssessed), counted.Sum(p => p.Rated));
            })
            .OrderBy(a => a.AgencyName, StringComparer.Ordinal)
            .ToList();

        var imports = await db.ImportBatches.AsNoTracking().OrderByDescending(b => b.StartedAt).ThenByDescending(b => b.Id).Take(RecentImports).ToListAsync(ct);
        var quarantined = await db.Quarantine.AsNoTracking().CountAsync(q => q.Status == QuarantineStatus.Open, ct);
        var quarantinedTasks = await db.TaskQuarantine.AsNoTracking().CountAsync(q => q.Status == QuarantinedTaskStatus.Open, ct);
        return new HrHome(agencies, imports, quarantined, quarantinedTasks);
    }

    public async Task<IReadOnlyList<AuditRow>> AuditAsync(CurrentUser user, CancellationToken ct) =>
        [.. (await audit.PageAsync(user, new AuditFilter(), 1, ct)).Rows.Take(RecentAuditLines)];

    private static bool Open(TaskResponse t) => t.State != nameof(AssignmentState.Accepted);
}
