using GovKpi.Core.Access;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Data.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Accounts;

/// <summary>
/// HR's account page: create one account or one per staff member of a unit, disable, enable,
/// reset, change role and scope. A setup link is shown once, on the answer to the request that
/// made it, and never again.
/// </summary>
[Authorize(Roles = Roles.Hr)]
public sealed class AdminModel(AccountDesk desk, GovKpiDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public static readonly Role[] RoleChoices = [Role.Staff, Role.Manager, Role.Hr, Role.Leader, Role.Auditor, Role.Integration];

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [BindProperty] public string NewUserName { get; set; } = "";
    [BindProperty] public string NewRole { get; set; } = "staff";
    [BindProperty] public string? NewStaffCode { get; set; }
    [BindProperty] public string? NewScopeUnitCode { get; set; }
    [BindProperty] public string? NewEmail { get; set; }
    [BindProperty] public string? NewPassword { get; set; }

    public IReadOnlyList<UserAccount> Accounts { get; private set; } = [];
    public IReadOnlyList<Unit> Units { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    /// <summary>What the last action did, for the notice at the top.</summary>
    public string? Done { get; private set; }
    public IReadOnlyList<(string UserName, string DisplayName, string Link)> SetupLinks { get; private set; } = [];
    public IReadOnlyList<SkippedStaff> Skipped { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    /// <summary>The account the errors belong to (a row's form), or null for the create form.</summary>
    public string? ErrorsFor { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!AccountRules.TryParseRole(NewRole, out var role))
        {
            Errors = new() { ["role"] = [l["Account.RoleInvalid"]] };
            return await PageAsync(ct);
        }

        var outcome = await desk.CreateAsync(new AccountRequest(NewUserName, role, NewScopeUnitCode, NewStaffCode, NewEmail),
            AccountAdmin.Choice(NewPassword), Me, await ScopeAsync(ct), ct);
        if (outcome is AccountOutcome.Done done)
        {
            (NewUserName, NewStaffCode, NewScopeUnitCode, NewEmail, NewPassword) = ("", null, null, null, null);
        }

        return await ShowAsync(outcome, "Accounts.Created", ct);
    }

    public async Task<IActionResult> OnPostBulkAsync(string unitCode, CancellationToken ct)
    {
        var report = await desk.CreateForUnitAsync(unitCode, Me, await ScopeAsync(ct), ct);
        if (report is null)
        {
            Errors = new() { ["unitCode"] = [l["Account.ScopeUnknown"]] };
            return await PageAsync(ct);
        }

        Done = l["Accounts.BulkDone", report.Created.Count, report.Skipped.Count];
        SetupLinks = report.Created.Select(c => (c.Account.UserName, c.Account.DisplayName, AccountAdmin.SetupLink(HttpContext, c.SetupToken))).ToList();
        Skipped = report.Skipped;
        return await PageAsync(ct);
    }

    public async Task<IActionResult> OnPostSetupLinksAsync(string unitCode, CancellationToken ct)
    {
        var links = await desk.IssueSetupLinksAsync(unitCode, Me, await ScopeAsync(ct), ct);
        if (links is null)
        {
            Errors = new() { ["unitCode"] = [l["Account.ScopeUnknown"]] };
            return await PageAsync(ct);
        }

        Done = l["Accounts.SetupLinksDone", links.Count];
        SetupLinks = links.Select(c => (c.Account.UserName, c.Account.DisplayName, AccountAdmin.SetupLink(HttpContext, c.SetupToken))).ToList();
        return await PageAsync(ct);
    }

    public async Task<IActionResult> OnPostDisableAsync(string userName, CancellationToken ct) =>
        await ShowAsync(await desk.DisableAsync(userName, Me, await ScopeAsync(ct), ct), "Accounts.Disabled", ct, userName);

    public async Task<IActionResult> OnPostEnableAsync(string userName, CancellationToken ct) =>
        await ShowAsync(await desk.EnableAsync(userName, Me, await ScopeAsync(ct), ct), "Accounts.Enabled", ct, userName);

    public async Task<IActionResult> OnPostResetAsync(string userName, string? password, CancellationToken ct) =>
        await ShowAsync(await desk.ResetAsync(userName, AccountAdmin.Choice(password), Me, await ScopeAsync(ct), ct), "Accounts.Reset", ct, userName);

    public async Task<IActionResult> OnPostAccessAsync(string userName, string role, string? scopeUnitCode, string? staffCode, string? email, CancellationToken ct)
    {
        if (!AccountRules.TryParseRole(role, out var parsed))
        {
            (Errors, ErrorsFor) = (new() { ["role"] = [l["Account.RoleInvalid"]] }, userName);
            return await PageAsync(ct);
        }

        return await ShowAsync(await desk.ChangeAccessAsync(userName, parsed, scopeUnitCode, staffCode, email, Me, await ScopeAsync(ct), ct), "Accounts.AccessChanged", ct, userName);
    }

    public string RoleName(Role role) => l[$"Role.{role}"];

    public string Status(UserAccount a) =>
        a.Disabled ? l["Accounts.Status.Disabled"]
        : a.LockedUntil > Now ? l["Accounts.Status.Locked"]
        : !a.HasPassword ? l["Accounts.Status.AwaitingSetup"]
        : a.MustChangePassword ? l["Accounts.Status.MustChange"]
        : l["Accounts.Status.Active"];

    public string UnitName(string code) =>
        code.Length == 0 ? l["Accounts.ProvincePending"] : Units.FirstOrDefault(u => u.Code == code)?.NameVi ?? code;

    private string Me => CurrentUser.From(User).UserName;

    private async Task<IActionResult> ShowAsync(AccountOutcome outcome, string doneKey, CancellationToken ct, string? userName = null)
    {
        switch (outcome)
        {
            case AccountOutcome.Done done:
                Done = l[doneKey, done.Account.UserName];
                if (done.SetupToken is { } token)
                {
                    SetupLinks = [(done.Account.UserName, done.Account.DisplayName, AccountAdmin.SetupLink(HttpContext, token))];
                }

                break;
            case AccountOutcome.Invalid invalid:
                (Errors, ErrorsFor) = (AccountProblems.ByField(l, invalid.Problems), userName);
                break;
            default:
                return NotFound();
        }

        return await PageAsync(ct);
    }

    private async Task<IActionResult> PageAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    private async Task<IReadOnlySet<string>> ScopeAsync(CancellationToken ct) => await AccountAdmin.ScopeAsync(db, HttpContext, ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        var scope = await UnitScope.LoadAsync(db, CurrentUser.From(User), ct);
        Now = HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        Units = scope.Tree.Units.Where(u => scope.Contains(u.Code) && u.EffectiveTo is null).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        Accounts = await AccountAdmin.Search(desk.Visible(scope.Codes), Q).Take(AccountAdminEndpoints.ListLimit).ToListAsync(ct);
    }
}
