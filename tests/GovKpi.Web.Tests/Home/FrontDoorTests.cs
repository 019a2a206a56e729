using System.Net;
using GovKpi.Web.Tests.Infrastructure;

namespace GovKpi.Web.Tests.Home;

public sealed class FrontDoorTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Health_check_answers_200()
    {
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task The_front_page_is_a_Vietnamese_sign_in_form()
    {
        using var client = app.CreateClient();

        var html = await client.GetStringAsync("/");

        Assert.Contains("<html lang=\"vi\">", html);
        Assert.Contains("Đăng nhập", html);
        Assert.Contains("Mật khẩu", html);
    }

    [Fact]
    public async Task English_is_one_switch_away_and_remembered()
    {
        using var client = app.CreateClient();

        await client.GetAsync("/culture?name=en-US&returnUrl=/");
        var html = await client.GetStringAsync("/");

        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains("Sign in", html);
    }

    [Fact]
    public async Task The_culture_switch_never_redirects_off_site()
    {
        using var client = app.CreateClientWithoutRedirects();

        var response = await client.GetAsync("/culture?name=en-US&returnUrl=//evil.example");

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_KPI_set_endpoint()
    {
        using var client = app.CreateClient();

        var json = await client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/kpi-sets/{positionCode}", json);
        Assert.Contains("/api/units/{code}/staff", json);
    }

    [Fact]
    public async Task The_API_browser_is_served_without_a_CDN()
    {
        using var client = app.CreateClient();

        var html = await client.GetStringAsync("/api-docs");

        Assert.DoesNotContain("cdn.jsdelivr.net", html);
    }

    [Fact]
    public async Task Pages_redirect_anonymous_visitors_to_the_sign_in_form()
    {
        using var client = app.CreateClientWithoutRedirects();

        var response = await client.GetAsync("/organisation");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/?ReturnUrl=", new Uri(client.BaseAddress!, response.Headers.Location!).PathAndQuery);
    }

    [Fact]
    public async Task A_signed_in_manager_sees_the_merged_commune_and_its_history_on_the_pages()
    {
        using var client = await app.SignedInAsync("manager");

        var tree = await client.GetStringAsync("/organisation");
        var unit = await client.GetStringAsync("/organisation/C1");

        Assert.Contains("Xã Ninh Hòa Mới", tree);
        Assert.Contains("hợp nhất từ 3 đơn vị cũ", tree);
        Assert.Contains("Xã Ninh Hưng", unit);
        Assert.Contains("Sáp nhập", unit);
    }

    [Fact]
    public async Task Former_communes_are_drawn_under_the_commune_that_continues_them_on_request()
    {
        using var client = await app.SignedInAsync("manager");

        var current = await client.GetStringAsync("/organisation");
        var withFormer = await client.GetStringAsync("/organisation?former=true");

        Assert.DoesNotContain("Xã Ninh Hưng", current);
        Assert.Contains("Xã Ninh Hưng", withFormer);
        Assert.Contains("Xã Ninh Đông", withFormer);
    }

    [Fact]
    public async Task The_KPI_set_page_shows_the_built_in_template_with_its_weights()
    {
        using var client = await app.SignedInAsync("hr");

        var html = await client.GetStringAsync("/kpi-sets/CV-MOTCUA");

        Assert.Contains("Tỷ lệ hồ sơ xử lý đúng hạn", html);
        Assert.Contains("100%", html);
        Assert.Contains("Tạo phiên bản mới", html);
    }
}
