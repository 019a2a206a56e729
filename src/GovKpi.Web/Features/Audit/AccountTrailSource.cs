using GovKpi.Core.Access;
using GovKpi.Data;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Audit;

/// <summary>
/// The accounts' trail: creation, role and scope changes, disabling, passwords and setup links,
/// one line per changed field. A scoped reader sees the accounts their scope holds, as the
/// account administration does.
/// </summary>
public sealed class AccountTrailSource : IAuditTrailSource
{
    /// <summary>What a new account is compared with: nothing set, enabled, no forced change.</summary>
    private static readonly Dictionary<string, string> Blank = new(StringComparer.Ordinal) { ["disabled"] = "false", ["mustChangePassword"] = "false" };

    public AuditSource Source => AuditSource.Accounts;

    public IReadOnlyList<string> Actions { get; } = [.. Enum.GetNames<AccountAction>()];

    public async Task<IReadOnlyList<AuditLine>> ReadAsync(GovKpiDbContext db, AuditFilter filter, AuditReach reach, int limit, CancellationToken ct)
    {
        if (filter.CycleId is not null)
        {
            return [];
        }

        var rows = from e in db.AccountAudit.AsNoTracking()
                   join a in db.Accounts.AsNoTracking() on e.UserName equals a.UserName into accounts
                   from a in accounts.DefaultIfEmpty()
                   select new { e, ScopeUnitCode = a == null ? null : a.ScopeUnitCode, StaffCode = a == null ? null : a.StaffCode };
        if (reach.Units is { } units)
        {
            var codes = units.ToArray();
            rows = rows.Where(r => r.ScopeUnitCode != null && (codes.Contains(r.ScopeUnitCode) || r.ScopeUnitCode == AccountRules.ProvinceScopePending));
        }

        rows = rows.Within(filter, r => r.e.At, r => r.e.Actor);

        if (filter.StaffCode is { } staff)
        {
            rows = rows.Where(r => r.StaffCode == staff);
        }

        if (filter.Text is { } text)
        {
#pragma warning disable CA1304, CA1311 // Translated to SQL lower(): the database folds the case, no .NET culture applies.
            var actions = filter.ActionsMatchingText.ToArray();
            rows = rows.Where(r => actions.Contains(r.e.Action) || r.e.UserName.ToLower().Contains(text) || r.e.Actor.ToLower().Contains(text)
                || r.e.After.ToLower().Contains(text));
#pragma warning restore CA1304, CA1311
        }

        var found = await rows.OrderByDescending(r => r.e.At).ThenByDescending(r => r.e.Id).Take(limit).ToListAsync(ct);
        return [.. found.SelectMany(r => Lines(r.e, r.StaffCode))];
    }

    private IEnumerable<AuditLine> Lines(GovKpi.Data.Accounts.AccountAuditEntry e, string? staffCode)
    {
        var line = new AuditLine(e.At, Source, e.Actor, e.Action) { Subject = e.UserName, StaffCode = staffCode, Sequence = e.Id };
        var before = e.Before is null ? Blank : JsonLeaves.Of(e.Before);
        var after = JsonLeaves.Of(e.After);
        var changed = after.Keys.Where(k => k != "userName" && before.GetValueOrDefault(k, "") != after[k]).ToList();
        if (changed.Count == 0)
        {
            yield return line;
            yield break;
        }

        foreach (var field in changed)
        {
            yield return line with { Field = field, OldValue = before.GetValueOrDefault(field, ""), NewValue = after[field] };
        }
    }
}
