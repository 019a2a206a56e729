using GovKpi.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Data.Audit;

/// <summary>
/// Seals the trails written before trails were sealed, once, right after the migration that
/// brought the seals (<see cref="MigrationName"/>): cycle entries keep their chain and get seals;
/// organisation and account entries are numbered and chained in the order they were written.
/// </summary>
public static class ExistingTrails
{
    public const string MigrationName = "SealedAuditTrails";

    public static async Task SealAsync(GovKpiDbContext db, AuditKeyRing ring, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var cycleIds = await db.EvaluationAudit.Select(a => a.CycleId).Distinct().ToListAsync(ct);
        foreach (var cycleId in cycleIds)
        {
            var entries = await db.EvaluationAudit.AsNoTracking().Where(a => a.CycleId == cycleId).OrderBy(a => a.Sequence).ToListAsync(ct);
            db.AuditCheckpoints.Add(SealedTrail.SealExisting(AuditScopes.Cycle(cycleId), entries, ring));
            foreach (var e in entries)
            {
                await db.EvaluationAudit.Where(a => a.Id == e.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Seal, e.Seal), ct);
            }
        }

        var organisation = await db.OrganisationAudit.AsNoTracking().OrderBy(a => a.Id).ToListAsync(ct);
        if (organisation.Count > 0)
        {
            db.AuditCheckpoints.Add(SealedTrail.Append(AuditScopes.Organisation, null, organisation, ring));
            foreach (var e in organisation)
            {
                await db.OrganisationAudit.Where(a => a.Id == e.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(a => a.Sequence, e.Sequence).SetProperty(a => a.Hash, e.Hash).SetProperty(a => a.Seal, e.Seal), ct);
            }
        }

        var accounts = await db.AccountAudit.AsNoTracking().OrderBy(a => a.Id).ToListAsync(ct);
        if (accounts.Count > 0)
        {
            db.AuditCheckpoints.Add(SealedTrail.Append(AuditScopes.Accounts, null, accounts, ring));
            foreach (var e in accounts)
            {
                await db.AccountAudit.Where(a => a.Id == e.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(a => a.Sequence, e.Sequence).SetProperty(a => a.Hash, e.Hash).SetProperty(a => a.Seal, e.Seal), ct);
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
