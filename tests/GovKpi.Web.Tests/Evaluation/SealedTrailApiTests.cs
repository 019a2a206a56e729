using System.Net.Http.Json;
using GovKpi.Core.Access;
using GovKpi.Core.Audit;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.KpiLibrary;
using GovKpi.Data;
using GovKpi.Data.Audit;
using GovKpi.Web.Features.Evaluation;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Evaluation;

/// <summary>
/// The sealed trails through the web app: what it saves is sealed with the key beside its data,
/// and the API's <c>chainIntact</c> is the verdict of <c>govkpi audit verify</c> (one rule), so a
/// trail cut or recomputed behind the application's back reads broken there too.
/// </summary>
public abstract class SealedTrailApiTests<TApp>(TApp app) where TApp : GovKpiApp
{
    private static readonly DateTimeOffset RatedAt = new(2026, 4, 3, 9, 0, 0, TimeSpan.FromHours(7));

    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    /// <summary>Two people of the service centre rated (one save) and published (another), as the evaluation desk saves them.</summary>
    private async Task<EvaluationCycle> PublishedCycleAsync(int month)
    {
        var cycle = new EvaluationCycle
        {
            Id = Guid.NewGuid(), UnitCode = "C1-TT", UnitName = "Trung tâm Phục vụ hành chính công xã Ninh Hòa Mới", AgencyCode = "C1",
            PeriodKind = PeriodKind.Month, PeriodFrom = new(2025, month, 1), PeriodTo = new DateOnly(2025, month, 1).AddMonths(1),
            Policy = EvaluationPolicy.Decree335, Stage = CycleStage.Approved, Deadlines = StageDeadlines.Default(new(2025, month, 20)),
            OpenedBy = "hr", OpenedAt = RatedAt,
        };
        var manager = new AuditActor("manager", "Nguyễn Văn Hải", Role.Manager);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
            var people = new[] { ("S001", 82m), ("S002", 68m) }.Select(p => new StaffEvaluation
            {
                Id = Guid.NewGuid(), CycleId = cycle.Id, StaffCode = p.Item1, StaffName = p.Item1, UnitCode = cycle.UnitCode, PositionCode = "CV",
                GeneralPoints = 25, TaskPoints = p.Item2 - 25, Level = cycle.Policy.Bands.LevelOf(p.Item2), LevelReason = ClassificationReason.Band,
            }).ToList();
            var rating = new AuditTrail(cycle, manager, RatedAt);
            foreach (var person in people)
            {
                rating.Change(AuditActions.Rated, person, "score", null, person.GeneralPoints + person.TaskPoints, "Theo kết quả KPI");
                person.Score = person.GeneralPoints + person.TaskPoints;
            }

            db.EvaluationCycles.Add(cycle);
            db.Evaluations.AddRange(people);
            db.EvaluationAudit.AddRange(rating.Entries);
            await db.SaveChangesAsync();
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
            var stored = await db.EvaluationCycles.SingleAsync(c => c.Id == cycle.Id);
            var publication = new AuditTrail(stored, manager, RatedAt.AddDays(5));
            stored.Stage = CycleStage.Published;
            db.EvaluationResults.AddRange(Publication.Publish(stored, await db.Evaluations.Where(e => e.CycleId == cycle.Id).OrderBy(e => e.StaffCode).ToListAsync(), publication));
            db.EvaluationAudit.AddRange(publication.Entries);
            await db.SaveChangesAsync();
        }

