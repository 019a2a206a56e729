using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Data.Audit;
using GovKpi.Data.Evaluation;
using GovKpi.Web.Features.KpiValues;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Evaluation;

public sealed record MyEvaluationResponse(CycleResponse Cycle, EvaluationSummary Evaluation);

/// <summary>
/// Everything read from the evaluation cycles, always through the caller's scope: a cycle outside
/// it answers 403, a staff member reads their own evaluation only, and 360° feedback below three
/// answers is withheld from everyone.
/// </summary>
public sealed class EvaluationReader(
    GovKpiDbContext db, EvaluationKpis kpis, CalibrationCrossCheck crossCheck, TimeProvider clock, IStringLocalizer<SharedResource> l, DatabaseOptions database)
{
    private DateOnly Today => VietnamTime.Today(clock);

    private static bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);

    public CycleResponse Describe(EvaluationCycle c, int people)
    {
        var due = c.Deadlines.DueOf(c.Stage);
        return new CycleResponse(c.Id, c.UnitCode, c.UnitName, c.AgencyCode, PeriodResponse.Of(c.Period), PolicyResponse.From(c.Policy), c.Stage,
            CycleWorkflow.Next(c.Stage), c.Deadlines, due, Deadline.UrgencyOf(due, clock.GetUtcNow()), c.OpenedBy, c.OpenedAt, c.PublishedAt, people);
    }

    /// <summary>Cycles of the units in the caller's scope, and those the caller is evaluated in; newest period first.</summary>
    public async Task<List<CycleResponse>> CyclesAsync(Caller caller, string? unitCode, int? year, CancellationToken ct)
    {
        var scope = caller.Scope.Codes.ToList();
        var own = caller.User.StaffCode is { } staff
            ? await db.Evaluations.AsNoTracking().Where(e => e.StaffCode == staff).Select(e => e.CycleId).ToListAsync(ct)
            : [];
        var query = db.EvaluationCycles.AsNoTracking().Where(c => scope.Contains(c.UnitCode) || own.Contains(c.Id));
        if (!string.IsNullOrWhiteSpace(unitCode))
        {
            query = query.Where(c => c.UnitCode == unitCode);
        }

        if (year is { } y)
        {
            var from = new DateOnly(y, 1, 1);
            var to = from.AddYears(1);
            query = query.Where(c => c.PeriodFrom >= from && c.PeriodFrom < to);
        }

        var cycles = await query.ToListAsync(ct);
        var ids = cycles.Select(c => c.Id).ToList();
        var people = await db.Evaluations.AsNoTracking().Where(e => ids.Contains(e.CycleId)).GroupBy(e => e.CycleId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return cycles.OrderByDescending(c => c.PeriodFrom).ThenBy(c => c.UnitCode, StringComparer.Ordinal)
            .Select(c => Describe(c, people.GetValueOrDefault(c.Id))).ToList();
    }

    /// <summary>
    /// How far each of <paramref name="cycleIds"/> has come: people, self-assessed and rated, as the
    /// cycle page counts them (pending appeals and reopened results are left at 0: the home pages do not show them).
    /// </summary>
    public async Task<Dictionary<Guid, CycleProgress>> ProgressAsync(IReadOnlyCollection<Guid> cycleIds, CancellationToken ct)
    {
        var ids = cycleIds.ToList();
        var counts = await db.Evaluations.AsNoTracking().Where(e => ids.Contains(e.CycleId)).GroupBy(e => e.CycleId)
            .Select(g => new { g.Key, People = g.Count(), SelfAssessed = g.Count(e => e.SelfAssessedAt != null), Rated = g.Count(e => e.Score != null) })
            .ToListAsync(ct);
        return counts.ToDictionary(c => c.Key, c => new CycleProgress(c.People, c.SelfAssessed, c.Rated, 0, 0));
    }

    /// <summary>The caller's own evaluations, newest period first.</summary>
    public async Task<List<MyEvaluationResponse>> MineAsync(Caller caller, CancellationToken ct)
    {
        if (caller.User.StaffCode is not { } staff)
        {
            return [];
        }

        var mine = await db.Evaluations.AsNoTracking().Where(e => e.StaffCode == staff).ToListAsync(ct);
        var ids = mine.Select(e => e.CycleId).ToList();
        var cycles = await db.EvaluationCycles.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var people = await db.Evaluations.AsNoTracking().Where(e => ids.Contains(e.CycleId)).GroupBy(e => e.CycleId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var pending = await PendingAppealsAsync(mine.Select(e => e.Id).ToList(), ct);
        return mine.Select(e => (Cycle: cycles[e.CycleId], Evaluation: e))
            .OrderByDescending(x => x.Cycle.PeriodFrom)
            .Select(x => new MyEvaluationResponse(Describe(x.Cycle, people[x.Cycle.Id]), Summary(x.Cycle, x.Evaluation, pending.Contains(x.Evaluation.Id))))
            .ToList();
    }

    public async Task<DeskResult<CycleDetailResponse>> CycleAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var (cycle, evaluations, refused) = await LoadCycleAsync(caller, id, ct);
        if (refused is not null)
        {
            return refused.As<CycleDetailResponse>();
        }

        var pending = await PendingAppealsAsync(evaluations.Select(e => e.Id).ToList(), ct);
        var visible = evaluations.Where(caller.Sees).Select(e => Summary(cycle!, e, pending.Contains(e.Id))).ToList();
        var targets = new List<FeedbackTarget>();
        if (cycle!.Stage == CycleStage.Feedback360 && caller.User.StaffCode is { } me)
        {
            var requested = await RequestedOfAsync(me, evaluations, ct);
            var others = evaluations.Where(e => e.StaffCode != me && (evaluations.Any(caller.IsPerson) || requested.Contains(e.Id))).ToList();
            var ids = others.Select(e => e.Id).ToList();
            var answered = await db.FeedbackRespondents.AsNoTracking().Where(r => r.RespondentCode == me && ids.Contains(r.EvaluationId))
                .Select(r => r.EvaluationId).ToListAsync(ct);
            targets = others.Select(e => new FeedbackTarget(e.Id, e.StaffCode, e.StaffName, answered.Contains(e.Id))).ToList();
        }

        var progress = caller.ReadsUnit && caller.Scope.Contains(cycle.UnitCode)
            ? new CycleProgress(evaluations.Count, evaluations.Count(e => e.SelfAssessedAt is not null), evaluations.Count(e => e.Score is not null),
                pending.Count, evaluations.Count(e => e.State == ResultState.Reopened))
            : null;
        return DeskResult<CycleDetailResponse>.Ok(new CycleDetailResponse(Describe(cycle, evaluations.Count), visible, targets, progress));
    }

    /// <summary>The results published in the unit: everyone who can see the cycle reads them once it is published.</summary>
    public async Task<DeskResult<List<PublishedLine>>> PublishedAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var (cycle, evaluations, refused) = await LoadCycleAsync(caller, id, ct);
        if (refused is not null)
        {
            return refused.As<List<PublishedLine>>();
        }

        if (cycle!.Stage < CycleStage.Published)
        {
            return DeskResult<List<PublishedLine>>.Conflict(l["Evaluation.Conflict.Title"], l["Evaluation.Error.NotPublished"]);
        }

        var ids = evaluations.Select(e => e.Id).ToList();
        var results = (await db.EvaluationResults.AsNoTracking().Where(r => ids.Contains(r.EvaluationId)).ToListAsync(ct))
            .GroupBy(r => r.EvaluationId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Version)!);
        return DeskResult<List<PublishedLine>>.Ok(evaluations
            .Where(e => results.ContainsKey(e.Id))
            .Select(e => (e, r: results[e.Id]))
            .Select(x => new PublishedLine(x.e.StaffCode, x.e.StaffName, x.e.PositionCode, x.r.Score, x.r.Level, x.r.LevelReason, x.r.Version))
            .ToList());
    }

    public async Task<DeskResult<EvaluationResponse>> EvaluationAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var (cycle, evaluation, refused) = await LoadEvaluationAsync(caller, id, ct);
        return refused?.As<EvaluationResponse>() ?? DeskResult<EvaluationResponse>.Ok(await DescribeAsync(caller, cycle!, evaluation!, ct));
    }

    public async Task<EvaluationResponse> DescribeAsync(Caller caller, EvaluationCycle cycle, StaffEvaluation e, CancellationToken ct)
    {
        var results = await db.EvaluationResults.AsNoTracking().Where(r => r.EvaluationId == e.Id).OrderBy(r => r.Version).ToListAsync(ct);
        var appeals = await db.EvaluationAppeals.AsNoTracking().Where(a => a.EvaluationId == e.Id).OrderBy(a => a.FiledAt).ToListAsync(ct);
        var isMember = caller.User.StaffCode is { } me && await db.Evaluations.AnyAsync(x => x.CycleId == cycle.Id && x.StaffCode == me, ct);
        var pending = appeals.Any(a => a.Status == AppealStatus.Pending);
        var facts = new EvaluationFacts(e.State, pending, e.Rerated, Today, cycle.Deadlines.Appeal);
        var actor = caller.ActorFor(cycle, e, isMember);
        var allowed = Enum.GetValues<EvaluationAction>().Where(a => CycleWorkflow.CanDo(a, cycle.Stage, actor, facts) is null).ToList();
        if (allowed.Contains(EvaluationAction.GiveFeedback) && await db.FeedbackRespondents.AnyAsync(r => r.EvaluationId == e.Id && r.RespondentCode == caller.User.StaffCode, ct))
        {
            allowed.Remove(EvaluationAction.GiveFeedback);
        }

        var self = e.SelfGeneralPoints is { } sg && e.SelfTaskPoints is { } st ? sg + st : (decimal?)null;
        return new EvaluationResponse(
            e.Id, e.CycleId, e.StaffCode, e.StaffName, e.UnitCode, e.PositionCode, e.Group.ToString(), e.Leader.ToString(), cycle.Stage,
            PeriodResponse.Of(cycle.Period),
            new SelfAssessmentResponse(e.SelfGeneralPoints, e.SelfTaskPoints, self, e.SelfAssessment, e.SelfAssessedAt),
            new RatingResponse(e.GeneralPoints, e.TaskPoints, e.UnitResultPoints, e.ForcedKht, e.RatingReason, e.RatedBy, e.RatedAt),
            e.Score, BandLevel(cycle, e), e.Level, e.LevelReason, e.State, e.ResultVersion,
            results.Select(Describe).ToList(), appeals.Select(Describe).ToList(), await FeedbackSummaryAsync(e.Id, ct), allowed, TaskScore(cycle, e, null));
    }

    /// <summary>The 360° summary; withheld below <see cref="Feedback360.MinimumRespondents"/> answers, whoever asks.</summary>
    public async Task<DeskResult<FeedbackSummary>> FeedbackAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var (_, evaluation, refused) = await LoadEvaluationAsync(caller, id, ct);
        return refused?.As<FeedbackSummary>() ?? DeskResult<FeedbackSummary>.Ok(await FeedbackSummaryAsync(evaluation!.Id, ct));
    }

    private async Task<FeedbackSummary> FeedbackSummaryAsync(Guid evaluationId, CancellationToken ct)
    {
        var answers = await db.FeedbackAnswers.AsNoTracking().Where(a => a.EvaluationId == evaluationId).ToListAsync(ct);
        var stage = await db.Evaluations.AsNoTracking().Where(e => e.Id == evaluationId)
            .Join(db.EvaluationCycles.AsNoTracking(), e => e.CycleId, c => c.Id, (e, c) => c.Stage).SingleAsync(ct);
        return Feedback360.Summarise(answers.Select(a => new FeedbackAnswer(a.Ratings, a.Comment)).ToList(), stage);
    }

    /// <summary>The whole audit trail of a cycle, for the unit's managers, HR, leadership and auditors.</summary>
    public async Task<DeskResult<AuditTrailResponse>> CycleAuditAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var cycle = await db.EvaluationCycles.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (cycle is null)
        {
            return DeskResult<AuditTrailResponse>.NotFound();
        }

        if (!caller.ReadsAudit(cycle))
        {
            return DeskResult<AuditTrailResponse>.Forbidden();
        }

        return DeskResult<AuditTrailResponse>.Ok(await AuditAsync(cycle, null, includeFeedback: true, ct));
    }

    /// <summary>
    /// The part of the audit trail about one evaluation. The person reads it without the 360°
    /// entries: even their number would tell them how many colleagues answered.
    /// </summary>
    public async Task<DeskResult<AuditTrailResponse>> EvaluationAuditAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var (cycle, evaluation, refused) = await LoadEvaluationAsync(caller, id, ct);
        if (refused is not null)
        {
            return refused.As<AuditTrailResponse>();
        }

        return DeskResult<AuditTrailResponse>.Ok(await AuditAsync(cycle!, evaluation!.Id, includeFeedback: caller.ReadsAudit(cycle!), ct));
    }

    private async Task<AuditTrailResponse> AuditAsync(EvaluationCycle cycle, Guid? evaluationId, bool includeFeedback, CancellationToken ct)
    {
        var cycleId = cycle.Id;
        var entries = await db.EvaluationAudit.AsNoTracking().Where(a => a.CycleId == cycleId).OrderBy(a => a.Sequence).ToListAsync(ct);
        // The same check as `govkpi audit verify`: hashes, seals, the signed checkpoint and the published results.
        var verified = await AuditVerifier.VerifyCycleAsync(db, cycle, database.AuditKeys.Ring(), ct);
        var shown = entries
            .Where(a => evaluationId is null || a.EvaluationId == evaluationId)
            .Where(a => includeFeedback || a.Action != AuditActions.FeedbackReceived)
            .Select(a => new AuditEntryResponse(a.Sequence, a.At, a.Actor, a.ActorName, a.ActorRole, a.EvaluationId, a.StaffCode, a.Action, a.Field,
                a.OldValue, a.NewValue, a.Reason, a.Hash))
            .ToList();
        return new AuditTrailResponse(cycleId, verified.Intact, verified.FirstBrokenSequence, shown);
    }

    public async Task<DeskResult<List<CommentResponse>>> CommentsAsync(Caller caller, Guid id, string? item, CancellationToken ct)
    {
        var (_, evaluation, refused) = await LoadEvaluationAsync(caller, id, ct);
        if (refused is not null)
        {
            return refused.As<List<CommentResponse>>();
        }

        var query = db.EvaluationComments.AsNoTracking().Where(c => c.EvaluationId == evaluation!.Id);
        if (!string.IsNullOrWhiteSpace(item))
        {
            query = query.Where(c => c.Item == item);
        }

        return DeskResult<List<CommentResponse>>.Ok((await query.OrderBy(c => c.Id).ToListAsync(ct)).Select(Describe).ToList());
    }

    /// <summary>How the quota falls over the agency's people of this period (calibrated now, or as it would be).</summary>
    public async Task<DeskResult<CalibrationResponse>> CalibrationAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var (cycle, evaluations, refused) = await LoadCycleAsync(caller, id, ct);
        if (refused is not null)
        {
            return refused.As<CalibrationResponse>();
        }

        if (!caller.ReadsUnit)
        {
            return DeskResult<CalibrationResponse>.Forbidden();
        }

        if (cycle!.Stage < CycleStage.Calibration)
        {
            return DeskResult<CalibrationResponse>.Conflict(l["Evaluation.Conflict.Title"], l["Evaluation.Error.NotCalibrating"]);
        }

        var population = await CalibratedTogetherAsync(cycle, evaluations, ct);
        var outcome = QuotaCalibration.Calibrate(await ScoredAsync(cycle, population, ct), cycle.Policy);
        var byKey = outcome.People.ToDictionary(p => p.StaffCode, StringComparer.Ordinal);
        var codes = population.ToDictionary(Key, e => e.StaffCode, StringComparer.Ordinal);
        var visible = population.Where(caller.Sees).ToList();
        var (flags, objective) = await crossCheck.FlagsAsync(cycle, population, population.ToDictionary(e => e.Id, e => byKey[Key(e)].Level), ct);
        return DeskResult<CalibrationResponse>.Ok(new CalibrationResponse(
            cycle.Id, cycle.AgencyCode, PeriodResponse.Of(cycle.Period), PolicyResponse.From(cycle.Policy),
            outcome.Groups.Select(g => g with { Moved = g.Moved.Select(m => codes[m]).Order(StringComparer.Ordinal).ToList() }).ToList(),
            visible.Select(e => new CalibrationPerson(e.StaffCode, e.StaffName, e.CycleId, e.Group.ToString(), e.Score!.Value, e.ForcedKht,
                cycle.Policy.Bands.LevelOf(e.Score.Value), byKey[Key(e)].Level, byKey[Key(e)].Reason, objective[e.Id])).OrderBy(p => p.StaffCode, StringComparer.Ordinal).ToList(),
            flags));
    }

    /// <summary>
    /// Everyone the quota of this cycle's agency and period is counted over: this cycle's rated
    /// people and those of the agency's cycles of the same period already past calibration.
    /// </summary>
    internal async Task<List<StaffEvaluation>> CalibratedTogetherAsync(EvaluationCycle cycle, IReadOnlyList<StaffEvaluation> own, CancellationToken ct)
    {
        var others = await db.EvaluationCycles.AsNoTracking()
            .Where(c => c.Id != cycle.Id && c.AgencyCode == cycle.AgencyCode && c.PeriodKind == cycle.PeriodKind && c.PeriodFrom == cycle.PeriodFrom)
            .Select(c => new { c.Id, c.Stage })
            .ToListAsync(ct);
        var calibrated = others.Where(c => c.Stage > CycleStage.Calibration).Select(c => c.Id).ToList();
        var theirs = await db.Evaluations.AsNoTracking().Where(e => calibrated.Contains(e.CycleId) && e.Score != null).ToListAsync(ct);
        return [.. own.Where(e => e.Score is not null), .. theirs];
    }

    /// <summary>Everyone calibrated together with <paramref name="cycle"/>, as the quota sees them, and who each is.</summary>
    internal async Task<CalibrationPopulation> CalibrationPopulationAsync(EvaluationCycle cycle, IReadOnlyList<StaffEvaluation> own, CancellationToken ct)
    {
        var population = await CalibratedTogetherAsync(cycle, own, ct);
        return new CalibrationPopulation(await ScoredAsync(cycle, population, ct), population.ToDictionary(Key, e => e.StaffCode, StringComparer.Ordinal));
    }

    /// <summary>The quota key of an evaluation: its id, since one person may be in two cycles of a period after a transfer.</summary>
    internal static string Key(StaffEvaluation e) => QuotaCalibration.KeyOf(e);

    internal static ScoredPerson Scored(EvaluationCycle cycle, StaffEvaluation e) => QuotaCalibration.Scored(cycle, e);

    /// <summary>
    /// The people calibrated together as the quota sees them. In a cycle over a whole year the rules
    /// on time worked apply as in the annual classification: leave may cap a level (<see cref="Leave.YearCap"/>).
    /// </summary>
    internal async Task<List<ScoredPerson>> ScoredAsync(EvaluationCycle cycle, IReadOnlyList<StaffEvaluation> population, CancellationToken ct)
    {
        if (cycle.PeriodKind != PeriodKind.Year)
        {
            return population.Select(e => Scored(cycle, e)).ToList();
        }

        var codes = population.Select(e => e.StaffCode).Distinct().ToList();
        var types = await db.Staff.AsNoTracking().Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, s => s.Type, ct);
        var leave = (await db.Leave.AsNoTracking().Where(x => codes.Contains(x.StaffCode) && x.From < cycle.PeriodTo && x.To > cycle.PeriodFrom).ToListAsync(ct))
            .ToLookup(x => x.StaffCode, x => x.Record);
        return population.Select(e => Scored(cycle, e) with
        {
            AtMost = Leave.YearCap(e.StaffCode, types.GetValueOrDefault(e.StaffCode, StaffType.CongChuc), cycle.PeriodFrom.Year, leave[e.StaffCode], cycle.Policy),
        }).ToList();
    }

    /// <summary>What the caller should do, or see done, by when (<see cref="CycleReminders"/> decides), in their language.</summary>
    public async Task<List<ReminderResponse>> RemindersAsync(Caller caller, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var scope = caller.Scope.Codes.ToList();
        var me = caller.User.StaffCode;
        var ownCycles = me is null ? [] : await db.Evaluations.AsNoTracking().Where(e => e.StaffCode == me).Select(e => e.CycleId).ToListAsync(ct);
        var requested = me is null ? [] : (await db.RespondentRequests.AsNoTracking().Where(r => r.RespondentCode == me).Select(r => r.EvaluationId).ToListAsync(ct)).ToHashSet();
        var requestedCycles = await db.Evaluations.AsNoTracking().Where(e => requested.Contains(e.Id)).Select(e => e.CycleId).ToListAsync(ct);
        ownCycles = [.. ownCycles, .. requestedCycles];
        var manages = caller.User.Role is Role.Manager or Role.Hr;
        var cycles = await db.EvaluationCycles.AsNoTracking()
            .Where(c => c.Stage != CycleStage.Locked && (ownCycles.Contains(c.Id) || manages && scope.Contains(c.UnitCode)))
            .ToListAsync(ct);
        var ids = cycles.Select(c => c.Id).ToList();
        var evaluations = (await db.Evaluations.AsNoTracking().Where(e => ids.Contains(e.CycleId)).ToListAsync(ct)).ToLookup(e => e.CycleId);
        var answered = me is null ? [] : (await db.FeedbackRespondents.AsNoTracking().Where(r => r.RespondentCode == me).Select(r => r.EvaluationId).ToListAsync(ct)).ToHashSet();
        var evaluationIds = evaluations.SelectMany(g => g).Select(e => e.Id).ToList();
        var pendingAppeals = await PendingAppealsAsync(evaluationIds, ct);
        var facts = new ReminderFacts(me, caller.User.Role, caller.Scope.Codes, requested, answered, pendingAppeals, Today);
        return CycleReminders.For(cycles, evaluations, facts).Select(r => Describe(r, now)).ToList();
    }

    private ReminderResponse Describe(Reminder r, DateTimeOffset now)
    {
        object[] words = r.Next is { } next
            ? [r.About?.StaffName ?? "", Stage(r.Cycle.Stage), Stage(next)]
            : [r.About?.StaffName ?? "", Stage(r.Cycle.Stage)];
        return new ReminderResponse(r.Kind, r.Cycle.Id, r.Cycle.UnitCode, r.Cycle.UnitName, r.Cycle.Period.Label, r.Cycle.Stage, r.About?.Id,
            r.About?.StaffCode, r.About?.StaffName, r.DueOn, Deadline.UrgencyOf(r.DueOn, now), l[$"Evaluation.Reminder.{r.Kind}", words]);
    }

    /// <summary>Transparency: the criteria, formula and numbers behind a person's score, with their KPI set and measured values.</summary>
    public async Task<DeskResult<ExplanationResponse>> ExplainAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var (cycle, e, refused) = await LoadEvaluationAsync(caller, id, ct);
        if (refused is not null)
        {
            return refused.As<ExplanationResponse>();
        }

        var policy = cycle!.Policy;
        var criteria = new List<CriterionResponse>
        {
            new("generalCriteria", l["Evaluation.Criterion.General"], policy.GeneralCriteriaMax,
                Enumerable.Range(1, 8).Select(i => l[$"Evaluation.Criterion.General.{i}"].Value).ToList()),
            new("taskResults", l["Evaluation.Criterion.Task"], policy.TaskResultsMax,
                [l["Evaluation.Criterion.Task.Quantity"], l["Evaluation.Criterion.Task.Quality"], l["Evaluation.Criterion.Task.Progress"]]),
        };
        if (e!.Leader != LeaderRole.None)
        {
            criteria.Add(new("unitResult", l["Evaluation.Criterion.UnitResult"], policy.TaskResultsMax, [l["Evaluation.Criterion.UnitResult.Rule"]]));
        }

        var person = await kpis.OfAsync(cycle, e, ct);
        var definitions = person.Definitions;
        var weights = person.Set?.Items.Select(i => new KpiWeightResponse(i.KpiCode,
            definitions.TryGetValue(i.KpiCode, out var d) ? (English ? d.NameEn : d.NameVi) : i.KpiCode, i.WeightPercent,
            i.TargetOverride ?? definitions.GetValueOrDefault(i.KpiCode)?.Target, definitions.GetValueOrDefault(i.KpiCode)?.Kind)).ToList() ?? [];
        var values = person.Values;

        var band = BandLevel(cycle, e);
        var lines = new List<string>();
        if (e.SelfGeneralPoints is { } sg && e.SelfTaskPoints is { } st)
        {
            lines.Add(l["Evaluation.Explain.Self", N(sg), N(st), N(sg + st)]);
        }

        if (e.Points is { } p)
        {
            lines.Add(l["Evaluation.Explain.General", N(p.GeneralCriteria), N(policy.GeneralCriteriaMax)]);
            lines.Add(l["Evaluation.Explain.Task", N(p.TaskResults), N(policy.TaskResultsMax)]);
            if (p.UnitResult is { } unit)
            {
                lines.Add(l["Evaluation.Explain.UnitResult", N(unit)]);
            }

            lines.Add(l["Evaluation.Explain.Total", N(p.GeneralCriteria), N(p.TaskResults), N(p.Total)]);
            lines.Add(l["Evaluation.Explain.Band", Level(band!.Value), BandText(policy, band.Value)]);
        }
        else
        {
            lines.Add(l["Evaluation.Explain.NotRated"]);
        }

        if (e.Level is { } level)
        {
            lines.Add(e.LevelReason switch
            {
                ClassificationReason.Quota => l["Evaluation.Explain.Quota", Level(level), policy.Quota.Share is { } s ? s.ToString("P0", CultureInfo.CurrentCulture) : "—"],
                ClassificationReason.Forced => l["Evaluation.Explain.Forced", Level(level)],
                ClassificationReason.Capped => l["Evaluation.Explain.Capped", Level(level)],
                _ => l["Evaluation.Explain.Level", Level(level)],
            });
        }

        return DeskResult<ExplanationResponse>.Ok(new ExplanationResponse(
            e.Id, e.StaffCode, e.StaffName, PeriodResponse.Of(cycle.Period), PolicyResponse.From(policy), criteria,
            l["Evaluation.Formula", N(policy.GeneralCriteriaMax), N(policy.TaskResultsMax)],
            l["Evaluation.TaskFormula", N(policy.TaskResultsMax)],
            string.Join("; ", Enum.GetValues<ClassificationLevel>().Select(v => $"{Level(v)}: {BandText(policy, v)}"))
                + (policy.Quota.Share is { } share ? "; " + l["Evaluation.QuotaRule", share.ToString("P0", CultureInfo.CurrentCulture)] : ""),
            new EvaluationNumbers(e.SelfGeneralPoints, e.SelfTaskPoints, e.GeneralPoints, e.TaskPoints, e.UnitResultPoints, e.Score, e.ForcedKht,
                band, e.Level, e.LevelReason, e.ResultVersion),
            lines, e.TaskExplanations.Where(x => !ExplanationText.IsGeneralCriteria(x)).Select(x => new ExplanationLine(x.Key, ExplanationText.Render(x, l), x.Formula)).ToList(),
            GeneralCriteria(policy, e), policy.RatingScale.Anchors.Select(Anchor).ToList(),
            weights, values, await FeedbackSummaryAsync(e.Id, ct), TaskScore(cycle, e, person), BehaviouralScale(policy)));
    }

    /// <summary>
    /// The task-result computation of the rating as stored with it; before a computed rating, a
    /// preview from the values measured so far (when <paramref name="person"/> is given and has any).
    /// </summary>
    private TaskScoreResponse? TaskScore(EvaluationCycle cycle, StaffEvaluation e, PersonKpis? person)
    {
        var policy = cycle.Policy;
        var preview = e.TaskScore is null;
        var breakdown = e.TaskScore;
        if (breakdown is null)
        {
            var achievement = person is null ? null : KpiAchievement.Of(person.Inputs, policy.KpiScoring);
            if (achievement?.Ratio is null)
            {
                return null;
            }

            var score = TaskResultScoring.Score([], new ProductConversion(new Dictionary<string, decimal>()), achievement, policy);
            breakdown = new TaskScoreBreakdown(score.KpiShare, score.KpiAchievement, null, null, null, null, score.Points, score.Kpis);
        }

        var lines = breakdown.Kpis.Select(k =>
        {
            var url = k.Kind == KpiKind.Quantitative && person?.Definitions.GetValueOrDefault(k.KpiCode) is { } d
                ? KpiValueReader.ExplainUrl(d.MeasuredAs, "staff", e.StaffCode, cycle.Period.Dates)
                : k.Kind == KpiKind.Quantitative ? KpiValueReader.ExplainUrl(k.KpiCode, "staff", e.StaffCode, cycle.Period.Dates) : null;
            return new KpiScoreLineResponse(k.KpiCode, English ? k.NameEn : k.NameVi, k.Kind, k.Direction, k.Numerator, k.Denominator, k.Value, k.Target,
                k.WeightPercent, k.Achievement, k.Points, k.Achievement is not null, ExplanationText.Render(k.Explanation, l), k.Explanation.Formula,
                url, url is null ? null : "/api" + url);
        }).ToList();
        var adjustment = breakdown.Adjustment is { } a ? new AdjustmentResponse(a.ComputedPoints, a.AdjustedPoints, a.Reason) : null;
        return new TaskScoreResponse(preview, policy.KpiScoring.Cap, breakdown.KpiShare, breakdown.KpiAchievement, breakdown.Quantity, breakdown.Quality,
            breakdown.Progress, breakdown.TaskRatio, policy.TaskResultsMax, breakdown.ComputedPoints, adjustment?.AdjustedPoints ?? breakdown.ComputedPoints,
            adjustment, lines, BehaviouralScale(policy), breakdown.Leader);
    }

    private static List<BehaviouralAnchorResponse> BehaviouralScale(EvaluationPolicy policy) =>
        policy.KpiScoring.BehaviouralScale.OrderBy(x => x.Score)
            .Select(x => new BehaviouralAnchorResponse(x.Score, English ? x.LabelEn : x.LabelVi, English ? x.MeaningEn : x.MeaningVi)).ToList();

    /// <summary>The policy's general criteria, each with the level the rating gave it (when rated one by one), that level's anchor and its points.</summary>
    private List<GeneralCriterionResponse> GeneralCriteria(EvaluationPolicy policy, StaffEvaluation e)
    {
        // Stored arguments of a criterion's step: code, level, share, maximum, points.
        var rated = e.TaskExplanations.Where(x => x.Key == "Criterion" && x.Arguments.Count >= 5).ToDictionary(x => x.Arguments[0], StringComparer.Ordinal);
        return policy.GeneralCriteria.SelectMany(section => section.Criteria.Select(c =>
        {
            var step = rated.GetValueOrDefault(c.Code);
            var level = step is not null && Enum.TryParse<RatingLevel>(step.Arguments[1], out var v) ? v : (RatingLevel?)null;
            var anchor = level is { } given ? Anchor(policy.RatingScale[given]) : null;
            return new GeneralCriterionResponse(section.Code, English ? section.NameEn : section.NameVi, c.Code, English ? c.NameEn : c.NameVi, c.MaxPoints,
                level, anchor?.Label, anchor?.Meaning,
                step is not null ? decimal.Parse(step.Arguments[4], CultureInfo.InvariantCulture) : null,
                step is not null ? ExplanationText.Render(step, l) : null, step?.Formula);
        })).ToList();
    }

    private RatingAnchorResponse Anchor(RatingAnchor a) => new(a.Level, English ? a.LabelEn : a.LabelVi, a.Share, English ? a.MeaningEn : a.MeaningVi);

    private string BandText(EvaluationPolicy policy, ClassificationLevel level) => level switch
    {
        ClassificationLevel.Htxs => $"≥ {N(policy.Bands.Htxs)}",
        ClassificationLevel.Htt => $"{N(policy.Bands.Htt)} – < {N(policy.Bands.Htxs)}",
        ClassificationLevel.Ht => $"{N(policy.Bands.Ht)} – < {N(policy.Bands.Htt)}",
        _ => $"< {N(policy.Bands.Ht)}",
    };

    private static string N(decimal value) => value.ToString("0.##", CultureInfo.CurrentCulture);

    private string Level(ClassificationLevel level) => l[$"Evaluation.Level.{level}"];

    private string Stage(CycleStage stage) => l[$"Evaluation.Stage.{stage}"];

    private static ClassificationLevel? BandLevel(EvaluationCycle cycle, StaffEvaluation e) => e.Score is { } s ? cycle.Policy.Bands.LevelOf(s) : null;

    private static EvaluationSummary Summary(EvaluationCycle cycle, StaffEvaluation e, bool appealPending) => new(
        e.Id, e.StaffCode, e.StaffName, e.PositionCode, e.Group.ToString(), e.SelfAssessedAt is not null, e.Score is not null, e.Score,
        BandLevel(cycle, e), e.Level, e.State, e.ResultVersion, appealPending, e.HomeUnitCode);

    private async Task<HashSet<Guid>> PendingAppealsAsync(List<Guid> evaluationIds, CancellationToken ct) =>
        (await db.EvaluationAppeals.AsNoTracking().Where(a => evaluationIds.Contains(a.EvaluationId) && a.Status == AppealStatus.Pending)
            .Select(a => a.EvaluationId).ToListAsync(ct)).ToHashSet();

    internal async Task<(EvaluationCycle? Cycle, List<StaffEvaluation> Evaluations, DeskResult<object>? Refused)> LoadCycleAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var cycle = await db.EvaluationCycles.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (cycle is null)
        {
            return (null, [], DeskResult<object>.NotFound());
        }

        var evaluations = await db.Evaluations.AsNoTracking().Where(e => e.CycleId == id).OrderBy(e => e.StaffCode).ToListAsync(ct);
        // A 360° respondent asked from another unit sees the cycle as far as the people they were asked about.
        var sees = caller.Sees(cycle, evaluations.Any(caller.IsPerson))
            || caller.User.StaffCode is { } me && (await RequestedOfAsync(me, evaluations, ct)).Count > 0;
        return sees ? (cycle, evaluations, null) : (null, [], DeskResult<object>.Forbidden());
    }

    /// <summary>The evaluations among <paramref name="evaluations"/> that <paramref name="respondent"/> was asked to give 360° feedback on.</summary>
    private async Task<HashSet<Guid>> RequestedOfAsync(string respondent, List<StaffEvaluation> evaluations, CancellationToken ct)
    {
        var ids = evaluations.Select(e => e.Id).ToList();
        return (await db.RespondentRequests.AsNoTracking().Where(r => r.RespondentCode == respondent && ids.Contains(r.EvaluationId))
            .Select(r => r.EvaluationId).ToListAsync(ct)).ToHashSet();
    }

    internal async Task<(EvaluationCycle? Cycle, StaffEvaluation? Evaluation, DeskResult<object>? Refused)> LoadEvaluationAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var evaluation = await db.Evaluations.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        if (evaluation is null)
        {
            return (null, null, DeskResult<object>.NotFound());
        }

        if (!caller.Sees(evaluation))
        {
            return (null, null, DeskResult<object>.Forbidden());
        }

        return (await db.EvaluationCycles.AsNoTracking().SingleAsync(c => c.Id == evaluation.CycleId, ct), evaluation, null);
    }

    internal static ResultVersionResponse Describe(EvaluationResult r) =>
        new(r.Version, r.GeneralPoints, r.TaskPoints, r.UnitResultPoints, r.Score, r.ForcedKht, r.Level, r.LevelReason, r.PublishedAt, r.PublishedBy);

    internal static AppealResponse Describe(EvaluationAppeal a) => new(a.Id, a.ResultVersion, a.Text, a.FiledAt, a.Status, a.Decision, a.DecidedBy, a.DecidedAt);

    internal static CommentResponse Describe(EvaluationComment c) => new(c.Id, c.Item, c.Side, c.Author, c.AuthorName, c.Text, c.At);
}
