using GovKpi.Core.Tasks;
using GovKpi.Data.Measurement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovKpi.Data.Tasks;

/// <summary>
/// Tables of assigned tasks (Core's <see cref="TaskAssignment"/>), their work diary and their
/// append-only audit trail. Instants are stored as the measurement tables store them, so they
/// order correctly on both databases.
/// </summary>
public static class TaskAssignmentModel
{
    public static void Configure(ModelBuilder model, bool sqlite)
    {
        void Time(PropertyBuilder<DateTimeOffset> p) => p.HasConversion(MeasurementModel.Instants(sqlite));
        void NullableTime(PropertyBuilder<DateTimeOffset?> p) => p.HasConversion(MeasurementModel.Instants(sqlite));

        model.Entity<TaskAssignment>(e =>
        {
            e.ToTable("task_assignments");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).HasMaxLength(TaskAssignments.MaxIdLength);
            e.Property(t => t.Source).HasMaxLength(TaskImport.MaxSourceLength);
            e.Property(t => t.UnitCode).HasMaxLength(40);
            e.Property(t => t.StaffCode).HasMaxLength(40);
            e.Property(t => t.TaskTypeCode).HasMaxLength(TaskCatalogue.MaxCodeLength);
            e.Property(t => t.CatalogueAgencyCode).HasMaxLength(40);
            e.Property(t => t.Quantity).HasPrecision(18, 4);
            e.Property(t => t.QuantityDone).HasPrecision(18, 4);
            e.Property(t => t.ExpectedProduct).HasMaxLength(TaskAssignments.MaxProductLength);
            e.Property(t => t.QualityCheck).HasMaxLength(TaskAssignments.MaxQualityCheckLength);
            e.Property(t => t.AssignedBy).HasMaxLength(200);
            Time(e.Property(t => t.AssignedAt));
            e.Property(t => t.State).HasConversion<string>().HasMaxLength(20);
            NullableTime(e.Property(t => t.SubmittedAt));
            e.Property(t => t.ReturnReason).HasMaxLength(TaskAssignments.MaxTextLength);
            e.Property(t => t.ReviewedBy).HasMaxLength(100);
            NullableTime(e.Property(t => t.ReviewedAt));
            e.Property(t => t.DelayCause).HasMaxLength(TaskAssignments.MaxTextLength);
            e.Property(t => t.QualityCause).HasMaxLength(TaskAssignments.MaxTextLength);
            e.Property(t => t.Revision).IsConcurrencyToken();
            e.HasIndex(t => new { t.StaffCode, t.DueOn });
            e.HasIndex(t => new { t.UnitCode, t.DueOn });
        });

        model.Entity<TaskDiaryEntry>(e =>
        {
            e.ToTable("task_diary");
            e.HasKey(d => d.Id);
            e.Property(d => d.TaskId).HasMaxLength(TaskAssignments.MaxIdLength);
            e.Property(d => d.StaffCode).HasMaxLength(40);
            e.Property(d => d.Hours).HasPrecision(5, 2);
            e.Property(d => d.Text).HasMaxLength(TaskAssignments.MaxTextLength);
            Time(e.Property(d => d.RecordedAt));
            e.HasOne<TaskAssignment>().WithMany().HasForeignKey(d => d.TaskId);
            e.HasIndex(d => new { d.StaffCode, d.Day });
        });

        model.Entity<TaskAuditEntry>(e =>
        {
            e.ToTable("task_audit");
            e.HasKey(a => a.Id);
            e.Property(a => a.TaskId).HasMaxLength(TaskAssignments.MaxIdLength);
            Time(e.Property(a => a.At));
            e.Property(a => a.Actor).HasMaxLength(100);
            e.Property(a => a.ActorRole).HasMaxLength(20);
            e.Property(a => a.Action).HasMaxLength(40);
            e.Property(a => a.Field).HasMaxLength(40);
            e.Property(a => a.OldValue).HasMaxLength(4000);
            e.Property(a => a.NewValue).HasMaxLength(4000);
            e.Property(a => a.Reason).HasMaxLength(TaskAssignments.MaxTextLength);
            e.HasIndex(a => a.TaskId);
        });
    }
}
