using System.Text.Json;
using System.Text.Json.Serialization;
using GovKpi.Core.Access;
using GovKpi.Core.Organisation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Data.Accounts;

/// <summary>How an account gets its password.</summary>
public abstract record PasswordChoice
{
    /// <summary>Chosen by an administrator; <paramref name="MustChange"/> makes the person choose their own at next sign-in.</summary>
    public sealed record Given(string Password, bool MustChange) : PasswordChoice;

    /// <summary>No password: a one-time link (valid <see cref="AccountDesk.SetupLinkLifetime"/>) with which the person chooses one.</summary>
    public sealed record SetupLink : PasswordChoice;
}

public abstract record AccountOutcome
{
    /// <summary>Done; <paramref name="SetupToken"/> is the token of a new setup link, shown once and never stored.</summary>
    public sealed record Done(UserAccount Account, string? SetupToken = null) : AccountOutcome;
    public sealed record Invalid(IReadOnlyList<AccountFieldProblem> Problems) : AccountOutcome;
    public sealed record Locked(DateTimeOffset Until) : AccountOutcome;
    public sealed record NotFound : AccountOutcome;
}

public sealed record CreatedAccount(UserAccount Account, string SetupToken);

public sealed record SkippedStaff(string StaffCode, string FullName, string Reason);

/// <summary>What <see cref="AccountDesk.CreateForUnitAsync"/> did: accounts created (each with its setup link) and staff left as they were.</summary>
public sealed record UnitAccountsReport(IReadOnlyList<CreatedAccount> Created, IReadOnlyList<SkippedStaff> Skipped);

/// <summary>
/// Every change of an account, for the HR pages, the API and <c>govkpi users</c>: loads, asks
/// <see cref="AccountRules"/> and <see cref="PasswordPolicy"/>, applies their answer, ends the
/// sessions where the rule says so, and writes the audit entry in the same unit of work.
/// <c>callerScope</c> is the administrator's unit subtree, or null for the console.
/// </summary>
public sealed class AccountDesk(GovKpiDbContext db, IPasswordHasher<UserAccount> hasher, TimeProvider clock)
{
    public static readonly TimeSpan SetupLinkLifetime = TimeSpan.FromHours(72);

    public const string SkippedHasAccount = "has-account";

