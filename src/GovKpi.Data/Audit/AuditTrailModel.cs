using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.Tasks;
using GovKpi.Data.Accounts;
using GovKpi.Data.Measurement;
using GovKpi.Data.Organisation;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Data.Audit;

/// <summary>
/// The leave trail, and an index on the time of every trail the auditor's page reads newest first
/// (each source asks for its newest lines: without the index each request sorts the whole trail).
/// </summary>
public static class AuditTrailModel
{
    public static void Configure(ModelBuilder model, bool sqlite)
    {
        model.Entity<LeaveAuditEntry>(e =>
        {
            e.ToTable("leave_audit");
            e.HasKey(x => x.Id);
            e.Property(x => x.StaffCode).HasMaxLength(40);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.RecordedBy).HasMaxLength(100);
            e.Property(x => x.RecordedAt).HasConversion(MeasurementModel.Instants(sqlite));
            e.HasIndex(x => x.RecordedAt);
            e.HasIndex(x => x.StaffCode);
        });

        model.Entity<AuditEntry>().HasIndex(x => x.At);
        model.Entity<OrganisationAuditRecord>().HasIndex(x => x.At);
        model.Entity<AccountAuditEntry>().HasIndex(x => x.At);
        model.Entity<TaskAuditEntry>().HasIndex(x => x.At);
    }
}
