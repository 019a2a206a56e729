using GovKpi.Core.DelegatedTasks;
using GovKpi.Data.Assistant;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Data.DelegatedTasks;

/// <summary>
/// A registered delegated task (<see cref="RegisteredTask"/>) and who registered it when. Its
/// receiving units are <see cref="DelegatedTaskUnitRecord"/> rows, its extensions
/// <see cref="DelegatedTaskExtensionRecord"/> rows.
/// </summary>
public sealed class DelegatedTaskRecord
{
    public required string Code { get; init; }
    public required string Title { get; init; }
    /// <summary>The body that handed the task down (<see cref="RegisteredTask.SourceBody"/>); the column keeps its first name.</summary>
    public required string SourceAgency { get; init; }
    public required string LegalBasis { get; init; }
    public DelegationKind Kind { get; init; }
    public GovernmentLevel FromLevel { get; init; }
    public GovernmentLevel ToLevel { get; init; }
    /// <summary>The start date (<see cref="RegisteredTask.StartOn"/>); the column keeps its first name.</summary>
    public DateOnly AssignedOn { get; init; }
    public DateOnly DueOn { get; set; }
    public ReportRhythm ReportRhythm { get; init; }
    public string? ParentCode { get; init; }
    /// <summary>
    /// The one unit a task registered before the register listed several was given to; such a task
    /// has no <see cref="DelegatedTaskUnitRecord"/> rows and is read as given to this unit. Empty for
    /// every task registered since (not null: making the old column nullable would rebuild the
    /// SQLite table outside the migration's transaction).
    /// </summary>
    public string ReceivingUnitCode { get; init; } = "";
    public DelegatedTaskStatus Status { get; set; }
    public required string RegisteredBy { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }

    public static DelegatedTaskRecord From(RegisteredTask task, string registeredBy, DateTimeOffset at) => new()
    {
        Code = task.Code, Title = task.Title, SourceAgency = task.SourceBody, LegalBasis = task.LegalBasis, Kind = task.Kind,
        FromLevel = task.FromLevel, ToLevel = task.ToLevel, AssignedOn = task.StartOn, DueOn = task.DueOn, ReportRhythm = task.ReportRhythm,
        ParentCode = task.ParentCode, Status = task.Status, RegisteredBy = registeredBy, RegisteredAt = at,
    };

    public RegisteredTask ToTask(IReadOnlyList<string> units, IReadOnlyList<DeadlineExtension> extensions) => new()
    {
        Code = Code, Title = Title, SourceBody = SourceAgency, LegalBasis = LegalBasis, Kind = Kind, FromLevel = FromLevel, ToLevel = ToLevel,
        ReceivingUnitCodes = units.Count == 0 && ReceivingUnitCode is { Length: > 0 } legacy ? [legacy] : units, StartOn = AssignedOn, DueOn = DueOn, ReportRhythm = ReportRhythm, ParentCode = ParentCode,
        Extensions = extensions, Status = Status,
    };
}

/// <summary>One receiving unit of a task, in the order the task lists them.</summary>
public sealed class DelegatedTaskUnitRecord
{
    public required string TaskCode { get; init; }
    public required string UnitCode { get; init; }
    public int Position { get; init; }
}

/// <summary>A due date moved (<see cref="DeadlineExtension"/>), by whom.</summary>
public sealed class DelegatedTaskExtensionRecord
{
    public long Id { get; init; }
    public required string TaskCode { get; init; }
    public DateOnly FromDue { get; init; }
    public DateOnly ToDue { get; init; }
    public required string Reason { get; init; }
    public DateOnly DecidedOn { get; init; }
    public required string DecidedBy { get; init; }

    public DeadlineExtension ToExtension() => new(FromDue, ToDue, Reason, DecidedOn);
}

/// <summary>An implementation report of one receiving unit (<see cref="ImplementationReport"/>); reports are only added, never changed.</summary>
public sealed class DelegatedTaskReportRecord
{
    public long Id { get; init; }
    public required string TaskCode { get; init; }
    public required string UnitCode { get; init; }
    public DateOnly ReportedOn { get; init; }
    public int PercentDone { get; init; }
    public required string Text { get; init; }
    /// <summary>The display name of the account that gave the report.</summary>
    public required string Reporter { get; init; }
    public required string ReporterUserName { get; init; }
    public DateTimeOffset RecordedAt { get; init; }

    public ImplementationReport ToReport(IReadOnlyList<string> evidence) => new(TaskCode, UnitCode, ReportedOn, PercentDone, Text, evidence, Reporter);
}

