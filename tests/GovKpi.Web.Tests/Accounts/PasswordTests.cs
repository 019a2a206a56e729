using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GovKpi.Core.Access;
using GovKpi.Data.Accounts;
using GovKpi.Web.Tests.Infrastructure;

namespace GovKpi.Web.Tests.Accounts;

/// <summary>Change my password, the change forced at first sign-in, and the one-time setup link.</summary>
public abstract class PasswordTests<TApp>(TApp app) where TApp : GovKpiApp
{
    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [SkippableFact]
    public async Task An_administrator_set_password_leads_every_page_to_the_change_form_and_the_API_answers_403_until_changed()
    {
        RequireDatabase();
        await app.CreateAccountAsync("forced1", "Tạm thời 2026", mustChange: true);
        using var client = app.CreateClientWithoutRedirects();
        var signIn = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "forced1", password = "Tạm thời 2026" });
        Assert.True((await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mustChangePassword").GetBoolean());

        var page = await client.GetAsync("/organisation");
        var api = await client.GetAsync("/api/units");
        var me = await client.GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/password", page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Contains("đổi mật khẩu", (await ProblemAsync(api)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("Bạn cần đổi mật khẩu", await client.GetStringAsync("/account/password"));

        var change = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = "Tạm thời 2026", newPassword = "Riêng của tôi 42" });

        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/units")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/organisation")).StatusCode);
    }

    [SkippableFact]
    public async Task A_weak_new_password_or_a_wrong_current_one_is_refused_with_messages_keyed_by_field()
    {
        RequireDatabase();
        await app.CreateAccountAsync("weak1");
        using var client = app.CreateClient();
        (await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "weak1", password = TestProvince.Password })).EnsureSuccessStatusCode();

        var weak = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = TestProvince.Password, newPassword = "matkhau123" });
        var wrong = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = "not it", newPassword = "Riêng của tôi 42" });

        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("quá phổ biến", (await ProblemAsync(weak)).GetProperty("errors").GetProperty("newPassword")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("Mật khẩu hiện tại không đúng.", (await ProblemAsync(wrong)).GetProperty("errors").GetProperty("currentPassword")[0].GetString());
    }

    [SkippableFact]
    public async Task A_setup_link_lets_the_person_choose_a_password_once()
    {
        RequireDatabase();
        var created = (AccountOutcome.Done)await app.WithDeskAsync(desk =>
            desk.CreateAsync(new AccountRequest("setup1", Role.Staff, null, "S002", null), new PasswordChoice.SetupLink(), "hr", null, default));
        var token = created.SetupToken!;
        using var anonymous = app.CreateClient();
        Assert.Contains("Lê Văn Dũng", await anonymous.GetStringAsync($"/account/setup?token={token}"));
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await anonymous.PostAsJsonAsync("/api/auth/sign-in", new { userName = "setup1", password = "" })).StatusCode);

        var first = await anonymous.PostAsJsonAsync("/api/auth/setup", new { token, newPassword = "Hoa sứ trắng 88" });
        var second = await app.CreateClient().PostAsJsonAsync("/api/auth/setup", new { token, newPassword = "Hoa sứ đỏ 99 x" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Contains("không hợp lệ, đã dùng hoặc đã hết hạn", await app.CreateClient().GetStringAsync($"/account/setup?token={token}"));
        Assert.Equal(HttpStatusCode.OK,
            (await app.CreateClient().PostAsJsonAsync("/api/auth/sign-in", new { userName = "setup1", password = "Hoa sứ trắng 88" })).StatusCode);
    }

    [SkippableFact]
    public async Task A_setup_link_expires_after_72_hours()
    {
        RequireDatabase();
        var created = (AccountOutcome.Done)await app.WithDeskAsync(desk =>
            desk.CreateAsync(new AccountRequest("setup2", Role.Leader, null, null, null), new PasswordChoice.SetupLink(), "hr", null, default));

        app.Clock.Advance(TimeSpan.FromHours(72));

        var late = await app.CreateClient().PostAsJsonAsync("/api/auth/setup", new { token = created.SetupToken, newPassword = "Hoa sứ trắng 88" });
        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
    }
}

public sealed class SqlitePasswordTests(SqliteApp app) : PasswordTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresPasswordTests(PostgresApp app) : PasswordTests<PostgresApp>(app), IClassFixture<PostgresApp>;
