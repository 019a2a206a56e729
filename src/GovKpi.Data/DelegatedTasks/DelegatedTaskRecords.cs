using GovKpi.Core.DelegatedTasks;
using GovKpi.Data.Assistant;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Data.DelegatedTasks;

/// <summary>A registered delegated task (<see cref="DelegatedTask"/>) and who registered it when.</summary>
public sealed class DelegatedTaskRecord
{
    public required string Code { get; init; }
    public required string Title { get; init; }
    public required string SourceAgency { get; init; }
    public required string LegalBasis { get; init; }
    public required string ReceivingUnitCode { get; init; }
    public DateOnly AssignedOn { get; init; }
    public DateOnly DueOn { get; init; }
    public DelegatedTaskStatus Status { get; set; }
    public required string RegisteredBy { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }

    public DelegatedTask ToTask() => new(Code, Title, SourceAgency, LegalBasis, ReceivingUnitCode, AssignedOn, DueOn, Status);
}

/// <summary>An implementation report (<see cref="ProgressReport"/>); reports are only added, never changed.</summary>
public sealed class DelegatedTaskReportRecord
{
    public long Id { get; init; }
    public required string TaskCode { get; init; }
    public DateOnly ReportedOn { get; init; }
    public int PercentDone { get; init; }
    public required string Text { get; init; }
    /// <summary>The display name of the account that gave the report.</summary>
    public required string Reporter { get; init; }
    public required string ReporterUserName { get; init; }
    public DateTimeOffset RecordedAt { get; init; }

    public ProgressReport ToReport() => new(ReportedOn, PercentDone, Text, Reporter);
}

public static class DelegatedTaskModel
{
    public const int CodeLength = 40;
    public const int TitleLength = 500;
    public const int AgencyLength = 200;
    public const int LegalBasisLength = 500;
    public const int ReportTextLength = 4000;

    public static void Configure(ModelBuilder model)
    {
        model.Entity<DelegatedTaskRecord>(e =>
        {
            e.ToTable("delegated_tasks");
            e.HasKey(t => t.Code);
            e.Property(t => t.Code).HasMaxLength(CodeLength);
            e.Property(t => t.Title).HasMaxLength(TitleLength);
            e.Property(t => t.SourceAgency).HasMaxLength(AgencyLength);
            e.Property(t => t.LegalBasis).HasMaxLength(LegalBasisLength);
            e.Property(t => t.ReceivingUnitCode).HasMaxLength(40);
            e.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(t => t.RegisteredBy).HasMaxLength(100);
            e.Property(t => t.RegisteredAt).HasConversion(AssistantModel.Utc);
            e.HasIndex(t => t.ReceivingUnitCode);
        });

        model.Entity<DelegatedTaskReportRecord>(e =>
        {
            e.ToTable("delegated_task_reports");
            e.HasKey(r => r.Id);
            e.Property(r => r.TaskCode).HasMaxLength(CodeLength);
            e.Property(r => r.Text).HasMaxLength(ReportTextLength);
            e.Property(r => r.Reporter).HasMaxLength(200);
            e.Property(r => r.ReporterUserName).HasMaxLength(100);
            e.Property(r => r.RecordedAt).HasConversion(AssistantModel.Utc);
            e.HasOne<DelegatedTaskRecord>().WithMany().HasForeignKey(r => r.TaskCode);
            e.HasIndex(r => new { r.TaskCode, r.ReportedOn });
        });
    }
}
