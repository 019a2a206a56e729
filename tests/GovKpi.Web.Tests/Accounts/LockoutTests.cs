using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GovKpi.Web.Tests.Infrastructure;

namespace GovKpi.Web.Tests.Accounts;

/// <summary>Ten wrong passwords in a row lock an account for fifteen minutes (the clock is a FakeTimeProvider).</summary>
public abstract partial class LockoutTests<TApp>(TApp app) where TApp : GovKpiApp
{
    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private async Task<HttpResponseMessage> SignInAsync(string userName, string password)
    {
        using var client = app.CreateClient();
        return await client.PostAsJsonAsync("/api/auth/sign-in", new { userName, password });
    }

    [SkippableFact]
    public async Task Ten_wrong_passwords_in_a_row_lock_the_account_with_423_and_a_Vietnamese_message_saying_when_to_try_again()
    {
        RequireDatabase();
        await app.CreateAccountAsync("lock1");
        for (var i = 1; i <= 9; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync("lock1", $"wrong-{i}")).StatusCode);
        }

        var until = app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).AddMinutes(15);
        var tenth = await SignInAsync("lock1", "wrong-10");

        Assert.Equal(HttpStatusCode.Locked, tenth.StatusCode);
        Assert.Equal("application/problem+json", tenth.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await tenth.Content.ReadAsStringAsync());
        var detail = problem.RootElement.GetProperty("detail").GetString()!;
        Assert.Contains("Tài khoản tạm khóa vì đã nhập sai mật khẩu 10 lần liên tiếp", detail);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"thử lại sau {until:HH:mm dd/MM/yyyy}"), detail);
        Assert.Equal(until, problem.RootElement.GetProperty("lockedUntil").GetDateTimeOffset());
    }

    [SkippableFact]
    public async Task The_right_password_is_refused_during_the_lock_and_accepted_once_it_has_passed()
    {
        RequireDatabase();
        await app.CreateAccountAsync("lock2");
        for (var i = 0; i < 10; i++)
        {
            await SignInAsync("lock2", "wrong");
        }

        Assert.Equal(HttpStatusCode.Locked, (await SignInAsync("lock2", TestProvince.Password)).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.Locked, (await SignInAsync("lock2", TestProvince.Password)).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.OK, (await SignInAsync("lock2", TestProvince.Password)).StatusCode);
    }

    [SkippableFact]
    public async Task A_success_resets_the_count_of_wrong_passwords()
    {
        RequireDatabase();
        await app.CreateAccountAsync("lock3");
        for (var i = 0; i < 9; i++)
        {
            await SignInAsync("lock3", "wrong");
        }

        Assert.Equal(HttpStatusCode.OK, (await SignInAsync("lock3", TestProvince.Password)).StatusCode);
        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync("lock3", "wrong")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await SignInAsync("lock3", TestProvince.Password)).StatusCode);
    }

    [SkippableFact]
    public async Task The_sign_in_form_shows_the_lock_message()
    {
        RequireDatabase();
        await app.CreateAccountAsync("lock4");
        for (var i = 0; i < 10; i++)
        {
            await SignInAsync("lock4", "wrong");
        }

        using var browser = app.CreateClientWithoutRedirects();
        var form = await browser.GetStringAsync("/");
        var antiforgery = AntiforgeryField().Match(form).Groups[1].Value;
        var response = await browser.PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "lock4", ["Password"] = TestProvince.Password, ["__RequestVerificationToken"] = antiforgery,
        }));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Tài khoản tạm khóa vì đã nhập sai mật khẩu 10 lần liên tiếp", html);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

public sealed class SqliteLockoutTests(SqliteApp app) : LockoutTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresLockoutTests(PostgresApp app) : LockoutTests<PostgresApp>(app), IClassFixture<PostgresApp>;
