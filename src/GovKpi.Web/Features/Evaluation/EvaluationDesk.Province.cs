using System.Globalization;
using GovKpi.Core.Access;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.Organisation;
using GovKpi.Data.Evaluation;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Evaluation;

/// <summary>
/// Province-scale cycles (issue 9, item 6): opening the cycles of many units in one transaction,
/// moving many cycles on, their blockers and the audited confirmation that overrides them, and 360°
/// respondents from anywhere in the province. Core decides (<see cref="CycleOpening"/>,
/// <see cref="CycleBlockers"/>); this loads, asks and saves.
/// </summary>
public sealed partial class EvaluationDesk
{
    public const int MaximumUnitsPerRequest = 5000;
    public const int MaximumRespondents = Respondents.MaximumPerRequest;

    public async Task<DeskResult<BulkOpenResponse>> OpenManyAsync(Caller caller, BulkOpenRequest request, CancellationToken ct)
    {
        if (caller.User.Role is not (Role.Manager or Role.Hr))
        {
            return DeskResult<BulkOpenResponse>.Forbidden();
        }

        var errors = new Dictionary<string, string[]>();
        var (target, units) = Target(caller, request.Target, request.UnitCode, request.UnitCodes, errors);
        if (target == OpeningTarget.Agency && units is null && !errors.ContainsKey("unitCode"))
        {
            return DeskResult<BulkOpenResponse>.Forbidden();
        }

        var terms = OpeningTerms(request.PeriodKind, request.Year, request.Number, request.Policy, request.Deadlines, errors);
        if (errors.Count > 0)
        {
            return DeskResult<BulkOpenResponse>.Invalid(l["Evaluation.Error.Title"], errors);
        }

        var facts = await OpeningFactsAsync(caller, terms!, ct);
        var plan = CycleOpening.Plan(CycleOpening.Candidates(target!.Value, request.UnitCode?.Trim(), units ?? [], facts), facts);
        var opened = AddCycles(caller, plan, terms!);
        try
        {
            await SaveAddedAsync(ct);
        }
        catch (DbUpdateException)
        {
            return DeskResult<BulkOpenResponse>.Conflict(l["Evaluation.Conflict.Title"], l["Evaluation.Error.OpenedMeanwhile", terms!.Period.Label]);
        }

        return DeskResult<BulkOpenResponse>.Ok(new BulkOpenResponse(
            opened.Select(o => reader.Describe(o.Cycle, o.People)).ToList(),
            plan.Skipped.Select(s => new SkippedUnitResponse(s.UnitCode, s.UnitName, s.Reason, l[$"Evaluation.Skip.{s.Reason}", s.UnitCode, terms!.Period.Label])).ToList()));
    }

