using System.Text.Json;
using GovKpi.Core.FieldWork;
using GovKpi.Data.Measurement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GovKpi.Data.FieldWork;

/// <summary>
/// The mobile-team and citizen-contact log (issue 14, item 5): field sessions, citizen meetings
/// and the issues they raised, the Core records mapped as they are. A session's members and
/// dossiers are short lists read with the session, so they are JSON columns.
/// </summary>
public static class FieldWorkModel
{
    public static void Configure(ModelBuilder model, bool sqlite)
    {
        model.Entity<FieldSession>(e =>
        {
            e.ToTable("field_sessions");
            e.HasKey(s => s.Id);
            e.Property(s => s.UnitCode).HasMaxLength(40);
            e.Property(s => s.Place).HasMaxLength(FieldWorkRules.MaximumPlace);
            e.Property(s => s.MemberCodes).HasConversion(Json(), Comparer());
            e.Property(s => s.DossierIds).HasConversion(Json(), Comparer());
            e.Property(s => s.RecordedBy).HasMaxLength(100);
            e.Property(s => s.RecordedAt).HasConversion(MeasurementModel.Instants(sqlite));
            e.Ignore(s => s.CasesHandled);
            e.HasIndex(s => new { s.UnitCode, s.HeldOn });
        });

        model.Entity<CitizenMeeting>(e =>
        {
            e.ToTable("citizen_meetings");
            e.HasKey(m => m.Id);
            e.Property(m => m.UnitCode).HasMaxLength(40);
            e.Property(m => m.Place).HasMaxLength(FieldWorkRules.MaximumPlace);
            e.Property(m => m.Chair).HasMaxLength(FieldWorkRules.MaximumPlace);
            e.Property(m => m.RecordedBy).HasMaxLength(100);
            e.Property(m => m.RecordedAt).HasConversion(MeasurementModel.Instants(sqlite));
            e.HasIndex(m => new { m.UnitCode, m.HeldOn });
        });

        model.Entity<CitizenIssue>(e =>
        {
            e.ToTable("citizen_issues");
            e.HasKey(i => i.Id);
            e.Property(i => i.UnitCode).HasMaxLength(40);
            e.Property(i => i.Text).HasMaxLength(FieldWorkRules.MaximumText);
            e.Property(i => i.OwnerCode).HasMaxLength(40);
            e.Property(i => i.ClosedAt).HasConversion(MeasurementModel.Instants(sqlite));
            e.Property(i => i.ClosedBy).HasMaxLength(100);
            e.Property(i => i.ClosureNote).HasMaxLength(FieldWorkRules.MaximumText);
            e.Ignore(i => i.Key);
            e.HasOne<CitizenMeeting>().WithMany().HasForeignKey(i => i.MeetingId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(i => new { i.MeetingId, i.Number }).IsUnique();
            e.HasIndex(i => new { i.ClosedAt, i.OwnerCode });
        });
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static ValueConverter<IReadOnlyList<string>, string> Json() => new(
        v => JsonSerializer.Serialize(v, JsonOptions),
        s => JsonSerializer.Deserialize<List<string>>(s, JsonOptions)!);

    private static ValueComparer<IReadOnlyList<string>> Comparer() => new(
        (a, b) => (a == null && b == null) || (a != null && b != null && a.SequenceEqual(b)),
        v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)),
        v => v.ToList());
}
