using System.Text.Json;
using GovKpi.Core.Measurement;
using GovKpi.Data;
using GovKpi.Data.Caching;
using GovKpi.Data.Measurement;
using GovKpi.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Measurement;

public abstract record QuarantineOutcome
{
    public sealed record Resolved(QuarantinedRow Row) : QuarantineOutcome;
    public sealed record Invalid(string Title, Dictionary<string, string[]> Errors) : QuarantineOutcome;
    public sealed record NotOpen : QuarantineOutcome;
    public sealed record NotFound : QuarantineOutcome;
}

/// <summary>
/// HR's work on the quarantine, shared by its page and its API: a corrected row is validated like
/// any other and, when valid, lands in a batch of its own (source <c>quarantine</c>); or the row
/// is discarded. Either way the row keeps what came in, and records who resolved it and when.
/// </summary>
public sealed class QuarantineDesk(GovKpiDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l, RecordPlausibility plausibility)
{
    public static IQueryable<QuarantinedRow> OpenRows(GovKpiDbContext db, int skip, int take) =>
        db.Quarantine.AsNoTracking().Where(q => q.Status == QuarantineStatus.Open).OrderBy(q => q.Id).Skip(skip).Take(take);

    /// <summary>The raw fields of a quarantined row, every contract column present (empty when it was missing).</summary>
    public static Dictionary<string, string?> Fields(QuarantinedRow row)
    {
        var raw = JsonSerializer.Deserialize<Dictionary<string, string?>>(row.RawJson) ?? [];
        var fields = ContractRow.Columns(row.Kind).ToDictionary(c => c, c => raw.GetValueOrDefault(c), StringComparer.Ordinal);
        foreach (var (name, value) in raw.Where(r => !fields.ContainsKey(r.Key)))
        {
            fields[name] = value;
        }

        return fields;
    }

    public async Task<QuarantineOutcome> ResubmitAsync(long id, IReadOnlyDictionary<string, string?> fields, CurrentUser user, CancellationToken ct)
    {
        var row = await db.Quarantine.SingleOrDefaultAsync(q => q.Id == id, ct);
        if (row is null)
        {
            return new QuarantineOutcome.NotFound();
        }

        if (row.Status != QuarantineStatus.Open)
        {
            return new QuarantineOutcome.NotOpen();
        }

        var record = ContractRow.Parse(row.Kind, row.File, row.Line, fields, plausibility, out var error);
        if (error is not null)
        {
            return new QuarantineOutcome.Invalid(l["Quarantine.Error.Title"],
                error.Problems.GroupBy(p => p.Column).ToDictionary(g => g.Key, g => g.Select(p => p.Reason).ToArray()));
        }

        var batch = MeasurementPush.Batch(row.Kind, new MeasurementBatch(ImportSource.Quarantine, user.UserName), [(row.Line, record, null)], row.File);
        var outcome = await new MeasurementImport(db, clock).RunAsync(batch, null, ct);
        if (outcome.Batch.Conflicts > 0)
        {
            // Still in conflict with the stored version: the row stays open as it is, not twice.
            await db.Quarantine.Where(q => q.BatchId == outcome.Batch.Id).ExecuteDeleteAsync(ct);
            // A delete behind EF's back moves no stamp by itself: pages drawn since the import would keep the row.
            CacheStamps.Touch(db, CacheArea.Measurement);
            await db.SaveChangesAsync(ct);
            return new QuarantineOutcome.Invalid(l["Quarantine.Error.Title"], new() { [""] = [outcome.Problems[0].Reason] });
        }

        row = await db.Quarantine.SingleAsync(q => q.Id == id, ct);
        Resolve(row, QuarantineStatus.Resubmitted, user, outcome.Batch.Id);
        await db.SaveChangesAsync(ct);
        return new QuarantineOutcome.Resolved(row);
    }

    public async Task<QuarantineOutcome> DiscardAsync(long id, CurrentUser user, CancellationToken ct)
    {
        var row = await db.Quarantine.SingleOrDefaultAsync(q => q.Id == id, ct);
        if (row is null)
        {
            return new QuarantineOutcome.NotFound();
        }

        if (row.Status != QuarantineStatus.Open)
        {
            return new QuarantineOutcome.NotOpen();
        }

        Resolve(row, QuarantineStatus.Discarded, user, null);
        await db.SaveChangesAsync(ct);
        return new QuarantineOutcome.Resolved(row);
    }

    private void Resolve(QuarantinedRow row, QuarantineStatus status, CurrentUser user, Guid? batchId)
    {
        row.Status = status;
        row.ResolvedBy = user.UserName;
        row.ResolvedAt = clock.GetUtcNow();
        row.ResolvedBatchId = batchId;
    }
}
