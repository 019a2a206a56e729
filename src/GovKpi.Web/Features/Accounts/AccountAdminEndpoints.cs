using System.Text.Json;
using GovKpi.Core.Access;
using GovKpi.Data;
using GovKpi.Data.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Accounts;

public sealed record AccountResponse(string UserName, string DisplayName, string Role, string ScopeUnitCode, string? StaffCode, string? Email,
    bool Disabled, bool MustChangePassword, bool HasPassword, DateTimeOffset? LockedUntil)
{
    public static AccountResponse From(UserAccount a) => new(a.UserName, a.DisplayName, AccountRules.RoleWord(a.Role), a.ScopeUnitCode, a.StaffCode, a.Email,
        a.Disabled, a.MustChangePassword, a.HasPassword, a.LockedUntil);
}

/// <summary>The account, and its setup link when one was made: shown this once, never stored (only its hash is).</summary>
public sealed record AccountChangedResponse(AccountResponse Account, string? SetupLink);

/// <summary>A new account. Without <c>Password</c> a setup link is made; with one, the person must change it at first sign-in.</summary>
public sealed record AccountCreateRequest(string? UserName, string? Role, string? ScopeUnitCode, string? StaffCode, string? Email, string? Password);

public sealed record AccountAccessRequest(string? Role, string? ScopeUnitCode, string? StaffCode, string? Email);

/// <summary>Without <c>Password</c>: a setup link. With one: the person must change it at first sign-in.</summary>
public sealed record AccountResetRequest(string? Password);

public sealed record UnitAccountsRequest(string? UnitCode);

public sealed record CreatedAccountResponse(string UserName, string DisplayName, string Role, string SetupLink);

public sealed record SkippedStaffResponse(string StaffCode, string FullName, string Reason);

public sealed record UnitAccountsResponse(IReadOnlyList<CreatedAccountResponse> Created, IReadOnlyList<SkippedStaffResponse> Skipped);

public sealed record AccountAuditResponse(DateTimeOffset At, string Actor, string Action, JsonElement? Before, JsonElement After);

/// <summary>
/// HR's account administration (<c>/api/accounts</c>; <c>/bulk</c> creates one account per staff
/// member of a unit, <c>/setup-links</c> gives every account of a unit still without a password,
/// e.g. imported from accounts.csv, its setup link): every account whose scope lies inside
/// HR's own unit scope. Each change goes through <see cref="AccountDesk"/> (Core's rules, audit
/// entry, end of sessions where the rule says so).
/// </summary>
public static class AccountAdminEndpoints
{
    public const int ListLimit = 500;

    public static void MapAccountAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/accounts").WithTags("Accounts").RequireAuthorization(p => p.RequireRole(Roles.Hr));

        group.MapGet("", async (string? q, AccountDesk desk, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var accounts = await AccountAdmin.Search(desk.Visible(await AccountAdmin.ScopeAsync(db, http, ct)), q).Take(ListLimit).ToListAsync(ct);
            return TypedResults.Ok(accounts.Select(AccountResponse.From).ToList());
        });

