using System.Net;
using System.Net.Http.Json;
using GovKpi.Web.Features.KpiValues;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GovKpi.Web.Tests.KpiValues;

/// <summary>
/// KPI tables and unit scopes are kept in each node's memory under the database's stamps
/// (issue 15, item 9): every answer below is read twice before the change, so the second comes
/// from the cache, and the change must show at once, on the node that made it and on another.
/// Each test has a year and units of its own, so the class shares one database.
/// </summary>
public abstract class KpiCacheTests<TApp>(TApp app) : KpiTestRecords<TApp>(app) where TApp : GovKpiApp
{
    private static async Task<KpiTableResponse> TableAsync(HttpClient client, string query)
    {
        var first = await client.GetFromJsonAsync<KpiTableResponse>("/api/kpis/values?" + query, ApiJson.Options);
        var again = await client.GetFromJsonAsync<KpiTableResponse>("/api/kpis/values?" + query, ApiJson.Options);
        Assert.Equal(first!.Values.Select(v => (v.Kpi, v.Numerator, v.Denominator)), again!.Values.Select(v => (v.Kpi, v.Numerator, v.Denominator)));
        return again;
    }

    private static (decimal, decimal) OnTime(KpiTableResponse table)
    {
        var onTime = table.Values.Single(v => v.Kpi == "on_time_rate");
        return (onTime.Numerator, onTime.Denominator);
    }

    private async Task<HttpClient> SignedInAsync(WebApplicationFactory<Program> node, string userName)
    {
        var client = node.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName, password = App.Password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    private Dictionary<string, object?> OnTimeDossier(string id, string unit, int year) =>
        Dossier(id, unit, null, $"{year}-05-04T08:00:00+07:00", $"{year}-05-11T17:00:00+07:00", $"{year}-05-06T10:00:00+07:00", "processed");

    [SkippableFact]
    public async Task A_cached_province_value_changes_as_soon_as_records_are_imported_through_the_API()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        await PushAsync(hr, "dossiers", [OnTimeDossier("A1", "C2-TT", 2043)]);
        const string query = "scope=all&from=2043-04-01&to=2043-07-01";
        Assert.Equal((1m, 1m), OnTime(await TableAsync(hr, query)));

        await PushAsync(hr, "dossiers", [OnTimeDossier("A2", "C1-TT", 2043), OnTimeDossier("A3", "C1-TT", 2043)]);

        Assert.Equal((3m, 3m), OnTime(await TableAsync(hr, query)));
    }

    [SkippableFact]
    public async Task A_new_unit_and_a_renamed_one_show_at_once_in_the_scope_and_in_cached_values()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        var unit = Prefix + "U";
        await PushAsync(hr, "dossiers", [OnTimeDossier("B1", unit, 2042)]);
        const string subtree = "scope=subtree&code=C1&from=2042-01-01&to=2043-01-01";
        Assert.Equal((0m, 0m), OnTime(await TableAsync(hr, subtree)));
        Assert.Equal(HttpStatusCode.NotFound, (await hr.GetAsync($"/api/kpis/values?scope=unit&code={unit}&from=2042-01-01&to=2043-01-01")).StatusCode);

        (await hr.PostAsJsonAsync("/api/organisation/units",
            new { code = unit, name_vi = "Phòng Văn hóa - Xã hội", kind = "division", parent_code = "C1", effective_from = "2025-07-01" })).EnsureSuccessStatusCode();

        Assert.Equal((1m, 1m), OnTime(await TableAsync(hr, subtree)));
        var own = $"scope=unit&code={unit}&from=2042-01-01&to=2043-01-01";
        Assert.Equal("Phòng Văn hóa - Xã hội", (await TableAsync(hr, own)).Name);

        (await hr.PutAsJsonAsync($"/api/organisation/units/{unit}", new { name_vi = "Phòng Văn hóa - Thông tin" })).EnsureSuccessStatusCode();

        Assert.Equal("Phòng Văn hóa - Thông tin", (await TableAsync(hr, own)).Name);
    }

    [SkippableFact]
    public async Task A_second_node_over_the_same_database_sees_at_once_an_import_and_an_organisation_change_made_through_the_first()
    {
        RequireDatabase();
        await using var second = App.StartSecondNode();
        using var onFirst = await App.SignedInAsync("hr");
        using var onSecond = await SignedInAsync(second, "hr");
        var unit = Prefix + "N";
        const string province = "scope=all&from=2044-01-01&to=2045-01-01";
        var subtree = "scope=subtree&code=C2&from=2044-01-01&to=2045-01-01";
        await PushAsync(onFirst, "dossiers", [OnTimeDossier("N1", "C2-TT", 2044), OnTimeDossier("N2", unit, 2044)]);
        Assert.Equal((2m, 2m), OnTime(await TableAsync(onSecond, province)));
        Assert.Equal((1m, 1m), OnTime(await TableAsync(onSecond, subtree)));

        await PushAsync(onFirst, "dossiers", [OnTimeDossier("N3", "C2-TT", 2044)]);
        Assert.Equal((3m, 3m), OnTime(await TableAsync(onSecond, province)));

        (await onFirst.PostAsJsonAsync("/api/organisation/units",
            new { code = unit, name_vi = "Phòng Kinh tế", kind = "division", parent_code = "C2", effective_from = "2025-07-01" })).EnsureSuccessStatusCode();
        Assert.Equal((3m, 3m), OnTime(await TableAsync(onSecond, subtree)));
    }

    [SkippableFact]
    public async Task A_quarter_before_any_record_is_empty()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        await PushAsync(hr, "dossiers", [OnTimeDossier("Q1", "C2-TT", 2041)]);

        var table = await TableAsync(hr, "scope=all&from=2001-01-01&to=2001-04-01");

        Assert.All(table.Values.Where(v => v.Kpi != "trained_staff_share"), v => Assert.Equal(0m, v.Numerator));
        Assert.Equal("records", table.Source);
    }
}

public sealed class SqliteKpiCacheTests(SqliteApp app) : KpiCacheTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresKpiCacheTests(PostgresApp app) : KpiCacheTests<PostgresApp>(app), IClassFixture<PostgresApp>;
