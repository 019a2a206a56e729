using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.Calendar;
using GovKpi.Core.DelegatedTasks;
using GovKpi.Core.Drafting;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;
using GovKpi.Core.Privacy;
using GovKpi.Data;
using GovKpi.Data.Assistant;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.DelegatedTasks;
using GovKpi.Web.Features.KpiValues;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Assistant;

public sealed record ApologySlipRequest(string? DossierId, string? Reason);

public sealed record EvaluationCommentRequest(string? StaffCode, string? From, string? To);

public sealed record MonthlyReportRequest(string? UnitCode, int? Year, int? Month);

public sealed record DraftTextRequest(string? Text);

public sealed record DelegatedTaskSummaryRequest(string? TaskCode);

public sealed record DraftResponse(Guid Id, string Kind, string Subject, string UnitCode, string Text, string Status, string Mode,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? DecidedBy, DateTimeOffset? DecidedAt)
{
    public static DraftResponse From(AssistantDraft d) => new(d.Id, d.Kind.ToString(), d.Subject, d.UnitCode, d.Text, d.Status.ToString(),
        DataAnswers.OfflineMode, d.CreatedBy, d.CreatedAt, d.UpdatedAt, d.DecidedBy, d.DecidedAt);
}

/// <summary>What stopped a draft: the subject is not there, not the caller's to see, or not in a state to be drafted.</summary>
public enum DraftRefusal
{
    None,
    NotFound,
    Forbidden,
    Invalid,
}

public enum DraftChange
{
    Done,
    NotFound,
    /// <summary>Already approved or discarded.</summary>
    Decided,
    Invalid,
}

/// <summary>
/// Writes drafts from the product's data (<see cref="Drafts"/>) and keeps them as
/// <see cref="AssistantDraft"/>s of the person who asked, within that person's scope.
/// </summary>
public sealed class DraftWriter(GovKpiDbContext db, KpiValueReader kpis, TimeProvider clock, ExchangeRetention retention, IStringLocalizer<SharedResource> l)
{
    public const int MaximumDraftLength = 20_000;

