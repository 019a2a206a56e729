using System.Globalization;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovKpi.Web.Features.Evaluation;

/// <summary>
/// <c>/evaluation/{id}</c>, "My evaluation": the criteria, formula and numbers behind the score,
/// the KPI set and its measured values, the 360° summary, the published versions and appeals, the
/// comment threads per item, and the forms of what the caller may do now (self-assess, rate,
/// appeal, decide, publish again).
/// </summary>
public sealed class PersonModel(GovKpiDbContext db, EvaluationReader reader, EvaluationDesk desk) : PageModel
{
    public EvaluationResponse? Evaluation { get; private set; }
    public ExplanationResponse? Explanation { get; private set; }
    public ILookup<string, CommentResponse> Comments { get; private set; } = Array.Empty<CommentResponse>().ToLookup(c => c.Item);
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public string? Done { get; private set; }

    /// <summary>The adjustment and behavioural ratings as last posted, shown again when the rating was refused.</summary>
    public (string? Task, string? Reason)? PostedAdjustment { get; private set; }

    public IReadOnlyDictionary<string, int> PostedKpiRatings { get; private set; } = new Dictionary<string, int>();

    public static IReadOnlyList<string> Items => EvaluationDesk.CommentItems;

    public bool Can(EvaluationAction action) => Evaluation?.AllowedActions.Contains(action) == true;

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        Done = done;
        return await LoadAsync(await Caller.LoadAsync(db, HttpContext, ct), id, ct);
    }

    public Task<IActionResult> OnPostSelfAssessAsync(Guid id, string? general, string? task, string? text, CancellationToken ct) =>
        WriteAsync(id, "self", (caller, token) => desk.SelfAssessAsync(caller, id, new SelfAssessmentRequest(PageForms.Number(general), PageForms.Number(task), text), token), ct);

    /// <summary>
    /// <paramref name="criteria"/>: the level chosen per general criterion; none chosen means the general points are given.
    /// <c>kpiRatings[code]</c>: 1–5 per behavioural KPI. <paramref name="adjustTask"/> and <paramref name="adjustReason"/>:
    /// the adjustment of the computed task-result points, sent when either is filled in (the reason is then required).
    /// </summary>
    public Task<IActionResult> OnPostRateAsync(
        Guid id, string? general, string? task, string? unitResult, bool forcedKht, string? reason, Dictionary<string, string?>? criteria,
        string? adjustTask, string? adjustReason, CancellationToken ct)
    {
        var levels = criteria?.Where(c => !string.IsNullOrWhiteSpace(c.Value)).ToDictionary(c => c.Key, c => c.Value!);
        // Read from the form by name: a bound dictionary without any kpiRatings[…] field would take every other field instead.
        var ratings = Request.Form.Where(f => f.Key.StartsWith("kpiRatings[", StringComparison.Ordinal) && f.Key.EndsWith(']'))
            .Where(f => int.TryParse(f.Value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .ToDictionary(f => f.Key["kpiRatings[".Length..^1], f => int.Parse(f.Value.ToString(), CultureInfo.InvariantCulture));
        var adjust = !string.IsNullOrWhiteSpace(adjustTask) || !string.IsNullOrWhiteSpace(adjustReason);
        (PostedAdjustment, PostedKpiRatings) = (adjust ? (adjustTask, adjustReason) : null, ratings);
        return WriteAsync(id, "rated", (caller, token) => desk.RateAsync(caller, id,
            new RatingRequest(PageForms.Number(general), PageForms.Number(task), PageForms.Number(unitResult), forcedKht, reason)
            {
                Criteria = levels is { Count: > 0 } ? levels : null,
                KpiRatings = ratings.Count > 0 ? ratings : null,
                Adjustment = adjust ? new AdjustmentRequest(PageForms.Number(adjustTask), adjustReason) : null,
            }, token), ct);
    }

    public Task<IActionResult> OnPostAppealAsync(Guid id, string? text, CancellationToken ct) =>
        WriteAsync(id, "appealed", (caller, token) => desk.AppealAsync(caller, id, new AppealRequest(text), token), ct);

    public Task<IActionResult> OnPostDecideAsync(Guid id, Guid appealId, bool upheld, string? reason, CancellationToken ct) =>
        WriteAsync(id, "decided", (caller, token) => desk.DecideAppealAsync(caller, id, appealId, new AppealDecisionRequest(upheld, reason), token), ct);

    public Task<IActionResult> OnPostRepublishAsync(Guid id, string? reason, CancellationToken ct) =>
        WriteAsync(id, "republished", (caller, token) => desk.RepublishAsync(caller, id, new RepublishRequest(reason), token), ct);

    /// <summary>360° respondents from any unit, as staff codes separated by commas, spaces or lines.</summary>
    public Task<IActionResult> OnPostRespondentsAsync(Guid id, string? codes, CancellationToken ct) =>
        WriteAsync(id, "respondents", (caller, token) => desk.AddRespondentsAsync(caller, id,
            new RespondentsRequest((codes ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)), token), ct);

    public Task<IActionResult> OnPostCommentAsync(Guid id, string? item, string? text, CancellationToken ct) =>
        WriteAsync(id, "commented", (caller, token) => desk.CommentAsync(caller, id, new CommentRequest(item, text), token), ct);

    private async Task<IActionResult> WriteAsync<T>(Guid id, string done, Func<Caller, CancellationToken, Task<DeskResult<T>>> write, CancellationToken ct)
    {
        var caller = await Caller.LoadAsync(db, HttpContext, ct);
        var result = await write(caller, ct);
        switch (result.Status)
        {
            case DeskStatus.Ok:
                return Redirect($"/evaluation/{id}?done={done}");
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
        var evaluation = await reader.EvaluationAsync(caller, id, ct);
        if (evaluation.Status == DeskStatus.NotFound)
        {
            return NotFound();
        }

        if (evaluation.Status == DeskStatus.Forbidden)
        {
            return Forbid();
        }

        Evaluation = evaluation.Value;
        Explanation = (await reader.ExplainAsync(caller, id, ct)).Value;
        Comments = ((await reader.CommentsAsync(caller, id, null, ct)).Value ?? []).ToLookup(c => c.Item);
        return Page();
    }
}
