using System.Globalization;
using GovKpi.Core.Alerts;
using GovKpi.Data.Measurement;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GovKpi.Data.Alerts;

/// <summary>
/// A stored <see cref="Alert"/>, its recipient flattened into three columns, with the unit of the
/// item it is about (for reading alerts by unit scope). <see cref="Version"/> is a concurrency token,
/// so that two nodes closing the same alert at once cannot both save.
/// </summary>
public sealed class AlertRecord
{
    public long Id { get; init; }
    public WatchedKind ItemKind { get; init; }
    public required string ItemId { get; init; }
    public required string ItemUnitCode { get; init; }
    public AlertLevel Level { get; init; }
    public RecipientRole RecipientRole { get; init; }
    public string? RecipientUnitCode { get; init; }
    public string? RecipientStaffCode { get; init; }
    public DateTimeOffset RaisedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; set; }
    public AlertCloseReason? CloseReason { get; set; }
    public int Version { get; set; }

    public Alert ToAlert() => new(ItemKind, ItemId, Level, new AlertRecipient(RecipientRole, RecipientUnitCode, RecipientStaffCode), RaisedAt, ClosedAt, CloseReason);

    public static AlertRecord From(Alert alert, string itemUnitCode) => new()
    {
        ItemKind = alert.ItemKind, ItemId = alert.ItemId, ItemUnitCode = itemUnitCode, Level = alert.Level,
        RecipientRole = alert.Recipient.Role, RecipientUnitCode = alert.Recipient.UnitCode, RecipientStaffCode = alert.Recipient.StaffCode,
        RaisedAt = alert.RaisedAt, ClosedAt = alert.ClosedAt, CloseReason = alert.CloseReason,
    };
}

/// <summary>
/// One version of the province's <see cref="AlertPolicy"/>. Versions are only added: the latest is
/// in force, and the rows before it are the policy's audit trail (who changed it, when, from what).
/// No row means the default, <see cref="AlertPolicy.HoChiMinhCity"/>.
/// </summary>
public sealed class AlertPolicyRecord
{
    public long Id { get; init; }
    public int GreenWithinMinutes { get; init; }
    public int YellowUpToMinutes { get; init; }
    public RecipientRole GreenTo { get; init; }
    public RecipientRole YellowTo { get; init; }
    public RecipientRole RedTo { get; init; }
    /// <summary>The office periods of a working day, <c>07:30-11:30,13:00-17:00</c>.</summary>
    public required string Periods { get; init; }
    public required string ChangedBy { get; init; }
    public DateTimeOffset ChangedAt { get; init; }

    public AlertPolicy ToPolicy() => new()
    {
        GreenWithin = TimeSpan.FromMinutes(GreenWithinMinutes), YellowUpTo = TimeSpan.FromMinutes(YellowUpToMinutes),
        GreenTo = GreenTo, YellowTo = YellowTo, RedTo = RedTo,
        Hours = new WorkingHours([.. Periods.Split(',').Select(p => p.Split('-')).Select(p => new WorkingPeriod(Time(p[0]), Time(p[1])))]),
    };

    public static AlertPolicyRecord From(AlertPolicy policy, string changedBy, DateTimeOffset changedAt) => new()
    {
        GreenWithinMinutes = (int)policy.GreenWithin.TotalMinutes, YellowUpToMinutes = (int)policy.YellowUpTo.TotalMinutes,
        GreenTo = policy.GreenTo, YellowTo = policy.YellowTo, RedTo = policy.RedTo,
        Periods = string.Join(',', policy.Hours.Periods.Select(p => $"{Text(p.Start)}-{Text(p.End)}")),
        ChangedBy = changedBy, ChangedAt = changedAt,
    };

    private static TimeOnly Time(string text) => TimeOnly.ParseExact(text, "HH:mm", CultureInfo.InvariantCulture);

    private static string Text(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}

public static class AlertModel
{
    public const int ItemIdLength = 100;

    public static void Configure(ModelBuilder model, bool sqlite)
    {
        model.Entity<AlertRecord>(e =>
        {
            e.ToTable("alerts");
            e.HasKey(a => a.Id);
            e.Property(a => a.ItemKind).HasConversion<string>().HasMaxLength(20);
            e.Property(a => a.ItemId).HasMaxLength(ItemIdLength);
            e.Property(a => a.ItemUnitCode).HasMaxLength(40);
            e.Property(a => a.Level).HasConversion<string>().HasMaxLength(10);
            e.Property(a => a.RecipientRole).HasConversion<string>().HasMaxLength(20);
            e.Property(a => a.RecipientUnitCode).HasMaxLength(40);
            e.Property(a => a.RecipientStaffCode).HasMaxLength(40);
            e.Property(a => a.RaisedAt).HasConversion(MeasurementModel.Instants(sqlite));
            e.Property(a => a.ClosedAt).HasConversion(MeasurementModel.Instants(sqlite));
            e.Property(a => a.CloseReason).HasConversion<string>().HasMaxLength(20);
            e.Property(a => a.Version).IsConcurrencyToken();
            // A level is raised at most once per item, ever: with several nodes evaluating at once,
            // the second insert of the same level fails here and that node drops its batch.
            e.HasIndex(a => new { a.ItemKind, a.ItemId, a.Level }).IsUnique();
            e.HasIndex(a => new { a.ClosedAt, a.ItemKind });
            e.HasIndex(a => a.RecipientStaffCode);
        });

        model.Entity<AlertPolicyRecord>(e =>
        {
            e.ToTable("alert_policies");
            e.HasKey(p => p.Id);
            e.Property(p => p.GreenTo).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.YellowTo).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.RedTo).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.Periods).HasMaxLength(400);
            e.Property(p => p.ChangedBy).HasMaxLength(100);
            e.Property(p => p.ChangedAt).HasConversion(MeasurementModel.Instants(sqlite));
        });
    }

    /// <summary>
    /// Whether a failed save of alerts means another node saved the same change first: an alert
    /// level already raised (the unique key) or an alert already closed (its version).
    /// </summary>
    public static bool LostToAnotherNode(DbUpdateException e) =>
        e is DbUpdateConcurrencyException
        || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
        // 19 is SQLITE_CONSTRAINT; 2067 its extended code for a unique index.
        || e.InnerException is SqliteException { SqliteErrorCode: 19 };

    /// <summary>The policy in force: the latest version saved, or the default.</summary>
    public static async Task<(AlertPolicy Policy, AlertPolicyRecord? Record)> PolicyAsync(GovKpiDbContext db, CancellationToken ct)
    {
        var latest = await db.AlertPolicies.AsNoTracking().OrderByDescending(p => p.Id).FirstOrDefaultAsync(ct);
        return (latest?.ToPolicy() ?? AlertPolicy.HoChiMinhCity, latest);
    }
}
