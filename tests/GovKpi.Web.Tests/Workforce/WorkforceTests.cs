using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GovKpi.Core.Measurement;
using GovKpi.Core.Organisation;
using GovKpi.Core.Workforce;
using GovKpi.Data;
using GovKpi.Data.Measurement;
using GovKpi.Web.Features.Workforce;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Workforce;

/// <summary>
/// Workload, skill coverage and secondment plans over real HTTP (issue 14). The app's today is
/// Sunday 15 March 2026; from 15 December 2025 the service centre of C2 (one specialist) finishes
/// twelve land dossiers a working day against a norm of eight, the centre of C1 (two) one each.
/// </summary>
public abstract partial class WorkforceTests<TApp>(TApp app) where TApp : GovKpiApp
{
    private const string Land = "dat-dai";
    private const string Procedure = "1.001193";

    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private static readonly SemaphoreSlim Seeding = new(1, 1);

    private async Task SeedAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
            if (await db.Dossiers.AnyAsync(d => d.DossierId.StartsWith("WF-")))
            {
                return;
            }

            foreach (var code in (string[])["S001", "S002"])
            {
                var member = await db.Staff.AsNoTracking().FirstAsync(s => s.Code == code);
                db.Staff.Update(member with { Skills = [Land] });
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();

            var rows = new List<SourceRow<DossierVersion>>();
            var calendar = Core.Calendar.WorkingCalendar.Official;
            for (var day = new DateOnly(2025, 12, 15); day < new DateOnly(2026, 3, 14); day = day.AddDays(1))
            {
                if (!calendar.IsWorkingDay(day))
                {
                    continue;
                }

                var handlers = Enumerable.Repeat(("C2-TT", "S004"), 12).Append(("C1-TT", "S001")).Append(("C1-TT", "S002"));
                foreach (var (unit, handler) in handlers)
                {
                    var received = new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), TimeSpan.FromHours(7));
                    rows.Add(SourceRow<DossierVersion>.Valid(rows.Count + 2, new DossierVersion($"WF-{rows.Count:D5}", Procedure, unit, handler, DossierChannel.InPerson,
                        received, received.AddDays(5), received.AddHours(2), DossierStatus.ResultReturned, 0, false, received.AddHours(2))));
                }
            }

            var outcome = await new MeasurementImport(db, app.Clock).RunAsync(new MeasurementBatch(ImportSource.Cli, "workforce-test")
            {
                Dossiers = new ImportFile<DossierVersion>("dossiers.csv", rows),
            });
            Assert.Equal(rows.Count, outcome.Batch.Inserted);
        }
        finally
        {
            Seeding.Release();
        }
    }

    private static async Task<JsonElement> JsonAsync(HttpClient client, string url) =>
        JsonDocument.Parse(await client.GetStringAsync(url)).RootElement;

    private async Task<IReadOnlyList<Secondment>> SecondmentsOfAsync(string staffCode)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<GovKpiDbContext>().Staff.AsNoTracking().FirstAsync(s => s.Code == staffCode)).Secondments;
    }

    [SkippableFact]
    public async Task The_staffing_view_lists_the_units_over_the_norm_and_a_draft_secondment_shows_its_effect_and_changes_nothing_until_a_leader_approves_it()
    {
        RequireDatabase();
        await SeedAsync();
        using var hr = await app.SignedInAsync("hr");
        using var leader = await app.SignedInAsync("leader");
        Assert.Equal(HttpStatusCode.NoContent, (await hr.PutAsJsonAsync("/api/workforce/requirements",
            new RequirementsRequest([], [new ProcedureSkillRequest(Procedure, Land)]))).StatusCode);

        // The staffing view: C2-TT above the norm, first; C1-TT under it; the trend of the three periods before.
        const string workloadUrl = "/api/workforce/workload?from=2026-03-02&to=2026-03-14";
        var workloadBefore = await hr.GetStringAsync(workloadUrl);
        var workload = JsonDocument.Parse(workloadBefore).RootElement;
        var units = workload.GetProperty("units").EnumerateArray().ToList();
        Assert.Equal("C2-TT", units[0].GetProperty("unitCode").GetString());
        Assert.Equal((1.5m, "Over"), (units[0].GetProperty("load").GetDecimal(), units[0].GetProperty("capacity").GetString()));
        var c1 = units.Single(u => u.GetProperty("unitCode").GetString() == "C1-TT");
        Assert.Equal((0.125m, "Under", 2), (c1.GetProperty("load").GetDecimal(), c1.GetProperty("capacity").GetString(), c1.GetProperty("people").GetInt32()));
        Assert.Equal(10, workload.GetProperty("workingDays").GetInt32());
        Assert.Equal(3, units[0].GetProperty("trend").GetArrayLength());
        Assert.DoesNotContain(units, u => u.GetProperty("capacity").GetString() == "Over" && u.GetProperty("unitCode").GetString() != "C2-TT");
        var skillsBefore = await hr.GetStringAsync("/api/workforce/skills");

        // The assistant proposes: C2-TT handles land dossiers and no one there holds the skill.
        var proposed = await hr.PostAsJsonAsync("/api/workforce/plans/propose", new ProposeRequest("2026-03-16", "2026-06-16", null));
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        var id = JsonDocument.Parse(await proposed.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var plan = await JsonAsync(hr, $"/api/workforce/plans/{id}");
        Assert.True(plan.GetProperty("plan").GetProperty("proposed").GetBoolean());
        var line = Assert.Single(plan.GetProperty("plan").GetProperty("lines").EnumerateArray().ToList());
        Assert.Equal(("S001", "C1-TT", "C2-TT"), (line.GetProperty("staffCode").GetString(), line.GetProperty("fromUnitCode").GetString(), line.GetProperty("toUnitCode").GetString()));
        Assert.Equal("C2-TT thiếu người có kỹ năng dat-dai", line.GetProperty("reason").GetString());

        // A person edits the proposal; the effect is shown for both units, before and after.
        var edited = await hr.PutAsJsonAsync($"/api/workforce/plans/{id}", new PlanRequest("Tăng cường đất đai cho phường Bắc Nha Trang",
            [new PlanLineRequest("S001", "C2-TT", "2026-03-16", "2026-06-16", "Thiếu người có kỹ năng đất đai, hồ sơ vượt định mức")]));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        plan = await JsonAsync(hr, $"/api/workforce/plans/{id}");
        var effect = plan.GetProperty("effect").EnumerateArray().ToDictionary(e => e.GetProperty("unitCode").GetString()!);
        Assert.Equal(["C1-TT", "C2-TT"], effect.Keys.Order());
        var to = effect["C2-TT"];
        Assert.Equal((1, 2), (to.GetProperty("peopleBefore").GetInt32(), to.GetProperty("peopleAfter").GetInt32()));
        Assert.Equal(1.5m, to.GetProperty("loadBefore").GetDecimal());
        Assert.True(to.GetProperty("loadAfter").GetDecimal() < 1.0m);
        Assert.Equal([Land], to.GetProperty("gapsBefore").EnumerateArray().Select(g => g.GetString()));
        Assert.Empty(to.GetProperty("gapsAfter").EnumerateArray());
        Assert.Equal((0m, 1m), (to.GetProperty("coveredBefore").GetDecimal(), to.GetProperty("coveredAfter").GetDecimal()));
        var from = effect["C1-TT"];
        Assert.Equal((2, 1), (from.GetProperty("peopleBefore").GetInt32(), from.GetProperty("peopleAfter").GetInt32()));
        Assert.Equal((0.125m, 0.25m), (from.GetProperty("loadBefore").GetDecimal(), from.GetProperty("loadAfter").GetDecimal()));
        Assert.Equal(1m, from.GetProperty("coveredAfter").GetDecimal());

        // Nothing changes until approval: the person's secondments, the workload, the coverage.
        Assert.Empty(await SecondmentsOfAsync("S001"));
        Assert.Equal(workloadBefore, await hr.GetStringAsync(workloadUrl));
        Assert.Equal(skillsBefore, await hr.GetStringAsync("/api/workforce/skills"));
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.PostAsJsonAsync($"/api/workforce/plans/{id}/approve", new DecisionRequest(null))).StatusCode);
        Assert.Empty(await SecondmentsOfAsync("S001"));

        // The leader approves: the secondment is recorded through the organisation's change path.
        var approved = await leader.PostAsJsonAsync($"/api/workforce/plans/{id}/approve", new DecisionRequest("Đồng ý"));
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal([new Secondment { ToUnitCode = "C2-TT", From = new DateOnly(2026, 3, 16), To = new DateOnly(2026, 6, 16) }], await SecondmentsOfAsync("S001"));
        plan = await JsonAsync(leader, $"/api/workforce/plans/{id}");
        Assert.Equal(("Approved", "leader", "Đồng ý"), (plan.GetProperty("plan").GetProperty("status").GetString(),
            plan.GetProperty("plan").GetProperty("decidedBy").GetString(), plan.GetProperty("plan").GetProperty("decisionNote").GetString()));
        Assert.Equal([PlanActions.Proposed, PlanActions.Edited, PlanActions.Approved],
            plan.GetProperty("trail").EnumerateArray().Select(a => a.GetProperty("action").GetString()));
        var audit = await JsonAsync(hr, "/api/organisation/audit?code=" + Uri.EscapeDataString("S001→C2-TT 2026-03-16"));
        Assert.Equal("leader", Assert.Single(audit.EnumerateArray().ToList()).GetProperty("actor").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await leader.PostAsJsonAsync($"/api/workforce/plans/{id}/approve", new DecisionRequest(null))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await hr.PutAsJsonAsync($"/api/workforce/plans/{id}", new PlanRequest("x", []))).StatusCode);

        Assert.Contains((await JsonAsync(hr, "/api/workforce/plans")).EnumerateArray(), p => p.GetProperty("id").GetString() == id);
        Assert.Contains("Tăng cường đất đai cho phường Bắc Nha Trang", WebUtility.HtmlDecode(await hr.GetStringAsync("/workforce/plans")));
        Assert.Contains("Đã phê duyệt", WebUtility.HtmlDecode(await leader.GetStringAsync($"/workforce/plans/{id}")));
        var staffingView = WebUtility.HtmlDecode(await hr.GetStringAsync("/workforce?from=2026-03-02&to=2026-03-14"));
        Assert.Contains("data-unit=\"C2-TT\" data-capacity=\"Over\"", staffingView);
        Assert.Contains("150 % · vượt định mức", staffingView);
    }

    [SkippableFact]
    public async Task Plans_are_validated_with_located_messages_and_a_manager_reads_only_their_scope()
    {
        RequireDatabase();
        await SeedAsync();
        using var hr = await app.SignedInAsync("hr");
        using var leader = await app.SignedInAsync("leader");
        using var manager = await app.SignedInAsync("manager");

        var invalid = await hr.PostAsJsonAsync("/api/workforce/plans", new PlanRequest(" ",
            [new PlanLineRequest("NOBODY", "C2-TT", "2026-04-01", "2026-05-01", null), new PlanLineRequest("S002", "NO-UNIT", "2026-04-01", "03/05/2026", null)]));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        Assert.Equal(["lines[1].to"], errors.Keys);
        var unknown = await hr.PostAsJsonAsync("/api/workforce/plans", new PlanRequest(" ",
            [new PlanLineRequest("NOBODY", "C2-TT", "2026-04-01", "2026-05-01", null), new PlanLineRequest("S002", "NO-UNIT", "2026-04-01", "2026-03-01", null)]));
        errors = (await unknown.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        Assert.Equal("Không có cán bộ mã NOBODY.", Assert.Single(errors["lines[0].staff_code"]));
        Assert.Equal("Không có đơn vị mã NO-UNIT.", Assert.Single(errors["lines[1].to_unit_code"]));
        Assert.Equal("Ngày kết thúc phải sau ngày bắt đầu.", Assert.Single(errors["lines[1].to"]));
        Assert.Equal("Bắt buộc nhập.", Assert.Single(errors["title"]));

        var workload = await JsonAsync(manager, "/api/workforce/workload?from=2026-03-02&to=2026-03-14");
        var seen = workload.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unitCode").GetString()).ToList();
        Assert.Contains("C1-TT", seen);
        Assert.DoesNotContain("C2-TT", seen);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync("/api/workforce/plans", new PlanRequest("x", []))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PutAsJsonAsync("/api/workforce/norms", new NormsRequest([]))).StatusCode);

        var rejected = await hr.PostAsJsonAsync("/api/workforce/plans", new PlanRequest("Biệt phái thử",
            [new PlanLineRequest("S002", "C2-TT", "2026-09-01", "2026-10-01", "Thử")]));
        var id = JsonDocument.Parse(await rejected.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await leader.PostAsJsonAsync($"/api/workforce/plans/{id}/reject", new DecisionRequest("Chưa cần"))).StatusCode);
        Assert.Empty(await SecondmentsOfAsync("S002"));
    }

    [SkippableFact]
    public async Task Hr_edits_the_norm_of_a_position_and_the_load_follows_it()
    {
        RequireDatabase();
        await SeedAsync();
        using var hr = await app.SignedInAsync("hr");

        var bad = await hr.PutAsJsonAsync("/api/workforce/norms", new NormsRequest([new NormRequest("NO-POSITION", 10, 1), new NormRequest("CV-TCCB", -1, 1)]));
        var errors = (await bad.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        Assert.Equal(["norms[0].position_code", "norms[1].dossiers_per_day"], errors.Keys.Order());
        Assert.Equal("Không có vị trí việc làm mã NO-POSITION.", Assert.Single(errors["norms[0].position_code"]));
        Assert.Equal("Phải từ 0 đến 1000.", Assert.Single(errors["norms[1].dossiers_per_day"]));

        var position = TestProvince.Staff.Single(s => s.Code == "S004").PositionCode;
        Assert.Equal(HttpStatusCode.OK, (await hr.PutAsJsonAsync("/api/workforce/norms", new NormsRequest([new NormRequest(position, 24, 1)]))).StatusCode);
        var workload = await JsonAsync(hr, "/api/workforce/workload?from=2026-03-02&to=2026-03-14&unit=C2-TT");
        Assert.Equal(0.5m, Assert.Single(workload.GetProperty("units").EnumerateArray().ToList()).GetProperty("load").GetDecimal());
        Assert.Equal(HttpStatusCode.OK, (await hr.PutAsJsonAsync("/api/workforce/norms", new NormsRequest([]))).StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>Posts the norms page's form the way a browser does, repeated fields and all.</summary>
    private static async Task<HttpResponseMessage> PostNormsPageAsync(HttpClient client, string handler, params (string Name, string Value)[] fields)
    {
        var token = AntiforgeryToken().Match(await client.GetStringAsync("/workforce/norms")).Groups[1].Value;
        return await client.PostAsync($"/workforce/norms?handler={handler}",
            new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", token)]));
    }

    [SkippableFact]
    public async Task Hr_edits_norms_and_skill_tables_on_the_page_with_messages_next_to_the_field_and_others_only_read_them()
    {
        RequireDatabase();
        await SeedAsync();
        using var hr = await app.SignedInAsync("hr");
        using var manager = await app.SignedInAsync("manager");
        var before = await hr.GetFromJsonAsync<RequirementsResponse>("/api/workforce/requirements", ApiJson.Options);
        var position = TestProvince.Staff.Single(s => s.Code == "S004").PositionCode;

        var readOnly = await manager.GetStringAsync("/workforce/norms");
        Assert.Contains("Chỉ cán bộ tổ chức (HR) được sửa các bảng này.", readOnly);
        Assert.DoesNotContain("name=\"dossiers_per_day\"", readOnly);
        Assert.Contains("href=\"/workforce/norms\"", await hr.GetStringAsync("/workforce"));
        Assert.Contains("href=\"/workforce/norms\"", await hr.GetStringAsync("/workforce/skills"));

        var refused = await PostNormsPageAsync(hr, "Norms",
            ("position_code", position), ("dossiers_per_day", "24"), ("standard_products_per_day", ""),
            ("position_code", "CV-TCCB"), ("dossiers_per_day", "-1"), ("standard_products_per_day", "hai"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("<span class=\"field-error\" data-field=\"norms[1].standard_products_per_day\">Phải là một số, ví dụ 8 hoặc 1,5.</span>", html);
        Assert.Contains("value=\"-1\"", html);
        Assert.Empty((await JsonAsync(hr, "/api/workforce/norms")).GetProperty("norms").EnumerateArray());

        var outOfRange = await PostNormsPageAsync(hr, "Norms",
            ("position_code", "CV-TCCB"), ("dossiers_per_day", ""), ("standard_products_per_day", ""),
            ("position_code", position), ("dossiers_per_day", "2000"), ("standard_products_per_day", "1"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outOfRange.StatusCode);
        Assert.Contains("<span class=\"field-error\" data-field=\"norms[1].dossiers_per_day\">Phải từ 0 đến 1000.</span>", await outOfRange.Content.ReadAsStringAsync());

        var saved = await PostNormsPageAsync(hr, "Norms",
            ("position_code", "CV-TCCB"), ("dossiers_per_day", ""), ("standard_products_per_day", ""),
            ("position_code", position), ("dossiers_per_day", "24"), ("standard_products_per_day", "1,5"));
        // The client follows the redirect after the post, as a browser does.
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("/workforce/norms?saved=norms", saved.RequestMessage!.RequestUri!.PathAndQuery);
        Assert.Contains("Đã lưu.", await saved.Content.ReadAsStringAsync());
        var norm = Assert.Single((await JsonAsync(hr, "/api/workforce/norms")).GetProperty("norms").EnumerateArray().ToList());
        Assert.Equal((position, 24m, 1.5m), (norm.GetProperty("positionCode").GetString(), norm.GetProperty("dossiersPerDay").GetDecimal(), norm.GetProperty("standardProductsPerDay").GetDecimal()));
        // A reader without the form sees the norm in the page's language.
        string NormRow(string html)
        {
            var start = html.IndexOf($"data-position=\"{position}\"", StringComparison.Ordinal);
            return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
        }

        Assert.Contains("1,5", NormRow(await manager.GetStringAsync("/workforce/norms")));
        Assert.Contains("1.5", NormRow(await manager.GetStringAsync("/workforce/norms?culture=en-US")));

        var missingSkill = await PostNormsPageAsync(hr, "Positions", ("code", "LD-XA"), ("skill", "chuyen-doi-so"), ("code", "CV-TCCB"), ("skill", ""), ("code", ""), ("skill", ""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missingSkill.StatusCode);
        Assert.Contains("<span class=\"field-error\" data-field=\"positions[1].skill\">Bắt buộc nhập.</span>", await missingSkill.Content.ReadAsStringAsync());

        Assert.Equal("/workforce/norms?saved=positions", (await PostNormsPageAsync(hr, "Positions",
            ("code", "LD-XA"), ("skill", "chuyen-doi-so"), ("code", "CV-TCCB"), ("skill", "ke-toan"), ("remove", "1"))).RequestMessage!.RequestUri!.PathAndQuery);
        Assert.Equal("/workforce/norms?saved=procedures", (await PostNormsPageAsync(hr, "Procedures", ("code", "2.000001"), ("skill", "tu-phap"))).RequestMessage!.RequestUri!.PathAndQuery);
        var after = await hr.GetFromJsonAsync<RequirementsResponse>("/api/workforce/requirements", ApiJson.Options);
        Assert.Equal([new PositionSkill("LD-XA", "chuyen-doi-so")], after!.Positions);
        Assert.Equal([new ProcedureSkill("2.000001", "tu-phap")], after.Procedures);

        Assert.Equal(HttpStatusCode.OK, (await hr.PutAsJsonAsync("/api/workforce/norms", new NormsRequest([]))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await hr.PutAsJsonAsync("/api/workforce/requirements", new RequirementsRequest(
            [.. before!.Positions.Select(p => new PositionSkillRequest(p.PositionCode, p.Skill))], [.. before.Procedures.Select(p => new ProcedureSkillRequest(p.ProcedureCode, p.Skill))]))).StatusCode);
    }
}

public sealed class SqliteWorkforceTests(SqliteApp app) : WorkforceTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresWorkforceTests(PostgresApp app) : WorkforceTests<PostgresApp>(app), IClassFixture<PostgresApp>;
