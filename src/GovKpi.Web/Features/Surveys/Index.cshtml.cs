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
                // Refusals of the dossier (unknown, open, answered) answer 200: the page is the answer, and its words say why.
                if (refused.Reason is SurveyRefusal.CodeMissing or SurveyRefusal.ScoreInvalid or SurveyRefusal.CommentTooLong)
                {
                    Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                }

                break;
        }

        return Page();
    }
}
