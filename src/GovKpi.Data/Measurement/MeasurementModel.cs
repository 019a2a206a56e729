using System.Linq.Expressions;
using GovKpi.Core.Measurement;
using GovKpi.Data.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Contract = GovKpi.Data.Files.RecordDefinitions;

namespace GovKpi.Data.Measurement;

/// <summary>
/// Tables of the operational records (CONTRACTS.md) and of their imports.
/// </summary>
/// <remarks>
/// <para>Columns are named as the contract columns (<c>dossier_id</c>, <c>updated_at</c>): the import
/// writes these tables with hand-written set-based SQL on both providers, and people query them
/// with the contract in hand.</para>
/// <para>Times are instants. PostgreSQL stores them as <c>timestamptz</c> (UTC); SQLite as INTEGER
/// microseconds since 1970-01-01 UTC, because SQLite has no time type and text with mixed
/// offsets would compare wrongly. Both read back at UTC; show them with <c>VietnamTime</c>.</para>
/// <para>Every version of a dossier is kept in <c>dossier_versions</c> (key dossier_id + updated_at);
/// <c>dossiers</c> holds the current (latest) version of each, with the indexes KPI queries
/// need. Both map the Core record <see cref="DossierVersion"/> (ADR 0003) as shared-type entities.</para>
/// </remarks>
public static class MeasurementModel
{
    public const string DossierVersionsTable = "dossier_versions";
    public const string CurrentDossiersTable = "dossiers";
    public const string BatchColumn = "batch_id";
    /// <summary>Per-period KPI tallies (<see cref="StoredKpiTally"/>), maintained by <see cref="KpiAggregateStore"/>.</summary>
    public const string KpiAggregatesTable = "kpi_aggregates";

    private static readonly long UnixEpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    /// <summary>The SQLite storage of an instant: microseconds since the Unix epoch, UTC.</summary>
    public static long ToSqlite(DateTimeOffset instant) => (instant.UtcTicks - UnixEpochTicks) / TimeSpan.TicksPerMicrosecond;

    public static DateTimeOffset FromSqlite(long microseconds) => new(UnixEpochTicks + microseconds * TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);

    /// <summary>An instant as both providers store it: in whole microseconds (the import writes PostgreSQL's from the same number).</summary>
    public static DateTimeOffset AsStored(DateTimeOffset instant) => FromSqlite(ToSqlite(instant));

    private static readonly ValueConverter<DateTimeOffset, long> SqliteInstants = new(v => ToSqlite(v), v => FromSqlite(v));
    private static readonly ValueConverter<DateTimeOffset, DateTimeOffset> UtcInstants = new(v => v.ToUniversalTime(), v => v);

    /// <summary>
    /// How an instant is stored: in SQLite as <see cref="ToSqlite"/> microseconds (so that it sorts
    /// and compares in SQL), in PostgreSQL as <c>timestamptz</c>, which takes UTC only.
    /// </summary>
    public static ValueConverter Instants(bool sqlite) => sqlite ? SqliteInstants : UtcInstants;

    /// <summary>A record column named and bounded as the kind's definition says (<see cref="RecordDefinitions"/>).</summary>
    private static PropertyBuilder<TProperty> Column<TEntity, TProperty>(EntityTypeBuilder<TEntity> entity, Expression<Func<TEntity, TProperty>> property,
        RecordDefinition definition, int column) where TEntity : class
    {
        var contract = definition.Columns[column];
        var builder = entity.Property(property).HasColumnName(contract.Name);
        return contract.MaxLength > 0 ? builder.HasMaxLength(contract.MaxLength) : builder;
    }

