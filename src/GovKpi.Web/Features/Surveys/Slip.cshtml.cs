using GovKpi.Core.Surveys;
using GovKpi.Data.Files;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovKpi.Web.Features.Surveys;

/// <summary>
/// A slip for staff to print at the one-stop counter or with the result: the survey link of a
/// dossier and its QR code. Any signed-in staff member may print one: it shows only the code
/// typed in and the public link, nothing of the dossier.
/// </summary>
public sealed class SurveySlipModel : PageModel
{
    public string? Code { get; private set; }
    public string? Link { get; private set; }

    public void OnGet(string? code)
    {
        Code = CitizenSurvey.ReceiptCode(code, RecordDefinitions.IdLength);
        Link = Code is null ? null : SurveyEndpoints.Link(HttpContext, Code);
    }
}
