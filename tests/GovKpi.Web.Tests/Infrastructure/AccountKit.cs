using System.Net.Http.Json;
using GovKpi.Core.Access;
using GovKpi.Data.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Infrastructure;

/// <summary>Accounts of their own for tests that lock, disable or reset them, and cookies replayed by hand.</summary>
public static class AccountKit
{
    /// <summary>A province-wide auditor account with <see cref="TestProvince.Password"/> (or <paramref name="password"/>), created through the same desk HR uses.</summary>
    public static async Task CreateAccountAsync(this GovKpiApp app, string userName, string password = TestProvince.Password, bool mustChange = false,
        Role role = Role.Auditor, string? staffCode = null, string? scope = null)
    {
        await using var services = app.Services.CreateAsyncScope();
        var desk = services.ServiceProvider.GetRequiredService<AccountDesk>();
        var outcome = await desk.CreateAsync(new AccountRequest(userName, role, scope, staffCode, null), new PasswordChoice.Given(password, mustChange), "test", null, default);
        Assert.IsType<AccountOutcome.Done>(outcome);
    }

    /// <summary>Runs one change through the account desk, as the HR API or the command line would.</summary>
    public static async Task<AccountOutcome> WithDeskAsync(this GovKpiApp app, Func<AccountDesk, Task<AccountOutcome>> change)
    {
        await using var services = app.Services.CreateAsyncScope();
        return await change(services.ServiceProvider.GetRequiredService<AccountDesk>());
    }

    /// <summary>Signs in and returns the session cookie as a browser would send it back.</summary>
    public static async Task<string> SignInCookieAsync(this GovKpiApp app, string userName, string password = TestProvince.Password)
    {
        using var client = app.CreateClientWithoutRedirects();
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName, password });
        response.EnsureSuccessStatusCode();
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }

    /// <summary>A client that sends exactly <paramref name="cookie"/> and ignores every Set-Cookie, like a copy of a cookie kept aside.</summary>
    public static HttpClient WithCookie(Uri baseAddress, string cookie)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    public static HttpClient WithCookie(this GovKpiApp app, string cookie) => WithCookie(app.ClientOptions.BaseAddress, cookie);
}
