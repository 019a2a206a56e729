using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GovKpi.Core.Access;
using GovKpi.Data;
using GovKpi.Data.Accounts;
using GovKpi.Web.Features.Accounts;
using Microsoft.Extensions.DependencyInjection;
using GovKpi.Web.Tests.Infrastructure;

namespace GovKpi.Web.Tests.Accounts;

/// <summary>HR's account administration through <c>/api/accounts</c>, within HR's unit scope, every change audited.</summary>
public abstract class AccountAdminTests<TApp>(TApp app) where TApp : GovKpiApp
{
    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static string TokenOf(string setupLink) => Uri.UnescapeDataString(setupLink[(setupLink.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

    [SkippableFact]
    public async Task Only_HR_administers_accounts()
    {
        RequireDatabase();
        using var manager = await app.SignedInAsync("manager");
        using var hr = await app.SignedInAsync("hr");

        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/accounts")).StatusCode);
        var accounts = await hr.GetFromJsonAsync<List<AccountResponse>>("/api/accounts", ApiJson.Options);
        Assert.Contains(accounts!, a => a.UserName == "staff" && a.Role == "staff" && a.ScopeUnitCode == "C1-TT");
    }

    [SkippableFact]
    public async Task A_new_account_without_a_password_gets_a_setup_link_shown_once_that_lets_the_person_in()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");

        var response = await hr.PostAsJsonAsync("/api/accounts", new { userName = "lan.pt", role = "staff", staffCode = "S004", email = "lan.pt@khanhhoa.gov.vn" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await JsonAsync(response);
        Assert.Equal("C2-TT", created.GetProperty("account").GetProperty("scopeUnitCode").GetString());
        Assert.Equal("Phạm Thị Lan", created.GetProperty("account").GetProperty("displayName").GetString());
        Assert.False(created.GetProperty("account").GetProperty("hasPassword").GetBoolean());
        var link = created.GetProperty("setupLink").GetString()!;
        Assert.StartsWith($"{app.ClientOptions.BaseAddress}account/setup?token=", link);
        using var person = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await person.PostAsJsonAsync("/api/auth/setup", new { token = TokenOf(link), newPassword = "Biển xanh 2026" })).StatusCode);
        Assert.True((await JsonAsync(await hr.GetAsync("/api/accounts/lan.pt"))).GetProperty("hasPassword").GetBoolean());
    }

    [SkippableFact]
    public async Task An_administrator_set_password_must_be_changed_at_first_sign_in()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");

        var response = await hr.PostAsJsonAsync("/api/accounts", new { userName = "auditor2", role = "auditor", password = "Tạm thời 2026" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await JsonAsync(response)).GetProperty("setupLink").ValueKind);
        using var person = app.CreateClient();
        var signIn = await JsonAsync(await person.PostAsJsonAsync("/api/auth/sign-in", new { userName = "auditor2", password = "Tạm thời 2026" }));
        Assert.True(signIn.GetProperty("mustChangePassword").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await person.GetAsync("/api/units")).StatusCode);
    }

    [SkippableFact]
    public async Task Invalid_accounts_are_refused_with_Vietnamese_messages_keyed_by_field()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");

        var noStaff = await JsonAsync(await hr.PostAsJsonAsync("/api/accounts",
            new { userName = "có dấu", role = "manager", scopeUnitCode = "NOWHERE", email = "not-an-email", password = "ngắn1" }));
        var badRole = await hr.PostAsJsonAsync("/api/accounts", new { userName = "x1", role = "boss" });
        var taken = await JsonAsync(await hr.PostAsJsonAsync("/api/accounts", new { userName = "hr", role = "hr" }));