    public async Task<(DraftRefusal Refusal, Dictionary<string, string[]> Errors, AssistantDraft? Draft)> ApologySlipAsync(
        ApologySlipRequest request, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.DossierId))
        {
            errors["dossierId"] = [l["Assistant.Draft.Error.DossierId"]];
            return (DraftRefusal.Invalid, errors, null);
        }

        var dossier = await db.Dossiers.AsNoTracking().SingleOrDefaultAsync(d => d.DossierId == request.DossierId, ct);
        if (dossier is null)
        {
            return (DraftRefusal.NotFound, errors, null);
        }

        if (!scope.Contains(dossier.UnitCode) || (user.Role == Role.Staff && dossier.HandlerCode != user.StaffCode))
        {
            return (DraftRefusal.Forbidden, errors, null);
        }

        var now = clock.GetUtcNow();
        if ((dossier.FinishedAt ?? now) <= dossier.DueAt)
        {
            errors["dossierId"] = [l["Assistant.Draft.Error.NotLate", dossier.DossierId, dossier.DueAt.ToOffset(VietnamTime.Offset).ToString("dd/MM/yyyy HH:mm", CultureInfo.CurrentCulture)]];
            return (DraftRefusal.Invalid, errors, null);
        }

        var unit = scope.Tree.Find(dossier.UnitCode);
        var province = scope.Tree.Roots.FirstOrDefault();
        var text = Drafts.ApologySlip(new ApologySlipInput(province?.NameVi ?? "", unit?.NameVi ?? dossier.UnitCode, Place(province?.NameVi),
            dossier.DossierId, $"mã {dossier.ProcedureCode}", dossier.ReceivedAt, dossier.DueAt, VietnamTime.Today(clock), request.Reason),
            await CalendarAsync(ct));
        return (DraftRefusal.None, errors, await SaveAsync(DraftKind.ApologySlip, dossier.DossierId, dossier.UnitCode, text, user, ct));
    }

    public async Task<(DraftRefusal Refusal, Dictionary<string, string[]> Errors, AssistantDraft? Draft)> EvaluationCommentAsync(
        EvaluationCommentRequest request, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var query = KpiQuery.Parse(KpiSubjectScope.Staff, request.StaffCode, request.From, request.To, l, out var errors);
        if (query is null)
        {
            errors = errors.ToDictionary(e => e.Key == "code" ? "staffCode" : e.Key, e => e.Value);
            return (DraftRefusal.Invalid, errors, null);
        }

        var (access, subject) = await query.ResolveAsync(db, scope, user, ct);
        if (access != SubjectAccess.Allowed)
        {
            return (access == SubjectAccess.NotFound ? DraftRefusal.NotFound : DraftRefusal.Forbidden, errors, null);
        }

        var member = await db.Staff.AsNoTracking().SingleAsync(s => s.Code == subject!.StaffCode, ct);
        var position = await db.JobPositions.AsNoTracking().SingleOrDefaultAsync(p => p.Code == member.PositionCode, ct);
        var table = await kpis.TableAsync(subject!, query.Period, ct);
        var text = Drafts.EvaluationComment(new EvaluationCommentInput(member.FullName, position?.NameVi ?? member.PositionCode,
            PeriodName(query.Period), [.. table.Values.Select(DraftKpi)], LevelName: null));
        return (DraftRefusal.None, errors, await SaveAsync(DraftKind.EvaluationComment, $"staff:{member.Code}:{query.Period}", member.UnitCode, text, user, ct));
    }

    public async Task<(DraftRefusal Refusal, Dictionary<string, string[]> Errors, AssistantDraft? Draft)> MonthlyReportAsync(
        MonthlyReportRequest request, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Year is not (>= 2000 and <= 2100))
        {
            errors["year"] = [l["Assistant.Draft.Error.Year"]];
        }

        if (request.Month is not (>= 1 and <= 12))
        {
            errors["month"] = [l["Assistant.Draft.Error.Month"]];
        }

        var month = errors.Count == 0 ? ReportingPeriod.Month(request.Year!.Value, request.Month!.Value) : default;
        var query = KpiQuery.Parse(KpiSubjectScope.Subtree, request.UnitCode, month.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), month.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l, out var queryErrors);
        foreach (var (key, messages) in queryErrors.Where(e => e.Key == "code"))
        {
            errors["unitCode"] = messages;
        }

        if (query is null || errors.Count > 0)
        {
            return (DraftRefusal.Invalid, errors, null);
        }

        var (access, subject) = await query.ResolveAsync(db, scope, user, ct);
        if (access != SubjectAccess.Allowed)
        {
            return (access == SubjectAccess.NotFound ? DraftRefusal.NotFound : DraftRefusal.Forbidden, errors, null);
        }

        var previousMonth = month.From.AddMonths(-1);
        var table = await kpis.TableAsync(subject!, month, ct);
        var previous = (await kpis.TableAsync(subject!, ReportingPeriod.Month(previousMonth.Year, previousMonth.Month), ct)).Values.ToDictionary(v => v.Kpi);
        var values = table.Values.ToDictionary(v => v.Kpi);
        var onTime = values[KpiFormula.OnTimeRate];
        var finished = values[KpiFormula.PerWorkingDay].Numerator;
        var (best, support) = await StaffOnTimeAsync(subject!, month, ct);
        var province = scope.Tree.Roots.FirstOrDefault();
        var text = Drafts.MonthlyUnitReport(new MonthlyReportInput(province?.NameVi ?? "", subject!.Name, Place(province?.NameVi), PeriodName(month),
            VietnamTime.Today(clock), Received: (long)values[KpiFormula.OnlineShare].Denominator, Finished: (long)finished,
            FinishedOnTime: (long)onTime.Numerator, OpenLate: (long)(onTime.Denominator - finished), Online: (long)values[KpiFormula.OnlineShare].Numerator,
            [.. table.Values.Select(v => DraftKpi(v) with { PreviousValue = previous.GetValueOrDefault(v.Kpi)?.Display })], best, support));
        return (DraftRefusal.None, errors, await SaveAsync(DraftKind.MonthlyUnitReport, string.Create(CultureInfo.InvariantCulture, $"unit:{subject.Code}:{month.From:yyyy-MM}"), subject.Code, text, user, ct));
    }

    /// <summary>The progress summary of a delegated task received by a unit in <paramref name="scope"/>, from its reports and its pace today.</summary>
    public async Task<(DraftRefusal Refusal, Dictionary<string, string[]> Errors, AssistantDraft? Draft)> DelegatedTaskSummaryAsync(
        DelegatedTaskSummaryRequest request, DelegatedTaskRegistry registry, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.TaskCode))
        {
            errors["taskCode"] = [l["Assistant.Draft.Error.TaskCode"]];
            return (DraftRefusal.Invalid, errors, null);
        }

        if (await registry.LoadAsync(request.TaskCode.Trim(), ct) is not { } found)
        {
            return (DraftRefusal.NotFound, errors, null);
        }

        // Each receiving unit reports its own progress: the summary speaks of the first one in the caller's scope.
        if (found.Task.ReceivingUnitCodes.FirstOrDefault(scope.Contains) is not { } unitCode)
        {
            return (DraftRefusal.Forbidden, errors, null);
        }

        var (task, reports) = DelegatedTask.ForUnit(found.Task, found.ImplementationReports, unitCode);
        var today = VietnamTime.Today(clock);
        var progress = TaskProgress.Assess(task, reports, today, await registry.CalendarAsync(ct));
        var province = scope.Tree.Roots.FirstOrDefault();
        var text = Drafts.DelegatedTaskSummary(new DelegatedTaskSummaryInput(province?.NameVi ?? "", scope.Tree.Find(task.ReceivingUnitCode)?.NameVi ?? task.ReceivingUnitCode,
            Place(province?.NameVi), today, task, reports, progress));
        return (DraftRefusal.None, errors, await SaveAsync(DraftKind.DelegatedTaskSummary, $"task:{task.Code}", task.ReceivingUnitCode, text, user, ct));
    }

    /// <summary>Staff with at least <see cref="MinimumDossiers"/> counted dossiers: the three most on time, and up to three under the critical threshold.</summary>
    private async Task<(List<(string, string)> Best, List<(string, string)> Support)> StaffOnTimeAsync(KpiSubject unit, ReportingPeriod month, CancellationToken ct)
    {
        var units = unit.UnitCodes ?? [];
        var staff = await db.Staff.AsNoTracking().Where(s => units.Contains(s.UnitCode)).Select(s => new { s.Code, s.FullName }).ToListAsync(ct);
        var codes = staff.Select(s => s.Code).ToList();
        var rows = await db.KpiAggregates.AsNoTracking()
            .Where(a => a.PeriodFrom == month.From && a.PeriodTo == month.To && a.Scope == KpiScope.Staff && codes.Contains(a.Code))
            .ToListAsync(ct);
        var formula = KpiFormula.Find(KpiFormula.OnTimeRate)!;
        var onTime = KpiVersions.DefinitionAt(await db.KpiDefinitions.AsNoTracking().Where(d => d.Code == KpiFormula.OnTimeRate).ToListAsync(ct), month.From);
        var critical = (double?)onTime?.CriticalThreshold / 100;
        var names = staff.ToDictionary(s => s.Code, s => s.FullName);
        var rates = rows
            .Select(r => (Name: names[r.Code], Value: formula.Evaluate(r.ToTally(), 0)))
            .Where(r => r.Value.Denominator >= MinimumDossiers)
            .Select(r => (r.Name, Rate: r.Value.Value!.Value))
            .ToList();
        var best = rates.OrderByDescending(r => r.Rate).ThenBy(r => r.Name, StringComparer.Ordinal).Take(3)
            .Select(r => (r.Name, KpiDisplay.Format(r.Rate, percent: true))).ToList();
        var support = rates.Where(r => critical is { } c && r.Rate < c).OrderBy(r => r.Rate).ThenBy(r => r.Name, StringComparer.Ordinal).Take(3)
            .Select(r => (r.Name, KpiDisplay.Format(r.Rate, percent: true))).ToList();
        return (best, support);
    }

    /// <summary>One of <paramref name="user"/>'s drafts, or null: another person's drafts are not theirs to see.</summary>
    public Task<AssistantDraft?> FindAsync(Guid id, CurrentUser user, CancellationToken ct) =>
        db.AssistantDrafts.SingleOrDefaultAsync(d => d.Id == id && d.CreatedBy == user.UserName, ct);

    /// <summary>Replaces the text of a draft, or approves or discards it (<paramref name="text"/> null); a decided draft no longer changes.</summary>
    public async Task<(DraftChange Outcome, string? Error, AssistantDraft? Draft)> ChangeAsync(
        Guid id, CurrentUser user, string? text, DraftStatus? decision, CancellationToken ct)
    {
        var draft = await FindAsync(id, user, ct);
        if (draft is null)
        {
            return (DraftChange.NotFound, null, null);
        }

        if (draft.Status != DraftStatus.Draft)
        {
            return (DraftChange.Decided, l["Assistant.Draft.Error.Decided", l["Assistant.Draft.Status." + draft.Status]], draft);
        }

        var now = clock.GetUtcNow().ToUniversalTime();
        if (decision is { } status)
        {
            draft.Status = status;
            draft.DecidedBy = user.UserName;
            draft.DecidedAt = now;
            if (status == DraftStatus.Approved)
            {
                AssistantLog.Add(db, clock, retention, user, "draft-approved", DataAnswers.OfflineMode, $"{draft.Kind} {draft.Subject}", draft.Text);
            }
        }
        else if (string.IsNullOrWhiteSpace(text) || text.Length > MaximumDraftLength)
        {
            return (DraftChange.Invalid, l["Assistant.Draft.Error.Text", MaximumDraftLength], draft);
        }
        else
        {
            draft.Text = text;
        }

        draft.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return (DraftChange.Done, null, draft);
    }

    /// <summary>Fewer dossiers than this say little about a person's month.</summary>
    public const int MinimumDossiers = 5;

    private static DraftKpi DraftKpi(KpiValueResponse v) =>
        new(v.Name, v.Display, v.TargetDisplay, v.Status switch { KpiStatus.None => null, KpiStatus.Green => true, _ => false });

    private async Task<AssistantDraft> SaveAsync(DraftKind kind, string subject, string unitCode, string text, CurrentUser user, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUniversalTime();
        var draft = new AssistantDraft
        {
            Id = Guid.NewGuid(), Kind = kind, Subject = subject, UnitCode = unitCode, Text = text, Status = DraftStatus.Draft,
            CreatedBy = user.UserName, CreatedAt = now, UpdatedAt = now,
        };
        db.AssistantDrafts.Add(draft);
        AssistantLog.Add(db, clock, retention, user, "draft", DataAnswers.OfflineMode, $"{kind} {subject}", text);
        await db.SaveChangesAsync(ct);
        return draft;
    }

    private async Task<WorkingCalendar> CalendarAsync(CancellationToken ct)
    {
        var exceptions = await db.CalendarExceptions.AsNoTracking().ToListAsync(ct);
        return exceptions.Count == 0 ? WorkingCalendar.Official : new WorkingCalendar(exceptions);
    }

    private static string Place(string? provinceName) => provinceName is null ? "" : provinceName.Replace("Tỉnh ", "", StringComparison.Ordinal);

    private static string PeriodName(ReportingPeriod period) =>
        period.To == period.From.AddMonths(1) && period.From.Day == 1 ? $"tháng {period.From.Month}/{period.From.Year}"
        : string.Create(CultureInfo.InvariantCulture, $"từ {period.From:dd/MM/yyyy} đến {period.To.AddDays(-1):dd/MM/yyyy}");
}

/// <summary>The audit trail of the assistant: every question and answer, with who asked and in which mode.</summary>
public static class AssistantLog
{
    public const int MaximumLength = 8_000;

    /// <summary>Writes the exchange down, unless the retention keeps none (<see cref="ExchangeRetention"/>; deleted later by <see cref="ExchangeRetentionWorker"/>).</summary>
    /// <remarks>The time is stored in UTC whatever offset the clock gives: PostgreSQL's timestamptz takes no other.</remarks>
    public static void Add(GovKpiDbContext db, TimeProvider clock, ExchangeRetention retention, CurrentUser user, string kind, string mode, string question, string answer)
    {
        if (!retention.KeepsExchanges)
        {
            return;
        }

        db.AssistantExchanges.Add(new AssistantExchange
        {
            At = clock.GetUtcNow().ToUniversalTime(), UserName = user.UserName, Role = user.Role.ToString(), Kind = kind, Mode = mode,
            Question = Cut(question), Answer = Cut(answer),
        });
    }

    private static string Cut(string text) => text.Length <= MaximumLength ? text : text[..MaximumLength];
}
