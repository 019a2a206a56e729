using GovKpi.Core.Audit;
using GovKpi.Core.Evaluation.Cycles;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Data.Audit;

/// <summary>One trail checked: its scope, how people call it, its entries and what is wrong with it.</summary>
public sealed record TrailReport(string Scope, string Label, int Entries, long LastSequence, IReadOnlyList<AuditFinding> Findings)
{
    public bool Intact => Findings.Count == 0;

    /// <summary>The first entry a finding concerns (null when intact, or when only the checkpoint is wrong).</summary>
    public long? FirstBrokenSequence => Findings.Select(f => f.FirstSequence).Where(s => s is not null).Min();
}

/// <summary>
/// Loads every sealed trail and checks it with Core's rules (<see cref="TrailVerification"/>, and
/// <see cref="ResultReconciliation"/> for cycles): what <c>govkpi audit verify</c> and the API's
/// <c>chainIntact</c> both read.
/// </summary>
public static class AuditVerifier
{
    public static async Task<List<TrailReport>> VerifyAllAsync(GovKpiDbContext db, AuditKeyRing ring, CancellationToken ct)
    {
        var checkpoints = await db.AuditCheckpoints.AsNoTracking().ToDictionaryAsync(c => c.Scope, ct);
        var reports = new List<TrailReport>
        {
            Verify(AuditScopes.Organisation, "organisation", await db.OrganisationAudit.AsNoTracking().OrderBy(a => a.Sequence).ThenBy(a => a.Id).ToListAsync(ct), checkpoints, ring),
            Verify(AuditScopes.Accounts, "accounts", await db.AccountAudit.AsNoTracking().OrderBy(a => a.Sequence).ThenBy(a => a.Id).ToListAsync(ct), checkpoints, ring),
            Verify(AuditScopes.KpiLibrary, "KPI library", await db.KpiLibraryAudit.AsNoTracking().OrderBy(a => a.Sequence).ThenBy(a => a.Id).ToListAsync(ct), checkpoints, ring),
        };

        var cycles = await db.EvaluationCycles.AsNoTracking().ToListAsync(ct);
        foreach (var cycle in cycles.OrderBy(c => c.PeriodFrom).ThenBy(c => c.UnitCode, StringComparer.Ordinal))
        {
            reports.Add(await VerifyCycleAsync(db, cycle, ring, checkpoints.GetValueOrDefault(AuditScopes.Cycle(cycle.Id)), ct));
        }

        // A checkpoint whose cycle is gone: the whole cycle was deleted behind the application's back.
        var known = cycles.Select(c => AuditScopes.Cycle(c.Id)).ToHashSet(StringComparer.Ordinal);
        foreach (var orphan in checkpoints.Values.Where(c => AuditScopes.CycleOf(c.Scope) is not null && !known.Contains(c.Scope)))
        {
            reports.Add(Verify(orphan.Scope, $"cycle (id {AuditScopes.CycleOf(orphan.Scope)})", new List<ISealedAuditEntry>(), checkpoints, ring));
        }

        return reports;
    }

    public static async Task<TrailReport> VerifyCycleAsync(GovKpiDbContext db, EvaluationCycle cycle, AuditKeyRing ring, CancellationToken ct) =>
        await VerifyCycleAsync(db, cycle, ring, await db.AuditCheckpoints.AsNoTracking().SingleOrDefaultAsync(c => c.Scope == AuditScopes.Cycle(cycle.Id), ct), ct);

    /// <summary>How a cycle is named in findings: its period, unit and id.</summary>
    public static string Label(EvaluationCycle cycle) => $"cycle {cycle.Period.Label} {cycle.UnitName} (id {cycle.Id})";

    private static async Task<TrailReport> VerifyCycleAsync(GovKpiDbContext db, EvaluationCycle cycle, AuditKeyRing ring, AuditCheckpoint? checkpoint, CancellationToken ct)
    {
        var entries = await db.EvaluationAudit.AsNoTracking().Where(a => a.CycleId == cycle.Id).OrderBy(a => a.Sequence).ToListAsync(ct);
        var evaluations = await db.Evaluations.AsNoTracking().Where(e => e.CycleId == cycle.Id).ToListAsync(ct);
        var ids = evaluations.Select(e => e.Id).ToList();
        var results = await db.EvaluationResults.AsNoTracking().Where(r => ids.Contains(r.EvaluationId)).ToListAsync(ct);
        var scope = AuditScopes.Cycle(cycle.Id);
        var findings = TrailVerification.Verify(scope, entries, checkpoint, ring);
        findings.AddRange(ResultReconciliation.Check(evaluations, results, entries));
        return new TrailReport(scope, Label(cycle), entries.Count, entries.Count == 0 ? 0 : entries[^1].Sequence, findings);
    }

    private static TrailReport Verify<T>(string scope, string label, List<T> entries, Dictionary<string, AuditCheckpoint> checkpoints, AuditKeyRing ring)
        where T : ISealedAuditEntry =>
        new(scope, label, entries.Count, entries.Count == 0 ? 0 : entries[^1].Sequence,
            TrailVerification.Verify(scope, entries.Cast<ISealedAuditEntry>().ToList(), checkpoints.GetValueOrDefault(scope), ring));
}
