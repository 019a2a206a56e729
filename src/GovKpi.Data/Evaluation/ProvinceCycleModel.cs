using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Data.Measurement;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Data.Evaluation;

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
