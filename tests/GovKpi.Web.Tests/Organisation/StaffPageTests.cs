using System.Net;
using System.Net.Http.Json;
using GovKpi.Web.Tests.Infrastructure;

namespace GovKpi.Web.Tests.Organisation;

/// <summary>A person's own page (<c>/organisation/staff/{code}</c>): their whole history, and who may read it; run against both databases.</summary>
public abstract class StaffPageTests<TApp>(TApp app) where TApp : GovKpiApp
{
    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private static async Task<string> PageAsync(HttpClient client, string code)
    {
        var response = await client.GetAsync($"/organisation/staff/{code}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"/organisation/staff/{code}", response.RequestMessage!.RequestUri!.AbsolutePath);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task AssertRefusedAsync(HttpClient client, string code)
    {
        var response = await client.GetAsync($"/organisation/staff/{code}");
        Assert.Equal("/access-denied", response.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [SkippableFact]
    public async Task The_person_reads_their_own_page_with_every_placement_and_a_link_to_their_kpi_values()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var staff = await app.SignedInAsync("staff");
        var moved = await hr.PostAsJsonAsync("/api/organisation/staff/S001/move", new { position_code = "CV-TCCB", effective_from = "2026-02-01" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        var page = await PageAsync(staff, "S001");

        Assert.Contains("Quá trình công tác", page, StringComparison.Ordinal);
        Assert.Contains("01/02/2026", page, StringComparison.Ordinal);
        Assert.Contains("Chuyên viên tổ chức cán bộ", page, StringComparison.Ordinal);
        Assert.Contains("Chuyên viên xử lý hồ sơ, bộ phận Một cửa", page, StringComparison.Ordinal);
        Assert.Contains("/kpis/values?scope=staff&amp;code=S001", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/organisation/staff/S001\"", page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_staff_member_cannot_read_a_colleagues_page_and_an_unknown_code_is_not_found()
    {
        RequireDatabase();
        using var staff = await app.SignedInAsync("staff");

        await AssertRefusedAsync(staff, "S002");
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/organisation/staff/NOPE")).StatusCode);
    }

    [SkippableFact]
    public async Task A_manager_reads_the_pages_of_their_subtree_and_of_someone_who_worked_there_but_not_others()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var manager = await app.SignedInAsync("manager");
        var moved = await hr.PostAsJsonAsync("/api/organisation/staff/S002/move", new { unit_code = "C2-TT", effective_from = "2026-03-01" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        var movedAway = await PageAsync(manager, "S002");

        Assert.Contains("Trung tâm Phục vụ hành chính công phường Bắc Nha Trang", movedAway, StringComparison.Ordinal);
        Assert.Contains("01/03/2026", movedAway, StringComparison.Ordinal);
        await AssertRefusedAsync(manager, "S004");
    }

    [SkippableFact]
    public async Task The_manager_of_the_unit_a_person_is_seconded_to_reads_their_page_with_the_secondment()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var manager = await app.SignedInAsync("manager");
        await AssertRefusedAsync(manager, "S006");
        var seconded = await hr.PostAsJsonAsync("/api/organisation/import",
            new { secondments = new[] { new { staff_code = "S006", to_unit_code = "C1-KT", from = "2026-02-01", to = "2026-08-01" } } });
        Assert.Equal(HttpStatusCode.OK, seconded.StatusCode);

        var page = await PageAsync(manager, "S006");

        Assert.Contains("data-testid=\"secondments\"", page, StringComparison.Ordinal);
        Assert.Contains("01/08/2026", page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Hr_leaders_and_auditors_read_any_page_of_their_scope_and_hr_gets_the_administration_link()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var leader = await app.SignedInAsync("leader");
        using var auditor = await app.SignedInAsync("auditor");

        var byHr = await PageAsync(hr, "S004");
        var byLeader = await PageAsync(leader, "S004");
        await PageAsync(auditor, "S004");

        Assert.Contains("/organisation/admin?staff=S004", byHr, StringComparison.Ordinal);
        Assert.DoesNotContain("/organisation/admin?staff=S004", byLeader, StringComparison.Ordinal);
    }
}

public sealed class SqliteStaffPageTests(SqliteApp app) : StaffPageTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresStaffPageTests(PostgresApp app) : StaffPageTests<PostgresApp>(app), IClassFixture<PostgresApp>;
