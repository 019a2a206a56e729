using System.Text.Json;
using GovKpi.Core.Collective;
using GovKpi.Core.KpiLibrary;
using GovKpi.Data.Measurement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GovKpi.Data.Collective;

/// <summary>
/// Tables of collective KPIs (ADR 0017): the province's yearly objectives, the units' targets
/// under them, and the fields deputies are in charge of. Collective KPI sets live in
/// <c>kpi_sets</c> beside the positions' ones, told apart by their holder.
/// </summary>
public static class CollectiveModel
{
    /// <summary>
    /// The query filter that keeps <see cref="GovKpiDbContext.KpiSets"/> to positions' sets, as
    /// every reader written before collective sets expects; readers of collective sets ignore it
    /// (<see cref="CollectiveSets"/>).
    /// </summary>
    public const string PositionSetsOnly = "position_sets_only";

    public static IQueryable<KpiSet> CollectiveSets(this GovKpiDbContext db) =>
        db.KpiSets.IgnoreQueryFilters([PositionSetsOnly]).Where(s => s.Holder != KpiSetHolder.Position);

    public static void Configure(ModelBuilder model, bool sqlite)
    {
        model.Entity<Objective>(e =>
        {
            e.ToTable("goal_objectives");
            e.HasKey(o => o.Code);
            e.Property(o => o.Code).HasMaxLength(40);
            e.Property(o => o.Name).HasMaxLength(300);
            e.Property(o => o.KpiCode).HasMaxLength(60);
            e.Property(o => o.ProvinceTarget).HasPrecision(18, 6);
            e.Property(o => o.RecordedBy).HasMaxLength(100);
            e.Property(o => o.RecordedAt).HasConversion(MeasurementModel.Instants(sqlite));
            e.HasIndex(o => new { o.Year, o.KpiCode }).IsUnique();
        });

        model.Entity<UnitTarget>(e =>
        {
            e.ToTable("goal_unit_targets");
            e.HasKey(t => new { t.ObjectiveCode, t.UnitCode });
            e.Property(t => t.ObjectiveCode).HasMaxLength(40);
            e.Property(t => t.UnitCode).HasMaxLength(40);
            e.Property(t => t.Target).HasPrecision(18, 6);
            e.Property(t => t.RecordedBy).HasMaxLength(100);
            e.Property(t => t.RecordedAt).HasConversion(MeasurementModel.Instants(sqlite));
            e.HasIndex(t => t.UnitCode);
        });

        model.Entity<DeputyField>(e =>
        {
            e.ToTable("deputy_fields");
            e.HasKey(f => f.StaffCode);
            e.Property(f => f.StaffCode).HasMaxLength(40);
            e.Property(f => f.UnitCodes).HasConversion(Json(), Comparer());
            e.Property(f => f.KpiCodes).HasConversion(Json(), Comparer());
            e.Property(f => f.RecordedBy).HasMaxLength(100);
            e.Property(f => f.RecordedAt).HasConversion(MeasurementModel.Instants(sqlite));
        });
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static ValueConverter<IReadOnlyList<string>, string> Json() => new(
        v => JsonSerializer.Serialize(v, JsonOptions),
        s => JsonSerializer.Deserialize<List<string>>(s, JsonOptions)!);

    private static ValueComparer<IReadOnlyList<string>> Comparer() => new(
        (a, b) => (a == null && b == null) || (a != null && b != null && a.SequenceEqual(b)),
        v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)),
        v => v.ToList());
}
