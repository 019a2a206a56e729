using Microsoft.EntityFrameworkCore;

namespace GovKpi.Data.Assistant;

/// <summary>
/// A handbook, regulation or guidance document HR uploaded for questions on documents. The file
/// itself is kept under the data directory as <c>{Id}{extension}</c> (its name as uploaded may hold
/// any character); <see cref="FileName"/> is what citations show, so it is unique.
/// </summary>
public sealed class AssistantDocument
{
    public Guid Id { get; init; }
    public required string FileName { get; init; }
    public long SizeBytes { get; init; }
    /// <summary>Passages the document was cut into for the index: zero would mean nothing of it can be cited.</summary>
    public int Passages { get; init; }
    public required string UploadedBy { get; init; }
    public DateTimeOffset UploadedAt { get; init; }

    public static void Configure(ModelBuilder model) => model.Entity<AssistantDocument>(e =>
    {
        e.ToTable("assistant_documents");
        e.HasKey(d => d.Id);
        e.Property(d => d.FileName).HasMaxLength(200);
        e.Property(d => d.UploadedBy).HasMaxLength(100);
        e.Property(d => d.UploadedAt).HasConversion(AssistantModel.Utc);
        e.HasIndex(d => d.FileName).IsUnique();
    });
}
