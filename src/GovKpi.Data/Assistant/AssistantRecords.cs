using GovKpi.Core.Drafting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GovKpi.Data.Assistant;

public enum DraftStatus
{
    Draft,
    Approved,
    Discarded,
}

/// <summary>
/// A document the assistant drafted from the product's data. It stays a draft, editable by the
/// person who asked for it, until that person approves it (then it is locked) or discards it.
/// The product never sends it anywhere.
/// </summary>
public sealed class AssistantDraft
{
    public Guid Id { get; init; }
    public DraftKind Kind { get; init; }
    /// <summary>What the draft is about, as the API names it: a dossier id, <c>staff:S001:2026-07-01/2026-10-01</c>, <c>unit:C1:2026-10</c>.</summary>
    public required string Subject { get; init; }
    /// <summary>The unit the subject belongs to: only people whose scope holds it may read the draft.</summary>
    public required string UnitCode { get; init; }
    public required string Text { get; set; }
    public DraftStatus Status { get; set; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

/// <summary>One question to the assistant and its answer, kept for audit (issue 5, item 8): who asked what, when, and what was answered in which mode.</summary>
public sealed class AssistantExchange
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public required string UserName { get; init; }
    public required string Role { get; init; }
    /// <summary><c>data-question</c>, <c>kpi-proposal</c>, <c>draft</c>.</summary>
    public required string Kind { get; init; }
    public required string Mode { get; init; }
    public required string Question { get; init; }
    public required string Answer { get; init; }
}

public static class AssistantModel
{
    /// <summary>PostgreSQL's timestamptz takes only UTC offsets; times arrive with Vietnam's +07:00.</summary>
    public static readonly ValueConverter<DateTimeOffset, DateTimeOffset> Utc = new(v => v.ToUniversalTime(), v => v);

    public static void Configure(ModelBuilder model)
    {
        model.Entity<AssistantDraft>(e =>
        {
            e.ToTable("assistant_drafts");
            e.HasKey(d => d.Id);
            e.Property(d => d.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(d => d.Subject).HasMaxLength(200);
            e.Property(d => d.UnitCode).HasMaxLength(40);
            e.Property(d => d.CreatedBy).HasMaxLength(100);
            e.Property(d => d.DecidedBy).HasMaxLength(100);
            e.Property(d => d.CreatedAt).HasConversion(Utc);
            e.Property(d => d.UpdatedAt).HasConversion(Utc);
            e.Property(d => d.DecidedAt).HasConversion(Utc);
            e.HasIndex(d => new { d.CreatedBy, d.CreatedAt });
        });

        model.Entity<AssistantExchange>(e =>
        {
            e.ToTable("assistant_exchanges");
            e.HasKey(x => x.Id);
            e.Property(x => x.UserName).HasMaxLength(100);
            e.Property(x => x.Role).HasMaxLength(20);
            e.Property(x => x.Kind).HasMaxLength(30);
            e.Property(x => x.Mode).HasMaxLength(20);
            e.Property(x => x.At).HasConversion(Utc);
            e.HasIndex(x => x.At);
        });
    }
}