    private static readonly JsonSerializerOptions AuditJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<AccountOutcome> CreateAsync(AccountRequest request, PasswordChoice password, string actor, IReadOnlySet<string>? callerScope, CancellationToken ct)
    {
        request = request with { UserName = request.UserName.Trim(), StaffCode = Blank(request.StaffCode), ScopeUnitCode = Blank(request.ScopeUnitCode), Email = Blank(request.Email) };
        var problems = AccountRules.Check(request);
        if (await db.Accounts.AnyAsync(a => a.UserName == request.UserName, ct))
        {
            problems.Add(AccountFieldProblem.Of("userName", AccountProblem.UserNameTaken));
        }

        var (staff, scope) = await ResolveAccessAsync(request.Role, request.StaffCode, request.ScopeUnitCode, callerScope, problems, ct);
        if (password is PasswordChoice.Given given)
        {
            problems.AddRange(AccountFieldProblem.Of("password", PasswordPolicy.Check(given.Password, request.UserName)));
        }

        if (problems.Count > 0)
        {
            return new AccountOutcome.Invalid(problems);
        }

        var change = AccountRules.Create(request, scope!, mustChangePassword: password is PasswordChoice.Given { MustChange: true });
        var account = new UserAccount
        {
            UserName = request.UserName, DisplayName = staff?.FullName ?? request.UserName, PasswordHash = "",
            Role = request.Role, ScopeUnitCode = scope!, SecurityStamp = AccountSessions.NewStamp(),
        };
        account.Apply(change.After);
        if (password is PasswordChoice.Given chosen)
        {
            SetHash(account, chosen.Password);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Accounts.Add(account);
        Audit(change.Audit, actor);
        await db.SaveChangesAsync(ct);
        var token = password is PasswordChoice.SetupLink ? IssueSetupToken(account, actor) : null;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new AccountOutcome.Done(account, token);
    }

    /// <summary>
    /// An account with a setup link for every staff member of the unit who has none: user name =
    /// staff code, role manager for the unit's leaders and staff for the others, scope their unit.
    /// </summary>
    public async Task<UnitAccountsReport?> CreateForUnitAsync(string unitCode, string actor, IReadOnlySet<string>? callerScope, CancellationToken ct)
    {
        if (!await db.Units.AnyAsync(u => u.Code == unitCode, ct) || (callerScope is not null && !callerScope.Contains(unitCode)))
        {
            return null;
        }

        var staff = await db.Staff.AsNoTracking().Where(s => s.UnitCode == unitCode).OrderBy(s => s.Code).ToListAsync(ct);
        var codes = staff.Select(s => s.Code).ToList();
        var taken = (await db.Accounts.AsNoTracking()
                .Where(a => codes.Contains(a.UserName) || (a.StaffCode != null && codes.Contains(a.StaffCode)))
                .Select(a => new { a.UserName, a.StaffCode }).ToListAsync(ct))
            .SelectMany(a => new[] { a.UserName, a.StaffCode }).OfType<string>().ToHashSet(StringComparer.Ordinal);

        var created = new List<(UserAccount Account, AccountChange Change)>();
        var skipped = new List<SkippedStaff>();
        foreach (var person in staff)
        {
            if (taken.Contains(person.Code))
            {
                skipped.Add(new(person.Code, person.FullName, SkippedHasAccount));
                continue;
            }

            var request = new AccountRequest(person.Code, person.Leader == LeaderRole.None ? Role.Staff : Role.Manager, unitCode, person.Code, null);
            if (AccountRules.Check(request).FirstOrDefault() is { } problem)
            {
                skipped.Add(new(person.Code, person.FullName, problem.Code));
                continue;
            }

            var change = AccountRules.Create(request, unitCode, mustChangePassword: false);
            var account = new UserAccount
            {
                UserName = person.Code, DisplayName = person.FullName, PasswordHash = "", Role = request.Role,
                ScopeUnitCode = unitCode, SecurityStamp = AccountSessions.NewStamp(),
            };
            account.Apply(change.After);
            created.Add((account, change));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (account, change) in created)
        {
            db.Accounts.Add(account);
            Audit(change.Audit, actor);
        }

        await db.SaveChangesAsync(ct);
        var links = created.Select(c => new CreatedAccount(c.Account, IssueSetupToken(c.Account, actor))).ToList();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new UnitAccountsReport(links, skipped);
    }

    /// <summary>
    /// A setup link for every enabled account of the unit (its scope) that has no password yet,
    /// such as those the organisation import creates from accounts.csv; null when the unit is
    /// unknown or outside the caller's scope.
    /// </summary>
    public async Task<IReadOnlyList<CreatedAccount>?> IssueSetupLinksAsync(string unitCode, string actor, IReadOnlySet<string>? callerScope, CancellationToken ct)
    {
        if (!await db.Units.AnyAsync(u => u.Code == unitCode, ct) || (callerScope is not null && !callerScope.Contains(unitCode)))
        {
            return null;
        }

        var waiting = await db.Accounts.Where(a => a.ScopeUnitCode == unitCode && a.PasswordHash == "" && !a.Disabled)
            .OrderBy(a => a.UserName).ToListAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var account in waiting)
        {
            await ApplyAsync(account, AccountRules.IssueSetupLink(account.Facts()), actor, ct);
        }

        var links = waiting.Select(a => new CreatedAccount(a, IssueSetupToken(a, actor))).ToList();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return links;
    }

    public Task<AccountOutcome> DisableAsync(string userName, string actor, IReadOnlySet<string>? callerScope, CancellationToken ct) =>
        ChangeAsync(userName, callerScope, AccountRules.Disable, actor, ct);

    public Task<AccountOutcome> EnableAsync(string userName, string actor, IReadOnlySet<string>? callerScope, CancellationToken ct) =>
        ChangeAsync(userName, callerScope, AccountRules.Enable, actor, ct);

    /// <summary>A new role, scope, staff link or e-mail; a null scope means the default for the role and person.</summary>
    public async Task<AccountOutcome> ChangeAccessAsync(string userName, Role role, string? scopeUnitCode, string? staffCode, string? email, string actor,
        IReadOnlySet<string>? callerScope, CancellationToken ct)
    {
        var account = await FindAsync(userName, callerScope, ct);
        if (account is null)
        {
            return new AccountOutcome.NotFound();
        }

        var request = new AccountRequest(account.UserName, role, Blank(scopeUnitCode), Blank(staffCode), Blank(email));
        var problems = AccountRules.Check(request);
        var (_, scope) = await ResolveAccessAsync(role, request.StaffCode, request.ScopeUnitCode, callerScope, problems, ct, except: account.Id);
        if (problems.Count > 0)
        {
            return new AccountOutcome.Invalid(problems);
        }

        return await ApplyAsync(account, AccountRules.ChangeAccess(account.Facts(), role, scope!, request.StaffCode, request.Email), actor, ct);
    }

