using System.Net;
using System.Text.Json;
using GovKpi.Data;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace GovKpi.Web.Tests.Accounts;

/// <summary>The app configured to sign in with the province's identity provider, which the fixture starts on 127.0.0.1.</summary>
public sealed class ProvinceApp() : GovKpiApp(DatabaseProvider.Sqlite)
{
    public ProvinceIdentityProvider Provider { get; private set; } = null!;

    protected override async Task BeforeServerStartsAsync() => Provider = await ProvinceIdentityProvider.StartAsync();

    protected override async Task AfterServerStoppedAsync() => await Provider.DisposeAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Accounts:Oidc:Authority", Provider.Address.ToString());
        builder.UseSetting("Accounts:Oidc:ClientId", ProvinceIdentityProvider.ClientId);
        builder.UseSetting("Accounts:Oidc:ClientSecret", ProvinceIdentityProvider.ClientSecret);
        builder.UseSetting("Accounts:Oidc:ResponseMode", "query");
        builder.UseSetting("Accounts:Oidc:RequireHttpsMetadata", "false");
    }
}

/// <summary>Sign-in over OpenID Connect: the provider's staff-code claim picks the GovKpi account.</summary>
public sealed class ProvinceSignInTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    /// <summary>
    /// A browser-like client: one cookie jar for 127.0.0.1 and redirects followed between the app
    /// and the provider. Its own jar because .NET's CookieContainer drops a cookie whose path is
    /// not above the request's, as the correlation cookie for /signin-province set at
    /// /account/province-sign-in is; browsers keep it.
    /// </summary>
    private sealed class Browser(Uri app) : IDisposable
    {
        private readonly Dictionary<string, string> _cookies = [];
        private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });

        public async Task<(HttpResponseMessage Response, Uri Address)> GetAsync(string path) => await SendAsync(HttpMethod.Get, new Uri(app, path));

        public async Task<HttpResponseMessage> PostAsync(string path) => (await SendAsync(HttpMethod.Post, new Uri(app, path))).Response;

        private async Task<(HttpResponseMessage Response, Uri Address)> SendAsync(HttpMethod method, Uri address)
        {
            for (var hops = 0; hops < 10; hops++)
            {
                using var request = new HttpRequestMessage(method, address);
                if (_cookies.Count > 0)
                {
                    request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
                }

                var response = await _http.SendAsync(request);
                foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
                {
                    var pair = header.Split(';')[0].Split('=', 2);
                    if (header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                    {
                        _cookies.Remove(pair[0]);
                    }
                    else
                    {
                        _cookies[pair[0]] = pair[1];
                    }
                }

                if (response.Headers.Location is not { } location)
                {
                    return (response, address);
                }

                (method, address) = (HttpMethod.Get, new Uri(address, location));
            }

            throw new InvalidOperationException("Too many redirects.");
        }

        public void Dispose() => _http.Dispose();
    }

    [Fact]
    public async Task The_sign_in_form_offers_the_province_account()
    {
        using var browser = new Browser(app.ClientOptions.BaseAddress);

        Assert.Contains("Đăng nhập bằng tài khoản của tỉnh", await (await browser.GetAsync("/")).Response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_person_the_provider_vouches_for_is_signed_in_to_the_account_linked_to_their_staff_code()
    {
        app.Provider.StaffCode = "S001";
        using var browser = new Browser(app.ClientOptions.BaseAddress);

        var (landing, address) = await browser.GetAsync("/account/province-sign-in");

        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Equal("/account/province-signed-in", address.AbsolutePath);
        var me = JsonDocument.Parse(await (await browser.GetAsync("/api/auth/me")).Response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("staff", me.GetProperty("userName").GetString());
        Assert.Equal("C1-TT", me.GetProperty("scopeUnitCode").GetString());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/organisation")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/api/auth/sign-out")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/auth/me")).Response.StatusCode);
    }

    [Theory]
    [InlineData("S006")]
    [InlineData(null)]
    public async Task Without_an_account_linked_to_the_staff_code_or_when_the_provider_refuses_nobody_is_signed_in(string? staffCode)
    {
        app.Provider.StaffCode = staffCode;
        using var browser = new Browser(app.ClientOptions.BaseAddress);

        var (page, address) = await browser.GetAsync("/account/province-sign-in");

        Assert.Equal("/", address.AbsolutePath);
        Assert.Contains("không có tài khoản GovKpi đang hoạt động gắn với mã cán bộ của bạn", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/auth/me")).Response.StatusCode);
    }
}
