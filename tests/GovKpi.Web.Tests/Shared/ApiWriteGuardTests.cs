using System.Net;
using System.Net.Http.Json;
using System.Text;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.Tasks;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace GovKpi.Web.Tests.Shared;

/// <summary>The app with one other origin allowed to write, as a province portal calling the API from its own site would be.</summary>
public abstract class WriteGuardApp(DatabaseProvider provider) : GovKpiApp(provider)
{
    public const string Portal = "https://portal.example";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Api:AllowedOrigins:0", Portal + "/");
    }
}

public sealed class SqliteWriteGuardApp() : WriteGuardApp(DatabaseProvider.Sqlite);

public sealed class PostgresWriteGuardApp() : WriteGuardApp(DatabaseProvider.Postgres);

/// <summary>
/// Writes to the API that another site's page could forge with the HR cookie are refused before
/// any endpoint runs: form bodies (415) and requests a browser marks as coming from another origin
/// (403). JSON and uploads from the app's own origin, and from clients that are not browsers, work.
/// </summary>
public abstract class ApiWriteGuardTests<TApp>(TApp app) where TApp : WriteGuardApp
{
    private const string Evil = "https://evil.example";

    private readonly string _code = "FG" + Guid.NewGuid().ToString("N")[..6];

    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private object Unit(string suffix = "") => new { code = _code + suffix, name_vi = "Phòng Văn hóa - Xã hội", kind = "division", parent_code = "C1", effective_from = "2025-07-01" };

    private static string OwnOrigin(HttpClient client) => client.BaseAddress!.GetLeftPart(UriPartial.Authority);

    private static HttpRequestMessage Post(string url, HttpContent? content, string? origin = null, string? fetchSite = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        return request;
    }

