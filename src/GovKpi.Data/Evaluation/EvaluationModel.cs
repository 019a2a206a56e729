using System.Text.Json;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Data.Measurement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GovKpi.Data.Evaluation;

/// <summary>
/// Tables of the evaluation cycles (docs/EVALUATION.md). Instants are stored as the measurement
/// tables store them (microseconds on SQLite, <c>timestamptz</c> on PostgreSQL), so they order
/// correctly on both; points are decimals with two places.
/// </summary>
public static class EvaluationModel
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static void Configure(ModelBuilder model, bool sqlite)
    {
        void Time(PropertyBuilder<DateTimeOffset> p) => p.HasConversion(MeasurementModel.Instants(sqlite));
        void NullableTime(PropertyBuilder<DateTimeOffset?> p) => p.HasConversion(MeasurementModel.Instants(sqlite));

        model.Entity<EvaluationCycle>(e =>
        {
            e.ToTable("evaluation_cycles");
            e.HasKey(c => c.Id);
            e.Property(c => c.UnitCode).HasMaxLength(40);
            e.Property(c => c.UnitName).HasMaxLength(200);
            e.Property(c => c.AgencyCode).HasMaxLength(40);
            e.Property(c => c.PeriodKind).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.Stage).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.Policy).HasConversion(Json<EvaluationPolicy>(), new ValueComparer<EvaluationPolicy>((a, b) => Equals(a, b), p => p.GetHashCode(), p => p));
            e.Property(c => c.OpenedBy).HasMaxLength(100);
            Time(e.Property(c => c.OpenedAt));
            NullableTime(e.Property(c => c.PublishedAt));
            e.Property(c => c.Revision).IsConcurrencyToken();
            e.Property(c => c.AuditHead).HasMaxLength(64);
            e.ComplexProperty(c => c.Deadlines);
            e.Ignore(c => c.Period);
            // One cycle per unit and period.
            e.HasIndex(c => new { c.UnitCode, c.PeriodKind, c.PeriodFrom }).IsUnique();
            e.HasIndex(c => new { c.AgencyCode, c.PeriodFrom });
        });

        model.Entity<StaffEvaluation>(e =>
        {
            e.ToTable("staff_evaluations");
            e.HasKey(x => x.Id);
            e.HasOne<EvaluationCycle>().WithMany().HasForeignKey(x => x.CycleId);
            e.Property(x => x.StaffCode).HasMaxLength(40);
            e.Property(x => x.StaffName).HasMaxLength(200);
            e.Property(x => x.UnitCode).HasMaxLength(40);
            e.Property(x => x.PositionCode).HasMaxLength(40);
            e.Property(x => x.Group).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Leader).HasConversion<string>().HasMaxLength(20);
            Points(e.Property(x => x.SelfGeneralPoints));
            Points(e.Property(x => x.SelfTaskPoints));
            Points(e.Property(x => x.GeneralPoints));
            Points(e.Property(x => x.TaskPoints));
            Points(e.Property(x => x.UnitResultPoints));
            Points(e.Property(x => x.Score));
            NullableTime(e.Property(x => x.SelfAssessedAt));
            NullableTime(e.Property(x => x.RatedAt));
            e.Property(x => x.RatedBy).HasMaxLength(100);
            // Rows rated before the column existed hold an empty string: no task lines.
            e.Property(x => x.TaskExplanations).HasConversion(new ValueConverter<IReadOnlyList<Explanation>, string>(
                    v => JsonSerializer.Serialize(v, JsonOptions),
                    s => s.Length == 0 ? Array.Empty<Explanation>() : JsonSerializer.Deserialize<IReadOnlyList<Explanation>>(s, JsonOptions)!),
                new ValueComparer<IReadOnlyList<Explanation>>((a, b) => a!.SequenceEqual(b!), d => d.Count, d => d.ToList()));
            e.Property(x => x.Level).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.LevelReason).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
            e.Ignore(x => x.Points);
            e.HasIndex(x => new { x.CycleId, x.StaffCode }).IsUnique();
            e.HasIndex(x => x.StaffCode);
        });

        model.Entity<EvaluationResult>(e =>
        {
            e.ToTable("evaluation_results");
            e.HasKey(r => new { r.EvaluationId, r.Version });
            e.HasOne<StaffEvaluation>().WithMany().HasForeignKey(r => r.EvaluationId);
            e.Property(r => r.GeneralPoints).HasPrecision(6, 2);
            e.Property(r => r.TaskPoints).HasPrecision(6, 2);
            Points(e.Property(r => r.UnitResultPoints));
            e.Property(r => r.Score).HasPrecision(6, 2);
            e.Property(r => r.Level).HasConversion<string>().HasMaxLength(10);
            e.Property(r => r.LevelReason).HasConversion<string>().HasMaxLength(10);
            e.Property(r => r.PublishedBy).HasMaxLength(100);
            Time(e.Property(r => r.PublishedAt));
        });

        model.Entity<FeedbackRespondent>(e =>
        {
            e.ToTable("feedback_respondents");
            e.HasKey(r => new { r.EvaluationId, r.RespondentCode });
            e.HasOne<StaffEvaluation>().WithMany().HasForeignKey(r => r.EvaluationId);
            e.Property(r => r.RespondentCode).HasMaxLength(40);
        });

        model.Entity<FeedbackAnswerRow>(e =>
        {
            e.ToTable("feedback_answers");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).ValueGeneratedNever();
            e.HasOne<StaffEvaluation>().WithMany().HasForeignKey(a => a.EvaluationId);
            e.Property(a => a.Ratings).HasConversion(Json<IReadOnlyDictionary<string, int>>(),
                new ValueComparer<IReadOnlyDictionary<string, int>>((a, b) => a!.Count == b!.Count && !a.Except(b).Any(), d => d.Count, d => d.ToDictionary()));
            e.Property(a => a.Comment).HasMaxLength(Feedback360.MaximumCommentLength);
        });

        model.Entity<EvaluationAppeal>(e =>
        {
            e.ToTable("evaluation_appeals");
            e.HasKey(a => a.Id);
            e.HasOne<StaffEvaluation>().WithMany().HasForeignKey(a => a.EvaluationId);
            e.Property(a => a.FiledBy).HasMaxLength(100);
            e.Property(a => a.DecidedBy).HasMaxLength(100);
            e.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
            Time(e.Property(a => a.FiledAt));
            NullableTime(e.Property(a => a.DecidedAt));
            e.HasIndex(a => a.EvaluationId);
        });

        model.Entity<EvaluationComment>(e =>
        {
            e.ToTable("evaluation_comments");
            e.HasKey(c => c.Id);
            e.HasOne<StaffEvaluation>().WithMany().HasForeignKey(c => c.EvaluationId);
            e.Property(c => c.Item).HasMaxLength(40);
            e.Property(c => c.Side).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.Author).HasMaxLength(100);
            e.Property(c => c.AuthorName).HasMaxLength(200);
            Time(e.Property(c => c.At));
            e.HasIndex(c => new { c.EvaluationId, c.Item });
        });

        model.Entity<AuditEntry>(e =>
        {
            e.ToTable("evaluation_audit");
            e.HasKey(a => a.Id);
            e.HasOne<EvaluationCycle>().WithMany().HasForeignKey(a => a.CycleId);
            e.Property(a => a.Actor).HasMaxLength(100);
            e.Property(a => a.ActorName).HasMaxLength(200);
            e.Property(a => a.ActorRole).HasMaxLength(20);
            e.Property(a => a.StaffCode).HasMaxLength(40);
            e.Property(a => a.Action).HasMaxLength(40);
            e.Property(a => a.Field).HasMaxLength(40);
            e.Property(a => a.Hash).HasMaxLength(64);
            e.Ignore(a => a.Content);
            Time(e.Property(a => a.At));
            // The sequence is the chain's order; a second writer with the same number fails instead of forking it.
            e.HasIndex(a => new { a.CycleId, a.Sequence }).IsUnique();
            e.HasIndex(a => a.EvaluationId);
        });
    }

    /// <summary>
    /// Refuses to save a change to or removal of an audit entry: the trail only grows. (The hash
    /// chain shows any change made behind the application's back.)
    /// </summary>
    public static void RefuseAuditRewrites(ChangeTracker tracker)
    {
        if (tracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted)
            || tracker.Entries<EvaluationResult>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit entries and published results are append-only.");
        }
    }

    private static void Points(PropertyBuilder<decimal?> p) => p.HasPrecision(6, 2);

    private static ValueConverter<T, string> Json<T>() => new(
        v => JsonSerializer.Serialize(v, JsonOptions),
        s => JsonSerializer.Deserialize<T>(s, JsonOptions)!);
}
