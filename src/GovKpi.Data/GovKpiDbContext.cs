using System.Text.Json;
using GovKpi.Core.Audit;
using GovKpi.Core.Collective;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;
using GovKpi.Core.Organisation;
using GovKpi.Core.Tasks;
using GovKpi.Data.Accounts;
using GovKpi.Data.Alerts;
using GovKpi.Data.Assistant;
using GovKpi.Data.Audit;
using GovKpi.Data.Collective;
using GovKpi.Data.DelegatedTasks;
using GovKpi.Data.FieldWork;
using GovKpi.Data.Evaluation;
using GovKpi.Data.Installation;
using GovKpi.Data.Measurement;
using GovKpi.Data.Notifications;
using GovKpi.Data.Organisation;
using GovKpi.Data.Tasks;
using GovKpi.Data.Uploads;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GovKpi.Data;

/// <summary>
/// The one database of the product, used directly as unit of work (no repositories on top).
/// The same model serves SQLite and PostgreSQL; each provider has its own migrations assembly.
/// </summary>
public sealed class GovKpiDbContext(DbContextOptions<GovKpiDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<UnitLineage> UnitLineage => Set<UnitLineage>();
    public DbSet<JobPosition> JobPositions => Set<JobPosition>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<KpiDefinition> KpiDefinitions => Set<KpiDefinition>();
    public DbSet<KpiSet> KpiSets => Set<KpiSet>();
    public DbSet<UserAccount> Accounts => Set<UserAccount>();
    /// <summary>Every dated placement of every staff member (unit, position, role); <see cref="Staff"/> holds the latest.</summary>
    public DbSet<StaffPlacement> StaffHistory => Set<StaffPlacement>();
    /// <summary>The append-only audit trail of organisation changes (imports, pages, API).</summary>
    public DbSet<OrganisationAuditRecord> OrganisationAudit => Set<OrganisationAuditRecord>();
    public DbSet<AccountSession> AccountSessions => Set<AccountSession>();
    public DbSet<AccountSetupToken> AccountSetupTokens => Set<AccountSetupToken>();
    /// <summary>The append-only audit trail of account changes.</summary>
    public DbSet<AccountAuditEntry> AccountAudit => Set<AccountAuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<InstallationFact> InstallationFacts => Set<InstallationFact>();

    /// <summary>Every version of every dossier ever imported (key dossier_id + updated_at).</summary>
    public DbSet<DossierVersion> DossierVersions => Set<DossierVersion>(MeasurementModel.DossierVersionsTable);
    /// <summary>The current (latest) version of each dossier.</summary>
    public DbSet<DossierVersion> Dossiers => Set<DossierVersion>(MeasurementModel.CurrentDossiersTable);
    public DbSet<SurveyResponse> Surveys => Set<SurveyResponse>();
    public DbSet<GovKpi.Data.Surveys.SurveyPageResponse> SurveyPageResponses => Set<GovKpi.Data.Surveys.SurveyPageResponse>();
    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<CalendarException> CalendarExceptions => Set<CalendarException>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<QuarantinedRow> Quarantine => Set<QuarantinedRow>();
    /// <summary>Uploaded imports, queued, running or ended, shared by every node.</summary>
    public DbSet<GovKpi.Core.Uploads.UploadJob> UploadJobs => Set<GovKpi.Core.Uploads.UploadJob>();
    /// <summary>Stored KPI tallies per calendar period and scope, kept up to date by every import.</summary>
    public DbSet<StoredKpiTally> KpiAggregates => Set<StoredKpiTally>();

    public DbSet<AssistantDraft> AssistantDrafts => Set<AssistantDraft>();
    public DbSet<AssistantExchange> AssistantExchanges => Set<AssistantExchange>();
    public DbSet<AssistantDocument> AssistantDocuments => Set<AssistantDocument>();
    public DbSet<EvaluationCycle> EvaluationCycles => Set<EvaluationCycle>();
    public DbSet<StaffEvaluation> Evaluations => Set<StaffEvaluation>();
    /// <summary>Every published version of every result; never changed.</summary>
    public DbSet<EvaluationResult> EvaluationResults => Set<EvaluationResult>();
    public DbSet<FeedbackRespondent> FeedbackRespondents => Set<FeedbackRespondent>();
    public DbSet<FeedbackAnswerRow> FeedbackAnswers => Set<FeedbackAnswerRow>();
    public DbSet<EvaluationAppeal> EvaluationAppeals => Set<EvaluationAppeal>();
    public DbSet<EvaluationComment> EvaluationComments => Set<EvaluationComment>();
    /// <summary>The append-only, hash-chained audit trail of the evaluation cycles.</summary>
    public DbSet<AuditEntry> EvaluationAudit => Set<AuditEntry>();
    public DbSet<LeaveEntry> Leave => Set<LeaveEntry>();
    public DbSet<LeaveAuditEntry> LeaveAudit => Set<LeaveAuditEntry>();
    public DbSet<RespondentRequest> RespondentRequests => Set<RespondentRequest>();
    public DbSet<DelegatedTaskRecord> DelegatedTasks => Set<DelegatedTaskRecord>();
    public DbSet<DelegatedTaskReportRecord> DelegatedTaskReports => Set<DelegatedTaskReportRecord>();
    public DbSet<DelegatedTaskUnitRecord> DelegatedTaskUnits => Set<DelegatedTaskUnitRecord>();
    public DbSet<DelegatedTaskExtensionRecord> DelegatedTaskExtensions => Set<DelegatedTaskExtensionRecord>();
    public DbSet<DelegatedTaskEvidenceRecord> DelegatedTaskEvidence => Set<DelegatedTaskEvidenceRecord>();
    public DbSet<DelegatedTaskInspectionRecord> DelegatedTaskInspections => Set<DelegatedTaskInspectionRecord>();
    public DbSet<DelegatedTaskFindingRecord> DelegatedTaskFindings => Set<DelegatedTaskFindingRecord>();
    public DbSet<GovKpi.Core.FieldWork.FieldSession> FieldSessions => Set<GovKpi.Core.FieldWork.FieldSession>();
    public DbSet<GovKpi.Core.FieldWork.CitizenMeeting> CitizenMeetings => Set<GovKpi.Core.FieldWork.CitizenMeeting>();
    public DbSet<GovKpi.Core.FieldWork.CitizenIssue> CitizenIssues => Set<GovKpi.Core.FieldWork.CitizenIssue>();
    public DbSet<DelegatedTaskFollowUpRecord> DelegatedTaskFollowUps => Set<DelegatedTaskFollowUpRecord>();
    public DbSet<DelegatedTaskAuditEntry> DelegatedTaskAudit => Set<DelegatedTaskAuditEntry>();
    /// <summary>Every version of every task type of every agency's catalogue.</summary>
    public DbSet<TaskTypeRecord> TaskTypes => Set<TaskTypeRecord>();
    public DbSet<TaskAssignment> TaskAssignments => Set<TaskAssignment>();
    public DbSet<TaskDiaryEntry> TaskDiary => Set<TaskDiaryEntry>();
    /// <summary>The append-only audit trail of assigned tasks.</summary>
    public DbSet<TaskAuditEntry> TaskAudit => Set<TaskAuditEntry>();
    public DbSet<QuarantinedTask> TaskQuarantine => Set<QuarantinedTask>();
    /// <summary>The province's yearly objectives that cascade to units and positions.</summary>
    public DbSet<Objective> Objectives => Set<Objective>();
    public DbSet<UnitTarget> UnitTargets => Set<UnitTarget>();
    public DbSet<DeputyField> DeputyFields => Set<DeputyField>();
    /// <summary>The signed head of every sealed audit trail.</summary>
    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();
    /// <summary>The append-only, sealed audit trail of KPI definitions and sets.</summary>
    public DbSet<KpiLibraryAuditEntry> KpiLibraryAudit => Set<KpiLibraryAuditEntry>();
    /// <summary>Early warnings on dossiers and tasks, raised once per item and level, closed when the item is done.</summary>
    public DbSet<AlertRecord> Alerts => Set<AlertRecord>();
    /// <summary>Every version of the warning ladder; the latest is in force.</summary>
    public DbSet<AlertPolicyRecord> AlertPolicies => Set<AlertPolicyRecord>();

    /// <summary>Every person's inbox; a <see cref="GovKpi.Core.Notifications.Notification.SourceKey"/> is stored once.</summary>
    public DbSet<GovKpi.Core.Notifications.Notification> Notifications => Set<GovKpi.Core.Notifications.Notification>();
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();
    public DbSet<NotificationDigest> NotificationDigests => Set<NotificationDigest>();
    public DbSet<GovKpi.Core.Training.TrainingCourse> TrainingCourses => Set<GovKpi.Core.Training.TrainingCourse>();
    public DbSet<GovKpi.Core.Training.TrainingSession> TrainingSessions => Set<GovKpi.Core.Training.TrainingSession>();
    public DbSet<GovKpi.Core.Training.TrainingCompletion> TrainingCompletions => Set<GovKpi.Core.Training.TrainingCompletion>();
    public DbSet<Training.TrainingCertificateRecord> TrainingCertificates => Set<Training.TrainingCertificateRecord>();
    /// <summary>The one lease of the mail round, claimed with its version checked by one node at a time.</summary>
    public DbSet<GovKpi.Core.Notifications.MailRoundLease> NotificationMailLease => Set<GovKpi.Core.Notifications.MailRoundLease>();
    public DbSet<GovKpi.Core.Workforce.WorkloadNorm> WorkloadNorms => Set<GovKpi.Core.Workforce.WorkloadNorm>();
    public DbSet<GovKpi.Core.Workforce.PositionSkill> PositionSkills => Set<GovKpi.Core.Workforce.PositionSkill>();
    public DbSet<GovKpi.Core.Workforce.ProcedureSkill> ProcedureSkills => Set<GovKpi.Core.Workforce.ProcedureSkill>();
    public DbSet<GovKpi.Core.Workforce.SecondmentPlan> SecondmentPlans => Set<GovKpi.Core.Workforce.SecondmentPlan>();
    public DbSet<GovKpi.Core.Workforce.SecondmentPlanAuditEntry> SecondmentPlanAudit => Set<GovKpi.Core.Workforce.SecondmentPlanAuditEntry>();
    /// <summary>One stamp per area of the data, moved by every change of the area (<see cref="Caching.StampedCache"/>).</summary>
    public DbSet<Caching.CacheStamp> CacheStamps => Set<Caching.CacheStamp>();

    /// <summary>SQLite page size of a new database file (SQLite's default is 4 KB).</summary>
    public const int SqlitePageSize = 16384;

    /// <summary>
    /// Applies the pending migrations. A new SQLite file is first given pages of
    /// <see cref="SqlitePageSize"/> bytes (fixed once the file has content): a bulk import of a
    /// million dossiers writes, indexes and commits its half a gigabyte about a fifth faster than
    /// with 4 KB pages (docs/PERFORMANCE.md, Import), and no query here reads a row at a time.
    /// On SQLite a migration lock left by a killed process is cleared (<see cref="SqliteMigrationLock"/>).
    /// </summary>
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        var pending = await Database.GetPendingMigrationsAsync(ct);
        await MigrateDatabaseAsync(ct);
        if (pending.Any(m => m.EndsWith("_" + ExistingTrails.MigrationName, StringComparison.Ordinal))
            && this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<AuditSealInterceptor>().FirstOrDefault() is { } sealing)
        {
            await ExistingTrails.SealAsync(this, sealing.Keys.Ring(), ct);
        }
    }

    private async Task MigrateDatabaseAsync(CancellationToken ct)
    {
        if (!Database.IsSqlite())
        {
            await Database.MigrateAsync(ct);
            return;
        }

        await Database.OpenConnectionAsync(ct);
        try
        {
            await using (var command = Database.GetDbConnection().CreateCommand())
            {
                command.CommandText = "PRAGMA page_count";
                if ((long)(await command.ExecuteScalarAsync(ct))! == 0)
                {
                    // Entering WAL writes the file's header, with the page size set just before.
                    command.CommandText = $"PRAGMA page_size = {SqlitePageSize}; PRAGMA journal_mode = WAL";
                    await command.ExecuteNonQueryAsync(ct);
                }
            }

            await SqliteMigrationLock.MigrateAsync(this, ct);
        }
        finally
        {
            await Database.CloseConnectionAsync();
        }
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Unit>(e =>
        {
            e.ToTable("units");
            e.HasKey(u => u.Code);
            e.Property(u => u.Code).HasMaxLength(40);
            e.Property(u => u.ParentCode).HasMaxLength(40);
            e.Property(u => u.NameVi).HasMaxLength(200);
            e.Property(u => u.NameEn).HasMaxLength(200);
            e.Property(u => u.Kind).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(u => u.ParentCode);
        });

        model.Entity<UnitLineage>(e =>
        {
            e.ToTable("unit_lineage");
            e.HasKey(l => new { l.PredecessorCode, l.SuccessorCode });
            e.Property(l => l.PredecessorCode).HasMaxLength(40);
            e.Property(l => l.SuccessorCode).HasMaxLength(40);
            e.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(l => l.SuccessorCode);
        });

        model.Entity<JobPosition>(e =>
        {
            e.ToTable("job_positions");
            e.HasKey(p => p.Code);
            e.Property(p => p.Code).HasMaxLength(40);
            e.Property(p => p.Group).HasConversion<string>().HasMaxLength(20);
        });

        model.Entity<StaffMember>(e =>
        {
            e.ToTable("staff");
            e.HasKey(s => s.Code);
            e.Property(s => s.Code).HasMaxLength(40);
            e.Property(s => s.UnitCode).HasMaxLength(40);
            e.Property(s => s.PositionCode).HasMaxLength(40);
            e.Property(s => s.FullName).HasMaxLength(200);
            e.Property(s => s.Type).HasConversion<string>().HasMaxLength(20);
            e.Property(s => s.Leader).HasConversion<string>().HasMaxLength(20);
            // Small value lists owned by one person: stored as JSON text, read whole.
            e.Property(s => s.Skills).HasConversion(Json<IReadOnlyList<string>>(), ListComparer<string>());
            e.Property(s => s.Secondments).HasConversion(Json<IReadOnlyList<Secondment>>(), ListComparer<Secondment>());
            e.HasIndex(s => s.UnitCode);
        });

        model.Entity<KpiDefinition>(e =>
        {
            e.ToTable("kpi_definitions");
            e.HasKey(k => new { k.Code, k.Version });
            e.Property(k => k.Code).HasMaxLength(60);
            e.Property(k => k.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(k => k.Direction).HasConversion<string>().HasMaxLength(20);
            e.Property(k => k.Period).HasConversion<string>().HasMaxLength(20);
            e.Property(k => k.Target).HasPrecision(18, 6);
            e.Property(k => k.WarningThreshold).HasPrecision(18, 6);
            e.Property(k => k.CriticalThreshold).HasPrecision(18, 6);
        });

        model.Entity<KpiSet>(e =>
        {
            e.ToTable("kpi_sets");
            e.HasKey(s => new { s.Holder, s.PositionCode, s.Version });
            e.Property(s => s.Holder).HasConversion<string>().HasMaxLength(20).HasDefaultValue(KpiSetHolder.Position).HasSentinel((KpiSetHolder)(-1));
            e.Property(s => s.PositionCode).HasMaxLength(40);
            e.HasQueryFilter(CollectiveModel.PositionSetsOnly, s => s.Holder == KpiSetHolder.Position);
            e.Property(s => s.Items).HasConversion(Json<IReadOnlyList<KpiSetItem>>(), ListComparer<KpiSetItem>());
        });

        model.Entity<UserAccount>(e =>
        {
            e.ToTable("accounts");
            e.HasIndex(a => a.UserName).IsUnique();
            e.Property(a => a.UserName).HasMaxLength(100);
            e.Property(a => a.Role).HasConversion<string>().HasMaxLength(20);
        });

        model.Entity<DataProtectionKey>().ToTable("data_protection_keys");

        MeasurementModel.Configure(model, sqlite: Database.IsSqlite());
        AssistantModel.Configure(model);
        AssistantDocument.Configure(model);
        EvaluationModel.Configure(model, sqlite: Database.IsSqlite());
        TaskScoreModel.Configure(model);
        DelegatedTaskModel.Configure(model, sqlite: Database.IsSqlite());
        GovKpi.Data.Surveys.SurveyPageModel.Configure(model, sqlite: Database.IsSqlite());
        FieldWorkModel.Configure(model, sqlite: Database.IsSqlite());
        TaskCatalogueModel.Configure(model);
        TaskAssignmentModel.Configure(model, sqlite: Database.IsSqlite());
        TaskQuarantineModel.Configure(model, sqlite: Database.IsSqlite());
        CollectiveModel.Configure(model, sqlite: Database.IsSqlite());
        OrganisationModel.Configure(model, sqlite: Database.IsSqlite());
        AuditSealModel.Configure(model, sqlite: Database.IsSqlite());
        InstallationFact.Configure(model);
        ProvinceCycleModel.Configure(model, sqlite: Database.IsSqlite());
        AccountsModel.Configure(model, sqlite: Database.IsSqlite());
        AuditTrailModel.Configure(model, sqlite: Database.IsSqlite());
        UploadJobModel.Configure(model, sqlite: Database.IsSqlite());
        AlertModel.Configure(model, sqlite: Database.IsSqlite());
        NotificationModel.Configure(model, sqlite: Database.IsSqlite());
        Training.TrainingModel.Configure(model);
        Workforce.WorkforceModel.Configure(model, sqlite: Database.IsSqlite());
        Caching.CacheStamps.Configure(model);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        EvaluationModel.RefuseAuditRewrites(ChangeTracker);
        OrganisationModel.RefuseAuditRewrites(ChangeTracker);
        AccountsModel.RefuseAuditRewrites(ChangeTracker);
        AuditSealModel.RefuseAuditRewrites(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        EvaluationModel.RefuseAuditRewrites(ChangeTracker);
        OrganisationModel.RefuseAuditRewrites(ChangeTracker);
        AccountsModel.RefuseAuditRewrites(ChangeTracker);
        AuditSealModel.RefuseAuditRewrites(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static ValueConverter<T, string> Json<T>() => new(
        v => JsonSerializer.Serialize(v, JsonOptions),
        s => JsonSerializer.Deserialize<T>(s, JsonOptions)!);

    private static ValueComparer<IReadOnlyList<T>> ListComparer<T>() => new(
        (a, b) => (a == null && b == null) || (a != null && b != null && a.SequenceEqual(b)),
        v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)),
        v => v.ToList());
}
