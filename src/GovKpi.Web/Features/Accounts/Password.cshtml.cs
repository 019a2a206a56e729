using GovKpi.Core.Access;
using GovKpi.Data.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Accounts;

/// <summary>Change my password; the page every other page leads to while a change is due.</summary>
public sealed class PasswordModel(AccountDesk desk, SignIn signIn, LockoutPolicy lockout, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public string CurrentPassword { get; set; } = "";
    [BindProperty] public string NewPassword { get; set; } = "";
    [BindProperty] public string ConfirmPassword { get; set; } = "";

    public bool MustChange => CurrentUser.MustChangePassword(User);
    public bool Changed { get; private set; }
    public string? Error { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public void OnGet(bool changed = false) => Changed = changed;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (NewPassword != ConfirmPassword)
        {
            Errors = new() { ["confirmPassword"] = [l["Password.ConfirmMismatch"]] };
            return Page();
        }

        switch (await desk.ChangeOwnPasswordAsync(CurrentUser.From(User).UserName, CurrentPassword, NewPassword, lockout, ct))
        {
            case AccountOutcome.Done done:
                await signIn.IssueAsync(HttpContext, done.Account, ct);
                return Redirect("/account/password?changed=true");
            case AccountOutcome.Locked locked:
                Error = signIn.LockedMessage(l, locked.Until);
                return Page();
            case AccountOutcome.Invalid invalid:
                Errors = AccountProblems.ByField(l, invalid.Problems);
                return Page();
            default:
                return NotFound();
        }
    }
}
