using System.Runtime.CompilerServices;
using GovKpi.Core.Access;
using GovKpi.Core.Organisation;
using GovKpi.Data.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace GovKpi.Data.Accounts;

/// <summary>What a valid session says about its account, read fresh from the database at each request.</summary>
public sealed record SessionAccount(int AccountId, string UserName, string DisplayName, Role Role, string ScopeUnitCode, string? StaffCode, string SecurityStamp, bool MustChangePassword);

/// <summary>
/// Server-side sessions (ADR 0016): started at sign-in, checked at every request by one
/// primary-key lookup joined to the account, ended by sign-out or by any change that ends an
/// account's sessions. Nothing is cached in memory, so every node sees a revocation at once.
/// </summary>
public sealed class AccountSessions(GovKpiDbContext db, TimeProvider clock)
{
    /// <summary>A session unused this long ends, as the cookie does.</summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromHours(8);

    /// <summary>How stale "last seen" may get: writing it at every request would make each read a write.</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(5);

    private sealed record SessionRow(DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset LastSeenAt, bool Disabled, SessionAccount Account,
        string? StampArea, Guid StampValue);

    /// <summary>
    /// The lookup every signed-in request makes, compiled once rather than translated per request,
    /// once per model (EF refuses a compiled query on another model: a test process runs both providers).
    /// Each row carries one cache stamp (a left join, so a session is found even with none): nearly
    /// every signed-in request reads the stamps next (CacheStamps), now in the same round trip.
    /// </summary>
    private static readonly ConditionalWeakTable<IModel, Func<GovKpiDbContext, string, IAsyncEnumerable<SessionRow>>> CheckQueries = new();

    private static IAsyncEnumerable<SessionRow> CheckQuery(GovKpiDbContext db, string hash) =>
        CheckQueries.GetValue(db.Model, _ => EF.CompileAsyncQuery(
            (GovKpiDbContext c, string h) =>
                from s in c.AccountSessions.AsNoTracking()
                where s.Id == h
                join a in c.Accounts.AsNoTracking() on s.AccountId equals a.Id
                from st in c.Set<CacheStamp>().AsNoTracking().DefaultIfEmpty()
                select new SessionRow(s.ExpiresAt, s.RevokedAt, s.LastSeenAt, a.Disabled,
                    new SessionAccount(a.Id, a.UserName, a.DisplayName, a.Role, a.ScopeUnitCode, a.StaffCode, a.SecurityStamp, a.MustChangePassword),
                    st == null ? null : st.Area, st == null ? Guid.Empty : st.Stamp)))(db, hash);

    /// <summary>The session with its account, and the cache stamps now; null when there is no such session.</summary>
    private static async Task<SessionRow?> ReadSessionAsync(GovKpiDbContext db, string hash, CancellationToken ct)
    {
        SessionRow? first = null;
        var stamps = new List<CacheStamp>(CacheArea.All.Length);
        await foreach (var row in CheckQuery(db, hash).WithCancellation(ct))
        {
            first ??= row;
            if (row.StampArea is { } area)
            {
                stamps.Add(new CacheStamp { Area = area, Stamp = row.StampValue });
            }
        }

        if (first is not null)
        {
            CacheStamps.Remember(db, stamps);
        }

        return first;
    }

    /// <summary>Starts a session and returns its token (for the cookie); only its hash is stored.</summary>
    public async Task<string> StartAsync(UserAccount account, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (token, hash) = SecretToken.New();
        // Sign-in is the moment to forget this account's dead sessions, so the table stays small without a sweeper.
        var dead = now - TimeSpan.FromDays(1);
        await db.AccountSessions
            .Where(s => s.AccountId == account.Id && (s.ExpiresAt < dead || (s.RevokedAt != null && s.RevokedAt < dead)))
            .ExecuteDeleteAsync(ct);
        db.AccountSessions.Add(new AccountSession { Id = hash, AccountId = account.Id, CreatedAt = now, LastSeenAt = now, ExpiresAt = now + IdleLifetime });
        await db.SaveChangesAsync(ct);
        return token;
    }

    /// <summary>The session's account, or null when the session is unknown, revoked, expired or its account disabled.</summary>
    public async Task<SessionAccount?> CheckAsync(string token, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var hash = SecretToken.Hash(token);
        var row = await ReadSessionAsync(db, hash, ct);
        if (row is null || row.RevokedAt is not null || row.ExpiresAt <= now || row.Disabled)
        {
            return null;
        }

        if (now - row.LastSeenAt >= TouchInterval)
        {
            await db.AccountSessions.Where(s => s.Id == hash)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now).SetProperty(s => s.ExpiresAt, now + IdleLifetime), ct);
        }

        return row.Account.ScopeUnitCode == AccountRules.ProvinceScopePending && AccountRules.IsProvinceWide(row.Account.Role)
            ? row.Account with { ScopeUnitCode = await ResolvePendingScopeAsync(row.Account.AccountId, ct) }
            : row.Account;
    }

    /// <summary>Ends one session (sign-out).</summary>
    public async Task EndAsync(string token, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var hash = SecretToken.Hash(token);
        await db.AccountSessions.Where(s => s.Id == hash && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now), ct);
    }

    /// <summary>
    /// Marks every open session of the account revoked and gives it a new security stamp, in the
    /// caller's unit of work, so the change and the end of the sessions commit together.
    /// </summary>
    public static async Task EndAllAsync(GovKpiDbContext db, UserAccount account, DateTimeOffset now, CancellationToken ct)
    {
        account.SecurityStamp = NewStamp();
        if (account.Id == 0)
        {
            return;
        }

        foreach (var session in await db.AccountSessions.Where(s => s.AccountId == account.Id && s.RevokedAt == null).ToListAsync(ct))
        {
            session.RevokedAt = now;
        }
    }

    public static string NewStamp() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// The province, once it exists, for an account created on an empty database; written to the
    /// account so that the lookup happens only until the organisation is imported.
    /// </summary>
    private async Task<string> ResolvePendingScopeAsync(int accountId, CancellationToken ct)
    {
        var province = await ProvinceCodeAsync(db, ct);
        if (province is null)
        {
            return AccountRules.ProvinceScopePending;
        }

        await db.Accounts.Where(a => a.Id == accountId && a.ScopeUnitCode == AccountRules.ProvinceScopePending)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.ScopeUnitCode, province), ct);
        return province;
    }

    /// <summary>The code of the province (the unit of kind province), or null on a database without one.</summary>
    public static Task<string?> ProvinceCodeAsync(GovKpiDbContext db, CancellationToken ct) =>
        db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Province)
            .OrderBy(u => u.EffectiveTo == null ? 0 : 1).Select(u => u.Code).FirstOrDefaultAsync(ct);
}
