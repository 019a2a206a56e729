using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using GovKpi.Core.Access;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.Search;
using GovKpi.Web.Tests.Infrastructure;
using GovKpi.Web.Tests.KpiValues;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Search;

/// <summary>
/// The search box over real HTTP: matching without diacritics, the caller's scope, the rules of
/// q, and dossiers found through an index. Dossiers carry the test's own id prefix, so the tests
/// share one database.
/// </summary>
public abstract partial class SearchTests<TApp>(TApp app) : KpiTestRecords<TApp>(app) where TApp : GovKpiApp
{
    private static async Task<SearchResponse> SearchAsync(HttpClient client, string q) =>
        (await client.GetFromJsonAsync<SearchResponse>("/api/search?q=" + Uri.EscapeDataString(q), ApiJson.Options))!;

    [SkippableFact]
    public async Task People_units_and_procedures_are_found_without_case_or_diacritics()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");

        var people = await SearchAsync(hr, "nguyen van");
        var units = await SearchAsync(hr, "ninh hoa");
        var byCode = await SearchAsync(hr, "s00");
        var procedures = await SearchAsync(hr, "chung thuc");

        Assert.Equal(["S003"], people.People.Items.Select(p => p.Code));
        Assert.Equal("Nguyễn Văn Hải", people.People.Items[0].Name);
        Assert.Equal("/organisation/staff/S003", people.People.Items[0].Url);
        Assert.Contains(units.Units.Items, u => u.Code == "C1" && u.Url == "/organisation/C1");
        Assert.Equal(6, byCode.People.Total);
        Assert.Contains(procedures.Procedures.Items, p => p.Code == "2.000815" && p.Name.StartsWith("Chứng thực", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task A_manager_does_not_find_a_person_or_a_unit_of_another_commune()
    {
        RequireDatabase();
        using var manager = await App.SignedInAsync("manager");
        using var hr = await App.SignedInAsync("hr");

        var managerFinds = await SearchAsync(manager, "pham thi");
        var hrFinds = await SearchAsync(hr, "pham thi");
        var units = await SearchAsync(manager, "bac nha trang");

        Assert.Equal(0, managerFinds.People.Total);
        Assert.Empty(managerFinds.People.Items);
        Assert.Equal(["S004"], hrFinds.People.Items.Select(p => p.Code));
        Assert.Empty(units.Units.Items);
        Assert.Contains((await SearchAsync(manager, "vo minh")).People.Items, p => p.Code == "S005");
    }

    [SkippableFact]
    public async Task Staff_find_themselves_and_their_own_dossiers_but_no_colleague_and_no_colleagues_dossier()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        await PushAsync(hr, "dossiers",
        [
            Dossier("D1", "C1-TT", "S001", "2031-05-04T08:00:00+07:00", "2031-05-10T17:00:00+07:00", "2031-05-06T10:00:00+07:00", "processed"),
            Dossier("D2", "C1-TT", "S002", "2031-05-04T09:00:00+07:00", "2031-05-10T17:00:00+07:00"),
            Dossier("D3", "C2-TT", "S004", "2031-05-04T09:00:00+07:00", "2031-05-10T17:00:00+07:00"),
        ]);
        using var staff = await App.SignedInAsync("staff");
        using var manager = await App.SignedInAsync("manager");

        var own = await SearchAsync(staff, Prefix);
        var colleague = await SearchAsync(staff, "le van dung");
        var self = await SearchAsync(staff, "tran thi");
        var team = await SearchAsync(manager, Prefix);
        var province = await SearchAsync(hr, Prefix + "D");

        Assert.Equal([Prefix + "D1"], own.Dossiers.Items.Select(d => d.DossierId));
        Assert.Equal(1, own.Dossiers.Total);
        Assert.Empty(colleague.People.Items);
        Assert.Equal(["S001"], self.People.Items.Select(p => p.Code));
        Assert.Equal([Prefix + "D1", Prefix + "D2"], team.Dossiers.Items.Select(d => d.DossierId));
        Assert.Equal(3, province.Dossiers.Total);

        var finished = own.Dossiers.Items[0];
        Assert.True(finished.Finished);
        Assert.Equal("/survey/slip?code=" + Prefix + "D1", finished.SlipUrl);
        Assert.Equal("/kpis/explain?kpi=online_share&scope=staff&code=S001&from=2031-05-04&to=2031-05-05", finished.ExplainUrl);
        var explanation = await staff.GetStringAsync(finished.ExplainUrl);
        Assert.Contains(Prefix + "D1", explanation);
        Assert.Null(team.Dossiers.Items[1].SlipUrl);
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task Nothing_to_look_for_answers_400_located_at_q(string? q)
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");

        var response = await hr.GetAsync(q is null ? "/api/search" : "/api/search?q=" + Uri.EscapeDataString(q));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal(["q"], problem!.Errors.Keys);
        Assert.Contains("Hãy nhập điều cần tìm", problem.Errors["q"][0]);
    }

    [SkippableFact]
    public async Task A_search_longer_than_100_characters_answers_400_on_the_api_and_the_page()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        var q = new string('a', SearchReader.MaximumLength + 1);

        var response = await hr.GetAsync("/api/search?q=" + q);
        var page = await hr.GetAsync("/search?q=" + q);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal("Nội dung tìm kiếm dài quá 100 ký tự.", problem!.Errors["q"].Single());
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("Nội dung tìm kiếm dài quá 100 ký tự.", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await hr.GetAsync("/api/search?q=" + q[1..])).StatusCode);
    }

    [SkippableFact]
    public async Task The_page_lists_the_groups_and_without_anything_typed_shows_its_field_without_an_error()
    {
        RequireDatabase();
        using var manager = await App.SignedInAsync("manager");

        var empty = await manager.GetAsync("/search");
        var blank = await manager.GetAsync("/search?q=");
        var html = await manager.GetStringAsync("/search?q=nguyen");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (empty.StatusCode, blank.StatusCode));
        Assert.DoesNotContain("search-error", await empty.Content.ReadAsStringAsync());
        Assert.DoesNotContain("search-error", await blank.Content.ReadAsStringAsync());
        Assert.Contains("Nguyễn Văn Hải", html);
        Assert.Contains("data-testid=\"search-dossiers\"", html);
    }

    /// <summary>
    /// Dossiers are found through the primary key (or, for staff, the handler index), never by
    /// reading the table: SQLite's plan names an index for the dossiers, and PostgreSQL, told to
    /// avoid sequential scans, is able to.
    /// </summary>
    [SkippableTheory]
    [InlineData(Role.Hr, "KH", null)]
    [InlineData(Role.Manager, "C1", "S003")]
    [InlineData(Role.Staff, "C1-TT", "S001")]
    public async Task Dossiers_are_read_through_an_index_whatever_the_callers_scope(Role role, string scopeUnit, string? staffCode)
    {
        RequireDatabase();
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var user = new CurrentUser("plan", "plan", role, scopeUnit, staffCode);
        var query = new SearchReader(db).DossiersStartingWith("C1-TT-2031", user, await UnitScope.LoadAsync(db, user, default))
            .OrderBy(d => d.DossierId).Take(SearchReader.GroupSize);

        await using var command = query.CreateDbCommand();
        await db.Database.OpenConnectionAsync();
        var sqlite = db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";
        if (!sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off");
        }

        command.CommandText = (sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + command.CommandText;
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(sqlite ? 3 : 0));
            }
        }

        var text = string.Join("\n", plan);
        Assert.DoesNotMatch(sqlite ? TableScan() : SequentialScan(), text);
        Assert.Contains(sqlite ? "USING" : "Index", text);
    }

    [GeneratedRegex(@"(?m)^SCAN d\b")]
    private static partial Regex TableScan();

    [GeneratedRegex(@"Seq Scan on dossiers")]
    private static partial Regex SequentialScan();
}

public sealed class SqliteSearchTests(SqliteApp app) : SearchTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresSearchTests(PostgresApp app) : SearchTests<PostgresApp>(app), IClassFixture<PostgresApp>;
