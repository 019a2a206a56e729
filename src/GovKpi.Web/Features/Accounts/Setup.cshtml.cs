using GovKpi.Data.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Accounts;

/// <summary>The one-time setup link: the person chooses their password and is signed in.</summary>
[AllowAnonymous]
public sealed class SetupModel(AccountDesk desk, SignIn signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";
    [BindProperty] public string NewPassword { get; set; } = "";
    [BindProperty] public string ConfirmPassword { get; set; } = "";

    /// <summary>The account the link opens; null when the link is unknown, used or expired.</summary>
    public UserAccount? Account { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Account = await desk.FindBySetupTokenAsync(Token, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Account = await desk.FindBySetupTokenAsync(Token, ct);
        if (Account is null)
        {
            return Page();
        }

        if (NewPassword != ConfirmPassword)
        {
            Errors = new() { ["confirmPassword"] = [l["Password.ConfirmMismatch"]] };
            return Page();
        }

        switch (await desk.CompleteSetupAsync(Token, NewPassword, ct))
        {
            case AccountOutcome.Done done:
                await signIn.IssueAsync(HttpContext, done.Account, ct);
                return Redirect(GovKpi.Web.Features.Home.RoleHomeModel.Path);
            case AccountOutcome.Invalid invalid:
                Errors = AccountProblems.ByField(l, invalid.Problems);
                return Page();
            default:
                Account = null;
                return Page();
        }
    }
}
