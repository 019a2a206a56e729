using GovKpi.Core.Organisation;
using GovKpi.Data.Accounts;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Data.Organisation;

/// <summary>
/// Loads the stored organisation once, asks <see cref="OrganisationImport"/> what the files
/// change, and applies the plan with its audit entries in one transaction (all or nothing).
/// Comparing in memory and adding in bulk keeps a province of thousands of staff to seconds.
/// </summary>
public sealed class OrganisationImporter(GovKpiDbContext db, TimeProvider clock)
{
    public async Task<OrganisationState> LoadStateAsync(CancellationToken ct)
    {
        var accounts = await db.Accounts.AsNoTracking()
            .Select(a => new AccountEntry { UserName = a.UserName, DisplayName = a.DisplayName, Role = a.Role, ScopeUnitCode = a.ScopeUnitCode, StaffCode = a.StaffCode })
            .ToListAsync(ct);
        return new OrganisationState
        {
            Units = await db.Units.AsNoTracking().ToListAsync(ct),
            Lineage = await db.UnitLineage.AsNoTracking().ToListAsync(ct),
            Positions = await db.JobPositions.AsNoTracking().ToListAsync(ct),
            Staff = await db.Staff.AsNoTracking().ToListAsync(ct),
            History = await db.StaffHistory.AsNoTracking().ToListAsync(ct),
            KpiDefinitions = await db.KpiDefinitions.AsNoTracking().ToListAsync(ct),
            KpiSets = await db.KpiSets.AsNoTracking().ToListAsync(ct),
            Accounts = accounts,
        };
    }

    public async Task<OrganisationImportResult> PlanAsync(OrganisationRows rows, string actor, OrganisationChangeSource source, CancellationToken ct)
    {
        var state = await LoadStateAsync(ct);
        return OrganisationProblemWords.Word(OrganisationImport.Plan(state, rows, new ImportContext(clock.GetUtcNow(), actor, source)));
    }

    public async Task ApplyAsync(OrganisationImportPlan plan, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            Write(db.Units, plan.Units);
            Write(db.UnitLineage, plan.Lineage);
            Write(db.JobPositions, plan.Positions);
            Write(db.Staff, plan.Staff);
            Write(db.StaffHistory, plan.History);
            Write(db.KpiDefinitions, plan.KpiDefinitions);
            Write(db.KpiSets, plan.KpiSets);
            await WriteAccountsAsync(plan.Accounts, ct);
            db.OrganisationAudit.AddRange(plan.Audit.Select(OrganisationAuditRecord.From));
            await db.SaveChangesAsync(ct);
            if (transaction is not null)
            {
                await transaction.CommitAsync(ct);
            }
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static void Write<T>(DbSet<T> set, RecordWrites<T> writes) where T : class
    {
        set.AddRange(writes.Added);
        set.UpdateRange(writes.Updated);
    }

    private async Task WriteAccountsAsync(RecordWrites<AccountEntry> writes, CancellationToken ct)
    {
        // An empty hash is an account without a password yet: it cannot sign in until one is set.
        db.Accounts.AddRange(writes.Added.Select(a => new UserAccount
        {
            UserName = a.UserName, DisplayName = a.DisplayName, PasswordHash = "", Role = a.Role, ScopeUnitCode = a.ScopeUnitCode, StaffCode = a.StaffCode,
            SecurityStamp = AccountSessions.NewStamp(),
        }));
        if (writes.Updated.Count == 0)
        {
            return;
        }

        var byName = writes.Updated.ToDictionary(a => a.UserName, StringComparer.Ordinal);
        var names = byName.Keys.ToList();
        foreach (var account in await db.Accounts.Where(a => names.Contains(a.UserName)).ToListAsync(ct))
        {
            var entry = byName[account.UserName];
            if (account.Role != entry.Role || account.ScopeUnitCode != entry.ScopeUnitCode || account.StaffCode != entry.StaffCode)
            {
                // What the account may see has changed: its open sessions end, as with a change on /accounts.
                await AccountSessions.EndAllAsync(db, account, clock.GetUtcNow(), ct);
            }

            account.DisplayName = entry.DisplayName;
            account.Role = entry.Role;
            account.ScopeUnitCode = entry.ScopeUnitCode;
            account.StaffCode = entry.StaffCode;
            db.Entry(account).State = EntityState.Modified;
        }
    }
}
