using System.Net;
using System.Net.Http.Json;
using GovKpi.Web.Features.Organisation;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Organisation;

/// <summary>The organisation import over JSON and the staff lists and histories it feeds; run against both databases.</summary>
public abstract class OrganisationImportApiTests<TApp>(TApp app) where TApp : GovKpiApp
{
    private readonly string _p = "T" + Guid.NewGuid().ToString("N")[..5];

    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private object Person(string code, string unit, string? from = null) => new Dictionary<string, string?>
    {
        ["code"] = _p + code, ["full_name"] = "Hồ Thị " + code, ["type"] = "vien_chuc", ["unit_code"] = unit,
        ["position_code"] = "CV-TCCB", ["effective_from"] = from,
    };

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, object body) => client.PostAsJsonAsync("/api/organisation/import", body);

    [SkippableFact]
    public async Task Hr_imports_units_and_staff_as_json_and_the_same_request_again_changes_nothing()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        var body = new
        {
            units = new[] { new { code = _p + "-VH", name_vi = "Phòng Văn hóa - Xã hội", kind = "division", parent_code = "C1", effective_from = "2025-07-01" } },
            staff = new[] { Person("A", _p + "-VH"), Person("B", _p + "-VH") },
        };

        var first = await ImportAsync(hr, body);
        var second = await ImportAsync(hr, body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var added = await first.Content.ReadFromJsonAsync<OrganisationImportResponse>();
        Assert.True(added!.Changed);
        Assert.Equal([new KindSummaryResponse("units", 1, 0, 0, 0), new KindSummaryResponse("staff", 2, 0, 0, 0)], added.Summary);
        var again = await second.Content.ReadFromJsonAsync<OrganisationImportResponse>();
        Assert.False(again!.Changed);
        Assert.Equal([new KindSummaryResponse("units", 0, 0, 0, 1), new KindSummaryResponse("staff", 0, 0, 0, 2)], again.Summary);
        var listed = await hr.GetFromJsonAsync<List<StaffListItem>>($"/api/staff?unit={_p}-VH");
        Assert.Equal([_p + "A", _p + "B"], listed!.Select(s => s.Code));
        Assert.All(listed!, s => Assert.Equal(DateOnly.FromDateTime(GovKpiApp.Now.DateTime), s.PlacedFrom));
    }

    [SkippableFact]
    public async Task An_invalid_import_answers_400_keyed_by_file_index_and_column_and_changes_nothing()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        var before = await hr.GetFromJsonAsync<List<StaffListItem>>("/api/staff");
        var body = new
        {
            units = new[] { new { code = _p + "-X", name_vi = "Phòng X", kind = "division", parent_code = "NOPE", effective_from = "2025-07-01" } },
            staff = new[] { Person("C", "C1-TT"), Person("D", "C9") },
        };

        var response = await ImportAsync(hr, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal(["staff[1].unit_code", "units[0].parent_code"], problem!.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("không có đơn vị 'C9'", Assert.Single(problem.Errors["staff[1].unit_code"]));
        var after = await hr.GetFromJsonAsync<List<StaffListItem>>("/api/staff");
        Assert.Equal(before!.Select(s => s.Code), after!.Select(s => s.Code));
    }

    [SkippableFact]
    public async Task A_field_that_cannot_be_read_is_keyed_the_same_way()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");

        var response = await ImportAsync(hr, new { positions = new[] { new { code = _p, name_vi = "Vị trí", group = "nope" } } });

        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("positions[0].group", Assert.Single(problem!.Errors.Keys));
    }

    [SkippableFact]
    public async Task An_organisation_code_follows_the_id_rule_of_the_records_trimmed_nfc_and_printable()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");

        var invisible = await ImportAsync(hr, new { positions = new[] { new { code = _p + "\u200B", name_vi = "Vị trí", group = "professional" } } });
        var composed = await ImportAsync(hr, new { positions = new[] { new { code = " " + _p + "-Ca\u0301 ", name_vi = "Vị trí", group = "professional" } } });

        Assert.Equal(HttpStatusCode.BadRequest, invisible.StatusCode);
        var problem = await invisible.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal("positions[0].code", Assert.Single(problem!.Errors.Keys));
        Assert.Contains("U+200B", Assert.Single(problem.Errors["positions[0].code"]), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, composed.StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpi.Data.GovKpiDbContext>();
        Assert.Equal([_p + "-C\u00E1"], await db.JobPositions.AsNoTracking().Where(p => p.Code.StartsWith(_p)).Select(p => p.Code).ToListAsync());
    }

    [SkippableFact]
    public async Task A_body_that_is_not_one_array_per_file_is_refused()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");

        var notAnArray = await (await ImportAsync(hr, new { staff = 5 })).Content.ReadFromJsonAsync<ValidationProblemDetails>();
        var notAnObject = await (await ImportAsync(hr, new { units = new[] { 1 } })).Content.ReadFromJsonAsync<ValidationProblemDetails>();

        Assert.Equal("staff", Assert.Single(notAnArray!.Errors.Keys));
        Assert.Equal("units[0]", Assert.Single(notAnObject!.Errors.Keys));
    }

    [SkippableFact]
    public async Task A_person_stored_before_histories_were_kept_has_their_current_placement_as_history()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");

        var history = await hr.GetFromJsonAsync<List<PlacementResponse>>("/api/staff/S004/history");

        Assert.Equal(new PlacementResponse(new DateOnly(2025, 7, 1), null, "C2-TT", "CV-MOTCUA", "CongChuc", "None"), Assert.Single(history!));
    }

    [SkippableTheory]
    [InlineData("manager")]
    [InlineData("staff")]
    [InlineData("leader")]
    public async Task Only_hr_may_import(string userName)
    {
        RequireDatabase();
        using var client = await app.SignedInAsync(userName);

        var response = await ImportAsync(client, new { staff = new[] { Person("E", "C1-TT") } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [SkippableFact]
    public async Task A_moved_staff_member_is_listed_in_the_new_unit_and_their_history_keeps_the_old_placement()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(hr, new { staff = new[] { Person("M", "C1-TT", "2026-01-01") } })).StatusCode);

        var moved = await ImportAsync(hr, new { staff = new[] { Person("M", "C2-TT", "2026-04-01") } });

        var summary = await moved.Content.ReadFromJsonAsync<OrganisationImportResponse>();
        Assert.Equal(new KindSummaryResponse("staff", 0, 1, 0, 0), Assert.Single(summary!.Summary));
        Assert.Contains(_p + "M", (await hr.GetFromJsonAsync<List<StaffListItem>>("/api/staff?unit=C2-TT"))!.Select(s => s.Code));
        Assert.DoesNotContain(_p + "M", (await hr.GetFromJsonAsync<List<StaffListItem>>("/api/staff?unit=C1-TT"))!.Select(s => s.Code));
        var history = await hr.GetFromJsonAsync<List<PlacementResponse>>($"/api/staff/{_p}M/history");
        Assert.Equal(
            [new PlacementResponse(new DateOnly(2026, 1, 1), new DateOnly(2026, 4, 1), "C1-TT", "CV-TCCB", "VienChuc", "None"),
             new PlacementResponse(new DateOnly(2026, 4, 1), null, "C2-TT", "CV-TCCB", "VienChuc", "None")],
            history);

        // The commune the person left still reads what was done there.
        using var manager = await app.SignedInAsync("manager");
        Assert.Equal(2, (await manager.GetFromJsonAsync<List<PlacementResponse>>($"/api/staff/{_p}M/history"))!.Count);
    }

    [SkippableFact]
    public async Task Moving_a_person_leaves_the_old_units_and_their_own_kpi_values_of_earlier_periods_unchanged()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(hr, new { staff = new[] { Person("K", "C1-TT", "2025-01-01") } })).StatusCode);
        object Dossier(string id, string finishedAt) => new Dictionary<string, object?>
        {
            ["dossier_id"] = _p + id, ["procedure_code"] = "1.001193", ["unit_code"] = "C1-TT", ["handler_code"] = _p + "K",
            ["channel"] = "online", ["received_at"] = "2025-07-03T08:15:00+07:00", ["due_at"] = "2025-07-10T17:00:00+07:00",
            ["finished_at"] = finishedAt, ["status"] = "result_returned", ["updated_at"] = finishedAt,
        };
        var pushed = await hr.PostAsJsonAsync("/api/measurement/dossiers",
            new[] { Dossier("D1", "2025-07-08T10:00:00+07:00"), Dossier("D2", "2025-07-15T10:00:00+07:00") });
        Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);
        const string July = "from=2025-07-01&to=2025-08-01";
        var unitBefore = await hr.GetStringAsync($"/api/kpis/values?scope=unit&code=C1-TT&{July}");
        var personBefore = await hr.GetStringAsync($"/api/kpis/values?scope=staff&code={_p}K&{July}");

        var moved = await ImportAsync(hr, new { staff = new[] { Person("K", "C2-TT", "2026-04-01") } });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Contains(_p + "K", (await hr.GetFromJsonAsync<List<StaffListItem>>("/api/staff?unit=C2-TT"))!.Select(s => s.Code));
        Assert.Contains("\"numerator\":2", personBefore, StringComparison.Ordinal);
        Assert.Equal(unitBefore, await hr.GetStringAsync($"/api/kpis/values?scope=unit&code=C1-TT&{July}"));
        Assert.Equal(personBefore, await hr.GetStringAsync($"/api/kpis/values?scope=staff&code={_p}K&{July}"));
    }

    [SkippableFact]
    public async Task A_manager_lists_only_the_staff_of_their_subtree()
    {
        RequireDatabase();
        using var manager = await app.SignedInAsync("manager");

        var staff = await manager.GetFromJsonAsync<List<StaffListItem>>("/api/staff");
        var outside = await manager.GetAsync("/api/staff?unit=C2");

        Assert.Contains(staff!, s => s.Code == "S001");
        Assert.All(staff!, s => Assert.Contains(s.UnitCode, (string[])["C1", "C1-TT", "C1-KT", "X1", "X2", "X3"]));
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
    }

    [SkippableFact]
    public async Task Hr_downloads_the_template_with_one_sheet_per_file_after_the_notes_and_others_may_not()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var manager = await app.SignedInAsync("manager");

        var template = await hr.GetAsync("/organisation/import/template.xlsx");
        var refused = await manager.GetAsync("/organisation/import/template.xlsx");

        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        using var workbook = new ClosedXML.Excel.XLWorkbook(await template.Content.ReadAsStreamAsync());
        Assert.Equal(9, workbook.Worksheets.Count);
        var staff = workbook.Worksheet("staff");
        Assert.Equal(
            ["code", "full_name", "type", "unit_code", "position_code", "leader", "skills", "email", "effective_from", "effective_to"],
            staff.Row(1).CellsUsed().Select(c => c.GetString()));
        // Outside /api, the cookie scheme answers a forbidden request by sending the browser to the access-denied page.
        Assert.Equal("/access-denied", refused.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [SkippableFact]
    public async Task The_upload_page_is_for_hr_only()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var manager = await app.SignedInAsync("manager");

        var page = await hr.GetStringAsync("/organisation/import");
        var refused = await manager.GetAsync("/organisation/import");

        Assert.Contains("template.xlsx", page, StringComparison.Ordinal);
        Assert.Equal("/access-denied", refused.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [SkippableFact]
    public async Task Staff_history_outside_the_callers_scope_is_forbidden()
    {
        RequireDatabase();
        using var staff = await app.SignedInAsync("staff");

        var response = await staff.GetAsync("/api/staff/S004/history");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

public sealed class SqliteOrganisationImportApiTests(SqliteApp app) : OrganisationImportApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresOrganisationImportApiTests(PostgresApp app) : OrganisationImportApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
