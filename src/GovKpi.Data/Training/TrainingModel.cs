using GovKpi.Core.Training;
using GovKpi.Data.Assistant;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Data.Training;

/// <summary>
/// A completion's certificate, kept in the database as delegated-task evidence is, so every web
/// node serves it and a backup of the database carries it.
/// </summary>
public sealed class TrainingCertificateRecord
{
    public long Id { get; init; }
    public long CompletionId { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public long SizeBytes { get; init; }
    public required byte[] Content { get; init; }
}

/// <summary>Tables of the digital-capacity records (issue 14, item 4).</summary>
public static class TrainingModel
{
    public const int FileNameLength = 200;

    public static void Configure(ModelBuilder model)
    {
        model.Entity<TrainingCourse>(e =>
        {
            e.ToTable("training_courses");
            e.HasKey(c => c.Code);
            e.Property(c => c.Code).HasMaxLength(TrainingRules.CodeLength);
            e.Property(c => c.Name).HasMaxLength(300);
            e.Property(c => c.Description).HasMaxLength(2000);
            e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        });

        model.Entity<TrainingSession>(e =>
        {
            e.ToTable("training_sessions");
            e.HasKey(s => s.Id);
            e.Property(s => s.CourseCode).HasMaxLength(TrainingRules.CodeLength);
            e.Property(s => s.Place).HasMaxLength(300);
            e.Property(s => s.Trainer).HasMaxLength(200);
            e.HasOne<TrainingCourse>().WithMany().HasForeignKey(s => s.CourseCode);
            e.HasIndex(s => s.CourseCode);
        });

        model.Entity<TrainingCompletion>(e =>
        {
            e.ToTable("training_completions");
            e.HasKey(c => c.Id);
            e.Property(c => c.CourseCode).HasMaxLength(TrainingRules.CodeLength);
            e.Property(c => c.StaffCode).HasMaxLength(40);
            e.Property(c => c.RecordedBy).HasMaxLength(100);
            e.Property(c => c.Result).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.RecordedAt).HasConversion(AssistantModel.Utc);
            e.HasOne<TrainingSession>().WithMany().HasForeignKey(c => c.SessionId);
            e.HasIndex(c => c.StaffCode);
            e.HasIndex(c => c.SessionId);
        });

        model.Entity<TrainingCertificateRecord>(e =>
        {
            e.ToTable("training_certificates");
            e.HasKey(x => x.Id);
            e.Property(x => x.FileName).HasMaxLength(FileNameLength);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.HasOne<TrainingCompletion>().WithMany().HasForeignKey(x => x.CompletionId);
            e.HasIndex(x => x.CompletionId).IsUnique();
        });
    }
}
