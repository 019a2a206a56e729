using System.Net;
using System.Net.Http.Json;
using GovKpi.Core.Measurement;
using GovKpi.Data;
using GovKpi.Data.Measurement;
using GovKpi.Web.Features.KpiValues;
using GovKpi.Web.Features.Measurement;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.KpiValues;

/// <summary>
/// Records pushed over real HTTP for the KPI tests, each test with its own id prefix, and the
/// check that the stored aggregates equal a full recompute.
/// </summary>
public abstract class KpiTestRecords<TApp>(TApp app) where TApp : GovKpiApp
{
    protected TApp App => app;

    protected string Prefix { get; } = "K" + Guid.NewGuid().ToString("N")[..6] + "-";

    protected void RequireDatabase() => Skip.If(App.SkipReason is not null, App.SkipReason);

    protected Dictionary<string, object?> Dossier(string id, string unit, string? handler, string received, string due,
        string? finished = null, string status = "processing", string channel = "in_person", string updated = "2099-01-01T00:00:00+07:00",
        bool staffError = false) => new()
    {
        ["dossier_id"] = Prefix + id, ["procedure_code"] = "1.001193", ["unit_code"] = unit, ["handler_code"] = handler,
        ["channel"] = channel, ["received_at"] = received, ["due_at"] = due, ["finished_at"] = finished, ["status"] = status,
        ["supplement_count"] = 0, ["staff_error_return"] = staffError, ["updated_at"] = updated,
    };

    protected object Survey(string id, string dossier, string submitted, int score) =>
        new { response_id = Prefix + id, dossier_id = Prefix + dossier, submitted_at = submitted, score };

    protected object Complaint(string id, string unit, string? staff, string received, bool upheld) =>
        new { complaint_id = Prefix + id, unit_code = unit, staff_code = staff, received_at = received, category = "attitude", upheld };

    protected static async Task PushAsync(HttpClient client, string kind, IEnumerable<object> records)
    {
        var response = await client.PostAsJsonAsync($"/api/measurement/{kind}", records);
        response.EnsureSuccessStatusCode();
        var outcome = await response.Content.ReadFromJsonAsync<PushResponse>(ApiJson.Options);
        Assert.Empty(outcome!.Errors);
    }

    /// <summary>Every stored period's rows equal <see cref="KpiComputation"/> over the stored current records.</summary>
    protected async Task AssertAggregatesEqualFullRecomputeAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var dossiers = await db.Dossiers.AsNoTracking().ToListAsync();
        var byId = dossiers.ToDictionary(d => d.DossierId);
        var surveys = await db.Surveys.AsNoTracking().ToListAsync();
        var complaints = await db.Complaints.AsNoTracking().ToListAsync();
        var stored = await db.KpiAggregates.AsNoTracking().ToListAsync();
        var periods = stored.Where(a => a.Scope == KpiScope.All).Select(a => a.Period).ToList();

        var years = dossiers.SelectMany(d => new[] { d.ReceivedAt, d.FinishedAt ?? d.ReceivedAt })
            .Concat(surveys.Select(s => s.SubmittedAt)).Concat(complaints.Select(c => c.ReceivedAt))
            .Select(KpiAggregateStore.LocalYear).Distinct();
        Assert.All(years, y => Assert.Contains(ReportingPeriod.Year(y), periods));

        foreach (var period in periods)
        {
            var computation = new KpiComputation(period, 0);
            dossiers.ForEach(computation.AddDossier);
            surveys.ForEach(s => computation.AddSurvey(s, byId.GetValueOrDefault(s.DossierId)));
            complaints.ForEach(computation.AddComplaint);
            var expected = computation.Units.Select(u => (KpiScope.Unit, u.Key, u.Value))
                .Concat(computation.Staff.Select(s => (KpiScope.Staff, s.Key, s.Value)))
                .Append((KpiScope.All, "", computation.TallyOfAll))
                .ToDictionary(e => (e.Item1, e.Item2), e => e.Item3);
            var actual = stored.Where(a => a.PeriodFrom == period.From && a.PeriodTo == period.To).ToDictionary(a => (a.Scope, a.Code), a => a.ToTally());
            Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
            foreach (var (key, tally) in expected)
            {
                Assert.True(tally.Equals(actual[key]), $"{period} {key}: stored tally differs from a full recompute");
            }
        }
    }
}
