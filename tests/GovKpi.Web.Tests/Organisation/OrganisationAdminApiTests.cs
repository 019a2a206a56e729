using System.Net;
using System.Net.Http.Json;
using GovKpi.Core.Access;
using GovKpi.Data;
using GovKpi.Data.Accounts;
using GovKpi.Web.Features.Organisation;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Organisation;

/// <summary>HR's administration API for units, positions and staff: the import's rules, the audit trail, scope; run against both databases.</summary>
public abstract class OrganisationAdminApiTests<TApp>(TApp app) where TApp : GovKpiApp
{
    private readonly string _p = "A" + Guid.NewGuid().ToString("N")[..5];

    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private static async Task<OrganisationChangeResponse> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<OrganisationChangeResponse>())!;
    }

    private static async Task<IDictionary<string, string[]>> ProblemsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
    }

    /// <summary>A field of a record as the audit stores it (JSON).</summary>
    private static string? Field(string? json, string name) => System.Text.Json.JsonDocument.Parse(json!).RootElement.GetProperty(name).GetString();

    private Task<HttpResponseMessage> AddPersonAsync(HttpClient hr, string code, string unit = "C1-TT") => hr.PostAsJsonAsync("/api/organisation/staff", new
    {
        code = _p + code, full_name = "Bùi Thị " + code, type = "cong_chuc", unit_code = unit, position_code = "CV-TCCB", effective_from = "2026-01-01",
    });

    /// <summary>An HR account whose scope is one commune, as a province's agency HR would have.</summary>
    private async Task<HttpClient> CommuneHrAsync(string commune)
    {
        var name = ("hr-" + _p).ToLowerInvariant();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
            var account = new UserAccount { UserName = name, DisplayName = name, Role = Role.Hr, ScopeUnitCode = commune, PasswordHash = "" };
            account.PasswordHash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<UserAccount>>().HashPassword(account, app.Password);
            db.Accounts.Add(account);
            await db.SaveChangesAsync();
        }

        return await app.SignedInAsync(name);
    }

    [SkippableFact]
    public async Task Hr_adds_a_unit_under_a_unit_and_the_audit_trail_shows_who_from_where_and_the_record_after()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");

        var change = await OkAsync(await hr.PostAsJsonAsync("/api/organisation/units",
            new { code = _p, name_vi = "Phòng Văn hóa - Xã hội", kind = "division", parent_code = "C1", effective_from = "2025-07-01" }));

        Assert.Equal([new KindSummaryResponse("units", 1, 0, 0, 0)], change.Summary);
        var trail = await hr.GetFromJsonAsync<List<AuditEntryResponse>>($"/api/organisation/audit?code={_p}");
        var entry = Assert.Single(trail!);
        Assert.Equal(("hr", "api", "units", null), (entry.Actor, entry.Source, entry.Kind, entry.Before));
        Assert.Equal("Phòng Văn hóa - Xã hội", Field(entry.After, "nameVi"));
        Assert.Equal(GovKpiApp.Now, entry.At);
        var unit = await hr.GetFromJsonAsync<UnitDetailResponse>($"/api/units/{_p}");
        Assert.Equal("C1", unit!.Unit.ParentCode);
    }

    [SkippableFact]
    public async Task Editing_a_unit_changes_only_the_fields_given_and_the_audit_entry_holds_before_and_after()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        await OkAsync(await hr.PostAsJsonAsync("/api/organisation/units", new { code = _p, name_vi = "Phòng Nội vụ", kind = "division", parent_code = "C1", effective_from = "2025-07-01" }));

        var change = await OkAsync(await hr.PutAsJsonAsync($"/api/organisation/units/{_p}", new { name_vi = "Phòng Nội vụ - Tư pháp" }));

        Assert.Equal([new KindSummaryResponse("units", 0, 1, 0, 0)], change.Summary);
        var entry = Assert.Single(change.Audit);
        Assert.Equal(("Phòng Nội vụ", "Phòng Nội vụ - Tư pháp"), (Field(entry.Before, "nameVi"), Field(entry.After, "nameVi")));
        var unit = await hr.GetFromJsonAsync<UnitDetailResponse>($"/api/units/{_p}");
        Assert.Equal(("Phòng Nội vụ - Tư pháp", "C1", "Division"), (unit!.Unit.NameVi, unit.Unit.ParentCode, unit.Unit.Kind));
        Assert.Equal(2, (await hr.GetFromJsonAsync<List<AuditEntryResponse>>($"/api/organisation/audit?code={_p}"))!.Count);
    }

    [SkippableFact]
    public async Task Retiring_a_unit_into_its_successor_ends_it_and_adds_the_lineage_edge()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        foreach (var code in (string[])[_p + "-OLD", _p + "-NEW"])
        {
            await OkAsync(await hr.PostAsJsonAsync("/api/organisation/units", new { code, name_vi = "Phòng " + code, kind = "division", parent_code = "C1", effective_from = "2025-07-01" }));
        }

        var change = await OkAsync(await hr.PostAsJsonAsync($"/api/organisation/units/{_p}-OLD/retire",
            new { effective_to = "2026-03-01", successor_code = _p + "-NEW", lineage_kind = "merge" }));

        Assert.Equal([new KindSummaryResponse("units", 0, 0, 1, 0), new KindSummaryResponse("unit_lineage", 1, 0, 0, 0)], change.Summary);
        var old = await hr.GetFromJsonAsync<UnitDetailResponse>($"/api/units/{_p}-OLD");
        Assert.Equal(new DateOnly(2026, 3, 1), old!.Unit.EffectiveTo);
        var successor = await hr.GetFromJsonAsync<UnitDetailResponse>($"/api/units/{_p}-NEW");
        var edge = Assert.Single(successor!.History);
        Assert.Equal((_p + "-OLD", "Merge", new DateOnly(2026, 3, 1)), (edge.PredecessorCode, edge.Kind, edge.EffectiveOn));
    }

    [SkippableFact]
    public async Task A_unit_with_an_unknown_parent_is_refused_with_the_import_message_keyed_by_field_and_nothing_is_written()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        var imported = await hr.PostAsJsonAsync("/api/organisation/import",
            new { units = new[] { new { code = _p, name_vi = "Phòng X", kind = "division", parent_code = "NOPE", effective_from = "2025-07-01" } } });

        var response = await hr.PostAsJsonAsync("/api/organisation/units", new { code = _p, name_vi = "Phòng X", kind = "division", parent_code = "NOPE", effective_from = "bad" });

        var errors = await ProblemsAsync(response);
        Assert.Equal(["effective_from"], errors.Keys);
        var fixedDate = await ProblemsAsync(await hr.PostAsJsonAsync("/api/organisation/units",
            new { code = _p, name_vi = "Phòng X", kind = "division", parent_code = "NOPE", effective_from = "2025-07-01" }));
        var importMessage = (await imported.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors["units[0].parent_code"];
        Assert.Equal(importMessage, fixedDate["parent_code"]);
        Assert.Equal("không có đơn vị cấp trên 'NOPE'", Assert.Single(fixedDate["parent_code"]));
        Assert.Equal(HttpStatusCode.NotFound, (await hr.GetAsync($"/api/units/{_p}")).StatusCode);
        Assert.Empty((await hr.GetFromJsonAsync<List<AuditEntryResponse>>($"/api/organisation/audit?code={_p}"))!);
    }

    [SkippableFact]
    public async Task Hr_moves_a_staff_member_from_a_date_the_old_placement_ends_that_day_and_the_audit_shows_both_places()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        await OkAsync(await AddPersonAsync(hr, "M"));

        var change = await OkAsync(await hr.PostAsJsonAsync($"/api/organisation/staff/{_p}M/move", new { unit_code = "C1-KT", effective_from = "2026-03-01" }));

        var history = await hr.GetFromJsonAsync<List<PlacementResponse>>($"/api/staff/{_p}M/history");
        Assert.Equal(
            [
                new PlacementResponse(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 1), "C1-TT", "CV-TCCB", "CongChuc", "None"),
                new PlacementResponse(new DateOnly(2026, 3, 1), null, "C1-KT", "CV-TCCB", "CongChuc", "None"),
            ],
            history);
        var entry = Assert.Single(change.Audit);
        Assert.Contains("\"unitCode\":\"C1-TT\"", entry.Before, StringComparison.Ordinal);
        Assert.Contains("\"unitCode\":\"C1-KT\"", entry.After, StringComparison.Ordinal);
        var trail = await hr.GetFromJsonAsync<List<AuditEntryResponse>>($"/api/organisation/audit?code={_p}M");
        Assert.Equal([null, entry.Before], trail!.Select(e => e.Before));
        var member = await hr.GetFromJsonAsync<StaffResponse>($"/api/staff/{_p}M");
        Assert.Equal("C1-KT", member!.UnitCode);
    }

    [SkippableFact]
    public async Task A_move_to_an_unknown_position_gives_the_import_message_and_a_move_without_a_date_is_refused()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        await OkAsync(await AddPersonAsync(hr, "P"));

        var unknown = await ProblemsAsync(await hr.PostAsJsonAsync($"/api/organisation/staff/{_p}P/move", new { position_code = "NOPE", effective_from = "2026-03-01" }));
        var undated = await ProblemsAsync(await hr.PostAsJsonAsync($"/api/organisation/staff/{_p}P/move", new { unit_code = "C1-KT" }));
        var earlier = await ProblemsAsync(await hr.PostAsJsonAsync($"/api/organisation/staff/{_p}P/move", new { unit_code = "C1-KT", effective_from = "2025-12-01" }));

        Assert.Equal("không có vị trí việc làm 'NOPE'", Assert.Single(unknown["position_code"]));
        Assert.Equal("bắt buộc nhưng đang để trống", Assert.Single(undated["effective_from"]));
        Assert.Equal($"{_p}P đang công tác ở C1-TT, vị trí CV-TCCB, từ ngày 2026-01-01: việc điều động phải bắt đầu sau ngày đó", Assert.Single(earlier["effective_from"]));
        Assert.Single((await hr.GetFromJsonAsync<List<PlacementResponse>>($"/api/staff/{_p}P/history"))!);
    }

    [SkippableFact]
    public async Task Editing_a_staff_member_corrects_them_without_a_move_and_a_departure_ends_their_placement()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        await OkAsync(await AddPersonAsync(hr, "E"));

        var edited = await OkAsync(await hr.PutAsJsonAsync($"/api/organisation/staff/{_p}E", new { full_name = "Bùi Thị Em", leader = "deputy" }));
        var left = await OkAsync(await hr.PostAsJsonAsync($"/api/organisation/staff/{_p}E/leave", new { effective_to = "2026-04-01" }));

        Assert.Equal([new KindSummaryResponse("staff", 0, 1, 0, 0)], edited.Summary);
        Assert.Equal([new KindSummaryResponse("staff", 0, 0, 1, 0)], left.Summary);
        var placement = Assert.Single((await hr.GetFromJsonAsync<List<PlacementResponse>>($"/api/staff/{_p}E/history"))!);
        Assert.Equal(new PlacementResponse(new DateOnly(2026, 1, 1), new DateOnly(2026, 4, 1), "C1-TT", "CV-TCCB", "CongChuc", "Deputy"), placement);
        Assert.Equal("Bùi Thị Em", (await hr.GetFromJsonAsync<StaffResponse>($"/api/staff/{_p}E"))!.FullName);
        Assert.Equal(3, (await hr.GetFromJsonAsync<List<AuditEntryResponse>>($"/api/organisation/audit?code={_p}E"))!.Count);
    }

    [SkippableFact]
    public async Task Hr_adds_and_edits_a_position_and_adding_an_existing_code_answers_409()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");

        var added = await OkAsync(await hr.PostAsJsonAsync("/api/organisation/positions", new { code = _p, name_vi = "Văn thư", group = "support" }));
        var edited = await OkAsync(await hr.PutAsJsonAsync($"/api/organisation/positions/{_p}", new { description = "Tiếp nhận và phát hành văn bản" }));
        var again = await hr.PostAsJsonAsync("/api/organisation/positions", new { code = _p, name_vi = "Văn thư", group = "support" });

        Assert.Equal([new KindSummaryResponse("positions", 1, 0, 0, 0)], added.Summary);
        Assert.Equal("Tiếp nhận và phát hành văn bản", Field(Assert.Single(edited.Audit).After, "description"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var positions = await hr.GetFromJsonAsync<List<PositionResponse>>("/api/positions");
        Assert.Equal("Tiếp nhận và phát hành văn bản", positions!.Single(p => p.Code == _p).Description);
    }

    [SkippableFact]
    public async Task Roles_other_than_hr_cannot_change_the_organisation()
    {
        RequireDatabase();
        using var manager = await app.SignedInAsync("manager");
        using var leader = await app.SignedInAsync("leader");

        var byManager = await manager.PostAsJsonAsync("/api/organisation/units", new { code = _p, name_vi = "Phòng X", kind = "division", parent_code = "C1", effective_from = "2025-07-01" });
        var byLeader = await leader.PostAsJsonAsync("/api/organisation/staff/S001/move", new { unit_code = "C1-KT", effective_from = "2026-03-01" });

        Assert.Equal(HttpStatusCode.Forbidden, byManager.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byLeader.StatusCode);
    }

    [SkippableFact]
    public async Task Hr_of_one_commune_gets_403_outside_it_and_404_for_an_unknown_code()
    {
        RequireDatabase();
        using var hr = await CommuneHrAsync("C2");

        var addElsewhere = await AddPersonAsync(hr, "O", unit: "C1-TT");
        var editElsewhere = await hr.PutAsJsonAsync("/api/organisation/units/C1", new { name_vi = "Xã khác" });
        var moveIntoElsewhere = await hr.PostAsJsonAsync("/api/organisation/staff/S004/move", new { unit_code = "C1-TT", effective_from = "2026-03-01" });
        var unknown = await hr.PostAsJsonAsync("/api/organisation/staff/NOPE/leave", new { effective_to = "2026-03-01" });
        var auditElsewhere = await hr.GetAsync("/api/organisation/audit?code=S001");
        var inside = await AddPersonAsync(hr, "I", unit: "C2-TT");

        Assert.Equal(HttpStatusCode.Forbidden, addElsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, editElsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, moveIntoElsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, auditElsewhere.StatusCode);
        Assert.Equal([new KindSummaryResponse("staff", 1, 0, 0, 0)], (await OkAsync(inside)).Summary);
    }

    [SkippableFact]
    public async Task An_edit_naming_a_version_that_someone_else_has_changed_since_answers_409_and_changes_nothing()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        await OkAsync(await AddPersonAsync(hr, "V"));
        var read = await hr.GetAsync($"/api/staff/{_p}V");
        var version = read.Headers.ETag!.Tag;
        await OkAsync(await hr.PutAsJsonAsync($"/api/organisation/staff/{_p}V", new { full_name = "Bùi Thị Vân" }));

        var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/organisation/staff/{_p}V/move")
        {
            Content = JsonContent.Create(new { unit_code = "C1-KT", effective_from = "2026-03-01" }),
        };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(version));
        var refused = await hr.SendAsync(stale);
        var current = new HttpRequestMessage(HttpMethod.Post, $"/api/organisation/staff/{_p}V/move")
        {
            Content = JsonContent.Create(new { unit_code = "C1-KT", effective_from = "2026-03-01" }),
        };
        current.Headers.IfMatch.Add((await hr.GetAsync($"/api/staff/{_p}V")).Headers.ETag!);
        var moved = await hr.SendAsync(current);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal([new KindSummaryResponse("staff", 0, 1, 0, 0)], (await OkAsync(moved)).Summary);
        Assert.Equal(2, (await hr.GetFromJsonAsync<List<PlacementResponse>>($"/api/staff/{_p}V/history"))!.Count);
    }

    /// <summary>Posts a form of the admin page the way a browser does: with the page's anti-forgery token.</summary>
    private static async Task<string> PostAdminFormAsync(HttpClient client, Dictionary<string, string> fields, string? page = null)
    {
        page ??= await client.GetStringAsync("/organisation/admin");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/organisation/admin", new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [SkippableFact]
    public async Task The_admin_page_shows_the_import_message_next_to_the_field_and_a_saved_form_is_audited_as_from_the_page()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        Dictionary<string, string> Unit(string parent) => new()
        {
            ["op"] = "add-unit", ["code"] = _p, ["name_vi"] = "Tổ một cửa", ["kind"] = "division", ["parent_code"] = parent, ["effective_from"] = "2025-07-01",
        };

        var refused = await PostAdminFormAsync(hr, Unit("NOPE"));
        var saved = await PostAdminFormAsync(hr, Unit("C1"));

        Assert.Contains("data-field=\"parent_code\">không có đơn vị cấp trên &#x27;NOPE&#x27;</span>", refused, StringComparison.Ordinal);
        Assert.Contains("value=\"Tổ một cửa\"", refused, StringComparison.Ordinal);
        Assert.Contains("Đã lưu thay đổi", saved, StringComparison.Ordinal);
        var entry = Assert.Single((await hr.GetFromJsonAsync<List<AuditEntryResponse>>($"/api/organisation/audit?code={_p}"))!);
        Assert.Equal(("hr", "page"), (entry.Actor, entry.Source));
    }

    [SkippableFact]
    public async Task A_page_form_read_before_someone_else_changed_the_person_is_refused_rather_than_undoing_their_change()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        await OkAsync(await AddPersonAsync(hr, "F"));
        var form = await hr.GetStringAsync($"/organisation/admin?staff={_p}F");
        var version = System.Text.RegularExpressions.Regex.Match(form, "data-form=\"edit-staff\"[\\s\\S]*?name=\"version\" value=\"([0-9a-f]+)\"").Groups[1].Value;
        await OkAsync(await hr.PutAsJsonAsync($"/api/organisation/staff/{_p}F", new { full_name = "Bùi Thị Phương" }));

        var page = await PostAdminFormAsync(hr, new()
        {
            ["op"] = "edit-staff", ["target"] = _p + "F", ["version"] = version, ["full_name"] = "Bùi Thị F", ["type"] = "cong_chuc", ["leader"] = "none",
        }, form);

        Assert.Matches("^[0-9a-f]{16}$", version);
        Assert.Contains("Bản ghi vừa được người khác thay đổi", page, StringComparison.Ordinal);
        Assert.Equal("Bùi Thị Phương", (await hr.GetFromJsonAsync<StaffResponse>($"/api/staff/{_p}F"))!.FullName);
    }

    [SkippableFact]
    public async Task The_audit_trail_is_read_by_hr_and_auditors_only()
    {
        RequireDatabase();
        using var auditor = await app.SignedInAsync("auditor");
        using var manager = await app.SignedInAsync("manager");

        var byAuditor = await auditor.GetAsync("/api/organisation/audit?code=C1");
        var byManager = await manager.GetAsync("/api/organisation/audit?code=C1");

        Assert.Equal(HttpStatusCode.OK, byAuditor.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byManager.StatusCode);
    }
}

public sealed class SqliteOrganisationAdminApiTests(SqliteApp app) : OrganisationAdminApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresOrganisationAdminApiTests(PostgresApp app) : OrganisationAdminApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
