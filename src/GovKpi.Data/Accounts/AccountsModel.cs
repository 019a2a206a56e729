using GovKpi.Data.Measurement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovKpi.Data.Accounts;

/// <summary>
/// Account state, sessions, setup links and the account audit trail (ADR 0016). Instants are
/// stored as the measurement tables store them, so they compare in SQL on both databases.
/// </summary>
public static class AccountsModel
{
    public static void Configure(ModelBuilder model, bool sqlite)
    {
        void Time(PropertyBuilder<DateTimeOffset> p) => p.HasConversion(MeasurementModel.Instants(sqlite));
        void NullableTime(PropertyBuilder<DateTimeOffset?> p) => p.HasConversion(MeasurementModel.Instants(sqlite));

        model.Entity<UserAccount>(e =>
        {
            e.Property(a => a.Email).HasMaxLength(200);
            e.Property(a => a.SecurityStamp).HasMaxLength(64);
            NullableTime(e.Property(a => a.LockedUntil));
            NullableTime(e.Property(a => a.PasswordChangedAt));
            e.Ignore(a => a.Counters);
            e.HasIndex(a => a.StaffCode);
        });

        model.Entity<AccountSession>(e =>
        {
            e.ToTable("account_sessions");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).HasMaxLength(64);
            e.HasOne<UserAccount>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
            Time(e.Property(s => s.CreatedAt));
            Time(e.Property(s => s.LastSeenAt));
            Time(e.Property(s => s.ExpiresAt));
            NullableTime(e.Property(s => s.RevokedAt));
            e.HasIndex(s => s.AccountId);
        });

        model.Entity<AccountSetupToken>(e =>
        {
            e.ToTable("account_setup_tokens");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).HasMaxLength(64);
            e.HasOne<UserAccount>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
            e.Property(t => t.CreatedBy).HasMaxLength(100);
            Time(e.Property(t => t.CreatedAt));
            Time(e.Property(t => t.ExpiresAt));
            NullableTime(e.Property(t => t.UsedAt));
            e.HasIndex(t => t.AccountId);
        });

        model.Entity<AccountAuditEntry>(e =>
        {
            e.ToTable("account_audit");
            e.HasKey(a => a.Id);
            Time(e.Property(a => a.At));
            e.Property(a => a.Actor).HasMaxLength(100);
            e.Property(a => a.Action).HasMaxLength(40);
            e.Property(a => a.UserName).HasMaxLength(100);
            e.HasIndex(a => a.UserName);
        });
    }

    /// <summary>The account audit trail is append-only: a change or deletion of an entry is a bug, refused before it reaches the database.</summary>
    public static void RefuseAuditRewrites(ChangeTracker tracker)
    {
        if (tracker.Entries<AccountAuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The account audit trail is append-only.");
        }
    }
}
