using System.Text.Json;
using GovKpi.Core.Uploads;
using GovKpi.Data.Measurement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GovKpi.Data.Uploads;

/// <summary>
/// Upload jobs (<see cref="UploadJob"/>). <see cref="UploadJob.Version"/> is a concurrency token:
/// a save that applies a transition another node applied first affects no row and fails, which is
/// how a job is claimed by exactly one node.
/// </summary>
public static class UploadJobModel
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static void Configure(ModelBuilder model, bool sqlite)
    {
        model.Entity<UploadJob>(e =>
        {
            e.ToTable("upload_jobs");
            e.HasKey(j => j.Id);
            e.Property(j => j.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(j => j.Detail).HasMaxLength(20);
            e.Property(j => j.State).HasConversion<string>().HasMaxLength(20);
            e.Property(j => j.CreatedBy).HasMaxLength(100);
            e.Property(j => j.CancelledBy).HasMaxLength(100);
            e.Property(j => j.ClaimedBy).HasMaxLength(200);
            e.Property(j => j.ErrorKey).HasMaxLength(100);
            e.Property(j => j.Files).HasConversion(
                new ValueConverter<IReadOnlyList<UploadFile>, string>(
                    v => JsonSerializer.Serialize(v, JsonOptions),
                    s => JsonSerializer.Deserialize<List<UploadFile>>(s, JsonOptions)!),
                new ValueComparer<IReadOnlyList<UploadFile>>(
                    (a, b) => (a == null && b == null) || (a != null && b != null && a.SequenceEqual(b)),
                    v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)),
                    v => v.ToList()));
            e.Property(j => j.CreatedAt).HasConversion(MeasurementModel.Instants(sqlite));
            e.Property(j => j.StartedAt).HasConversion(MeasurementModel.Instants(sqlite));
            e.Property(j => j.FinishedAt).HasConversion(MeasurementModel.Instants(sqlite));
            e.Property(j => j.LeaseUntil).HasConversion(MeasurementModel.Instants(sqlite));
            e.Property(j => j.Version).IsConcurrencyToken();
            e.Ignore(j => j.TotalBytes);
            e.Ignore(j => j.IsOver);
            e.HasIndex(j => new { j.State, j.CreatedAt });
            e.HasIndex(j => new { j.CreatedBy, j.CreatedAt });
        });
    }
}
