using GovKpi.Core.Workforce;
using GovKpi.Data.Measurement;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Data.Workforce;

/// <summary>Workload norms, skill requirements and secondment plans (issue 14).</summary>
public static class WorkforceModel
{
    public const int CodeLength = 40;
    public const int SkillLength = 100;
    public const int TitleLength = 300;
    public const int TextLength = 2000;

    /// <param name="sqlite">The plan trail's instants are stored as SQLite can order them (<see cref="MeasurementModel.Instants"/>).</param>
    public static void Configure(ModelBuilder model, bool sqlite)
    {
        model.Entity<WorkloadNorm>(e =>
        {
            e.ToTable("workload_norms");
            e.HasKey(n => n.PositionCode);
            e.Property(n => n.PositionCode).HasMaxLength(CodeLength);
            e.Property(n => n.DossiersPerDay).HasPrecision(9, 3);
            e.Property(n => n.StandardProductsPerDay).HasPrecision(9, 3);
        });

        model.Entity<PositionSkill>(e =>
        {
            e.ToTable("position_skills");
            e.HasKey(p => new { p.PositionCode, p.Skill });
            e.Property(p => p.PositionCode).HasMaxLength(CodeLength);
            e.Property(p => p.Skill).HasMaxLength(SkillLength);
        });

        model.Entity<ProcedureSkill>(e =>
        {
            e.ToTable("procedure_skills");
            e.HasKey(p => new { p.ProcedureCode, p.Skill });
            e.Property(p => p.ProcedureCode).HasMaxLength(CodeLength);
            e.Property(p => p.Skill).HasMaxLength(SkillLength);
        });

        model.Entity<SecondmentPlan>(e =>
        {
            e.ToTable("secondment_plans");
            e.HasKey(p => p.Id);
            e.Property(p => p.Id).HasMaxLength(CodeLength);
            e.Property(p => p.Title).HasMaxLength(TitleLength);
            e.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.CreatedBy).HasMaxLength(100);
            e.Property(p => p.CreatedAt).HasConversion(MeasurementModel.Instants(sqlite));
            e.Property(p => p.DecidedBy).HasMaxLength(100);
            e.Property(p => p.DecidedAt).HasConversion(MeasurementModel.Instants(sqlite));
            e.Property(p => p.DecisionNote).HasMaxLength(TextLength);
            e.Property(p => p.Revision).IsConcurrencyToken();
            e.HasMany(p => p.Lines).WithOne().HasForeignKey(l => l.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(p => p.CreatedAt);
        });

        model.Entity<SecondmentPlanLine>(e =>
        {
            e.ToTable("secondment_plan_lines");
            e.HasKey(l => l.Id);
            e.Property(l => l.PlanId).HasMaxLength(CodeLength);
            e.Property(l => l.StaffCode).HasMaxLength(CodeLength);
            e.Property(l => l.FromUnitCode).HasMaxLength(CodeLength);
            e.Property(l => l.ToUnitCode).HasMaxLength(CodeLength);
            e.Property(l => l.Reason).HasMaxLength(TextLength);
            e.HasIndex(l => new { l.PlanId, l.Number }).IsUnique();
        });

        model.Entity<SecondmentPlanAuditEntry>(e =>
        {
            e.ToTable("secondment_plan_audit");
            e.HasKey(a => a.Id);
            e.Property(a => a.PlanId).HasMaxLength(CodeLength);
            e.Property(a => a.Action).HasMaxLength(20);
            e.Property(a => a.Actor).HasMaxLength(100);
            e.Property(a => a.At).HasConversion(MeasurementModel.Instants(sqlite));
            e.HasIndex(a => a.PlanId);
        });
    }
}