        var errors = noStaff.GetProperty("errors");
        Assert.Equal("Tài khoản lãnh đạo quản lý và cán bộ phải gắn với một mã cán bộ.", errors.GetProperty("staffCode")[0].GetString());
        Assert.Equal("Không có đơn vị với mã này.", errors.GetProperty("scopeUnitCode")[0].GetString());
        Assert.Equal("Địa chỉ thư điện tử không hợp lệ.", errors.GetProperty("email")[0].GetString());
        Assert.Contains("2–100 ký tự", errors.GetProperty("userName")[0].GetString());
        Assert.Equal("Mật khẩu phải có ít nhất 10 ký tự.", errors.GetProperty("password")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        Assert.Contains("role", (await JsonAsync(badRole)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal("Tên đăng nhập này đã có người dùng.", taken.GetProperty("errors").GetProperty("userName")[0].GetString());
    }

    [SkippableFact]
    public async Task Accounts_for_a_whole_unit_are_named_by_staff_code_and_skip_those_who_have_one()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");

        var report = await JsonAsync(await hr.PostAsJsonAsync("/api/accounts/bulk", new { unitCode = "C1-TT" }));
        var again = await JsonAsync(await hr.PostAsJsonAsync("/api/accounts/bulk", new { unitCode = "C1-TT" }));

        var created = report.GetProperty("created").EnumerateArray().ToList();
        Assert.Equal(["S002"], created.Select(c => c.GetProperty("userName").GetString()));
        Assert.Equal("staff", created[0].GetProperty("role").GetString());
        Assert.Contains("/account/setup?token=", created[0].GetProperty("setupLink").GetString());
        Assert.Equal(["S001"], report.GetProperty("skipped").EnumerateArray().Select(s => s.GetProperty("staffCode").GetString()));
        Assert.Empty(again.GetProperty("created").EnumerateArray());
        Assert.Equal(["S001", "S002"], again.GetProperty("skipped").EnumerateArray().Select(s => s.GetProperty("staffCode").GetString()));
    }

    [SkippableFact]
    public async Task Disabling_enabling_and_a_new_role_are_audited_with_before_and_after_and_the_role_change_ends_sessions()
    {
        RequireDatabase();
        await app.CreateAccountAsync("audit1");
        using var person = app.WithCookie(await app.SignInCookieAsync("audit1"));
        using var hr = await app.SignedInAsync("hr");

        Assert.Equal(HttpStatusCode.OK, (await hr.PostAsync("/api/accounts/audit1/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await person.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hr.PostAsync("/api/accounts/audit1/enable", null)).StatusCode);
        using var again = app.WithCookie(await app.SignInCookieAsync("audit1"));
        var changed = await hr.PutAsJsonAsync("/api/accounts/audit1/access", new { role = "leader", scopeUnitCode = "KH" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.GetAsync("/api/auth/me")).StatusCode);

        var audit = (await JsonAsync(await hr.GetAsync("/api/accounts/audit1/audit"))).EnumerateArray().ToList();
        Assert.Equal(["Created", "Disabled", "Enabled", "AccessChanged"], audit.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("hr", audit[1].GetProperty("actor").GetString());
        Assert.False(audit[1].GetProperty("before").GetProperty("disabled").GetBoolean());
        Assert.True(audit[1].GetProperty("after").GetProperty("disabled").GetBoolean());
        Assert.Equal("Auditor", audit[3].GetProperty("before").GetProperty("role").GetString());
        Assert.Equal("Leader", audit[3].GetProperty("after").GetProperty("role").GetString());
    }

    [SkippableFact]
    public async Task A_reset_with_a_temporary_password_forces_a_change_and_ends_the_sessions()
    {
        RequireDatabase();
        await app.CreateAccountAsync("reset1");
        using var person = app.WithCookie(await app.SignInCookieAsync("reset1"));
        using var hr = await app.SignedInAsync("hr");

        var reset = await hr.PostAsJsonAsync("/api/accounts/reset1/reset", new { password = "Tạm thời 2026" });

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await person.GetAsync("/api/auth/me")).StatusCode);
        Assert.True((await JsonAsync(reset)).GetProperty("account").GetProperty("mustChangePassword").GetBoolean());
    }

    [SkippableFact]
    public async Task Accounts_imported_without_a_password_get_their_setup_links_for_a_whole_unit()
    {
        RequireDatabase();
        await using (var services = app.Services.CreateAsyncScope())
        {
            // As the organisation import writes a row of accounts.csv: no password yet.
            var db = services.ServiceProvider.GetRequiredService<GovKpiDbContext>();
            db.Accounts.Add(new UserAccount { UserName = "c2.imported", DisplayName = "Phạm Thị Lan", PasswordHash = "", Role = Role.Staff, ScopeUnitCode = "C2-TT" });
            await db.SaveChangesAsync();
        }

        using var hr = await app.SignedInAsync("hr");
        var links = (await JsonAsync(await hr.PostAsJsonAsync("/api/accounts/setup-links", new { unitCode = "C2-TT" }))).EnumerateArray().ToList();

        var link = Assert.Single(links, l => l.GetProperty("userName").GetString() == "c2.imported");
        using var person = app.CreateClient();
        var setup = await person.PostAsJsonAsync("/api/auth/setup", new { token = TokenOf(link.GetProperty("setupLink").GetString()!), newPassword = "Biển xanh 2026" });
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hr.PostAsJsonAsync("/api/accounts/setup-links", new { unitCode = "NOWHERE" })).StatusCode);
    }

    [SkippableFact]
    public async Task HR_of_one_commune_manages_only_the_accounts_of_that_commune()
    {
        RequireDatabase();
        await app.CreateAccountAsync("hr.c1", role: Role.Hr, scope: "C1");
        using var hr = app.WithCookie(await app.SignInCookieAsync("hr.c1"));

        var list = await hr.GetFromJsonAsync<List<AccountResponse>>("/api/accounts", ApiJson.Options);
        var outside = await hr.PostAsJsonAsync("/api/accounts", new { userName = "c2.new", role = "staff", staffCode = "S004" });

        Assert.DoesNotContain(list!, a => a.UserName == "hr");
        Assert.Contains(list!, a => a.UserName == "staff");
        Assert.Equal(HttpStatusCode.NotFound, (await hr.PostAsync("/api/accounts/leader/disable", null)).StatusCode);
        Assert.Equal("Đơn vị hoặc cán bộ này nằm ngoài phạm vi quản lý của bạn.",
            (await JsonAsync(outside)).GetProperty("errors").GetProperty("staffCode")[0].GetString());
    }
}

public sealed class SqliteAccountAdminTests(SqliteApp app) : AccountAdminTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresAccountAdminTests(PostgresApp app) : AccountAdminTests<PostgresApp>(app), IClassFixture<PostgresApp>;