    private static async Task<ProblemDetails> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
    }

    private async Task<HttpStatusCode> UnitStatusAsync(HttpClient client) => (await client.GetAsync($"/api/units/{_code}")).StatusCode;

    [SkippableFact]
    public async Task A_form_encoded_post_with_the_hr_cookie_is_refused_in_vietnamese_and_adds_no_unit()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        var fields = new Dictionary<string, string>
        {
            ["code"] = _code, ["name_vi"] = "Phòng Văn hóa - Xã hội", ["kind"] = "division", ["parent_code"] = "C1", ["effective_from"] = "2025-07-01",
        };

        var form = await hr.PostAsync("/api/organisation/units", new FormUrlEncodedContent(fields));
        // The enctype="text/plain" trick: a form whose body reads as JSON.
        var plain = await hr.PostAsync("/api/organisation/units", new StringContent(System.Text.Json.JsonSerializer.Serialize(Unit()), Encoding.UTF8, "text/plain"));

        var problem = await ProblemAsync(form, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("Kiểu nội dung không được chấp nhận", problem.Title);
        Assert.Contains("application/x-www-form-urlencoded", problem.Detail);
        Assert.Contains("text/plain", (await ProblemAsync(plain, HttpStatusCode.UnsupportedMediaType)).Detail);
        Assert.Equal(HttpStatusCode.NotFound, await UnitStatusAsync(hr));
    }

    [SkippableFact]
    public async Task A_body_less_post_that_says_form_encoded_is_refused_while_the_same_post_without_a_body_type_still_works()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");

        var forged = await hr.PostAsync("/api/accounts/leader/disable", new StringContent("", Encoding.UTF8, "application/x-www-form-urlencoded"));
        var afterForged = await hr.GetFromJsonAsync<AccountResponse>("/api/accounts/leader");
        var scripted = await hr.PostAsync("/api/accounts/leader/disable", null);
        var afterScripted = await hr.GetFromJsonAsync<AccountResponse>("/api/accounts/leader");

        await ProblemAsync(forged, HttpStatusCode.UnsupportedMediaType);
        Assert.False(afterForged!.Disabled);
        Assert.Equal(HttpStatusCode.OK, scripted.StatusCode);
        Assert.True(afterScripted!.Disabled);
    }

    [SkippableFact]
    public async Task A_json_post_from_the_apps_own_origin_or_an_allowed_one_works()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");

        var own = await hr.SendAsync(Post("/api/organisation/units", JsonContent.Create(Unit()), OwnOrigin(hr), "same-origin"));
        var portal = await hr.SendAsync(Post("/api/organisation/units", JsonContent.Create(Unit("P")), WriteGuardApp.Portal, "cross-site"));

        Assert.True(own.StatusCode == HttpStatusCode.OK, await own.Content.ReadAsStringAsync());
        Assert.True(portal.StatusCode == HttpStatusCode.OK, await portal.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, await UnitStatusAsync(hr));
        Assert.Equal(HttpStatusCode.OK, (await hr.GetAsync($"/api/units/{_code}P")).StatusCode);
    }

    [SkippableFact]
    public async Task A_json_write_a_browser_marks_as_from_another_site_is_forbidden_and_changes_nothing()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");

        var evil = await hr.SendAsync(Post("/api/organisation/units", JsonContent.Create(Unit()), Evil));
        var sandboxed = await hr.SendAsync(Post("/api/organisation/units", JsonContent.Create(Unit()), "null"));
        var crossSite = await hr.SendAsync(Post("/api/organisation/units", JsonContent.Create(Unit()), fetchSite: "cross-site"));
        var sibling = await hr.SendAsync(Post("/api/organisation/units", JsonContent.Create(Unit()), fetchSite: "same-site"));
        var ownOriginButCrossSite = await hr.SendAsync(Post("/api/organisation/units", JsonContent.Create(Unit()), OwnOrigin(hr), "cross-site"));
        var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/assistant/documents/{Guid.NewGuid()}");
        delete.Headers.Add("Origin", Evil);
        var deleted = await hr.SendAsync(delete);
        var readFromElsewhere = new HttpRequestMessage(HttpMethod.Get, "/api/units");
        readFromElsewhere.Headers.Add("Origin", Evil);
        var read = await hr.SendAsync(readFromElsewhere);

        var problem = await ProblemAsync(evil, HttpStatusCode.Forbidden);
        Assert.Equal("Yêu cầu từ nguồn khác bị từ chối", problem.Title);
        Assert.Contains(Evil, problem.Detail);
        foreach (var refused in new[] { sandboxed, crossSite, sibling, ownOriginButCrossSite, deleted })
        {
            await ProblemAsync(refused, HttpStatusCode.Forbidden);
        }

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await UnitStatusAsync(hr));
    }

    [SkippableFact]
    public async Task A_file_upload_from_another_site_is_forbidden_and_from_the_apps_own_page_lands()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        MultipartFormDataContent Upload() => new()
        {
            {
                new StringContent("code,agency_code,group,name,unit_of_output,conversion_factor,difficulty,effective_from,approved_by\n"
                    + $"{_code},KH-SNV,B,Thẩm định hồ sơ,hồ sơ,1.5,1.2,2026-01-01,\n", Encoding.UTF8, "text/csv"),
                "file", "task_types.csv"
            },
        };

        var forged = await hr.SendAsync(Post("/api/task-types/import", Upload(), Evil, "cross-site"));
        var before = await hr.GetFromJsonAsync<List<TaskTypeResponse>>("/api/task-types", ApiJson.Options);
        var own = await hr.SendAsync(Post("/api/task-types/import", Upload(), OwnOrigin(hr), "same-origin"));
        var after = await hr.GetFromJsonAsync<List<TaskTypeResponse>>("/api/task-types", ApiJson.Options);

        await ProblemAsync(forged, HttpStatusCode.Forbidden);
        Assert.DoesNotContain(before!, t => t.Code == _code);
        Assert.True(own.StatusCode == HttpStatusCode.OK, await own.Content.ReadAsStringAsync());
        Assert.Contains(after!, t => t.Code == _code);
    }
}

public sealed class SqliteApiWriteGuardTests(SqliteWriteGuardApp app) : ApiWriteGuardTests<SqliteWriteGuardApp>(app), IClassFixture<SqliteWriteGuardApp>;

public sealed class PostgresApiWriteGuardTests(PostgresWriteGuardApp app) : ApiWriteGuardTests<PostgresWriteGuardApp>(app), IClassFixture<PostgresWriteGuardApp>;
