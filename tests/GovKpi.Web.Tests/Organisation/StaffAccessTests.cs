using System.Net;
using System.Net.Http.Json;
using GovKpi.Web.Features.Organisation;
using GovKpi.Web.Tests.Infrastructure;

namespace GovKpi.Web.Tests.Organisation;

/// <summary>Every role reads only its own unit subtree; run against both databases.</summary>
public abstract class StaffAccessTests<TApp>(TApp app) where TApp : GovKpiApp
{
    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    [SkippableFact]
    public async Task Anonymous_requests_to_the_API_get_401_not_a_redirect()
    {
        RequireDatabase();
        using var client = app.CreateClientWithoutRedirects();

        var response = await client.GetAsync("/api/units/C1-TT/staff");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [SkippableFact]
    public async Task Staff_reads_the_staff_list_of_their_own_unit()
    {
        RequireDatabase();
        using var client = await app.SignedInAsync("staff");

        var staff = await client.GetFromJsonAsync<List<StaffResponse>>("/api/units/C1-TT/staff");

        Assert.Equal(["S001", "S002"], staff!.Select(s => s.Code));
    }

    [SkippableTheory]
    [InlineData("C2-TT")]
    [InlineData("C1")]
    [InlineData("KH-SNV")]
    public async Task Staff_cannot_read_another_units_staff_list(string otherUnit)
    {
        RequireDatabase();
        using var client = await app.SignedInAsync("staff");

        var response = await client.GetAsync($"/api/units/{otherUnit}/staff");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [SkippableFact]
    public async Task Manager_reads_every_unit_of_their_subtree_including_merged_former_communes()
    {
        RequireDatabase();
        using var client = await app.SignedInAsync("manager");

        var staff = await client.GetFromJsonAsync<List<StaffResponse>>("/api/units/C1/staff?includeSubunits=true");
        var former = await client.GetFromJsonAsync<List<StaffResponse>>("/api/units/X1/staff");

        Assert.Equal(["S001", "S002", "S003", "S005"], staff!.Select(s => s.Code));
        Assert.Equal("S005", Assert.Single(former!).Code);
    }

    [SkippableTheory]
    [InlineData("C2")]
    [InlineData("C2-TT")]
    [InlineData("KH")]
    public async Task Manager_cannot_read_outside_their_subtree(string otherUnit)
    {
        RequireDatabase();
        using var client = await app.SignedInAsync("manager");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/units/{otherUnit}/staff")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/units/{otherUnit}")).StatusCode);
    }

    [SkippableFact]
    public async Task Manager_sees_only_their_subtree_in_the_unit_list()
    {
        RequireDatabase();
        using var client = await app.SignedInAsync("manager");

        var units = await client.GetFromJsonAsync<List<UnitResponse>>("/api/units");

        Assert.Equal(["C1", "C1-KT", "C1-TT", "X1", "X2", "X3"], units!.Select(u => u.Code));
    }

    [SkippableFact]
    public async Task Staff_cannot_read_a_person_of_another_unit()
    {
        RequireDatabase();
        using var client = await app.SignedInAsync("staff");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/staff/S002")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/staff/S004")).StatusCode);
    }

    [SkippableFact]
    public async Task HR_reads_the_whole_province()
    {
        RequireDatabase();
        using var client = await app.SignedInAsync("hr");

        var staff = await client.GetFromJsonAsync<List<StaffResponse>>("/api/units/KH/staff?includeSubunits=true");

        Assert.Equal(TestProvince.Staff.Count, staff!.Count);
    }

    [SkippableFact]
    public async Task A_merged_commune_shows_the_history_of_its_three_predecessors()
    {
        RequireDatabase();
        using var client = await app.SignedInAsync("manager");

        var detail = await client.GetFromJsonAsync<UnitDetailResponse>("/api/units/C1");

        Assert.Equal(["X1", "X2", "X3"], detail!.History.Select(h => h.PredecessorCode));
        Assert.All(detail.History, h => Assert.Equal("Merge", h.Kind));
        Assert.Equal("Xã Ninh Hưng", detail.History[0].PredecessorName);
    }

    [SkippableFact]
    public async Task A_wrong_password_is_refused_with_401()
    {
        RequireDatabase();
        using var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "staff", password = "wrong" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class SqliteStaffAccessTests(SqliteApp app) : StaffAccessTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresStaffAccessTests(PostgresApp app) : StaffAccessTests<PostgresApp>(app), IClassFixture<PostgresApp>;
