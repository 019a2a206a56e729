using GovKpi.Core.Audit;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.KpiLibrary;
using GovKpi.Data.Accounts;
using GovKpi.Data.Measurement;
using GovKpi.Data.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace GovKpi.Data.Audit;

/// <summary>The signed checkpoints, the KPI library's trail, and the seal (and chain) columns of the other trails.</summary>
public static class AuditSealModel
{
    public static void Configure(ModelBuilder model, bool sqlite)
    {
        model.Entity<AuditCheckpoint>(e =>
        {
            e.ToTable("audit_checkpoints");
            e.HasKey(c => c.Scope);
            e.Property(c => c.Scope).HasMaxLength(60);
            e.Property(c => c.HeadHash).HasMaxLength(64);
            e.Property(c => c.KeyId).HasMaxLength(8);
            e.Property(c => c.Signature).HasMaxLength(64);
            e.Property(c => c.At).HasConversion(MeasurementModel.Instants(sqlite));
            // Two writers moving the same checkpoint: the second fails instead of forking the chain.
            e.Property(c => c.LastSequence).IsConcurrencyToken();
        });

        model.Entity<KpiLibraryAuditEntry>(e =>
        {
            e.ToTable("kpi_library_audit");
            e.HasKey(a => a.Id);
            e.Property(a => a.At).HasConversion(MeasurementModel.Instants(sqlite));
            e.Property(a => a.Actor).HasMaxLength(100);
            e.Property(a => a.ActorName).HasMaxLength(200);
            e.Property(a => a.ActorRole).HasMaxLength(20);
            e.Property(a => a.Action).HasMaxLength(40);
            e.Property(a => a.Subject).HasMaxLength(100);
            Sealed(e);
            e.HasIndex(a => a.Sequence).IsUnique();
            e.HasIndex(a => a.Subject);
        });

        model.Entity<AuditEntry>(e => e.Property(a => a.Seal).HasMaxLength(73));
        model.Entity<OrganisationAuditRecord>(Sealed);
        model.Entity<AccountAuditEntry>(Sealed);
    }

    private static void Sealed<T>(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> e) where T : class, ISealedAuditEntry
    {
        e.Property(a => a.Hash).HasMaxLength(64);
        e.Property(a => a.Seal).HasMaxLength(73);
        e.HasIndex(a => a.Sequence);
    }

    /// <summary>The KPI library's trail is append-only, as the others.</summary>
    public static void RefuseAuditRewrites(ChangeTracker tracker)
    {
        if (tracker.Entries<KpiLibraryAuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The KPI library audit trail is append-only.");
        }
    }
}
