using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.KpiLibrary;
using GovKpi.Data;
using GovKpi.Data.Evaluation;
using GovKpi.Data.Exports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Evaluation;

/// <summary>A document ready to download.</summary>
public sealed record ExportFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// The printable documents of a cycle (issue 4, item 7): one person's evaluation form as PDF, the
/// unit summary as Excel, the published list as Excel or PDF. They are assembled from the same
/// rows the API reads, through the same scope checks, and written by <c>GovKpi.Data.Exports</c>;
/// the words are Vietnamese (the official language of the forms) unless the caller asked for English.
/// </summary>
public sealed class EvaluationDocuments(GovKpiDbContext db, EvaluationReader reader, IStringLocalizer<SharedResource> l)
{
    public const string Pdf = "application/pdf";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static ExportText Text => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal) ? ExportText.English : ExportText.Vietnamese;

    private static bool English => ReferenceEquals(Text, ExportText.English);

    /// <summary>The form of one person: readable by whoever reads the evaluation (the person, their managers, HR, leadership, auditors), once rated.</summary>
    public async Task<DeskResult<ExportFile>> FormAsync(Caller caller, Guid evaluationId, CancellationToken ct)
    {
        var (cycle, e, refused) = await reader.LoadEvaluationAsync(caller, evaluationId, ct);
        if (refused is not null)
        {
            return refused.As<ExportFile>();
        }

        if (e!.Points is not { } points)
        {
            return DeskResult<ExportFile>.Conflict(l["Evaluation.Conflict.Title"], l["Evaluation.Error.NotRatedYet", e.StaffName]);
        }

        var policy = cycle!.Policy;
        var position = await PositionNameAsync(e.PositionCode, ct);
        var agency = await db.Units.AsNoTracking().Where(u => u.Code == cycle.AgencyCode).Select(u => English ? u.NameEn : u.NameVi).FirstOrDefaultAsync(ct) ?? cycle.AgencyCode;
        var trail = await db.EvaluationAudit.AsNoTracking()
            .Where(a => a.CycleId == cycle.Id && ((a.EvaluationId == e.Id && a.Action == AuditActions.Rated)
                || (a.EvaluationId == null && a.Action == AuditActions.StageAdvanced && a.NewValue == nameof(CycleStage.Approved))))
            .OrderByDescending(a => a.Sequence).Select(a => new { a.Action, a.ActorName, a.At }).ToListAsync(ct);
        // The rater's and the approving head's names as the audit trail recorded them when they acted.
        var rater = trail.FirstOrDefault(a => a.Action == AuditActions.Rated)?.ActorName ?? "";
        var head = trail.FirstOrDefault(a => a.Action == AuditActions.StageAdvanced);
        var level = e.Level ?? points.BandLevel(policy);
        var form = new EvaluationForm(new FormPerson(e.StaffCode, e.StaffName, position, cycle.UnitName, agency), PeriodName(cycle.Period),
            [GeneralCriteriaGroup(e, policy), TaskResultsGroup(e, policy)], e.SelfGeneralPoints + e.SelfTaskPoints, points.Total, level)
        {
            Formulas = [.. e.TaskExplanations.Where(x => !Rating.IsGeneralCriteria(x)).Select(x => KpiNamed(e, x.Formula)), $"{Invariant(points.GeneralCriteria)} + {Invariant(points.TaskResults)} = {Invariant(points.Total)}"],
            SelfComment = e.SelfAssessment,
            ManagerComment = e.RatingReason,
            Signatures =
            [
                new(Text.SignPerson, e.StaffName, Local(e.SelfAssessedAt)),
                new(Text.SignManager, rater, Local(e.RatedAt)),
                new(Text.SignHead, head?.ActorName ?? "", Local(head?.At)),
            ],
        };
        return File($"phieu-danh-gia-{e.StaffCode}-{cycle.Period.Label}.pdf", Pdf, s => EvaluationFormPdf.Write(form, Text, s));
    }

    /// <summary>The unit summary, with the calibration flags beside the people they concern: for the unit's managers, HR, leadership and auditors.</summary>
    public async Task<DeskResult<ExportFile>> SummaryAsync(Caller caller, Guid cycleId, CancellationToken ct)
    {
        var (cycle, evaluations, refused) = await reader.LoadCycleAsync(caller, cycleId, ct);
        if (refused is not null)
        {
            return refused.As<ExportFile>();
        }

        if (!caller.ReadsAudit(cycle!))
        {
            return DeskResult<ExportFile>.Forbidden();
        }

        var flags = cycle!.Stage >= CycleStage.Calibration ? (await reader.CalibrationAsync(caller, cycleId, ct)).Value?.Flags ?? [] : [];
        var notes = flags.SelectMany(f => f.StaffCodes.Select(code => (code, f.Kind))).Distinct()
            .GroupBy(x => x.code).ToDictionary(g => g.Key, g => string.Join("; ", g.Select(x => l[$"Evaluation.FlagKind.{x.Kind}"].Value)));
        var positions = await PositionNamesAsync(ct);
        var rows = evaluations.Where(e => e.Points is not null).Select(e => new UnitSummaryRow(e.StaffCode, e.StaffName, positions.GetValueOrDefault(e.PositionCode, e.PositionCode),
                e.GeneralPoints!.Value, e.TaskPoints!.Value, e.Score!.Value, e.Level ?? e.Points!.BandLevel(cycle.Policy), e.LevelReason ?? ClassificationReason.Band)
            { Note = notes.GetValueOrDefault(e.StaffCode, "") })
            .ToList();
        var summary = new UnitSummary(cycle.UnitName, PeriodName(cycle.Period), rows);
        return File($"tong-hop-{cycle.UnitCode}-{cycle.Period.Label}.xlsx", Xlsx, s => UnitSummaryExcel.Write(summary, Text, s));
    }

    /// <summary>The list published in the unit, once published: for everyone who reads the cycle.</summary>
    public async Task<DeskResult<ExportFile>> PublishedAsync(Caller caller, Guid cycleId, bool pdf, CancellationToken ct)
    {
        var published = await reader.PublishedAsync(caller, cycleId, ct);
        if (published.Status != DeskStatus.Ok)
        {
            return published.As<ExportFile>();
        }

        var cycle = await db.EvaluationCycles.AsNoTracking().SingleAsync(c => c.Id == cycleId, ct);
        var positions = await PositionNamesAsync(ct);
        var list = new PublishedList(cycle.UnitName, PeriodName(cycle.Period), Local(cycle.PublishedAt)!.Value, cycle.Deadlines.Appeal,
            published.Value!.Select(p => new PublishedEntry(p.StaffName, positions.GetValueOrDefault(p.PositionCode, p.PositionCode), p.Score, p.Level)).ToList());
        if (pdf)
        {
            // Who published the list and which head approved the results, as the trail recorded them.
            var stages = await db.EvaluationAudit.AsNoTracking()
                .Where(a => a.CycleId == cycle.Id && a.EvaluationId == null && a.Action == AuditActions.StageAdvanced
                    && (a.NewValue == nameof(CycleStage.Approved) || a.NewValue == nameof(CycleStage.Published)))
                .OrderByDescending(a => a.Sequence).Select(a => new { a.NewValue, a.ActorName, a.At }).ToListAsync(ct);
            var compiler = stages.FirstOrDefault(a => a.NewValue == nameof(CycleStage.Published));
            var head = stages.FirstOrDefault(a => a.NewValue == nameof(CycleStage.Approved));
            var agency = cycle.AgencyCode == cycle.UnitCode ? ""
                : await db.Units.AsNoTracking().Where(u => u.Code == cycle.AgencyCode).Select(u => English ? u.NameEn : u.NameVi).FirstOrDefaultAsync(ct) ?? "";
            list = list with
            {
                Agency = agency,
                Signatures = [new(Text.SignCompiler, compiler?.ActorName ?? "", Local(compiler?.At)), new(Text.SignHead, head?.ActorName ?? "", Local(head?.At))],
            };
        }

        var name = $"cong-khai-{cycle.UnitCode}-{cycle.Period.Label}";
        return pdf
            ? File(name + ".pdf", Pdf, s => PublishedListExport.WritePdf(list, Text, s))
            : File(name + ".xlsx", Xlsx, s => PublishedListExport.WriteExcel(list, Text, s));
    }

    /// <summary>
    /// The general criteria of the policy, each with its maximum and, when the rater rated them one
    /// by one, the level and points the rating recorded; a policy with several blocks (Khánh Hòa's
    /// 20 + 10) shows each block with its subtotal. The self-assessment is one figure for the group.
    /// </summary>
    private static FormLine GeneralCriteriaGroup(StaffEvaluation e, EvaluationPolicy policy)
    {
        var rated = e.TaskExplanations.Where(x => x.Key == "Criterion" && x.Arguments.Count >= 5)
            .ToDictionary(x => x.Arguments[0], x => (Level: Enum.Parse<RatingLevel>(x.Arguments[1]), Points: decimal.Parse(x.Arguments[4], CultureInfo.InvariantCulture)), StringComparer.Ordinal);
        var sections = e.TaskExplanations.Where(x => x.Key == "Section" && x.Arguments.Count >= 2)
            .ToDictionary(x => x.Arguments[0], x => decimal.Parse(x.Arguments[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        FormLine Criterion(GeneralCriterion c) => rated.TryGetValue(c.Code, out var r)
            ? new FormLine(English ? c.NameEn : c.NameVi, c.MaxPoints, null, r.Points, English ? policy.RatingScale[r.Level].LabelEn : policy.RatingScale[r.Level].LabelVi)
            : new FormLine(English ? c.NameEn : c.NameVi, c.MaxPoints, null, null);
        IReadOnlyList<FormLine> lines = policy.GeneralCriteria.Count == 1
            ? [.. policy.GeneralCriteria[0].Criteria.Select(Criterion)]
            : [.. policy.GeneralCriteria.Select(s => new FormLine(English ? s.NameEn : s.NameVi, s.MaxPoints, null, sections.TryGetValue(s.Code, out var p) ? p : null)
                { Lines = [.. s.Criteria.Select(Criterion)] })];
        return new FormLine(Text.GeneralCriteria, policy.GeneralCriteriaMax, e.SelfGeneralPoints, e.GeneralPoints) { Lines = lines };
    }

    /// <summary>The task results with the ratios their points were computed from (KPIs, assigned products, a leader's unit and organising) and the rater's change, if any.</summary>
    private static FormLine TaskResultsGroup(StaffEvaluation e, EvaluationPolicy policy)
    {
        var lines = new List<FormLine>();
        if (e.TaskScore is { } score)
        {
            if (score.KpiAchievement is { } kpi)
            {
                lines.Add(new(string.Format(Text.Culture, Text.KpiAchievement, Text.Percent(score.KpiShare)), null, null, null, Text.Percent(kpi)));
            }

            if (score.TaskRatio is { } ratio)
            {
                lines.Add(new(Text.TaskRatio, null, null, null, Text.Percent(ratio)));
            }

            if (score.Leader is { } leader)
            {
                lines.Add(new(Text.LeaderUnitResult, null, null, e.UnitResultPoints, Text.Percent(leader.UnitResult)));
                lines.Add(new(Text.LeaderOrganising, null, null, null, Text.Percent(leader.Organising)));
            }

            if (score.Adjustment is { } adjustment)
            {
                lines.Add(new(string.Format(Text.Culture, Text.Adjusted, Text.Score(adjustment.ComputedPoints), adjustment.Reason), null, null, adjustment.AdjustedPoints));
            }
        }

        return new FormLine(Text.TaskResults, policy.TaskResultsMax, e.SelfTaskPoints, e.TaskPoints) { Lines = lines };
    }

    /// <summary>A KPI line of the computation (<c>on_time_rate: 90 ÷ 98 = 91.84%</c>) under the KPI's name instead of its code.</summary>
    private static string KpiNamed(StaffEvaluation e, string formula)
    {
        var kpi = e.TaskScore?.Kpis.FirstOrDefault(k => formula.StartsWith(k.KpiCode + ":", StringComparison.Ordinal));
        return kpi is null ? formula : (English ? kpi.NameEn : kpi.NameVi) + formula[kpi.KpiCode.Length..];
    }

    /// <summary><c>Quý 4/2025</c>, <c>Tháng 3/2026</c>, <c>Năm 2025</c>.</summary>
    public string PeriodName(EvaluationPeriod period) => l[$"Evaluation.PeriodName.{period.Kind}", period.Number, period.Year];

    private static DeskResult<ExportFile> File(string name, string contentType, Action<Stream> write)
    {
        using var bytes = new MemoryStream();
        write(bytes);
        return DeskResult<ExportFile>.Ok(new ExportFile(name, contentType, bytes.ToArray()));
    }

    private async Task<string> PositionNameAsync(string code, CancellationToken ct) =>
        (await PositionNamesAsync(ct)).GetValueOrDefault(code, code);

    private async Task<Dictionary<string, string>> PositionNamesAsync(CancellationToken ct) =>
        await db.JobPositions.AsNoTracking().ToDictionaryAsync(p => p.Code, p => English ? p.NameEn : p.NameVi, ct);

    private static DateOnly? Local(DateTimeOffset? at) => at is { } v ? DateOnly.FromDateTime(v.ToOffset(VietnamTime.Offset).DateTime) : null;

    private static string Invariant(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
