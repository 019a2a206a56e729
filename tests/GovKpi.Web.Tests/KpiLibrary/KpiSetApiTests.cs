using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Web.Features.KpiLibrary;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.KpiLibrary;

public abstract class KpiSetApiTests<TApp>(TApp app) where TApp : GovKpiApp
{
    private const string Position = BuiltInKpis.DossierSpecialistPosition;

    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private static object Set(DateOnly from, params (string Code, decimal Weight)[] items) => new
    {
        effectiveFrom = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        note = "Rà soát",
        items = items.Select(i => new { kpiCode = i.Code, weightPercent = i.Weight }),
    };

    [SkippableFact]
    public async Task A_set_whose_weights_sum_to_90_percent_is_refused_with_400_naming_the_weights()
    {
        RequireDatabase();
        using var client = await app.SignedInAsync("hr");

        var response = await client.PostAsJsonAsync($"/api/kpi-sets/{Position}",
            Set(new(2026, 4, 1), ("on_time_rate", 50), ("satisfaction_avg", 25), ("complaint_rate", 15)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        var message = Assert.Single(problem!.Errors["weights"]);
        Assert.Contains("90%", message);
        Assert.Contains("on_time_rate 50%", message);
        Assert.Contains("satisfaction_avg 25%", message);
        Assert.Contains("complaint_rate 15%", message);
        Assert.Contains("100%", problem.Detail);
    }

    [SkippableFact]
    public async Task The_refusal_speaks_English_when_asked()
    {
        RequireDatabase();
        using var client = await app.SignedInAsync("hr");

        var response = await client.PostAsJsonAsync($"/api/kpi-sets/{Position}?culture=en-US",
            Set(new(2026, 4, 1), ("on_time_rate", 50), ("satisfaction_avg", 40)));

        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal("Weights must sum to 100% but sum to 90%: on_time_rate 50%, satisfaction_avg 40%.", Assert.Single(problem!.Errors["weights"]));
    }

    [SkippableFact]
    public async Task A_valid_set_is_accepted_as_the_next_version_and_closes_the_previous_one()
    {
        RequireDatabase();
        using var client = await app.SignedInAsync("hr");

        var response = await client.PostAsJsonAsync($"/api/kpi-sets/{Position}",
            Set(new(2026, 5, 1), ("on_time_rate", 40), ("satisfaction_avg", 35), ("complaint_rate", 25)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<KpiSetResponse>();
        var versions = await client.GetFromJsonAsync<List<KpiSetResponse>>($"/api/kpi-sets/{Position}");
        Assert.Equal(created!.Version, versions!.Max(v => v.Version));
        Assert.True(created.Version >= 2);
        Assert.Null(created.EffectiveTo);
        Assert.Equal(new DateOnly(2026, 5, 1), versions!.Single(v => v.Version == created.Version - 1).EffectiveTo);
        Assert.Single(versions!, v => v.EffectiveTo is null);
    }

    [SkippableFact]
    public async Task A_KPI_unknown_to_the_library_is_named_in_the_refusal()
    {
        RequireDatabase();
        using var client = await app.SignedInAsync("hr");

        var response = await client.PostAsJsonAsync($"/api/kpi-sets/{Position}",
            Set(new(2026, 6, 1), ("on_time_rate", 50), ("happiness_index", 50)));

        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("happiness_index", Assert.Single(problem!.Errors["items[1].kpiCode"]));
    }

    [SkippableFact]
    public async Task A_KPI_that_no_record_or_rating_can_feed_is_refused_saying_so_in_both_languages()
    {
        RequireDatabase();
        // A definition kept from before the list of data sources was closed: its source is free text.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
            db.KpiDefinitions.Add(BuiltInKpis.Definitions.Single(d => d.Code == "on_time_rate") with
            {
                Code = "register_on_time", NameVi = "Sổ theo dõi đúng hạn", NameEn = "Register on time", DataSource = "Sổ theo dõi thủ công",
            });
            await db.SaveChangesAsync();
        }

        using var client = await app.SignedInAsync("hr");
        var body = Set(new(2026, 7, 1), ("on_time_rate", 60), ("register_on_time", 40));

        var vi = await (await client.PostAsJsonAsync($"/api/kpi-sets/{Position}", body)).Content.ReadFromJsonAsync<ValidationProblemDetails>();
        var en = await (await client.PostAsJsonAsync($"/api/kpi-sets/{Position}?culture=en-US", body)).Content.ReadFromJsonAsync<ValidationProblemDetails>();

        Assert.Equal(
            "Không có dữ liệu nào cung cấp giá trị cho chỉ số register_on_time: nguồn dữ liệu 'Sổ theo dõi thủ công' không phải là nguồn GovKpi ghi nhận "
            + "(các nguồn: dossiers, surveys, complaints, manager_rating, delegated_task_reports, training_records).",
            Assert.Single(vi!.Errors["items[1].dataSource"]));
        Assert.StartsWith("No data gives KPI register_on_time a value: data source 'Sổ theo dõi thủ công' is not one GovKpi records",
            Assert.Single(en!.Errors["items[1].dataSource"]));
        var versions = await client.GetFromJsonAsync<List<KpiSetResponse>>($"/api/kpi-sets/{Position}");
        Assert.DoesNotContain(versions!, v => v.EffectiveFrom == new DateOnly(2026, 7, 1));
    }

    [SkippableFact]
    public async Task The_list_and_the_pages_show_the_set_in_force_today_not_the_one_scheduled_for_later()
    {
        RequireDatabase();
        using var client = await app.SignedInAsync("hr");
        const string position = "CV-TCCB";

        // Today is 15/03/2026: the first version is in force, the second starts in September.
        var current = await client.PostAsJsonAsync($"/api/kpi-sets/{position}", Set(new(2026, 3, 1), ("on_time_rate", 50), ("satisfaction_avg", 30), ("complaint_rate", 20)));
        var scheduled = await client.PostAsJsonAsync($"/api/kpi-sets/{position}", Set(new(2026, 9, 1), ("on_time_rate", 40), ("satisfaction_avg", 35), ("complaint_rate", 25)));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (current.StatusCode, scheduled.StatusCode));
        var listed = (await client.GetFromJsonAsync<List<KpiSetResponse>>("/api/kpi-sets"))!.Single(s => s.PositionCode == position);
        Assert.Equal((1, 50m), (listed.Version, listed.Items.Single(i => i.KpiCode == "on_time_rate").WeightPercent));
        var form = await client.GetStringAsync($"/kpi-sets/{position}");
        Assert.Contains("name=\"Input.Items[0].WeightPercent\" value=\"50\"", form);
        var sets = await client.GetStringAsync("/kpi-sets");
        Assert.Contains("01/03/2026", sets);
        Assert.DoesNotContain("01/09/2026", sets);
    }

    [SkippableFact]
    public async Task The_built_in_set_of_each_position_group_is_offered_with_weights_summing_to_100()
    {
        RequireDatabase();
        using var client = await app.SignedInAsync("staff");

        var sets = await client.GetFromJsonAsync<List<GroupKpiSetResponse>>("/api/kpi-sets/groups?culture=en-US", ApiJson.Options);

        Assert.Equal([PositionGroup.Management, PositionGroup.Professional, PositionGroup.Support], sets!.Select(s => s.Group));
        Assert.All(sets!, s => Assert.Equal(100m, s.Items.Sum(i => i.WeightPercent)));
        Assert.Equal("Management", sets![0].Name);
    }

    [SkippableFact]
    public async Task The_form_of_a_position_without_a_set_starts_from_its_groups_set()
    {
        RequireDatabase();
        using var client = await app.SignedInAsync("hr");

        var html = await client.GetStringAsync("/kpi-sets/LD-XA");

        Assert.Contains("data-testid=\"from-group\"", html);
        Assert.Contains("<option value=\"unit_leadership\" selected=\"selected\">", html);
        Assert.Contains("name=\"Input.Items[2].WeightPercent\" value=\"35\"", html);
    }

    [SkippableTheory]
    [InlineData("manager")]
    [InlineData("staff")]
    [InlineData("auditor")]
    public async Task Only_HR_may_change_KPI_sets(string userName)
    {
        RequireDatabase();
        using var client = await app.SignedInAsync(userName);

        var response = await client.PostAsJsonAsync($"/api/kpi-sets/{Position}", Set(new(2027, 1, 1), ("on_time_rate", 100)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

public sealed class SqliteKpiSetApiTests(SqliteApp app) : KpiSetApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresKpiSetApiTests(PostgresApp app) : KpiSetApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
