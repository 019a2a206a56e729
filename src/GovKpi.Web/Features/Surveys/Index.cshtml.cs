using GovKpi.Core.Surveys;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Surveys;

/// <summary>
/// The public citizen survey page: a plain form posted with its antiforgery token and answered
/// by a page rendered on the server, so it works without JavaScript.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(SurveyEndpoints.RateLimitPolicy)]
public sealed class SurveyFormModel(SurveyDesk desk, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public int? Score { get; set; }
    [BindProperty] public string? Comment { get; set; }

    /// <summary>The response was stored: the page thanks and shows no form.</summary>
    public bool Accepted { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        switch (await desk.SubmitAsync(Code, Score, Comment, ct))
        {
            case SurveyDecision.Accepted:
                Accepted = true;
                break;
            case SurveyDecision.Refused refused:
                Error = refused.Reason == SurveyRefusal.CommentTooLong
                    ? l["Survey.Refused.CommentTooLong", CitizenSurvey.CommentLength]
                    : l["Survey.Refused." + refused.Reason];
                Response.StatusCode = StatusOf(refused.Reason);
                break;
        }

        return Page();
    }

    /// <summary>
    /// Every refusal still renders the page with its words (a browser without JavaScript shows it
    /// the same), and its status lets a client tell it from a success: 422 for the form to fix,
    /// 404 for a code no dossier has, 409 for a dossier whose state refuses a response now (not
    /// finished yet) or ever again (answered). An open dossier is 409, not 422: the form is right,
    /// the dossier is not ready, and the same post succeeds once it is finished.
    /// </summary>
    public static int StatusOf(SurveyRefusal reason) => reason switch
    {
        SurveyRefusal.UnknownCode => StatusCodes.Status404NotFound,
        SurveyRefusal.NotFinished or SurveyRefusal.AlreadyAnswered => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };
}