    public static void Configure(ModelBuilder model, bool sqlite)
    {
        void Time(PropertyBuilder<DateTimeOffset> p) => p.HasConversion(Instants(sqlite));
        void NullableTime(PropertyBuilder<DateTimeOffset?> p) => p.HasConversion(Instants(sqlite));

        void Dossier(EntityTypeBuilder<DossierVersion> e)
        {
            Column(e, d => d.DossierId, Contract.Dossiers, Contract.Dossier.DossierId);
            Column(e, d => d.ProcedureCode, Contract.Dossiers, Contract.Dossier.ProcedureCode);
            Column(e, d => d.UnitCode, Contract.Dossiers, Contract.Dossier.UnitCode);
            Column(e, d => d.HandlerCode, Contract.Dossiers, Contract.Dossier.HandlerCode);
            Column(e, d => d.Channel, Contract.Dossiers, Contract.Dossier.Channel).HasConversion(ChannelCodes);
            Column(e, d => d.ReceivedAt, Contract.Dossiers, Contract.Dossier.ReceivedAt);
            Column(e, d => d.DueAt, Contract.Dossiers, Contract.Dossier.DueAt);
            Column(e, d => d.FinishedAt, Contract.Dossiers, Contract.Dossier.FinishedAt);
            Column(e, d => d.Status, Contract.Dossiers, Contract.Dossier.Status).HasConversion(StatusCodes);
            Column(e, d => d.SupplementCount, Contract.Dossiers, Contract.Dossier.SupplementCount);
            Column(e, d => d.StaffErrorReturn, Contract.Dossiers, Contract.Dossier.StaffErrorReturn);
            Column(e, d => d.UpdatedAt, Contract.Dossiers, Contract.Dossier.UpdatedAt);
            Time(e.Property(d => d.ReceivedAt));
            Time(e.Property(d => d.DueAt));
            NullableTime(e.Property(d => d.FinishedAt));
            Time(e.Property(d => d.UpdatedAt));
            // The batch that stored this row: every value can be traced to its import.
            e.Property<Guid>(BatchColumn).HasColumnName(BatchColumn);
        }

        model.SharedTypeEntity<DossierVersion>(DossierVersionsTable, e =>
        {
            e.ToTable(DossierVersionsTable);
            Dossier(e);
            e.HasKey(d => new { d.DossierId, d.UpdatedAt });
        });

        model.SharedTypeEntity<DossierVersion>(CurrentDossiersTable, e =>
        {
            e.ToTable(CurrentDossiersTable);
            Dossier(e);
            e.HasKey(d => d.DossierId);
            // The records of one unit or one person (KPI values of a custom range, explanations).
            // No index on the times: KPI values of calendar periods come from kpi_aggregates, and
            // the few queries by time scan a million rows in about 0.1 s, while every index costs a
            // bulk import 0.6 – 1.2 s to build (docs/PERFORMANCE.md, Import).
            e.HasIndex(d => d.UnitCode);
            e.HasIndex(d => d.HandlerCode);
        });

        model.Entity<SurveyResponse>(e =>
        {
            e.ToTable("surveys");
            e.HasKey(s => s.ResponseId);
            Column(e, s => s.ResponseId, Contract.Surveys, Contract.Survey.ResponseId);
            Column(e, s => s.DossierId, Contract.Surveys, Contract.Survey.DossierId);
            Column(e, s => s.SubmittedAt, Contract.Surveys, Contract.Survey.SubmittedAt);
            Time(e.Property(s => s.SubmittedAt));
            Column(e, s => s.Score, Contract.Surveys, Contract.Survey.Score);
            e.Property<Guid>(BatchColumn).HasColumnName(BatchColumn);
            e.HasIndex(s => s.DossierId);
            e.HasIndex(s => s.SubmittedAt);
        });

        model.Entity<Complaint>(e =>
        {
            e.ToTable("complaints");
            e.HasKey(c => c.ComplaintId);
            Column(e, c => c.ComplaintId, Contract.Complaints, Contract.Complaint.ComplaintId);
            Column(e, c => c.UnitCode, Contract.Complaints, Contract.Complaint.UnitCode);
            Column(e, c => c.StaffCode, Contract.Complaints, Contract.Complaint.StaffCode);
            Column(e, c => c.DossierId, Contract.Complaints, Contract.Complaint.DossierId);
            Column(e, c => c.ReceivedAt, Contract.Complaints, Contract.Complaint.ReceivedAt);
            Time(e.Property(c => c.ReceivedAt));
            Column(e, c => c.Category, Contract.Complaints, Contract.Complaint.Category).HasConversion(CategoryCodes);
            Column(e, c => c.Upheld, Contract.Complaints, Contract.Complaint.Upheld);
            e.Property<Guid>(BatchColumn).HasColumnName(BatchColumn);
            e.HasIndex(c => c.UnitCode);
            e.HasIndex(c => c.StaffCode);
            e.HasIndex(c => c.ReceivedAt);
        });

        model.Entity<CalendarException>(e =>
        {
            e.ToTable("calendar_exceptions");
            e.HasKey(c => c.Date);
            Column(e, c => c.Date, Contract.Calendar, Contract.CalendarDay.Date);
            Column(e, c => c.Kind, Contract.Calendar, Contract.CalendarDay.Kind).HasConversion(KindCodes);
            e.Property<Guid>(BatchColumn).HasColumnName(BatchColumn);
        });

        model.Entity<StoredKpiTally>(e =>
        {
            e.ToTable(KpiAggregatesTable);
            e.HasKey(a => new { a.PeriodFrom, a.PeriodTo, a.Scope, a.Code });
            e.Property(a => a.PeriodFrom).HasColumnName("period_from");
            e.Property(a => a.PeriodTo).HasColumnName("period_to");
            e.Property(a => a.Scope).HasColumnName("scope").HasMaxLength(10);
            e.Property(a => a.Code).HasColumnName("code").HasMaxLength(40);
            e.Property(a => a.Finished).HasColumnName("finished");
            e.Property(a => a.FinishedOnTime).HasColumnName("finished_on_time");
            e.Property(a => a.OpenLate).HasColumnName("open_late");
            e.Property(a => a.FinishedWithStaffError).HasColumnName("finished_with_staff_error");
            e.Property(a => a.Completed).HasColumnName("completed");
            e.Property(a => a.Withdrawn).HasColumnName("withdrawn");
            e.Property(a => a.Received).HasColumnName("received");
            e.Property(a => a.ReceivedOnline).HasColumnName("received_online");
            e.Property(a => a.Surveys).HasColumnName("surveys");
            e.Property(a => a.SurveyScoreSum).HasColumnName("survey_score_sum");
            e.Property(a => a.UpheldComplaints).HasColumnName("upheld_complaints");
            e.Ignore(a => a.Period);
        });

        model.Entity<ImportBatch>(e =>
        {
            e.ToTable("import_batches");
            e.Property(b => b.Source).HasConversion<string>().HasMaxLength(20);
            e.Property(b => b.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(b => b.FileName).HasMaxLength(400);
            e.Property(b => b.ImportedBy).HasMaxLength(100);
            Time(e.Property(b => b.StartedAt));
            Time(e.Property(b => b.FinishedAt));
            e.HasIndex(b => b.StartedAt);
        });

        model.Entity<QuarantinedRow>(e =>
        {
            e.ToTable("quarantined_rows");
            e.Property(q => q.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(q => q.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(q => q.File).HasMaxLength(400);
            e.Property(q => q.Column).HasMaxLength(60);
            e.Property(q => q.ResolvedBy).HasMaxLength(100);
            NullableTime(e.Property(q => q.ResolvedAt));
            e.HasIndex(q => new { q.Status, q.Id });
            e.HasIndex(q => q.BatchId);
        });
    }

    // Enumerations are stored as the contract's words, so the tables read like the files.
    private static readonly ValueConverter<DossierChannel, string> ChannelCodes = new(v => ContractCodes.Code(v), s => Channel(s));
    private static readonly ValueConverter<DossierStatus, string> StatusCodes = new(v => ContractCodes.Code(v), s => Status(s));
    private static readonly ValueConverter<ComplaintCategory, string> CategoryCodes = new(v => ContractCodes.Code(v), s => Category(s));
    private static readonly ValueConverter<CalendarDayKind, string> KindCodes = new(v => ContractCodes.Code(v), s => Kind(s));

    private static DossierChannel Channel(string s) => ContractCodes.TryParseDossierChannel(s, out var v) ? v : throw Stored(s);
    private static DossierStatus Status(string s) => ContractCodes.TryParseDossierStatus(s, out var v) ? v : throw Stored(s);
    private static ComplaintCategory Category(string s) => ContractCodes.TryParseComplaintCategory(s, out var v) ? v : throw Stored(s);
    private static CalendarDayKind Kind(string s) => ContractCodes.TryParseCalendarDayKind(s, out var v) ? v : throw Stored(s);
    private static InvalidOperationException Stored(string s) => new($"The database holds '{s}', which is not a word of the contract.");
}
