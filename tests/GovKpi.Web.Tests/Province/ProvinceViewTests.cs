using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using GovKpi.Web.Features.KpiValues;
using GovKpi.Web.Features.Province;
using GovKpi.Web.Tests.Infrastructure;
using GovKpi.Web.Tests.KpiValues;

namespace GovKpi.Web.Tests.Province;

/// <summary>
/// The province operations view over real HTTP. May 2034 holds three dossiers: two at the service
/// centre of C1 by S001 (one on time and online, one late), one at C2's by S004 (on time, online),
/// rated 5 and 4.
/// </summary>
public abstract partial class ProvinceViewTests<TApp>(TApp app) : KpiTestRecords<TApp>(app) where TApp : GovKpiApp
{
    private const string May = "from=2034-05-01&to=2034-06-01";
    private static readonly SemaphoreSlim Seeding = new(1, 1);
    private static bool _seeded;

    private async Task SeedAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            if (_seeded)
            {
                return;
            }

            using var hr = await App.SignedInAsync("hr");
            await PushAsync(hr, "dossiers",
            [
                Dossier("P1", "C1-TT", "S001", "2034-05-04T08:00:00+07:00", "2034-05-11T17:00:00+07:00", "2034-05-08T10:00:00+07:00", "processed", "online"),
                Dossier("P2", "C1-TT", "S001", "2034-05-05T08:00:00+07:00", "2034-05-12T17:00:00+07:00", "2034-05-20T10:00:00+07:00", "result_returned"),
                Dossier("P3", "C2-TT", "S004", "2034-05-06T08:00:00+07:00", "2034-05-13T17:00:00+07:00", "2034-05-07T10:00:00+07:00", "processed", "online"),
            ]);
            await PushAsync(hr, "surveys", [Survey("PV1", "P1", "2034-05-09T09:00:00+07:00", 5), Survey("PV3", "P3", "2034-05-08T09:00:00+07:00", 4)]);
            _seeded = true;
        }
        finally
        {
            Seeding.Release();
        }
    }

    private static QualityValue Value(QualityRowResponse row, string kpi) => row.Values.Single(v => v.Kpi == kpi);

    [SkippableFact]
    public async Task The_leader_sees_each_commune_agency_and_procedure_from_the_stored_tallies_and_the_province_index()
    {
        RequireDatabase();
        await SeedAsync();
        using var leader = await App.SignedInAsync("leader");

        var view = (await leader.GetFromJsonAsync<ProvinceResponse>($"/api/province?{May}", ApiJson.Options))!;

        Assert.Equal("66,7 %", Value(view.Province, "on_time_rate").Display);
        Assert.Equal(3, view.Province.Received);
        var communes = view.Communes.ToDictionary(c => c.Code);
        Assert.Equal(("50,0 %", KpiStatus.Red), (Value(communes["C1"], "on_time_rate").Display, Value(communes["C1"], "on_time_rate").Status));
        Assert.Equal(("100,0 %", KpiStatus.Green), (Value(communes["C2"], "on_time_rate").Display, Value(communes["C2"], "on_time_rate").Status));
        Assert.Equal("50,0 %", Value(communes["C1"], "online_share").Display);
        Assert.Equal("4,00", Value(communes["C2"], "satisfaction_avg").Display);
        Assert.Contains(view.Agencies, a => a.Code == "KH-SNV" && a.Received == 0);
        var procedure = Assert.Single(view.Procedures);
        Assert.Equal(("1.001193", 3L), (procedure.Code, procedure.Received));
        Assert.Equal("66,7 %", Value(procedure, "on_time_rate").Display);
        // 2/3 on time × 14 + all completed 6 + online ≥ 50 % 12 + 4.5 of 5 × 18; the other 50 points are not recorded by the system.
        Assert.Equal((43.53m, 50m, 50m, 100m), (view.Index.Points, view.Index.MeasuredMax, view.Index.NotRecordedPoints, view.Index.MaxPoints));
        Assert.Null(view.CostPerTransaction);
        Assert.NotNull(view.Staffing);
    }

    [SkippableFact]
    public async Task The_leader_reaches_a_person_s_kpi_explanation_from_the_province_view_in_three_links()
    {
        RequireDatabase();
        await SeedAsync();
        using var leader = await App.SignedInAsync("leader");

        var province = WebUtility.HtmlDecode(await leader.GetStringAsync($"/province?{May}"));
        Assert.Contains("Điều hành toàn tỉnh", province);
        Assert.Contains("Chi phí mỗi giao dịch", province);
        Assert.Contains("Xã Ninh Hòa Mới", province);
        var commune = Href(province, "commune-link", "unit=C1&");
        var page = WebUtility.HtmlDecode(await leader.GetStringAsync(commune));
        Assert.Contains("data-testid=\"commune-detail\"", page);
        var person = Href(page, "person-link", "code=S001&");
        var values = WebUtility.HtmlDecode(await leader.GetStringAsync(person));
        Assert.Contains("Trần Thị Hồng", values);
        var explain = Href(values, "explain-link", "kpi=on_time_rate&");
        var explanation = await leader.GetAsync(explain);

        Assert.Equal(HttpStatusCode.OK, explanation.StatusCode);
        Assert.Equal("/kpis/explain", explanation.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("scope=staff&code=S001", explain);
    }

    [SkippableFact]
    public async Task Staff_and_managers_are_refused_the_province_view()
    {
        RequireDatabase();
        using var staff = await App.SignedInAsync("staff");
        using var manager = await App.SignedInAsync("manager");
        using var auditor = await App.SignedInAsync("auditor");

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/api/province?{May}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/api/province?{May}")).StatusCode);
        Assert.Equal("/access-denied", (await manager.GetAsync("/province")).RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("/access-denied", (await staff.GetAsync("/province")).RequestMessage!.RequestUri!.AbsolutePath);
        // An auditor reads the view but not the workforce page, so no staffing summary.
        var audited = (await auditor.GetFromJsonAsync<ProvinceResponse>($"/api/province?{May}", ApiJson.Options))!;
        Assert.Null(audited.Staffing);
    }

    [SkippableFact]
    public async Task An_unknown_unit_or_a_bad_period_is_answered_by_field()
    {
        RequireDatabase();
        using var leader = await App.SignedInAsync("leader");

        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/api/province?{May}&unit=NOPE")).StatusCode);
        var bad = await leader.GetAsync("/api/province?from=2034-05-01&to=2034-04-01");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"to\"", await bad.Content.ReadAsStringAsync());
    }

    /// <summary>The href of the link marked <paramref name="testId"/> whose address holds <paramref name="containing"/>.</summary>
    private static string Href(string html, string testId, string containing)
    {
        var links = LinkPattern().Matches(html).Select(m => (Href: m.Groups["href"].Value, Tag: m.Value))
            .Where(l => l.Tag.Contains($"data-testid=\"{testId}\"", StringComparison.Ordinal) && l.Href.Contains(containing, StringComparison.Ordinal)).ToList();
        Assert.True(links.Count > 0, $"no {testId} link with {containing}");
        return links[0].Href;
    }

    [GeneratedRegex("<a href=\"(?<href>[^\"]+)\"[^>]*>")]
    private static partial Regex LinkPattern();
}

public sealed class SqliteProvinceViewTests(SqliteApp app) : ProvinceViewTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresProvinceViewTests(PostgresApp app) : ProvinceViewTests<PostgresApp>(app), IClassFixture<PostgresApp>;
