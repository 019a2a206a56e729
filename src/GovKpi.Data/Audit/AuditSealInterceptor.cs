using GovKpi.Core.Audit;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.KpiLibrary;
using GovKpi.Data.Accounts;
using GovKpi.Data.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GovKpi.Data.Audit;

/// <summary>
/// Seals every audit entry a save adds and moves its trail's signed checkpoint in the same
/// transaction, whoever wrote the entry (pages, API, imports, command line): no writer can forget
/// it. The rules are Core's (<see cref="SealedTrail"/>); this only finds the entries and checkpoints.
/// </summary>
public sealed class AuditSealInterceptor(AuditKeyStore keys) : SaveChangesInterceptor
{
    public AuditKeyStore Keys => keys;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        SealAsync(eventData.Context!, async: false, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await SealAsync(eventData.Context!, async: true, cancellationToken);
        return result;
    }

    private async Task SealAsync(DbContext db, bool async, CancellationToken ct)
    {
        List<T> Added<T>() where T : class => db.ChangeTracker.Entries<T>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();

        var cycles = Added<AuditEntry>().GroupBy(a => a.CycleId).ToList();
        var appended = new List<(string Scope, IReadOnlyList<ISealedAuditEntry> Entries)>
        {
            (AuditScopes.Organisation, Added<OrganisationAuditRecord>()),
            (AuditScopes.Accounts, Added<AccountAuditEntry>()),
            (AuditScopes.KpiLibrary, Added<KpiLibraryAuditEntry>()),
        };
        appended.RemoveAll(a => a.Entries.Count == 0);
        if (cycles.Count == 0 && appended.Count == 0)
        {
            return;
        }

        var scopes = cycles.Select(c => AuditScopes.Cycle(c.Key)).Concat(appended.Select(a => a.Scope)).ToList();
        var query = db.Set<AuditCheckpoint>().Where(c => scopes.Contains(c.Scope));
        var checkpoints = (async ? await query.ToListAsync(ct) : query.ToList()).ToDictionary(c => c.Scope);
        var ring = keys.Ring();

        void Keep(AuditCheckpoint? before, AuditCheckpoint after)
        {
            if (before is null)
            {
                db.Add(after);
            }
        }

        foreach (var cycle in cycles)
        {
            var scope = AuditScopes.Cycle(cycle.Key);
            var before = checkpoints.GetValueOrDefault(scope);
            Keep(before, SealedTrail.SealChained(scope, before, cycle.OrderBy(a => a.Sequence).ToList(), ring));
        }

        foreach (var (scope, entries) in appended)
        {
            var before = checkpoints.GetValueOrDefault(scope);
            Keep(before, SealedTrail.Append(scope, before, entries, ring));
        }
    }
}
