using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.DemoData;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovKpi.Web.Features.Home;

/// <summary>The front door: the sign-in form for visitors, the start page for signed-in users.</summary>
[AllowAnonymous]
public sealed class IndexModel(SignIn signIn, DemoInstallation installation, GovKpiDbContext db) : PageModel
{
    public bool SignedIn => base.User.Identity?.IsAuthenticated == true;
    public new CurrentUser? User => SignedIn ? CurrentUser.From(base.User) : null;
    public bool Failed { get; private set; }

    /// <summary>A fresh installation without the demo: the form tells how to create the first account.</summary>
    public bool NoAccountYet { get; private set; }

    [BindProperty]
    public string UserName { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        NoAccountYet = !SignedIn && !await installation.HasAccountsAsync(db, ct);
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl, CancellationToken ct)
    {
        if (await signIn.TryAsync(HttpContext, UserName, Password, ct) is null)
        {
            Failed = true;
            Password = "";
            NoAccountYet = !await installation.HasAccountsAsync(db, ct);
            return Page();
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/organisation");
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return LocalRedirect("/");
    }
}
