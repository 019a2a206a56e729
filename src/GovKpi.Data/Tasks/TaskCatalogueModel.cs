using GovKpi.Core.Tasks;
using GovKpi.Data.Assistant;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Data.Tasks;

/// <summary>One stored version of a task type (<see cref="TaskType"/>) and who recorded it when.</summary>
public sealed class TaskTypeRecord
{
    public long Id { get; init; }
    public required string Code { get; init; }
    public required string AgencyCode { get; init; }
    public TaskGroup Group { get; init; }
    public required string Name { get; init; }
    public required string UnitOfOutput { get; init; }
    public decimal ConversionFactor { get; init; }
    public decimal Difficulty { get; init; }
    public int Version { get; init; }
    public DateOnly EffectiveFrom { get; init; }
    /// <summary>Set when a later version begins; the only field that changes.</summary>
    public DateOnly? EffectiveTo { get; set; }
    public string? ApprovedBy { get; init; }
    public required string RecordedBy { get; init; }
    public DateTimeOffset RecordedAt { get; init; }

    public TaskType ToTaskType() =>
        new(Code, AgencyCode, Group, Name, UnitOfOutput, ConversionFactor, Difficulty, Version, EffectiveFrom, EffectiveTo, ApprovedBy);

    public static TaskTypeRecord From(TaskType t, string recordedBy, DateTimeOffset recordedAt) => new()
    {
        Code = t.Code, AgencyCode = t.AgencyCode, Group = t.Group, Name = t.Name, UnitOfOutput = t.UnitOfOutput,
        ConversionFactor = t.ConversionFactor, Difficulty = t.Difficulty, Version = t.Version, EffectiveFrom = t.EffectiveFrom,
        EffectiveTo = t.EffectiveTo, ApprovedBy = t.ApprovedBy, RecordedBy = recordedBy, RecordedAt = recordedAt,
    };
}

public static class TaskCatalogueModel
{
    public const int UnitOfOutputLength = 100;
    public const int ApprovedByLength = 200;

    public static void Configure(ModelBuilder model)
    {
        model.Entity<TaskTypeRecord>(e =>
        {
            e.ToTable("task_types");
            e.HasKey(t => t.Id);
            e.Property(t => t.Code).HasMaxLength(TaskCatalogue.MaxCodeLength);
            e.Property(t => t.AgencyCode).HasMaxLength(40);
            e.Property(t => t.Group).HasConversion<string>().HasMaxLength(1);
            e.Property(t => t.Name).HasMaxLength(TaskCatalogue.MaxNameLength);
            e.Property(t => t.UnitOfOutput).HasMaxLength(UnitOfOutputLength);
            e.Property(t => t.ConversionFactor).HasPrecision(18, 6);
            e.Property(t => t.Difficulty).HasPrecision(18, 6);
            e.Property(t => t.ApprovedBy).HasMaxLength(ApprovedByLength);
            e.Property(t => t.RecordedBy).HasMaxLength(100);
            e.Property(t => t.RecordedAt).HasConversion(AssistantModel.Utc);
            e.HasIndex(t => new { t.AgencyCode, t.Code, t.Version }).IsUnique();
        });
    }
}
