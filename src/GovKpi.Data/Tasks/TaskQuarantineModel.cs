using System.Text.Json;
using GovKpi.Core.Tasks;
using GovKpi.Data.Measurement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovKpi.Data.Tasks;

/// <summary>
/// The quarantine of the e-office import (Core's <see cref="QuarantinedTask"/>): a row's fields and
/// reasons are stored as JSON text, as the dossier quarantine stores its raw fields.
/// </summary>
public static class TaskQuarantineModel
{
    private static void Json(PropertyBuilder<Dictionary<string, string?>> property) => property.HasConversion(
        v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
        v => JsonSerializer.Deserialize<Dictionary<string, string?>>(v, (JsonSerializerOptions?)null) ?? new Dictionary<string, string?>(),
        new ValueComparer<Dictionary<string, string?>>(
            (a, b) => JsonSerializer.Serialize(a, (JsonSerializerOptions?)null) == JsonSerializer.Serialize(b, (JsonSerializerOptions?)null),
            v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null).GetHashCode(StringComparison.Ordinal),
            v => new Dictionary<string, string?>(v, StringComparer.Ordinal)));

    public static void Configure(ModelBuilder model, bool sqlite)
    {
        model.Entity<QuarantinedTask>(e =>
        {
            e.ToTable("task_quarantine");
            e.HasKey(q => q.Id);
            e.Property(q => q.Location).HasMaxLength(500);
            Json(e.Property(q => q.Received));
            Json(e.Property(q => q.Fields));
            e.Property(q => q.Reasons).HasConversion(
                v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
                v => JsonSerializer.Deserialize<List<TaskRowReason>>(v, (JsonSerializerOptions?)null) ?? new List<TaskRowReason>(),
                new ValueComparer<List<TaskRowReason>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
            e.Property(q => q.UnitCode).HasMaxLength(40);
            e.Property(q => q.ImportedBy).HasMaxLength(100);
            e.Property(q => q.QuarantinedAt).HasConversion(MeasurementModel.Instants(sqlite));
            e.Property(q => q.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(q => q.ResolvedBy).HasMaxLength(100);
            e.Property(q => q.ResolvedAt).HasConversion(MeasurementModel.Instants(sqlite));
            e.Property(q => q.TaskId).HasMaxLength(TaskAssignments.MaxIdLength);
            e.HasIndex(q => new { q.Status, q.UnitCode });
        });
    }
}
