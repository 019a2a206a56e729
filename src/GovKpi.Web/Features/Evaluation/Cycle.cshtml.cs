using System.Globalization;
using GovKpi.Core.Access;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovKpi.Web.Features.Evaluation;

/// <summary>
/// <c>/evaluation/cycles/{id}</c>: a cycle's stage, deadlines and progress, the evaluations the
/// caller may see, the colleagues to give 360° feedback on, the published list, the calibration and
/// the audit trail for those who read them, and the button that moves the cycle on.
/// </summary>
public sealed class CycleModel(GovKpiDbContext db, EvaluationReader reader, EvaluationDesk desk) : PageModel
{
    public CycleDetailResponse? Detail { get; private set; }
    public IReadOnlyList<PublishedLine> Published { get; private set; } = [];
    public CalibrationResponse? Calibration { get; private set; }
    public AuditTrailResponse? Audit { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public string? Done { get; private set; }
    /// <summary>The unit summary is for those who read the whole cycle: its managers, HR, leadership and auditors.</summary>
    public bool ReadsSummary { get; private set; }
    /// <summary>What keeps the cycle from its next stage, shown above the advance button; overridable ones need a confirmation with a reason.</summary>
    public CycleBlockersResponse? Blockers { get; private set; }

    /// <summary>Whether the caller's role moves the cycle out of its stage (the unit scope is checked on posting).</summary>
    public bool CanAdvance => Detail?.Cycle.NextStage is not null
        && CycleWorkflow.Advancers(Detail.Cycle.Stage).Any(r => User.IsInRole(r.ToString()));

    public static IReadOnlyList<string> Questions => Feedback360.Questions;

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        Done = done;
        return await LoadAsync(await Caller.LoadAsync(db, HttpContext, ct), id, ct);
    }

    public async Task<IActionResult> OnPostAdvanceAsync(Guid id, CycleStage to, string? reason, DateOnly? appealDeadline, bool confirm, CancellationToken ct)
    {
        var caller = await Caller.LoadAsync(db, HttpContext, ct);
        var result = await desk.AdvanceAsync(caller, id, new AdvanceRequest(to, reason, appealDeadline, confirm), ct);
        return await AfterAsync(caller, id, result, "advanced", ct);
    }

    public async Task<IActionResult> OnPostFeedbackAsync(Guid id, Guid evaluationId, string? comment, CancellationToken ct)
    {
        var caller = await Caller.LoadAsync(db, HttpContext, ct);
        var ratings = Questions.Where(q => int.TryParse(Request.Form[$"q.{q}"], NumberStyles.Integer, CultureInfo.InvariantCulture, out _)).ToDictionary(q => q, q => int.Parse(Request.Form[$"q.{q}"]!, CultureInfo.InvariantCulture));
        var result = await desk.GiveFeedbackAsync(caller, evaluationId, new FeedbackRequest(ratings, comment), ct);
        return await AfterAsync(caller, id, result, "feedback", ct);
    }

    private async Task<IActionResult> AfterAsync<T>(Caller caller, Guid id, DeskResult<T> result, string done, CancellationToken ct)
    {
        switch (result.Status)
        {
            case DeskStatus.Ok:
                return Redirect($"/evaluation/cycles/{id}?done={done}");
            case DeskStatus.NotFound:
                return NotFound();
            case DeskStatus.Forbidden:
                return Forbid();
            default:
                Errors = PageForms.Messages(result);
                return await LoadAsync(caller, id, ct);
        }
    }

    private async Task<IActionResult> LoadAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var detail = await reader.CycleAsync(caller, id, ct);
        if (detail.Status == DeskStatus.NotFound)
        {
            return NotFound();
        }

        if (detail.Status == DeskStatus.Forbidden)
        {
            return Forbid();
        }

        Detail = detail.Value!;
        var stage = Detail.Cycle.Stage;
        if (stage >= CycleStage.Published)
        {
            Published = (await reader.PublishedAsync(caller, id, ct)).Value ?? [];
        }

        if (stage >= CycleStage.Calibration && caller.ReadsUnit)
        {
            Calibration = (await reader.CalibrationAsync(caller, id, ct)).Value;
        }

        Audit = (await reader.CycleAuditAsync(caller, id, ct)).Value;
        if (CanAdvance)
        {
            Blockers = (await desk.BlockersAsync(caller, id, null, ct)).Value;
        }

        ReadsSummary = Audit is not null;
        return Page();
    }
}