    public async Task<DeskResult<BulkAdvanceResponse>> AdvanceManyAsync(Caller caller, BulkAdvanceRequest request, CancellationToken ct)
    {
        if (caller.User.Role is not (Role.Manager or Role.Hr))
        {
            return DeskResult<BulkAdvanceResponse>.Forbidden();
        }

        var confirm = request.Confirm ?? false;
        var errors = Words(StageMove.Check(request.To, request.Reason, reasonRequired: confirm, appealDeadline: null, Today).All);
        List<Guid> ids;
        if (request.CycleIds is { Count: > 0 } given)
        {
            ids = [.. given.Distinct()];
            if (ids.Count > MaximumUnitsPerRequest)
            {
                errors["cycleIds"] = [l["Evaluation.Error.TooMany", MaximumUnitsPerRequest]];
            }
        }
        else
        {
            var (target, units) = Target(caller, request.Target, request.UnitCode, request.UnitCodes, errors);
            var period = request.PeriodKind is { } kind && request.Year is { } year ? EvaluationPeriod.Create(kind, year, request.Number) : null;
            if (period is null)
            {
                errors["period"] = [l["Evaluation.Error.Period"]];
            }

            if (target == OpeningTarget.Agency && units is null && !errors.ContainsKey("unitCode"))
            {
                return DeskResult<BulkAdvanceResponse>.Forbidden();
            }

            if (errors.Count > 0)
            {
                return DeskResult<BulkAdvanceResponse>.Invalid(l["Evaluation.Error.Title"], errors);
            }

            var named = target switch
            {
                OpeningTarget.Units => units!.ToHashSet(StringComparer.Ordinal),
                OpeningTarget.Communes => caller.Scope.Tree.Units.Where(u => u.Kind == UnitKind.Commune && caller.Scope.Contains(u.Code)).Select(u => u.Code).ToHashSet(),
                OpeningTarget.Agency => caller.Scope.Tree.SubtreeOf(request.UnitCode!.Trim()).ToHashSet(),
                _ => caller.Scope.Codes.ToHashSet(),
            };
            var cyclesOfPeriod = await db.EvaluationCycles.AsNoTracking().Where(c => c.PeriodKind == period!.Kind && c.PeriodFrom == period.From)
                .Select(c => new { c.Id, c.UnitCode }).ToListAsync(ct);
            ids = cyclesOfPeriod.Where(c => named.Contains(c.UnitCode)).OrderBy(c => c.UnitCode, StringComparer.Ordinal).Select(c => c.Id).ToList();
        }

        if (errors.Count > 0)
        {
            return DeskResult<BulkAdvanceResponse>.Invalid(l["Evaluation.Error.Title"], errors);
        }

        db.ChangeTracker.Clear();
        var cycles = (await db.EvaluationCycles.Where(c => ids.Contains(c.Id)).ToListAsync(ct)).OrderBy(c => c.UnitCode, StringComparer.Ordinal).ToList();
        if (cycles.Count < ids.Count)
        {
            var found = cycles.Select(c => c.Id).ToHashSet();
            var missing = request.CycleIds!.Select((id, i) => (id, i)).Where(x => !found.Contains(x.id)).ToList();
            return DeskResult<BulkAdvanceResponse>.Invalid(l["Evaluation.Error.Title"],
                missing.ToDictionary(x => $"cycleIds[{x.i}]", x => new[] { l["Evaluation.Error.UnknownCycle", x.id].Value }));
        }

        if (cycles.Any(c => !caller.Scope.Contains(c.UnitCode)))
        {
            return DeskResult<BulkAdvanceResponse>.Forbidden();
        }

        var cycleIds = cycles.Select(c => c.Id).ToList();
        var evaluations = (await db.Evaluations.Where(e => cycleIds.Contains(e.CycleId)).OrderBy(e => e.StaffCode).ToListAsync(ct)).ToLookup(e => e.CycleId);
        var progress = await ProgressAsync(cycles, evaluations.SelectMany(g => g).ToList(), ct);
        var to = request.To!.Value;
        var checks = cycles.Select(c =>
        {
            var people = evaluations[c.Id].ToList();
            var blockers = CycleBlockers.Of(c.Stage, to, caller.ActorFor(c, null, people.Any(caller.IsPerson)), people.Select(e => progress[e.Id]).ToList(), Today, c.Deadlines);
            return (Cycle: c, People: people, Blockers: blockers);
        }).ToList();

        if (StageMove.MovingTogether(checks.Select(x => x.Blockers).ToList(), confirm) is not { } moves)
        {
            return Blocked<BulkAdvanceResponse>(checks.Where(x => x.Blockers.Count > 0).Select(x => Describe(x.Cycle, to, x.Blockers)).ToList());
        }

        var reason = request.Reason?.Trim() ?? "";
        var moving = checks.Where((_, i) => moves[i]).ToList();
        // One transaction for all. Calibration saves cycle by cycle, so that calibrating a cycle counts the agency's cycles
        // calibrated just before it; any other stage saves once (a save per cycle would re-scan every tracked row each time).
        var calibrating = moving.Any(x => x.Cycle.Stage == CycleStage.Calibration);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            foreach (var (cycle, people, blockers) in moving)
            {
                await MoveOnAsync(cycle, people, to, cycle.Deadlines, blockers, reason, Trail(cycle, caller, AuditInstant()), ct);
                cycle.Revision++;
                if (calibrating)
                {
                    await SaveAsync(ct);
                }
            }

            await SaveAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(ct);
            return DeskResult<BulkAdvanceResponse>.Conflict(l["Evaluation.Conflict.Title"], l["Evaluation.Error.ChangedMeanwhile"]);
        }