/// <summary>
/// A file a report attached as evidence, kept in the database so every web node serves it and a
/// backup of the database carries it.
/// </summary>
public sealed class DelegatedTaskEvidenceRecord
{
    public long Id { get; init; }
    public long ReportId { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public long SizeBytes { get; init; }
    public required byte[] Content { get; init; }
}

/// <summary>An inspection or post-inspection of a task (<see cref="Inspection"/>).</summary>
public sealed class DelegatedTaskInspectionRecord
{
    public long Id { get; init; }
    public required string TaskCode { get; init; }
    public int Number { get; init; }
    public InspectionKind Kind { get; init; }
    public required string Inspector { get; init; }
    public DateOnly On { get; init; }
    public required string RecordedBy { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>A finding of an inspection, at its place in the inspection's list.</summary>
public sealed class DelegatedTaskFindingRecord
{
    public long Id { get; init; }
    public long InspectionId { get; init; }
    public int Position { get; init; }
    public required string Text { get; init; }
}

/// <summary>A follow-up action of a finding (<see cref="FollowUpAction"/>), closed once done.</summary>
public sealed class DelegatedTaskFollowUpRecord
{
    public long Id { get; init; }
    public long FindingId { get; init; }
    public int Position { get; init; }
    public required string Text { get; init; }
    public DateOnly DueOn { get; init; }
    public DateOnly? ClosedOn { get; set; }
    public string ClosureNote { get; set; } = "";

    public FollowUpAction ToAction() => new(Text, DueOn, ClosedOn, ClosureNote);
}

/// <summary>One change to the register (<see cref="TaskChange"/>), by whom and when.</summary>
public sealed class DelegatedTaskAuditEntry
{
    public long Id { get; init; }
    public required string TaskCode { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    public required string ActorRole { get; init; }
    public required string Action { get; init; }
    public required string Field { get; init; }
    public required string OldValue { get; init; }
    public required string NewValue { get; init; }
    public required string Reason { get; init; }

    public static DelegatedTaskAuditEntry From(TaskChange change, string actor, string actorRole, DateTimeOffset at) => new()
    {
        TaskCode = change.TaskCode, At = at, Actor = actor, ActorRole = actorRole, Action = change.Action, Field = change.Field,
        OldValue = change.OldValue, NewValue = change.NewValue, Reason = change.Reason,
    };
}

public static class DelegatedTaskModel
{
    public const int CodeLength = 40;
    public const int TitleLength = 500;
    public const int AgencyLength = 200;
    public const int LegalBasisLength = 500;
    public const int ReportTextLength = 4000;
    public const int FileNameLength = 200;
    public const int TextLength = 2000;

    /// <param name="sqlite">The trail's instants are stored as SQLite can order them (<see cref="Measurement.MeasurementModel.Instants"/>).</param>
    public static void Configure(ModelBuilder model, bool sqlite)
    {
        model.Entity<DelegatedTaskRecord>(e =>
        {
            e.ToTable("delegated_tasks");
            e.HasKey(t => t.Code);
            e.Property(t => t.Code).HasMaxLength(Files.DelegatedTaskListFile.CodeLength);
            e.Property(t => t.Title).HasMaxLength(TitleLength);
            e.Property(t => t.SourceAgency).HasMaxLength(AgencyLength);
            e.Property(t => t.LegalBasis).HasMaxLength(LegalBasisLength);
            // Tasks registered before these columns were handed to one unit, from the province down,
            // reported once: the defaults the new columns take for them. No value of the enums is
            // their sentinel, so a new task's value is always written, even the first of each enum.
            e.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20).HasDefaultValue(DelegationKind.Delegated).HasSentinel((DelegationKind)(-1));
            e.Property(t => t.FromLevel).HasConversion<string>().HasMaxLength(20).HasDefaultValue(GovernmentLevel.Province).HasSentinel((GovernmentLevel)(-1));
            e.Property(t => t.ToLevel).HasConversion<string>().HasMaxLength(20).HasDefaultValue(GovernmentLevel.Commune).HasSentinel((GovernmentLevel)(-1));
            e.Property(t => t.ReportRhythm).HasConversion<string>().HasMaxLength(20).HasDefaultValue(ReportRhythm.Once).HasSentinel((ReportRhythm)(-1));
            e.Property(t => t.ReceivingUnitCode).HasMaxLength(40);
            e.Property(t => t.ParentCode).HasMaxLength(Files.DelegatedTaskListFile.CodeLength);
            e.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(t => t.RegisteredBy).HasMaxLength(100);
            e.Property(t => t.RegisteredAt).HasConversion(AssistantModel.Utc);
            e.HasIndex(t => t.ParentCode);
            e.HasIndex(t => t.ReceivingUnitCode);
        });

        model.Entity<DelegatedTaskUnitRecord>(e =>
        {
            e.ToTable("delegated_task_units");
            e.HasKey(u => new { u.TaskCode, u.UnitCode });
            e.Property(u => u.TaskCode).HasMaxLength(Files.DelegatedTaskListFile.CodeLength);
            e.Property(u => u.UnitCode).HasMaxLength(40);
            e.HasOne<DelegatedTaskRecord>().WithMany().HasForeignKey(u => u.TaskCode);
            e.HasIndex(u => u.UnitCode);
        });

        model.Entity<DelegatedTaskExtensionRecord>(e =>
        {
            e.ToTable("delegated_task_extensions");
            e.HasKey(x => x.Id);
            e.Property(x => x.TaskCode).HasMaxLength(Files.DelegatedTaskListFile.CodeLength);
            e.Property(x => x.Reason).HasMaxLength(TextLength);
            e.Property(x => x.DecidedBy).HasMaxLength(100);
            e.HasOne<DelegatedTaskRecord>().WithMany().HasForeignKey(x => x.TaskCode);
            e.HasIndex(x => x.TaskCode);
        });

        model.Entity<DelegatedTaskReportRecord>(e =>
        {
            e.ToTable("delegated_task_reports");
            e.HasKey(r => r.Id);
            e.Property(r => r.TaskCode).HasMaxLength(Files.DelegatedTaskListFile.CodeLength);
            e.Property(r => r.UnitCode).HasMaxLength(40);
            e.Property(r => r.Text).HasMaxLength(ReportTextLength);
            e.Property(r => r.Reporter).HasMaxLength(200);
            e.Property(r => r.ReporterUserName).HasMaxLength(100);
            e.Property(r => r.RecordedAt).HasConversion(AssistantModel.Utc);
            e.HasOne<DelegatedTaskRecord>().WithMany().HasForeignKey(r => r.TaskCode);
            e.HasIndex(r => new { r.TaskCode, r.ReportedOn });
        });

        model.Entity<DelegatedTaskEvidenceRecord>(e =>
        {
            e.ToTable("delegated_task_evidence");
            e.HasKey(x => x.Id);
            e.Property(x => x.FileName).HasMaxLength(FileNameLength);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.HasOne<DelegatedTaskReportRecord>().WithMany().HasForeignKey(x => x.ReportId);
            e.HasIndex(x => x.ReportId);
        });

        model.Entity<DelegatedTaskInspectionRecord>(e =>
        {
            e.ToTable("delegated_task_inspections");
            e.HasKey(x => x.Id);
            e.Property(x => x.TaskCode).HasMaxLength(Files.DelegatedTaskListFile.CodeLength);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Inspector).HasMaxLength(AgencyLength);
            e.Property(x => x.RecordedBy).HasMaxLength(100);
            e.Property(x => x.RecordedAt).HasConversion(AssistantModel.Utc);
            e.HasOne<DelegatedTaskRecord>().WithMany().HasForeignKey(x => x.TaskCode);
            // Two nodes recording at once cannot both take the same number.
            e.HasIndex(x => new { x.TaskCode, x.Number }).IsUnique();
        });

        model.Entity<DelegatedTaskFindingRecord>(e =>
        {
            e.ToTable("delegated_task_findings");
            e.HasKey(x => x.Id);
            e.Property(x => x.Text).HasMaxLength(TextLength);
            e.HasOne<DelegatedTaskInspectionRecord>().WithMany().HasForeignKey(x => x.InspectionId);
            e.HasIndex(x => new { x.InspectionId, x.Position }).IsUnique();
        });

        model.Entity<DelegatedTaskFollowUpRecord>(e =>
        {
            e.ToTable("delegated_task_follow_ups");
            e.HasKey(x => x.Id);
            e.Property(x => x.Text).HasMaxLength(TextLength);
            e.Property(x => x.ClosureNote).HasMaxLength(TextLength);
            e.HasOne<DelegatedTaskFindingRecord>().WithMany().HasForeignKey(x => x.FindingId);
            e.HasIndex(x => new { x.FindingId, x.Position }).IsUnique();
        });

        model.Entity<DelegatedTaskAuditEntry>(e =>
        {
            e.ToTable("delegated_task_audit");
            e.HasKey(x => x.Id);
            e.Property(x => x.TaskCode).HasMaxLength(Files.DelegatedTaskListFile.CodeLength);
            e.Property(x => x.At).HasConversion(Measurement.MeasurementModel.Instants(sqlite));
            e.Property(x => x.Actor).HasMaxLength(100);
            e.Property(x => x.ActorRole).HasMaxLength(20);
            e.Property(x => x.Action).HasMaxLength(40);
            e.Property(x => x.Field).HasMaxLength(100);
            e.Property(x => x.OldValue).HasMaxLength(TextLength);
            e.Property(x => x.NewValue).HasMaxLength(TextLength);
            e.Property(x => x.Reason).HasMaxLength(TextLength);
            e.HasIndex(x => x.TaskCode);
            e.HasIndex(x => x.At);
        });
    }
}