    /// <summary>An administrator's reset: a password they chose, or a setup link (the old password stops working).</summary>
    public async Task<AccountOutcome> ResetAsync(string userName, PasswordChoice password, string actor, IReadOnlySet<string>? callerScope, CancellationToken ct)
    {
        var account = await FindAsync(userName, callerScope, ct);
        if (account is null)
        {
            return new AccountOutcome.NotFound();
        }

        if (password is PasswordChoice.Given given)
        {
            var problems = AccountFieldProblem.Of("password", PasswordPolicy.Check(given.Password, account.UserName)).ToList();
            if (problems.Count > 0)
            {
                return new AccountOutcome.Invalid(problems);
            }

            SetHash(account, given.Password);
            return await ApplyAsync(account, AccountRules.SetPassword(account.Facts(), AccountAction.PasswordSet, given.MustChange), actor, ct);
        }

        account.PasswordHash = "";
        account.Counters = default;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var done = (AccountOutcome.Done)await ApplyAsync(account, AccountRules.IssueSetupLink(account.Facts()), actor, ct);
        var token = IssueSetupToken(account, actor);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return done with { SetupToken = token };
    }

    /// <summary>The person changes their own password; a wrong current password counts towards the lock as at sign-in.</summary>
    public async Task<AccountOutcome> ChangeOwnPasswordAsync(string userName, string currentPassword, string newPassword, LockoutPolicy lockout, CancellationToken ct)
    {
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.UserName == userName, ct);
        if (account is null)
        {
            return new AccountOutcome.NotFound();
        }

        var now = clock.GetUtcNow();
        var matches = account.HasPassword && hasher.VerifyHashedPassword(account, account.PasswordHash, currentPassword) != PasswordVerificationResult.Failed;
        var decision = SignInRules.Attempt(account.Counters, account.HasPassword, matches, account.Disabled, now, lockout);
        account.Counters = decision.After;
        var problems = decision.Outcome switch
        {
            SignInOutcome.Accepted => AccountFieldProblem.Of("newPassword", PasswordPolicy.Check(newPassword, account.UserName)).ToList(),
            _ => [AccountFieldProblem.Of("currentPassword", AccountProblem.WrongCurrentPassword)],
        };
        if (problems.Count > 0)
        {
            await db.SaveChangesAsync(ct);
            return decision.Outcome == SignInOutcome.Locked
                ? new AccountOutcome.Locked(decision.LockedUntil!.Value)
                : new AccountOutcome.Invalid(problems);
        }

