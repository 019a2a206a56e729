using System.Net;
using System.Net.Http.Json;
using GovKpi.Core.Collective;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Web.Features.Collective;
using GovKpi.Web.Tests.Infrastructure;
using GovKpi.Web.Tests.KpiValues;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Collective;

/// <summary>
/// Collective KPIs over real HTTP (issue 10, items 5 and 6): units ranked by the result of their
/// collective set, objectives cascaded to units and positions and traced both ways, and a deputy's
/// field result. Each test keeps to its own year, so that values and objectives do not meet.
/// </summary>
public abstract class CollectiveTests<TApp>(TApp app) : KpiTestRecords<TApp>(app) where TApp : GovKpiApp
{
    private static async Task<T> OkAsync<T>(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<T>(ApiJson.Options))!;
    }

    /// <summary>Σ weight × achievement ÷ Σ weight over the lines with a value: the result recomputed from what the API shows.</summary>
    private static decimal Recomputed(UnitResultResponse result)
    {
        var counted = result.Lines.Where(l => l.Achievement is not null).ToList();
        return counted.Sum(l => l.WeightPercent * l.Achievement!.Value) / counted.Sum(l => l.WeightPercent);
    }

    [SkippableFact]
    public async Task Communes_rank_by_the_result_of_their_collective_set_and_each_reader_sees_the_units_of_their_scope()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        using var manager = await App.SignedInAsync("manager");
        await PushAsync(hr, "dossiers",
        [
            Dossier("A", "C1-TT", "S001", "2028-04-03T08:00:00+07:00", "2028-04-10T17:00:00+07:00", "2028-04-07T10:00:00+07:00", "processed", "online"),
            Dossier("B", "C1-TT", "S001", "2028-04-04T08:00:00+07:00", "2028-04-11T17:00:00+07:00", "2028-04-08T10:00:00+07:00", "processed", "online"),
            Dossier("C", "C2-TT", "S004", "2028-04-03T08:00:00+07:00", "2028-04-10T17:00:00+07:00", "2028-04-07T10:00:00+07:00", "processed"),
            Dossier("D", "C2-TT", "S004", "2028-04-04T08:00:00+07:00", "2028-04-11T17:00:00+07:00", "2028-04-25T10:00:00+07:00", "processed"),
        ]);

        var ranking = await OkAsync<UnitRankingResponse>(await hr.GetAsync("/api/units/results?kind=commune&period=2028-Q2"));
        var managers = await OkAsync<UnitRankingResponse>(await manager.GetAsync("/api/units/results?kind=commune&period=2028-Q2"));
        var c1 = await OkAsync<UnitResultResponse>(await hr.GetAsync("/api/units/C1/result?period=2028-Q2"));
        var outside = await manager.GetAsync("/api/units/C2/result?period=2028-Q2");
        var badQuery = await hr.GetAsync("/api/units/results?kind=village&period=2028-Q5");

        Assert.Equal([("C1", (int?)1), ("C2", 2)], ranking.Units.Select(u => (u.UnitCode, u.Rank)));
        Assert.Equal((new DateOnly(2028, 4, 1), new DateOnly(2028, 7, 1), "2028-Q2"), (ranking.From, ranking.To, ranking.Period));
        Assert.All(ranking.Units, u => Assert.Equal((UnitSetSource.BuiltIn, "Commune"), (u.SetSource, u.SetCode)));
        Assert.All(ranking.Units, u => Assert.Equal(Recomputed(u), u.Ratio));
        Assert.Equal(1m, c1.Ratio);
        var c2 = ranking.Units[1];
        // On time 50 % of 98 %, online 0 % of 70 %, no survey (left out), no complaint: (35 × 50/98 + 25 × 0 + 15 × 1) ÷ 75
        Assert.Equal(Math.Round((35m * (50m / 98m) + 15m) / 75m, 6), Math.Round(c2.Ratio!.Value, 6));
        Assert.Null(c2.Lines.Single(l => l.Kpi == "satisfaction_avg").Achievement);
        Assert.Equal(("50 %", "98 %"), (c2.Lines.Single(l => l.Kpi == "on_time_rate").ValueDisplay, c2.Lines.Single(l => l.Kpi == "on_time_rate").TargetDisplay));
        Assert.Equal(["C1"], managers.Units.Select(u => u.UnitCode));
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Equal(["kind", "period"], (await badQuery.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys.Order());
        var page = WebUtility.HtmlDecode(await hr.GetStringAsync("/units/results?kind=commune&period=2028-Q2"));
        Assert.Contains("Xếp hạng kết quả đơn vị", page);
        Assert.Contains("Phường Bắc Nha Trang", page);
    }

    [SkippableFact]
    public async Task An_objective_cascades_to_units_and_positions_and_each_target_traces_back_to_it()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        using var manager = await App.SignedInAsync("manager");
        var code = Prefix + "DH";

        var created = await hr.PostAsJsonAsync("/api/goals", new { code, name = "Giải quyết hồ sơ đúng hạn", year = 2029, kpiCode = "on_time_rate", provinceTarget = 98 });
        var second = await hr.PostAsJsonAsync("/api/goals", new { code = Prefix + "DH2", name = "Lần hai", year = 2029, kpiCode = "on_time_rate", provinceTarget = 99 });
        var byManager = await manager.PostAsJsonAsync("/api/goals", new { code = Prefix + "M", name = "Quản lý", year = 2029, kpiCode = "online_share", provinceTarget = 70 });
        var badTargets = await hr.PutAsJsonAsync($"/api/goals/{code}/targets", new { targets = new object[] { new { unitCode = "X1", target = 99 }, new { unitCode = "C1", target = -1 } } });
        var tree = await OkAsync<GoalTreeResponse>(await hr.PutAsJsonAsync($"/api/goals/{code}/targets",
            new { targets = new object[] { new { unitCode = "C1", target = 99 }, new { unitCode = "C2", target = 95 } } }));
        var wrongItem = await hr.PostAsJsonAsync("/api/kpi-sets/CV-MOTCUA", SpecialistSet("2029-01-01", ("error_return_rate", code)));
        var position = await hr.PostAsJsonAsync("/api/kpi-sets/CV-MOTCUA", SpecialistSet("2029-01-01", ("on_time_rate", code)));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden, HttpStatusCode.BadRequest, HttpStatusCode.Created),
            (created.StatusCode, second.StatusCode, byManager.StatusCode, badTargets.StatusCode, position.StatusCode));
        Assert.Equal($"KPI on_time_rate đã có mục tiêu năm 2029 ({code}): mỗi KPI một mục tiêu mỗi năm.",
            Assert.Single((await second.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors["kpiCode"]));
        Assert.Equal(["targets[0].unitCode", "targets[1].target"], (await badTargets.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys.Order());
        Assert.Equal($"Mục tiêu {code} là của KPI on_time_rate, không phục vụ được chỉ tiêu KPI error_return_rate.",
            Assert.Single((await wrongItem.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors["items[2].objectiveCode"]));
        Assert.Equal([("C1", 99m), ("C2", 95m)], tree.Units.Select(u => (u.UnitCode, u.Target)));
        var warning = Assert.Single(tree.Warnings);
        Assert.Equal((GoalWarningKind.LooserThanProvince, "C2"), (warning.Kind, warning.UnitCode));
        Assert.Equal("Chỉ tiêu của Phường Bắc Nha Trang (95) thấp hơn chỉ tiêu của tỉnh (98).", warning.Text);

        // Downwards: the objective's tree holds the units' and the position's targets.
        var down = await OkAsync<GoalTreeResponse>(await hr.GetAsync($"/api/goals/{code}"));
        var managersTree = await OkAsync<GoalTreeResponse>(await manager.GetAsync($"/api/goals/{code}"));
        Assert.Equal(("CV-MOTCUA", (decimal?)99m), Assert.Single(down.Positions) is var p ? (p.PositionCode, p.Target) : default);
        Assert.Equal(["C1"], managersTree.Units.Select(u => u.UnitCode));
        Assert.Null(managersTree.ProvinceValue);
        Assert.Empty(managersTree.Warnings);

        // Upwards: a unit's target and the line of its result name the objective they serve.
        var up = await OkAsync<List<UnitTargetResponse>>(await manager.GetAsync("/api/units/C1/targets?year=2029"));
        Assert.Equal((code, 99m, 98m), Assert.Single(up) is var t ? (t.Objective.Code, t.Target, t.Objective.ProvinceTarget) : default);
        var result = await OkAsync<UnitResultResponse>(await manager.GetAsync("/api/units/C1/result?period=2029-Q1"));
        var line = result.Lines.Single(l => l.Kpi == "on_time_rate");
        Assert.Equal((99m, code), (line.Target, line.ObjectiveCode));
        var set = (await hr.GetFromJsonAsync<List<Features.KpiLibrary.KpiSetResponse>>("/api/kpi-sets/CV-MOTCUA", ApiJson.Options))!.Last();
        Assert.Equal(code, set.Items.Single(i => i.KpiCode == "on_time_rate").ObjectiveCode);

        // A province leader renames the objective and raises its target; its KPI is fixed.
        using var leader = await App.SignedInAsync("leader");
        var renamed = await OkAsync<ObjectiveResponse>(await leader.PutAsJsonAsync($"/api/goals/{code}", new { name = "Hồ sơ đúng hạn", provinceTarget = 99 }));
        var otherKpi = await leader.PutAsJsonAsync($"/api/goals/{code}", new { name = "Hồ sơ", kpiCode = "online_share", provinceTarget = 70 });
        Assert.Equal(("Hồ sơ đúng hạn", 99m, 2029), (renamed.Name, renamed.ProvinceTarget, renamed.Year));
        Assert.Equal(HttpStatusCode.BadRequest, otherKpi.StatusCode);
        Assert.Equal([code], (await leader.GetFromJsonAsync<List<ObjectiveResponse>>("/api/goals?year=2029", ApiJson.Options))!.Select(o => o.Code));

        var page = WebUtility.HtmlDecode(await manager.GetStringAsync("/goals?year=2029"));
        Assert.Contains(code, page);
        Assert.Contains("Xã Ninh Hòa Mới", page);
        Assert.DoesNotContain("Phường Bắc Nha Trang", page);
    }

    [SkippableFact]
    public async Task Hr_versions_a_kinds_and_a_units_own_collective_set_and_the_version_in_force_at_the_period_start_judges_the_unit()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        using var manager = await App.SignedInAsync("manager");
        object Set(string from, params (string Kpi, decimal Weight, decimal? Target)[] items) =>
            new { effectiveFrom = from, note = "Bộ KPI tập thể", items = items.Select(i => new { kpiCode = i.Kpi, weightPercent = i.Weight, targetOverride = i.Target }).ToList() };

        var division = await hr.PostAsJsonAsync("/api/unit-kpi-sets/kind/division", Set("2031-01-01", ("on_time_rate", 60, null), ("completion_rate", 40, null)));
        var rated = await hr.PostAsJsonAsync("/api/unit-kpi-sets/kind/division", Set("2031-06-01", ("on_time_rate", 50, null), ("coordination", 50, null)));
        var own = await hr.PostAsJsonAsync("/api/unit-kpi-sets/unit/C2", Set("2031-01-01", ("online_share", 100, 50)));
        var later = await hr.PostAsJsonAsync("/api/unit-kpi-sets/unit/C2", Set("2031-07-01", ("online_share", 100, 90)));
        var byManager = await manager.PostAsJsonAsync("/api/unit-kpi-sets/unit/C1", Set("2031-01-01", ("online_share", 100, 50)));
        var province = await hr.PostAsJsonAsync("/api/unit-kpi-sets/kind/province", Set("2031-01-01", ("online_share", 100, 50)));
        await PushAsync(hr, "dossiers",
        [
            Dossier("H", "C2-TT", "S004", "2031-02-03T08:00:00+07:00", "2031-02-10T17:00:00+07:00", "2031-02-07T10:00:00+07:00", "processed", "online"),
            Dossier("I", "C2-TT", "S004", "2031-02-04T08:00:00+07:00", "2031-02-11T17:00:00+07:00", "2031-02-08T10:00:00+07:00", "processed"),
            Dossier("J", "C2-TT", "S004", "2031-08-03T08:00:00+07:00", "2031-08-10T17:00:00+07:00", "2031-08-07T10:00:00+07:00", "processed", "online"),
            Dossier("K", "C2-TT", "S004", "2031-08-04T08:00:00+07:00", "2031-08-11T17:00:00+07:00", "2031-08-08T10:00:00+07:00", "processed"),
        ]);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.BadRequest, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Forbidden, HttpStatusCode.NotFound),
            (division.StatusCode, rated.StatusCode, own.StatusCode, later.StatusCode, byManager.StatusCode, province.StatusCode));
        Assert.Equal("KPI coordination là tiêu chí đánh giá hành vi: bộ KPI tập thể chỉ gồm KPI đo được từ số liệu.",
            Assert.Single((await rated.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors["items[1].kpiCode"]));
        var sets = (await hr.GetFromJsonAsync<List<CollectiveSetResponse>>("/api/unit-kpi-sets", ApiJson.Options))!;
        Assert.Equal([(1, (DateOnly?)new DateOnly(2031, 7, 1)), (2, null)],
            sets.Where(s => s.Holder == Core.KpiLibrary.KpiSetHolder.Unit && s.Code == "C2").Select(s => (s.Version, s.EffectiveTo)));
        Assert.Contains(sets, s => s is { Holder: Core.KpiLibrary.KpiSetHolder.UnitKind, Code: "Division", BuiltIn: false });

        // Half the dossiers online in both quarters: 50 % meets Q1's target of 50, reaches 50/90 of Q3's.
        var q1 = await OkAsync<UnitResultResponse>(await hr.GetAsync("/api/units/C2/result?period=2031-Q1"));
        var q3 = await OkAsync<UnitResultResponse>(await hr.GetAsync("/api/units/C2/result?period=2031-Q3"));
        var kpiDivision = await OkAsync<UnitResultResponse>(await hr.GetAsync("/api/units/C1-KT/result?period=2031-Q1"));
        Assert.Equal((UnitSetSource.Unit, 1, 1m), (q1.SetSource, q1.SetVersion, q1.Ratio));
        Assert.Equal((UnitSetSource.Unit, 2), (q3.SetSource, q3.SetVersion));
        Assert.Equal(Math.Round(50m / 90m, 6), Math.Round(q3.Ratio!.Value, 6));
        Assert.Equal((UnitSetSource.UnitKind, "Division"), (kpiDivision.SetSource, kpiDivision.SetCode));
        Assert.Equal(["on_time_rate", "completion_rate"], kpiDivision.Lines.Select(l => l.Kpi));
        var library = WebUtility.HtmlDecode(await hr.GetStringAsync("/kpi-sets"));
        Assert.Contains("Bộ KPI tập thể của đơn vị", library);
        Assert.Contains("Chính quyền xã phục vụ người dân", library);
    }

    /// <summary>The one-stop specialist's set, its KPIs serving the given objectives.</summary>
    private static object SpecialistSet(string from, params (string Kpi, string Objective)[] serving) => new
    {
        effectiveFrom = from,
        note = "Giao chỉ tiêu năm",
        items = Core.KpiLibrary.BuiltInKpis.DossierSpecialistItems.Select(i => new
        {
            kpiCode = i.KpiCode,
            weightPercent = i.WeightPercent,
            targetOverride = serving.Any(s => s.Kpi == i.KpiCode) ? 99m : (decimal?)null,
            objectiveCode = serving.FirstOrDefault(s => s.Kpi == i.KpiCode).Objective,
        }).ToList(),
    };

    [SkippableFact]
    public async Task A_deputy_is_scored_on_the_field_hr_puts_them_in_charge_of()
    {
        RequireDatabase();
        var deputy = Prefix + "PCT";
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
            db.Staff.Add(new StaffMember
            {
                Code = deputy, FullName = "Lê Thị Phó", Type = StaffType.CanBo, UnitCode = "C1", PositionCode = "LD-XA", Leader = LeaderRole.Deputy,
            });
            await db.SaveChangesAsync();
        }

        using var hr = await App.SignedInAsync("hr");
        using var manager = await App.SignedInAsync("manager");
        await PushAsync(hr, "dossiers",
        [
            Dossier("F", "C1-TT", "S001", "2030-01-03T08:00:00+07:00", "2030-01-10T17:00:00+07:00", "2030-01-07T10:00:00+07:00", "processed", "online"),
            Dossier("G", "C1-KT", null, "2030-01-04T08:00:00+07:00", "2030-01-11T17:00:00+07:00", "2030-01-25T10:00:00+07:00", "processed"),
        ]);

        var bad = await hr.PutAsJsonAsync($"/api/organisation/staff/{deputy}/field", new { unitCodes = new[] { "C2-TT" }, kpiCodes = new[] { "coordination" } });
        var notDeputy = await hr.PutAsJsonAsync("/api/organisation/staff/S001/field", new { unitCodes = new[] { "C1-TT" } });
        var byManager = await manager.PutAsJsonAsync($"/api/organisation/staff/{deputy}/field", new { unitCodes = new[] { "C1-TT" } });
        await OkAsync<DeputyFieldResponse>(await hr.PutAsJsonAsync($"/api/organisation/staff/{deputy}/field", new { unitCodes = new[] { "C1-KT" } }));
        var saved = await OkAsync<DeputyFieldResponse>(await hr.PutAsJsonAsync($"/api/organisation/staff/{deputy}/field",
            new { unitCodes = new[] { "C1-TT" }, kpiCodes = new[] { "on_time_rate" } }));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden), (bad.StatusCode, notDeputy.StatusCode, byManager.StatusCode));
        var errors = (await bad.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        Assert.Equal("Đơn vị C2-TT không thuộc C1: cấp phó phụ trách một phần đơn vị của mình.", Assert.Single(errors["unitCodes[0]"]));
        Assert.Contains("kpiCodes[0]", errors.Keys);
        Assert.Contains("staffCode", (await notDeputy.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
        Assert.Equal(("C1-TT", "on_time_rate", "hr"), (Assert.Single(saved.UnitCodes), Assert.Single(saved.KpiCodes), saved.RecordedBy));

        var field = await OkAsync<UnitResultResponse>(await manager.GetAsync($"/api/organisation/staff/{deputy}/field/result?period=2030-Q1"));
        var unit = await OkAsync<UnitResultResponse>(await manager.GetAsync("/api/units/C1/result?period=2030-Q1"));
        var head = await manager.GetAsync("/api/organisation/staff/S003/field/result?period=2030-Q1");

        // The field: the service centre's one dossier, on time; the unit: that one and the late one of its economic division.
        Assert.Equal(("on_time_rate", 1m), (Assert.Single(field.Lines).Kpi, field.Ratio));
        Assert.Equal("50 %", unit.Lines.Single(l => l.Kpi == "on_time_rate").ValueDisplay);
        Assert.True(unit.Ratio < field.Ratio);
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        Assert.Equal(saved.KpiCodes, (await OkAsync<DeputyFieldResponse>(await manager.GetAsync($"/api/organisation/staff/{deputy}/field"))).KpiCodes);
    }
}

public sealed class SqliteCollectiveTests(SqliteApp app) : CollectiveTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresCollectiveTests(PostgresApp app) : CollectiveTests<PostgresApp>(app), IClassFixture<PostgresApp>;
