using System.Net;
using System.Net.Http.Json;
using GovKpi.Core.Access;
using GovKpi.Data.Accounts;
using GovKpi.Web.Tests.Infrastructure;

namespace GovKpi.Web.Tests.Accounts;

/// <summary>Server-side sessions: sign-out, disabling and a password change end sessions at their next request, on every node.</summary>
public abstract class SessionTests<TApp>(TApp app) where TApp : GovKpiApp
{
    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    [SkippableFact]
    public async Task A_cookie_saved_before_sign_out_gets_401_afterwards()
    {
        RequireDatabase();
        await app.CreateAccountAsync("signout1");
        var cookie = await app.SignInCookieAsync("signout1");
        using var browser = app.WithCookie(cookie);
        using var kept = app.WithCookie(cookie);
        Assert.Equal(HttpStatusCode.OK, (await kept.GetAsync("/api/auth/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/api/auth/sign-out", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await kept.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await kept.GetAsync("/api/units")).StatusCode);
        var page = await kept.GetAsync("/organisation");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/?ReturnUrl=", page.Headers.Location!.PathAndQuery);
    }

    [SkippableFact]
    public async Task A_new_scope_from_a_reimported_accounts_file_ends_the_accounts_sessions()
    {
        RequireDatabase();
        await app.CreateAccountAsync("import1", role: Role.Auditor, scope: "KH");
        using var client = app.WithCookie(await app.SignInCookieAsync("import1"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/units")).StatusCode);
        using var hr = await app.SignedInAsync("hr");

        var import = await hr.PostAsJsonAsync("/api/organisation/import", new
        {
            accounts = new[] { new Dictionary<string, string> { ["user_name"] = "import1", ["role"] = "auditor", ["scope_unit_code"] = "C1" } },
        });

        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/units")).StatusCode);
    }

    [SkippableFact]
    public async Task A_disabled_accounts_existing_cookie_gets_401_at_its_next_request()
    {
        RequireDatabase();
        await app.CreateAccountAsync("disable1");
        using var client = app.WithCookie(await app.SignInCookieAsync("disable1"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/units")).StatusCode);

        await app.WithDeskAsync(desk => desk.DisableAsync("disable1", "hr", null, default));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/units")).StatusCode);
        using var fresh = app.CreateClient();
        var again = await fresh.PostAsJsonAsync("/api/auth/sign-in", new { userName = "disable1", password = TestProvince.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Contains("vô hiệu hóa", await again.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task Changing_the_password_ends_the_other_sessions_and_keeps_the_one_that_changed_it()
    {
        RequireDatabase();
        await app.CreateAccountAsync("change1");
        using var other = app.WithCookie(await app.SignInCookieAsync("change1"));
        using var self = app.CreateClient();
        (await self.PostAsJsonAsync("/api/auth/sign-in", new { userName = "change1", password = TestProvince.Password })).EnsureSuccessStatusCode();

        var change = await self.PostAsJsonAsync("/api/auth/password", new { currentPassword = TestProvince.Password, newPassword = "Mây trắng 2027" });

        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await self.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/auth/me")).StatusCode);
        using var fresh = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await fresh.PostAsJsonAsync("/api/auth/sign-in", new { userName = "change1", password = "Mây trắng 2027" })).StatusCode);
    }

    [SkippableFact]
    public async Task A_new_role_ends_the_accounts_sessions()
    {
        RequireDatabase();
        await app.CreateAccountAsync("role1");
        using var client = app.WithCookie(await app.SignInCookieAsync("role1"));

        await app.WithDeskAsync(desk => desk.ChangeAccessAsync("role1", Role.Leader, "KH", null, null, "hr", null, default));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [SkippableFact]
    public async Task Two_app_instances_over_one_database_honour_each_others_sign_outs_and_disabling()
    {
        RequireDatabase();
        await using var second = app.StartSecondNode();
        await app.CreateAccountAsync("nodes1");
        await app.CreateAccountAsync("nodes2");
        var cookie = await app.SignInCookieAsync("nodes1");
        using var onFirst = app.WithCookie(cookie);
        using var onSecond = AccountKit.WithCookie(second.ClientOptions.BaseAddress, cookie);
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/api/auth/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await onSecond.PostAsync("/api/auth/sign-out", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await onFirst.GetAsync("/api/auth/me")).StatusCode);

        using var other = AccountKit.WithCookie(second.ClientOptions.BaseAddress, await app.SignInCookieAsync("nodes2"));
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/auth/me")).StatusCode);
        await app.WithDeskAsync(desk => desk.DisableAsync("nodes2", "hr", null, default));
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/auth/me")).StatusCode);
    }

    [SkippableFact]
    public async Task A_session_unused_for_longer_than_its_idle_lifetime_ends()
    {
        RequireDatabase();
        await app.CreateAccountAsync("idle1");
        using var client = app.WithCookie(await app.SignInCookieAsync("idle1"));

        app.Clock.Advance(AccountSessions.IdleLifetime + TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
    }
}

public sealed class SqliteSessionTests(SqliteApp app) : SessionTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresSessionTests(PostgresApp app) : SessionTests<PostgresApp>(app), IClassFixture<PostgresApp>;
