using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.Evaluation;
using GovKpi.Data.Measurement;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Data.Evaluation;

/// <summary>
/// One leave recorded by HR. The key is the person, the kind and the first day, so that importing
/// the same file again changes nothing and a corrected end date replaces the old one.
/// </summary>
public sealed class LeaveEntry
{
    public required string StaffCode { get; set; }
    public LeaveKind Kind { get; set; }
    public DateOnly From { get; set; }
    /// <summary>Exclusive end.</summary>
    public DateOnly To { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    public LeaveRecord Record => new(StaffCode, Kind, From, To);
}

/// <summary>
/// A 360° respondent chosen by the unit's manager or HR for one evaluation, from anywhere in the
/// province (colleagues of the same cycle are respondents without being asked). Whether they
/// answered is only in <see cref="FeedbackRespondent"/>, never here.
/// </summary>
public sealed class RespondentRequest
{
    public Guid EvaluationId { get; set; }
    public required string RespondentCode { get; set; }
    public required string RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
}

/// <summary>Tables of province-scale cycles: leave records, 360° respondents from other units, and the home unit of a seconded person's evaluation.</summary>
public static class ProvinceCycleModel
{
    public static void Configure(ModelBuilder model, bool sqlite)
    {
        model.Entity<LeaveEntry>(e =>
        {
            e.ToTable("leave_records");
            e.HasKey(x => new { x.StaffCode, x.Kind, x.From });
            e.Property(x => x.StaffCode).HasMaxLength(40);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.RecordedBy).HasMaxLength(100);
            e.Property(x => x.RecordedAt).HasConversion(MeasurementModel.Instants(sqlite));
            e.Ignore(x => x.Record);
        });

        model.Entity<RespondentRequest>(e =>
        {
            e.ToTable("feedback_requests");
            e.HasKey(x => new { x.EvaluationId, x.RespondentCode });
            e.HasOne<StaffEvaluation>().WithMany().HasForeignKey(x => x.EvaluationId);
            e.Property(x => x.RespondentCode).HasMaxLength(40);
            e.Property(x => x.RequestedBy).HasMaxLength(100);
            e.Property(x => x.RequestedAt).HasConversion(MeasurementModel.Instants(sqlite));
            e.HasIndex(x => x.RespondentCode);
        });

        model.Entity<StaffEvaluation>(e =>
        {
            e.Property(x => x.HomeUnitCode).HasMaxLength(40);
            e.HasIndex(x => x.HomeUnitCode);
        });
    }
}
