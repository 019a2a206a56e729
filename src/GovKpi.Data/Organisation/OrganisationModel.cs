using GovKpi.Core.Audit;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.Organisation;
using GovKpi.Data.Measurement;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Data.Organisation;

/// <summary>A stored <see cref="OrganisationAuditEntry"/>; rows are only ever added, numbered, chained and sealed on save.</summary>
public sealed class OrganisationAuditRecord : ISealedAuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    /// <summary><c>cli</c>, <c>upload</c>, <c>api</c> or <c>page</c>.</summary>
    public required string Source { get; set; }
    /// <summary>The file kind of the record: <c>units</c>, <c>staff</c>…</summary>
    public required string Kind { get; set; }
    public required string Code { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public long Sequence { get; set; }
    public string Hash { get; set; } = "";
    public string Seal { get; set; } = "";

    public string HashAfter(string previousHash) => AuditChain.Hash(previousHash, Sequence, At, [Actor, Source, Kind, Code, Before, After]);

    public static OrganisationAuditRecord From(OrganisationAuditEntry entry) => new()
    {
        At = entry.At,
        Actor = entry.Actor,
        Source = entry.Source.ToString().ToLowerInvariant(),
        Kind = entry.Kind.FileStem(),
        Code = entry.Code,
        Before = entry.Before,
        After = entry.After,
    };
}

/// <summary>Tables of the organisation's history: staff placements over time and the organisation audit trail.</summary>
public static class OrganisationModel
{
    public static void Configure(ModelBuilder model, bool sqlite)
    {
        model.Entity<StaffPlacement>(e =>
        {
            e.ToTable("staff_history");
            e.HasKey(h => new { h.StaffCode, h.EffectiveFrom });
            e.Property(h => h.StaffCode).HasMaxLength(40);
            e.Property(h => h.UnitCode).HasMaxLength(40);
            e.Property(h => h.PositionCode).HasMaxLength(40);
            e.Property(h => h.Type).HasConversion<string>().HasMaxLength(20);
            e.Property(h => h.Leader).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(h => h.UnitCode);
        });

        model.Entity<OrganisationAuditRecord>(e =>
        {
            e.ToTable("organisation_audit");
            e.HasKey(a => a.Id);
            e.Property(a => a.At).HasConversion(MeasurementModel.Instants(sqlite));
            e.Property(a => a.Actor).HasMaxLength(100);
            e.Property(a => a.Source).HasMaxLength(10);
            e.Property(a => a.Kind).HasMaxLength(20);
            e.Property(a => a.Code).HasMaxLength(200);
            e.HasIndex(a => new { a.Kind, a.Code });
        });
    }

    /// <summary>The audit trail is append-only: an edit or deletion of an entry is a programming error.</summary>
    public static void RefuseAuditRewrites(Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker tracker)
    {
        if (tracker.Entries<OrganisationAuditRecord>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The organisation audit trail is append-only.");
        }
    }
}