        SetHash(account, newPassword);
        return await ApplyAsync(account, AccountRules.SetPassword(account.Facts(), AccountAction.PasswordChanged, mustChange: false), account.UserName, ct);
    }

    /// <summary>The account a setup link opens, or null when the link is unknown, used or expired.</summary>
    public async Task<UserAccount?> FindBySetupTokenAsync(string token, CancellationToken ct)
    {
        var hash = SecretToken.Hash(token);
        var row = await db.AccountSetupTokens.SingleOrDefaultAsync(t => t.Id == hash, ct);
        if (row is null || row.UsedAt is not null || row.ExpiresAt <= clock.GetUtcNow())
        {
            return null;
        }

        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == row.AccountId, ct);
        return account is { Disabled: false } ? account : null;
    }

    /// <summary>The person chooses their password through a setup link; the link is used up and every other link of the account dies with it.</summary>
    public async Task<AccountOutcome> CompleteSetupAsync(string token, string password, CancellationToken ct)
    {
        var account = await FindBySetupTokenAsync(token, ct);
        if (account is null)
        {
            return new AccountOutcome.NotFound();
        }

        var problems = AccountFieldProblem.Of("newPassword", PasswordPolicy.Check(password, account.UserName)).ToList();
        if (problems.Count > 0)
        {
            return new AccountOutcome.Invalid(problems);
        }

        var now = clock.GetUtcNow();
        foreach (var link in await db.AccountSetupTokens.Where(t => t.AccountId == account.Id && t.UsedAt == null).ToListAsync(ct))
        {
            link.UsedAt = now;
        }

        SetHash(account, password);
        account.Counters = default;
        return await ApplyAsync(account, AccountRules.SetPassword(account.Facts(), AccountAction.SetupCompleted, mustChange: false), account.UserName, ct);
    }

    /// <summary>The accounts an administrator may manage: those whose scope lies within theirs (all of them at the console).</summary>
    public IQueryable<UserAccount> Visible(IReadOnlySet<string>? callerScope)
    {
        if (callerScope is null)
        {
            return db.Accounts;
        }

        var codes = callerScope.ToArray();
        return db.Accounts.Where(a => codes.Contains(a.ScopeUnitCode) || a.ScopeUnitCode == AccountRules.ProvinceScopePending);
    }

    private Task<UserAccount?> FindAsync(string userName, IReadOnlySet<string>? callerScope, CancellationToken ct) =>
        Visible(callerScope).SingleOrDefaultAsync(a => a.UserName == userName, ct);

    private async Task<AccountOutcome> ChangeAsync(string userName, IReadOnlySet<string>? callerScope, Func<AccountFacts, AccountChange> rule, string actor, CancellationToken ct)
    {
        var account = await FindAsync(userName, callerScope, ct);
        return account is null ? new AccountOutcome.NotFound() : await ApplyAsync(account, rule(account.Facts()), actor, ct);
    }

    private async Task<AccountOutcome> ApplyAsync(UserAccount account, AccountChange change, string actor, CancellationToken ct)
    {
        account.Apply(change.After);
        if (change.EndsSessions)
        {
            await AccountSessions.EndAllAsync(db, account, clock.GetUtcNow(), ct);
        }

        Audit(change.Audit, actor);
        await db.SaveChangesAsync(ct);
        return new AccountOutcome.Done(account);
    }

    /// <summary>Checks the staff link and the scope against the database and the caller's scope; the scope to store, or null with problems added.</summary>
    private async Task<(StaffMember? Staff, string? Scope)> ResolveAccessAsync(Role role, string? staffCode, string? scopeUnitCode,
        IReadOnlySet<string>? callerScope, List<AccountFieldProblem> problems, CancellationToken ct, int except = 0)
    {
        StaffMember? staff = null;
        if (staffCode is not null)
        {
            staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Code == staffCode, ct);
            if (staff is null)
            {
                problems.Add(AccountFieldProblem.Of("staffCode", AccountProblem.StaffUnknown));
            }
            else if (callerScope is not null && !callerScope.Contains(staff.UnitCode))
            {
                problems.Add(AccountFieldProblem.Of("staffCode", AccountProblem.OutsideYourScope));
            }
            else if (await db.Accounts.AnyAsync(a => a.StaffCode == staffCode && a.Id != except, ct))
            {
                problems.Add(AccountFieldProblem.Of("staffCode", AccountProblem.StaffHasAccount));
            }
        }

        if (scopeUnitCode is not null)
        {
            if (!await db.Units.AnyAsync(u => u.Code == scopeUnitCode, ct))
            {
                problems.Add(AccountFieldProblem.Of("scopeUnitCode", AccountProblem.ScopeUnknown));
                return (staff, null);
            }

            if (callerScope is not null && !callerScope.Contains(scopeUnitCode))
            {
                problems.Add(AccountFieldProblem.Of("scopeUnitCode", AccountProblem.OutsideYourScope));
                return (staff, null);
            }

            return (staff, scopeUnitCode);
        }

        var scope = AccountRules.DefaultScope(role, staff?.UnitCode, await AccountSessions.ProvinceCodeAsync(db, ct));
        if (callerScope is not null && !callerScope.Contains(scope))
        {
            problems.Add(AccountFieldProblem.Of("scopeUnitCode", AccountProblem.OutsideYourScope));
        }

        return (staff, scope);
    }

    private void SetHash(UserAccount account, string password)
    {
        account.PasswordHash = hasher.HashPassword(account, password);
        account.PasswordChangedAt = clock.GetUtcNow();
    }

    private string IssueSetupToken(UserAccount account, string actor)
    {
        var now = clock.GetUtcNow();
        var (token, hash) = SecretToken.New();
        db.AccountSetupTokens.Add(new AccountSetupToken { Id = hash, AccountId = account.Id, CreatedAt = now, ExpiresAt = now + SetupLinkLifetime, CreatedBy = actor });
        return token;
    }

    private void Audit(AccountAuditRecord record, string actor) => db.AccountAudit.Add(new AccountAuditEntry
    {
        At = clock.GetUtcNow(),
        Actor = actor,
        Action = record.Action.ToString(),
        UserName = record.UserName,
        Before = record.Before is null ? null : JsonSerializer.Serialize(record.Before, AuditJson),
        After = JsonSerializer.Serialize(record.After, AuditJson),
    });

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
