using System.Net;
using System.Net.Http.Json;
using GovKpi.Core.KpiLibrary;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GovKpi.Web.Tests.KpiLibrary;

public sealed class KpiDefinitionApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task A_changed_target_makes_a_new_version_and_ends_the_old_one()
    {
        using var client = await app.SignedInAsync("hr");

        var response = await client.PostAsJsonAsync("/api/kpis", new
        {
            code = "on_time_rate", nameVi = "Tỷ lệ hồ sơ xử lý đúng hạn", nameEn = "Dossiers processed on time",
            kind = "Quantitative", formulaRef = "on_time_rate", unitOfMeasure = "%", direction = "HigherIsBetter",
            target = 99, dataSource = "dossiers", period = "Month", effectiveFrom = "2026-01-01",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var versions = await client.GetFromJsonAsync<List<KpiDefinition>>("/api/kpis/on_time_rate", ApiJson.Options);
        Assert.Equal([1, 2], versions!.Select(v => v.Version));
        Assert.Equal(new DateOnly(2026, 1, 1), versions![0].EffectiveTo);
        Assert.Equal(99m, versions![1].Target);
    }

    [Fact]
    public async Task Missing_fields_are_named_in_the_refusal()
    {
        using var client = await app.SignedInAsync("hr");

        var response = await client.PostAsJsonAsync("/api/kpis", new { code = "x", nameVi = "X" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal(["dataSource", "direction", "kind", "nameEn", "unitOfMeasure"], problem!.Errors.Keys.Order());
    }

    [Fact]
    public async Task A_definition_fed_by_no_record_or_rating_is_refused_naming_the_field()
    {
        using var client = await app.SignedInAsync("hr");

        var rating = await client.PostAsJsonAsync("/api/kpis?culture=en-US", new
        {
            code = "teamwork", nameVi = "Tinh thần đồng đội", nameEn = "Teamwork", kind = "Qualitative", unitOfMeasure = "mức đánh giá",
            direction = "HigherIsBetter", target = 3, dataSource = "surveys", period = "Quarter",
        });
        var measured = await client.PostAsJsonAsync("/api/kpis", new
        {
            code = "inspections", nameVi = "Cuộc thanh tra đúng hạn", nameEn = "Inspections on time", kind = "Quantitative",
            formulaRef = "inspections_on_time", unitOfMeasure = "%", direction = "HigherIsBetter", target = 90, dataSource = "dossiers", period = "Month",
        });

        Assert.Equal(HttpStatusCode.BadRequest, rating.StatusCode);
        Assert.Equal("No data gives KPI teamwork a value: a qualitative KPI takes the manager's rating on the anchored scale (source 'manager_rating'); 'surveys' gives no rating.",
            Assert.Single((await rating.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors["dataSource"]));
        Assert.StartsWith("Không có dữ liệu nào cung cấp giá trị cho chỉ số inspections: công thức 'inspections_on_time' không phải là công thức GovKpi tính",
            Assert.Single((await measured.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors["formulaRef"]));
    }

    [Fact]
    public async Task Staff_cannot_change_the_library()
    {
        using var client = await app.SignedInAsync("staff");

        var response = await client.PostAsJsonAsync("/api/kpis", new { code = "x" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
