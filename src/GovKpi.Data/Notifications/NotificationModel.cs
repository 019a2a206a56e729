using System.Text.Json;
using GovKpi.Core.Notifications;
using GovKpi.Data.Measurement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GovKpi.Data.Notifications;

/// <summary>A person's choice of immediate mail or a daily digest; a person without a row gets the digest.</summary>
public sealed class NotificationPreference
{
    public required string StaffCode { get; init; }
    public DeliveryPreference Preference { get; set; }
}

/// <summary>When a person's last digest left, so that at most one goes out a day.</summary>
public sealed class NotificationDigest
{
    public required string StaffCode { get; init; }
    public DateTimeOffset LastSentAt { get; set; }
}

/// <summary>
/// The inbox (<c>notifications</c>), the delivery choices, the digest state and the lease of the
/// mail round. <see cref="Notification.SourceKey"/> is unique: a notice raised twice, or by two
/// nodes at once, is stored once. <see cref="MailRoundLease.Version"/> is a concurrency token, so
/// one node at a time mails.
/// </summary>
public static class NotificationModel
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static readonly ValueConverter<LocalisableText, string> Text = new(
        v => JsonSerializer.Serialize(v, JsonOptions),
        s => JsonSerializer.Deserialize<LocalisableText>(s, JsonOptions)!);

    public static void Configure(ModelBuilder model, bool sqlite)
    {
        model.Entity<Notification>(e =>
        {
            e.ToTable("notifications");
            e.HasKey(n => n.Id);
            e.Property(n => n.Id).ValueGeneratedOnAdd();
            e.Property(n => n.SourceKey).HasMaxLength(300);
            e.Property(n => n.RecipientStaffCode).HasMaxLength(40);
            e.Property(n => n.Kind).HasConversion<string>().HasMaxLength(40);
            // Key and arguments, rendered in the reader's language when shown or mailed.
            e.Property(n => n.Subject).HasConversion(Text);
            e.Property(n => n.Body).HasConversion(Text);
            e.Property(n => n.Link).HasMaxLength(500);
            e.Property(n => n.CreatedAt).HasConversion(MeasurementModel.Instants(sqlite));
            e.Property(n => n.ReadAt).HasConversion(MeasurementModel.Instants(sqlite));
            e.Property(n => n.MailedAt).HasConversion(MeasurementModel.Instants(sqlite));
            e.HasIndex(n => n.SourceKey).IsUnique();
            e.HasIndex(n => new { n.RecipientStaffCode, n.ReadAt });
            e.HasIndex(n => new { n.RecipientStaffCode, n.CreatedAt });
            e.HasIndex(n => n.MailedAt).HasFilter("\"MailedAt\" IS NULL");
        });

        model.Entity<NotificationPreference>(e =>
        {
            e.ToTable("notification_preferences");
            e.HasKey(p => p.StaffCode);
            e.Property(p => p.StaffCode).HasMaxLength(40);
            e.Property(p => p.Preference).HasConversion<string>().HasMaxLength(20);
        });

        model.Entity<NotificationDigest>(e =>
        {
            e.ToTable("notification_digests");
            e.HasKey(d => d.StaffCode);
            e.Property(d => d.StaffCode).HasMaxLength(40);
            e.Property(d => d.LastSentAt).HasConversion(MeasurementModel.Instants(sqlite));
        });

        model.Entity<MailRoundLease>(e =>
        {
            e.ToTable("notification_mail_lease");
            e.HasKey(l => l.Name);
            e.Property(l => l.Name).HasMaxLength(20);
            e.Property(l => l.Holder).HasMaxLength(200);
            e.Property(l => l.Until).HasConversion(MeasurementModel.Instants(sqlite));
            e.Property(l => l.Version).IsConcurrencyToken();
            // The one row exists from the start, so claiming it is always an update with the version checked.
            e.HasData(
                new MailRoundLease { Name = MailRoundLease.Mail, Until = DateTimeOffset.UnixEpoch },
                new MailRoundLease { Name = MailRoundLease.Notices, Until = DateTimeOffset.UnixEpoch },
                new MailRoundLease { Name = MailRoundLease.Alerts, Until = DateTimeOffset.UnixEpoch });
        });
    }
}
