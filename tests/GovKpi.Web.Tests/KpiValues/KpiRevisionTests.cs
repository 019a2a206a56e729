using System.Net;
using System.Net.Http.Json;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;
using GovKpi.Web.Features.Assistant;
using GovKpi.Web.Features.KpiValues;
using GovKpi.Web.Tests.Infrastructure;

namespace GovKpi.Web.Tests.KpiValues;

/// <summary>
/// A KPI's target revised from a date inside a year (issue 10): every period is judged against
/// the definition in force at its start. The revision changes the library, so the class has a
/// database of its own.
/// </summary>
public abstract class KpiRevisionTests<TApp>(TApp app) : KpiTestRecords<TApp>(app) where TApp : GovKpiApp
{
    /// <summary>One dossier on time and one late in the quarter starting <paramref name="month"/>: 50 % on time.</summary>
    private async Task PushHalfOnTimeAsync(HttpClient hr, string id, int month)
    {
        var m = month.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        await PushAsync(hr, "dossiers",
        [
            Dossier(id + "A", "C2-TT", "S004", $"2026-{m}-02T08:00:00+07:00", $"2026-{m}-09T17:00:00+07:00", $"2026-{m}-06T10:00:00+07:00", "processed", updated: "2026-11-15T00:00:00+07:00"),
            Dossier(id + "B", "C2-TT", "S004", $"2026-{m}-03T08:00:00+07:00", $"2026-{m}-10T17:00:00+07:00", $"2026-{m}-20T10:00:00+07:00", "processed", updated: "2026-11-15T00:00:00+07:00"),
        ]);
    }

    private static async Task<ForecastResponse> ForecastAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/assistant/forecast?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ForecastResponse>(ApiJson.Options))!;
    }

    [SkippableFact]
    public async Task After_a_mid_year_target_revision_values_and_forecasts_of_a_period_before_the_date_keep_the_old_target_and_after_it_take_the_new()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        var old = (await hr.GetFromJsonAsync<List<KpiDefinition>>("/api/kpis/on_time_rate", ApiJson.Options))!.Single();
        await PushHalfOnTimeAsync(hr, "Q1", 2);
        await PushHalfOnTimeAsync(hr, "Q3", 8);

        var revised = await hr.PostAsJsonAsync("/api/kpis", new
        {
            code = "on_time_rate", nameVi = old.NameVi, nameEn = old.NameEn, kind = "Quantitative", formulaRef = "on_time_rate",
            unitOfMeasure = old.UnitOfMeasure, direction = "HigherIsBetter", target = 40, warningThreshold = 35, criticalThreshold = 30,
            dataSource = old.DataSource, period = "Month", effectiveFrom = "2026-07-01",
        });
        Assert.Equal(HttpStatusCode.Created, revised.StatusCode);

        var q1 = (await hr.GetFromJsonAsync<KpiTableResponse>("/api/kpis/values?scope=unit&code=C2-TT&from=2026-01-01&to=2026-04-01", ApiJson.Options))!
            .Values.Single(v => v.Kpi == "on_time_rate");
        var q3 = (await hr.GetFromJsonAsync<KpiTableResponse>("/api/kpis/values?scope=unit&code=C2-TT&from=2026-07-01&to=2026-10-01", ApiJson.Options))!
            .Values.Single(v => v.Kpi == "on_time_rate");

        Assert.Equal(("50,0 %", "50,0 %"), (q1.Display, q3.Display));
        Assert.Equal(old.Target, q1.Target);
        Assert.Equal(KpiStatus.Red, q1.Status);
        Assert.Equal(40m, q3.Target);
        Assert.Equal(KpiStatus.Green, q3.Status);

        var february = await ForecastAsync(hr, "scope=unit&code=C2-TT&period=2026-02&asOf=2026-02-15");
        var august = await ForecastAsync(hr, "scope=unit&code=C2-TT&period=2026-08&asOf=2026-08-15");
        Assert.Equal((double?)(old.Target / 100), february.Values.Single(v => v.Kpi == "on_time_rate").Target);
        Assert.Equal(0.4, august.Values.Single(v => v.Kpi == "on_time_rate").Target);

        var page = WebUtility.HtmlDecode(await hr.GetStringAsync("/kpis/values?scope=unit&code=C2-TT&kind=quarter&y=2026&q=3"));
        Assert.Contains(q3.TargetDisplay, page);
    }
}

public sealed class SqliteKpiRevisionTests(SqliteApp app) : KpiRevisionTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresKpiRevisionTests(PostgresApp app) : KpiRevisionTests<PostgresApp>(app), IClassFixture<PostgresApp>;
