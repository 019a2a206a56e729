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
            target = 99, dataSource = "Hệ thống một cửa điện tử", period = "Month", effectiveFrom = "2026-01-01",
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
        Assert.Equal(["direction", "kind", "nameEn", "unitOfMeasure"], problem!.Errors.Keys.Order());
    }

    [Fact]
    public async Task Staff_cannot_change_the_library()
    {
        using var client = await app.SignedInAsync("staff");

        var response = await client.PostAsJsonAsync("/api/kpis", new { code = "x" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