        return cycle;
    }

    private async Task<AuditTrailResponse> TrailAsync(Guid cycleId)
    {
        using var auditor = await app.SignedInAsync("auditor");
        return (await auditor.GetFromJsonAsync<AuditTrailResponse>($"/api/evaluation/cycles/{cycleId}/audit", ApiJson.Options))!;
    }

    private async Task SqlAsync(FormattableString sql)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<GovKpiDbContext>().Database.ExecuteSqlInterpolatedAsync(sql);
    }

    [SkippableFact]
    public async Task The_last_entry_cut_from_a_published_cycle_reads_as_a_broken_chain_at_that_entry()
    {
        RequireDatabase();
        var cycle = await PublishedCycleAsync(month: 5);
        Assert.Equal((true, (long?)null), ((await TrailAsync(cycle.Id)).ChainIntact, (await TrailAsync(cycle.Id)).FirstBrokenSequence));

        await SqlAsync($"DELETE FROM evaluation_audit WHERE \"CycleId\" = {cycle.Id} AND \"Sequence\" = {4L}");

        var trail = await TrailAsync(cycle.Id);
        Assert.Equal((false, (long?)4), (trail.ChainIntact, trail.FirstBrokenSequence));
    }

    [SkippableFact]
    public async Task A_published_score_changed_with_the_chain_recomputed_reads_as_broken_at_the_changed_entry()
    {
        RequireDatabase();
        var cycle = await PublishedCycleAsync(month: 6);
        var entries = (await TrailAsync(cycle.Id)).Entries;
        var published = entries.Single(e => e.Action == AuditActions.ResultPublished && e.StaffCode == "S002");
        List<AuditEntry> stored;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            stored = await scope.ServiceProvider.GetRequiredService<GovKpiDbContext>().EvaluationAudit.AsNoTracking()
                .Where(a => a.CycleId == cycle.Id).OrderBy(a => a.Sequence).ToListAsync();
        }

        var previous = stored.Single(e => e.Sequence == published.Sequence - 1).Hash;
        foreach (var entry in stored.Where(e => e.Sequence >= published.Sequence))
        {
            entry.NewValue = entry.Sequence == published.Sequence ? "v1: 78 HTT" : entry.NewValue;
            entry.Hash = AuditChain.Hash(previous, entry.Content);
            previous = entry.Hash;
            await SqlAsync($"UPDATE evaluation_audit SET \"NewValue\" = {entry.NewValue}, \"Hash\" = {entry.Hash} WHERE \"Id\" = {entry.Id}");
        }

        await SqlAsync($"UPDATE evaluation_results SET \"Score\" = {78m}, \"Level\" = {"Htt"} WHERE \"EvaluationId\" = {published.EvaluationId}");

        var trail = await TrailAsync(cycle.Id);
        Assert.Equal((false, (long?)published.Sequence), (trail.ChainIntact, trail.FirstBrokenSequence));
    }

    [SkippableFact]
    public async Task A_new_KPI_definition_version_is_in_the_sealed_KPI_library_trail_with_its_author()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");

        var response = await hr.PostAsJsonAsync("/api/kpis", new
        {
            code = "sealed_on_time", nameVi = "Tỷ lệ hồ sơ đúng hạn (thử niêm phong)", nameEn = "On-time rate (sealing test)",
            kind = "Quantitative", formulaRef = "on_time_rate", unitOfMeasure = "%", direction = "HigherIsBetter",
            target = 95, dataSource = "dossiers", period = "Month", effectiveFrom = "2026-01-01",
        });

        response.EnsureSuccessStatusCode();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var entry = await db.KpiLibraryAudit.AsNoTracking().SingleAsync(a => a.Subject == "sealed_on_time");
        Assert.Equal((KpiLibraryActions.DefinitionCreated, "hr", "Hr"), (entry.Action, entry.Actor, entry.ActorRole));
        Assert.Null(entry.Before);
        Assert.Contains("\"target\":95", entry.After);
        var ring = scope.ServiceProvider.GetRequiredService<DatabaseOptions>().AuditKeys.Ring();
        var reports = await AuditVerifier.VerifyAllAsync(db, ring, CancellationToken.None);
        Assert.True(reports.Single(r => r.Scope == AuditScopes.KpiLibrary).Intact);
    }
}

public sealed class SqliteSealedTrailApiTests(SqliteApp app) : SealedTrailApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresSealedTrailApiTests(PostgresApp app) : SealedTrailApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