        return DeskResult<BulkAdvanceResponse>.Ok(new BulkAdvanceResponse(
            moving.Select(x => reader.Describe(x.Cycle, x.People.Count)).ToList(),
            checks.Except(moving).Select(x => Describe(x.Cycle, to, x.Blockers)).ToList()));
    }

    /// <summary>What keeps a cycle from moving to <paramref name="to"/> (by default its next stage), for whoever may see the cycle's progress.</summary>
    public async Task<DeskResult<CycleBlockersResponse>> BlockersAsync(Caller caller, Guid cycleId, CycleStage? to, CancellationToken ct)
    {
        var (cycle, evaluations, refused) = await reader.LoadCycleAsync(caller, cycleId, ct);
        if (refused is not null)
        {
            return refused.As<CycleBlockersResponse>();
        }

        if (!(caller.ReadsUnit && caller.Scope.Contains(cycle!.UnitCode)))
        {
            return DeskResult<CycleBlockersResponse>.Forbidden();
        }

        var target = to ?? CycleWorkflow.Next(cycle.Stage) ?? CycleStage.Locked;
        var blockers = await BlockersAsync(cycle, evaluations, target, caller.ActorFor(cycle, null, evaluations.Any(caller.IsPerson)), cycle.Deadlines, ct);
        return DeskResult<CycleBlockersResponse>.Ok(Describe(cycle, target, blockers));
    }

    /// <summary>
    /// Asks staff members from any unit of the province to give 360° feedback on one person (the
    /// unit's Manager or HR, in the feedback stage or before it). Already asked or a colleague of the
    /// same cycle: left as it is.
    /// </summary>
    public Task<DeskResult<List<RespondentResponse>>> AddRespondentsAsync(Caller caller, Guid evaluationId, RespondentsRequest request, CancellationToken ct) =>
        WriteEvaluationAsync(caller, evaluationId, EvaluationAction.AskRespondents, async (cycle, evaluation, evaluations, audit) =>
        {
            var codes = Respondents.Codes(request.StaffCodes).ToList();
            var staff = await db.Staff.AsNoTracking().Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, ct);
            var asked = await db.RespondentRequests.Where(r => r.EvaluationId == evaluation.Id).Select(r => r.RespondentCode).ToListAsync(ct);
            var added = Respondents.Ask(evaluation, evaluations, codes, staff, asked, audit);
            if (added.Applied is not { } newlyAsked)
            {
                return NotApplied<List<RespondentResponse>, IReadOnlyList<RespondentRequest>>(added);
            }

            db.RespondentRequests.AddRange(newlyAsked);
            var everyone = asked.Concat(newlyAsked.Select(r => r.RespondentCode)).ToList();
            var people = await db.Staff.AsNoTracking().Where(s => everyone.Contains(s.Code)).OrderBy(s => s.Code).ToListAsync(ct);
            return DeskResult<List<RespondentResponse>>.Ok(people.Select(s => new RespondentResponse(s.Code, s.FullName, s.UnitCode)).ToList());
        }, ct);

    /// <summary>
    /// The target of a bulk request and, for a list or an agency, the unit codes (null when the
    /// agency is out of the caller's scope). Errors are keyed by field.
    /// </summary>
    private (OpeningTarget? Target, IReadOnlyList<string>? Units) Target(Caller caller, string? targetText, string? unitCode, IReadOnlyList<string>? unitCodes, Dictionary<string, string[]> errors)
    {
        var text = string.IsNullOrWhiteSpace(targetText) ? unitCodes is { Count: > 0 } ? "units" : "" : targetText.Trim();
        if (!Enum.TryParse<OpeningTarget>(text, ignoreCase: true, out var target) || int.TryParse(text, out _))
        {
            errors["target"] = [l["Evaluation.Error.Target"]];
            return (null, null);
        }

        switch (target)
        {
            case OpeningTarget.Units:
                var codes = (unitCodes ?? []).Select(c => c?.Trim() ?? "").ToList();
                if (codes.Count is 0 or > MaximumUnitsPerRequest)
                {
                    errors["unitCodes"] = [l["Evaluation.Error.TooMany", MaximumUnitsPerRequest]];
                }

                for (var i = 0; i < codes.Count; i++)
                {
                    if (caller.Scope.Tree.Find(codes[i]) is null)
                    {
                        errors[$"unitCodes[{i}]"] = [l["Evaluation.Error.Unit", codes[i]]];
                    }
                }

                return (target, codes);
            case OpeningTarget.Agency:
                var agency = string.IsNullOrWhiteSpace(unitCode) ? null : caller.Scope.Tree.Find(unitCode.Trim());
                if (agency is null)
                {
                    errors["unitCode"] = [l["Evaluation.Error.Unit", unitCode ?? ""]];
                    return (target, null);
                }

                return (target, caller.Scope.Contains(agency.Code) ? [agency.Code] : null);
            default:
                return (target, []);
        }
    }

    private OpeningTerms? OpeningTerms(PeriodKind? kind, int? year, int? number, string? policy, DeadlinesRequest? requested, Dictionary<string, string[]> errors)
    {
        var problems = new CycleProblems();
        var terms = CycleOpening.Terms(kind, year, number, policy, defaults => Deadlines(requested, defaults), Today, problems);
        foreach (var (field, words) in Words(problems.All))
        {
            errors[field] = words;
        }

        return terms;
    }

    /// <summary>Everything the opening rule reads, loaded once whatever the number of units (the staff in one query).</summary>
    private async Task<OpeningFacts> OpeningFactsAsync(Caller caller, OpeningTerms terms, CancellationToken ct)
    {
        var staff = await db.Staff.AsNoTracking().ToListAsync(ct);
        var groups = await db.JobPositions.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Group, ct);
        var withCycle = await db.EvaluationCycles.AsNoTracking().Where(c => c.PeriodKind == terms.Period.Kind && c.PeriodFrom == terms.Period.From)
            .Select(c => c.UnitCode).ToListAsync(ct);
        return new OpeningFacts(caller.Scope.Tree, caller.Scope.Codes, staff, groups, withCycle.ToHashSet(StringComparer.Ordinal),
            terms.Period, terms.Policy.Code, terms.Deadlines, Today);
    }

    /// <summary>
    /// Saves the cycles <see cref="AddCycles"/> added. Nothing else is tracked, so the change scan of thousands of new rows
    /// (twice: the audit guard and the save) is skipped; added rows are saved without it.
    /// </summary>
    private async Task SaveAddedAsync(CancellationToken ct)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await SaveAsync(ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    /// <summary>Adds the cycles Core opened for the plan, their evaluations and audit trails to the unit of work.</summary>
    private List<(EvaluationCycle Cycle, int People)> AddCycles(Caller caller, OpeningPlan plan, OpeningTerms terms)
    {
        var opened = CycleOpening.Open(plan, terms.Period, terms.Policy, terms.Deadlines, AuditActors.From(caller.User), AuditInstant());
        foreach (var o in opened)
        {
            db.EvaluationCycles.Add(o.Cycle);
            db.Evaluations.AddRange(o.Evaluations);
            db.EvaluationAudit.AddRange(o.Audit);
        }

        return opened.Select(o => (o.Cycle, o.Evaluations.Count)).ToList();
    }

    private async Task<IReadOnlyList<Blocker>> BlockersAsync(EvaluationCycle cycle, List<StaffEvaluation> evaluations, CycleStage to, Actor actor, StageDeadlines deadlines, CancellationToken ct)
    {
        var progress = await ProgressAsync([cycle], evaluations, ct);
        return CycleBlockers.Of(cycle.Stage, to, actor, evaluations.Select(e => progress[e.Id]).ToList(), Today, deadlines);
    }

    /// <summary>Where each person stands, with the leave that covers the whole period of their cycle.</summary>
    private async Task<Dictionary<Guid, PersonProgress>> ProgressAsync(IReadOnlyList<EvaluationCycle> cycles, List<StaffEvaluation> evaluations, CancellationToken ct)
    {
        var ids = evaluations.Select(e => e.Id).ToList();
        var appeals = (await db.EvaluationAppeals.AsNoTracking().Where(a => ids.Contains(a.EvaluationId) && a.Status == AppealStatus.Pending)
            .Select(a => a.EvaluationId).ToListAsync(ct)).ToHashSet();
        var codes = evaluations.Select(e => e.StaffCode).Distinct().ToList();
        var from = cycles.Min(c => c.PeriodFrom);
        var to = cycles.Max(c => c.PeriodTo);
        var leave = (await db.Leave.AsNoTracking().Where(x => codes.Contains(x.StaffCode) && x.From < to && x.To > from).ToListAsync(ct))
            .ToLookup(x => x.StaffCode, x => x.Record);
        var periods = cycles.ToDictionary(c => c.Id);
        return evaluations.ToDictionary(e => e.Id, e =>
        {
            var cycle = periods[e.CycleId];
            return new PersonProgress(e.StaffCode, e.StaffName, e.SelfAssessedAt is not null, e.Score is not null, appeals.Contains(e.Id),
                e.State == ResultState.Reopened, Leave.AwayAll(cycle.PeriodFrom, cycle.PeriodTo, leave[e.StaffCode]));
        });
    }

    private CycleBlockersResponse Describe(EvaluationCycle cycle, CycleStage to, IReadOnlyList<Blocker> blockers) => new(
        cycle.Id, cycle.UnitCode, cycle.UnitName, cycle.Period.Label, cycle.Stage, to, blockers.Count == 0, CycleBlockers.MayAdvance(blockers, confirmed: true),
        blockers.Select(b => new BlockerResponse(b.Kind, b.Overridable, b.StaffCode, b.StaffName, b.Deadline,
            l[$"Evaluation.Blocker.{b.Kind}", b.StaffName ?? "", b.StaffCode ?? "",
                b.Deadline?.ToString("dd/MM/yyyy", CultureInfo.CurrentCulture) ?? "", Stage(cycle.Stage), Stage(to)])).ToList());

    /// <summary>409 listing, per cycle, what keeps it from moving (<c>cycles</c> in the problem), so that nothing moved.</summary>
    private DeskResult<T> Blocked<T>(IReadOnlyList<CycleBlockersResponse> cycles) =>
        DeskResult<T>.Conflict(l["Evaluation.Blocked.Title"], l["Evaluation.Blocked.Detail", cycles.Count,
            cycles.Sum(c => c.Blockers.Count), cycles.All(c => c.MayOverride) ? l["Evaluation.Blocked.MayConfirm"] : l["Evaluation.Blocked.SomeFirm"]])
        with { Extensions = new Dictionary<string, object?> { ["cycles"] = cycles } };
}