        group.MapGet("/{userName}", async Task<Results<Ok<AccountResponse>, NotFound>> (string userName, AccountDesk desk, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
            await desk.Visible(await AccountAdmin.ScopeAsync(db, http, ct)).AsNoTracking().SingleOrDefaultAsync(a => a.UserName == userName, ct) is { } account
                ? TypedResults.Ok(AccountResponse.From(account))
                : TypedResults.NotFound());

        group.MapGet("/{userName}/audit", async Task<Results<Ok<List<AccountAuditResponse>>, NotFound>> (
            string userName, AccountDesk desk, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            if (!await desk.Visible(await AccountAdmin.ScopeAsync(db, http, ct)).AnyAsync(a => a.UserName == userName, ct))
            {
                return TypedResults.NotFound();
            }

            var entries = await db.AccountAudit.AsNoTracking().Where(e => e.UserName == userName).OrderBy(e => e.Id).ToListAsync(ct);
            return TypedResults.Ok(entries.Select(e => new AccountAuditResponse(e.At, e.Actor, e.Action,
                e.Before is null ? null : JsonDocument.Parse(e.Before).RootElement, JsonDocument.Parse(e.After).RootElement)).ToList());
        });

        group.MapPost("", async Task<Results<Created<AccountChangedResponse>, ValidationProblem>> (
            AccountCreateRequest request, AccountDesk desk, GovKpiDbContext db, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            if (!AccountRules.TryParseRole(request.Role ?? "", out var role))
            {
                return AccountAdmin.RoleInvalid(l);
            }

            var outcome = await desk.CreateAsync(new AccountRequest(request.UserName ?? "", role, request.ScopeUnitCode, request.StaffCode, request.Email),
                AccountAdmin.Choice(request.Password), CurrentUser.From(http.User).UserName, await AccountAdmin.ScopeAsync(db, http, ct), ct);
            return outcome switch
            {
                AccountOutcome.Done done => TypedResults.Created($"/api/accounts/{done.Account.UserName}", AccountAdmin.Changed(http, done)),
                AccountOutcome.Invalid invalid => AccountProblems.Validation(l, invalid.Problems),
                _ => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
            };
        });

        group.MapPost("/bulk", async Task<Results<Ok<UnitAccountsResponse>, NotFound>> (
            UnitAccountsRequest request, AccountDesk desk, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var report = await desk.CreateForUnitAsync(request.UnitCode ?? "", CurrentUser.From(http.User).UserName, await AccountAdmin.ScopeAsync(db, http, ct), ct);
            return report is null ? TypedResults.NotFound() : TypedResults.Ok(AccountAdmin.Report(http, report));
        });

        group.MapPost("/setup-links", async Task<Results<Ok<List<CreatedAccountResponse>>, NotFound>> (
            UnitAccountsRequest request, AccountDesk desk, GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var links = await desk.IssueSetupLinksAsync(request.UnitCode ?? "", CurrentUser.From(http.User).UserName, await AccountAdmin.ScopeAsync(db, http, ct), ct);
            return links is null ? TypedResults.NotFound() : TypedResults.Ok(links.Select(c => AccountAdmin.Link(http, c)).ToList());
        });

        group.MapPost("/{userName}/disable", (string userName, AccountDesk desk, GovKpiDbContext db, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            AccountAdmin.RespondAsync(http, l, async scope => await desk.DisableAsync(userName, CurrentUser.From(http.User).UserName, scope, ct), db, ct));

        group.MapPost("/{userName}/enable", (string userName, AccountDesk desk, GovKpiDbContext db, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            AccountAdmin.RespondAsync(http, l, async scope => await desk.EnableAsync(userName, CurrentUser.From(http.User).UserName, scope, ct), db, ct));

        group.MapPost("/{userName}/reset", (string userName, AccountResetRequest request, AccountDesk desk, GovKpiDbContext db, HttpContext http,
            IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            AccountAdmin.RespondAsync(http, l, async scope => await desk.ResetAsync(userName, AccountAdmin.Choice(request.Password), CurrentUser.From(http.User).UserName, scope, ct), db, ct));

        group.MapPut("/{userName}/access", async (string userName, AccountAccessRequest request, AccountDesk desk, GovKpiDbContext db, HttpContext http,
            IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            if (!AccountRules.TryParseRole(request.Role ?? "", out var role))
            {
                return (Results<Ok<AccountChangedResponse>, ValidationProblem, NotFound>)AccountAdmin.RoleInvalid(l);
            }

            return await AccountAdmin.RespondAsync(http, l, async scope =>
                await desk.ChangeAccessAsync(userName, role, request.ScopeUnitCode, request.StaffCode, request.Email, CurrentUser.From(http.User).UserName, scope, ct), db, ct);
        });
    }
}

/// <summary>What the HR API and the /accounts page share: the caller's scope, the setup link's address, the answers.</summary>
public static class AccountAdmin
{
    public static async Task<IReadOnlySet<string>> ScopeAsync(GovKpiDbContext db, HttpContext http, CancellationToken ct) =>
        (await UnitScope.LoadAsync(db, CurrentUser.From(http.User), ct)).Codes;

    public static IQueryable<UserAccount> Search(IQueryable<UserAccount> accounts, string? q)
    {
        var query = accounts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            query = query.Where(a => a.UserName.Contains(term) || a.DisplayName.Contains(term) || (a.StaffCode != null && a.StaffCode.Contains(term))
                || a.ScopeUnitCode == term);
        }

        return query.OrderBy(a => a.UserName);
    }

    /// <summary>An administrator's password makes the person change it at first sign-in; no password means a setup link.</summary>
    public static PasswordChoice Choice(string? password) =>
        string.IsNullOrEmpty(password) ? new PasswordChoice.SetupLink() : new PasswordChoice.Given(password, MustChange: true);

    public static string SetupLink(HttpContext http, string token) =>
        $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/account/setup?token={Uri.EscapeDataString(token)}";

    public static AccountChangedResponse Changed(HttpContext http, AccountOutcome.Done done) =>
        new(AccountResponse.From(done.Account), done.SetupToken is null ? null : SetupLink(http, done.SetupToken));

    public static CreatedAccountResponse Link(HttpContext http, CreatedAccount c) =>
        new(c.Account.UserName, c.Account.DisplayName, AccountRules.RoleWord(c.Account.Role), SetupLink(http, c.SetupToken));

    public static UnitAccountsResponse Report(HttpContext http, UnitAccountsReport report) => new(
        report.Created.Select(c => Link(http, c)).ToList(),
        report.Skipped.Select(s => new SkippedStaffResponse(s.StaffCode, s.FullName, s.Reason)).ToList());

    public static ValidationProblem RoleInvalid(IStringLocalizer l) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = [l["Account.RoleInvalid"]] }, title: l["Accounts.Invalid"]);

    public static async Task<Results<Ok<AccountChangedResponse>, ValidationProblem, NotFound>> RespondAsync(HttpContext http, IStringLocalizer l,
        Func<IReadOnlySet<string>, Task<AccountOutcome>> change, GovKpiDbContext db, CancellationToken ct)
    {
        var outcome = await change(await ScopeAsync(db, http, ct));
        return outcome switch
        {
            AccountOutcome.Done done => TypedResults.Ok(Changed(http, done)),
            AccountOutcome.Invalid invalid => AccountProblems.Validation(l, invalid.Problems),
            _ => TypedResults.NotFound(),
        };
    }
}
