using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.DemoData;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Home;

/// <summary>The front door: the sign-in form for visitors; a signed-in person is sent to their role's home (<see cref="RoleHomeModel"/>).</summary>
[AllowAnonymous]
public sealed class IndexModel(SignIn signIn, ProvinceSignInOptions province, IStringLocalizer<SharedResource> l,
    DemoInstallation installation, GovKpiDbContext db) : PageModel
{
    /// <summary>Whether the province's identity provider is configured (ADR 0016).</summary>
    public bool ProvinceSignIn => province.Enabled;

    public bool SignedIn => User.Identity?.IsAuthenticated == true;
    /// <summary>Why the last attempt was refused (wrong password, locked until…, disabled), or null.</summary>
    public string? Error { get; private set; }

    /// <summary>A fresh installation without the demo: the form tells how to create the first account.</summary>
    public bool NoAccountYet { get; private set; }

    [BindProperty]
    public string UserName { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    public async Task<IActionResult> OnGetAsync(string? province, CancellationToken ct)
    {
        if (SignedIn)
        {
            return LocalRedirect(RoleHomeModel.Path);
        }

        NoAccountYet = !SignedIn && !await installation.HasAccountsAsync(db, ct);
        if (province == "failed")
        {
            Error = l["SignIn.ProvinceFailed"];
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl, CancellationToken ct)
    {
        var attempt = await signIn.TryAsync(HttpContext, UserName, Password, ct);
        Password = "";
        NoAccountYet = attempt is not SignInAttempt.Accepted && !await installation.HasAccountsAsync(db, ct);
        switch (attempt)
        {
            case SignInAttempt.Accepted { MustChangePassword: true }:
                return LocalRedirect("/account/password");
            case SignInAttempt.Accepted:
                return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : RoleHomeModel.Path);
            case SignInAttempt.Locked locked:
                Error = signIn.LockedMessage(l, locked.Until);
                return Page();
            case SignInAttempt.Disabled:
                Error = l["SignIn.Disabled"];
                return Page();
            default:
                Error = l["SignIn.Failed"];
                return Page();
        }
    }

    public async Task<IActionResult> OnPostSignOutAsync(CancellationToken ct)
    {
        await signIn.SignOutAsync(HttpContext, ct);
        return LocalRedirect("/");
    }
}
