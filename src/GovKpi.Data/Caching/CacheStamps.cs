using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace GovKpi.Data.Caching;

/// <summary>
/// The parts of the data a cached answer can depend on. An entity belongs to the area of its
/// namespace (<see cref="CacheStamps.AreaOf"/>), so a record type added later to an area
/// invalidates that area's answers without anyone having to list it.
/// </summary>
public static class CacheArea
{
    /// <summary>Units, lineage, positions, staff and their placements.</summary>
    public const string Organisation = "organisation";
    /// <summary>Dossiers, surveys, complaints, the calendar, import batches and the stored KPI tallies.</summary>
    public const string Measurement = "measurement";
    /// <summary>KPI definitions and sets.</summary>
    public const string Library = "library";
    /// <summary>Courses, sessions, completions and certificates.</summary>
    public const string Training = "training";
    /// <summary>
    /// Cycles, evaluations, results and their trail, and the work the home pages and the province
    /// view show beside them: tasks (they feed the score), alerts, notices, delegated tasks,
    /// workload norms, collective results, field work and every audit trail.
    /// </summary>
    public const string Evaluation = "evaluation";

    public static readonly string[] All = [Organisation, Measurement, Library, Training, Evaluation];
}

/// <summary>One row per <see cref="CacheArea"/>: its stamp changes in the transaction of every change of the area.</summary>
public sealed class CacheStamp
{
    public required string Area { get; init; }
    public Guid Stamp { get; set; }
}

/// <summary>
/// Reads and moves the stamps of the <see cref="CacheArea"/>s (<c>cache_stamps</c>). A changed
/// stamp is a new random Guid, so a node never needs to read a stamp to move it and two nodes
/// never agree on a stamp by accident. A context reads the stamps once (a request's context
/// once per request) and again after it saved a change of its own.
/// </summary>
public static class CacheStamps
{
    public const string Table = "cache_stamps";

    /// <summary>The stamps a context read, with the lease it read them in: a pooled context serves many requests, each reads them afresh.</summary>
    private static readonly ConditionalWeakTable<DbContext, ReadStamps> Read = new();

    private sealed record ReadStamps(int Lease, IReadOnlyDictionary<string, Guid> Stamps);

    /// <summary>
    /// Read at every request that uses a cached answer: compiled once rather than translated each
    /// time, once per model (EF refuses a compiled query on another model: a test process runs both providers).
    /// </summary>
    private static readonly ConditionalWeakTable<IModel, Func<DbContext, IAsyncEnumerable<CacheStamp>>> AllQueries = new();

    private static IAsyncEnumerable<CacheStamp> AllQuery(DbContext db) =>
        AllQueries.GetValue(db.Model, _ => EF.CompileAsyncQuery((DbContext c) => c.Set<CacheStamp>().AsNoTracking()))(db);

    public static void Configure(ModelBuilder model)
    {
        model.Entity<CacheStamp>(e =>
        {
            e.ToTable(Table);
            e.HasKey(s => s.Area);
            e.Property(s => s.Area).HasMaxLength(40);
            // Every row exists from the start, so moving a stamp is always an update of one row.
            e.HasData(CacheArea.All.Select(a => new CacheStamp { Area = a, Stamp = Guid.Empty }));
        });
    }

    /// <summary>The area of an entity type: that of its namespace (GovKpi.Core.X or GovKpi.Data.X), or none.</summary>
    public static string? AreaOf(Type type)
    {
        var ns = type.Namespace ?? "";
        var part = ns.StartsWith("GovKpi.Core.", StringComparison.Ordinal) || ns.StartsWith("GovKpi.Data.", StringComparison.Ordinal)
            ? ns["GovKpi.Core.".Length..].Split('.')[0]
            : "";
        return part switch
        {
            // A lease says which node runs a round; no page shows it, and each node claims one every minute.
            _ when type == typeof(GovKpi.Core.Notifications.MailRoundLease) => null,
            "Organisation" => CacheArea.Organisation,
            "Measurement" => CacheArea.Measurement,
            "KpiLibrary" => CacheArea.Library,
            "Training" => CacheArea.Training,
            "Evaluation" or "Tasks" or "Alerts" or "Notifications" or "DelegatedTasks" or "Workforce" or "Collective" or "FieldWork" or "Audit"
                => CacheArea.Evaluation,
            // The account trail is part of the audit trail; sessions and accounts themselves have no area (a session is written at every sign-in).
            "Accounts" when typeof(GovKpi.Core.Audit.ISealedAuditEntry).IsAssignableFrom(type) => CacheArea.Evaluation,
            _ => null,
        };
    }

    /// <summary>
    /// Moves the stamp of <paramref name="area"/> at the context's next save: for writers that
    /// change rows behind EF's back (COPY, native statements, raw SQL) in the same transaction.
    /// </summary>
    public static void Touch(DbContext db, string area)
    {
        var stamp = db.Set<CacheStamp>().Local.FirstOrDefault(s => s.Area == area);
        if (stamp is null)
        {
            stamp = new CacheStamp { Area = area };
            db.Attach(stamp);
        }

        stamp.Stamp = Guid.NewGuid();
        db.Entry(stamp).Property(s => s.Stamp).IsModified = true;
    }

    /// <summary>Moves the stamp of every area whose entities the context is about to add, change or delete.</summary>
    internal static void TouchChangedAreas(DbContext db)
    {
        var areas = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is not CacheStamp)
            .Select(e => AreaOf(e.Metadata.ClrType))
            .OfType<string>()
            .Distinct()
            .ToList();
        foreach (var area in areas)
        {
            Touch(db, area);
        }
    }

    /// <summary>The stamps as this context sees them, read once until it saves a change.</summary>
    public static async Task<IReadOnlyDictionary<string, Guid>> ReadAsync(DbContext db, CancellationToken ct)
    {
        var lease = db.ContextId.Lease;
        if (Read.TryGetValue(db, out var kept) && kept.Lease == lease)
        {
            return kept.Stamps;
        }

        var read = new List<CacheStamp>(CacheArea.All.Length);
        await foreach (var s in AllQuery(db).WithCancellation(ct))
        {
            read.Add(s);
        }

        return Remember(db, read);
    }

    /// <summary>Keeps stamps read with another query (the session check's) as this context's for its lease.</summary>
    internal static IReadOnlyDictionary<string, Guid> Remember(DbContext db, IEnumerable<CacheStamp> read)
    {
        var stamps = new Dictionary<string, Guid>(CacheArea.All.Length, StringComparer.Ordinal);
        foreach (var s in read)
        {
            stamps[s.Area] = s.Stamp;
        }

        Read.AddOrUpdate(db, new ReadStamps(db.ContextId.Lease, stamps));
        return stamps;
    }

    /// <summary>Whether <paramref name="stamps"/> are still those this context would use (it saved no change since).</summary>
    internal static bool AreCurrent(DbContext db, IReadOnlyDictionary<string, Guid> stamps) =>
        Read.TryGetValue(db, out var current) && current.Lease == db.ContextId.Lease && ReferenceEquals(current.Stamps, stamps);

    /// <summary>After a save (or a failed one) the context reads the stamps again, its own change included.</summary>
    internal static void Forget(DbContext db) => Read.Remove(db);
}
