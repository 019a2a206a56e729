using System.Net;
using System.Net.Http.Json;
using GovKpi.Web.Features.Tasks;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GovKpi.Web.Tests.Tasks;

/// <summary>The task catalogue over real HTTP: HR adds types and versions within scope, everyone reads the catalogues that apply to them.</summary>
public abstract class TaskTypeTests<TApp>(TApp app) where TApp : GovKpiApp
{
    /// <summary>Codes of this test: the class shares one database.</summary>
    private readonly string _prefix = "TT" + Guid.NewGuid().ToString("N")[..6] + "-";

    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private TaskTypeRequest Type(string code, string agency, string group = "B", decimal factor = 1.5m, decimal difficulty = 1.2m,
        string from = "2026-01-01", string? approvedBy = null) =>
        new(_prefix + code, agency, group, "Thẩm định hồ sơ đất đai", "hồ sơ", factor, difficulty, from, approvedBy);

    private List<TaskTypeResponse> Mine(IEnumerable<TaskTypeResponse> all) =>
        [.. all.Where(t => t.Code.StartsWith(_prefix, StringComparison.Ordinal))];

    [SkippableFact]
    public async Task Hr_adds_a_type_then_a_version_which_ends_the_first_and_the_day_chooses_the_version()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");

        var created = await hr.PostAsJsonAsync("/api/task-types", Type("A", "KH-SNV"));
        var again = await hr.PostAsJsonAsync("/api/task-types", Type("A", "KH-SNV"));
        var version = await hr.PostAsJsonAsync($"/api/task-types/{_prefix}A/versions", Type("A", "KH-SNV", factor: 2m, difficulty: 1m, from: "2026-07-01"));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.Created), (created.StatusCode, again.StatusCode, version.StatusCode));
        var all = Mine((await hr.GetFromJsonAsync<List<TaskTypeResponse>>("/api/task-types", ApiJson.Options))!);
        Assert.Equal([(1, new DateOnly(2026, 1, 1), (DateOnly?)new DateOnly(2026, 6, 30), 1.8m), (2, new DateOnly(2026, 7, 1), null, 2m)],
            all.Select(t => (t.Version, t.EffectiveFrom, t.EffectiveTo, t.StandardProductsPerUnit)));
        var march = Mine((await hr.GetFromJsonAsync<List<TaskTypeResponse>>("/api/task-types?on=2026-03-15", ApiJson.Options))!);
        var august = Mine((await hr.GetFromJsonAsync<List<TaskTypeResponse>>("/api/task-types?on=2026-08-01", ApiJson.Options))!);
        Assert.Equal((1, 2), (Assert.Single(march).Version, Assert.Single(august).Version));
    }

    [SkippableFact]
    public async Task Errors_are_keyed_by_field_and_group_C_needs_the_heads_approval()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        Assert.Equal(HttpStatusCode.Created, (await hr.PostAsJsonAsync("/api/task-types", Type("V", "KH-SNV", from: "2026-07-01"))).StatusCode);

        var badType = await hr.PostAsJsonAsync("/api/task-types", Type("W", "KH-SNV", group: "C", factor: 0, difficulty: 3));
        var badShape = await hr.PostAsJsonAsync("/api/task-types", Type("X", "NO-UNIT", group: "E", from: "01/07/2026"));
        var unknownAgency = await hr.PostAsJsonAsync("/api/task-types", Type("Y", "NO-UNIT"));
        var earlyVersion = await hr.PostAsJsonAsync($"/api/task-types/{_prefix}V/versions", Type("V", "KH-SNV", from: "2026-07-01"));
        var unknownCode = await hr.PostAsJsonAsync($"/api/task-types/{_prefix}NONE/versions", Type("NONE", "KH-SNV", from: "2026-08-01"));
        var approved = await hr.PostAsJsonAsync("/api/task-types", Type("Z", "KH-SNV", group: "C", approvedBy: "Giám đốc Sở Nội vụ"));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.Created),
            (badType.StatusCode, badShape.StatusCode, unknownAgency.StatusCode, earlyVersion.StatusCode, unknownCode.StatusCode, approved.StatusCode));
        var typeErrors = (await badType.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        Assert.Equal("Hệ số quy đổi ra sản phẩm chuẩn phải lớn hơn 0.", Assert.Single(typeErrors["conversionFactor"]));
        Assert.Equal("Hệ số độ khó phải từ 0,5 đến 2.", Assert.Single(typeErrors["difficulty"]));
        Assert.Equal("Nhiệm vụ nhóm C phải được người đứng đầu cơ quan phê duyệt: nhập người phê duyệt.", Assert.Single(typeErrors["approvedBy"]));
        var shapeErrors = (await badShape.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        Assert.Equal(["effectiveFrom", "group"], shapeErrors.Keys.Order());
        Assert.Equal("Không có đơn vị mã NO-UNIT.", Assert.Single((await unknownAgency.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors["agencyCode"]));
        Assert.Equal("Phiên bản mới phải có hiệu lực sau ngày bắt đầu của phiên bản hiện hành.",
            Assert.Single((await earlyVersion.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors["effectiveFrom"]));
    }

    [SkippableFact]
    public async Task Only_hr_writes_and_each_person_reads_the_catalogues_of_their_units_and_those_above()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var manager = await app.SignedInAsync("manager");
        using var staff = await app.SignedInAsync("staff");
        Assert.Equal(HttpStatusCode.Created, (await hr.PostAsJsonAsync("/api/task-types", Type("P", "KH"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await hr.PostAsJsonAsync("/api/task-types", Type("C1", "C1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await hr.PostAsJsonAsync("/api/task-types", Type("C2", "C2"))).StatusCode);

        var managerWrites = await manager.PostAsJsonAsync("/api/task-types", Type("M", "C1"));
        var staffWrites = await staff.PostAsJsonAsync($"/api/task-types/{_prefix}C1/versions", Type("C1", "C1", from: "2026-09-01"));
        var staffSees = Mine((await staff.GetFromJsonAsync<List<TaskTypeResponse>>("/api/task-types", ApiJson.Options))!);
        var managerSees = Mine((await manager.GetFromJsonAsync<List<TaskTypeResponse>>("/api/task-types", ApiJson.Options))!);
        var anonymous = await app.CreateClientWithoutRedirects().GetAsync("/api/task-types");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (managerWrites.StatusCode, staffWrites.StatusCode));
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal([_prefix + "C1", _prefix + "P"], staffSees.Select(t => t.Code).Order(StringComparer.Ordinal));
        Assert.Equal([_prefix + "C1", _prefix + "P"], managerSees.Select(t => t.Code).Order(StringComparer.Ordinal));
        var page = WebUtility.HtmlDecode(await staff.GetStringAsync("/tasks/types"));
        Assert.Contains(_prefix + "C1", page);
        Assert.DoesNotContain(_prefix + "C2", page);
        Assert.Contains("(đang áp dụng)", page);
        Assert.DoesNotContain("data-testid=\"import\"", page);
        Assert.Contains("data-testid=\"import\"", await hr.GetStringAsync("/tasks/types"));
    }

    private static MultipartFormDataContent Upload(string csv, string name = "task_types.csv") =>
        new() { { new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"), "file", name } };

    [SkippableFact]
    public async Task A_csv_catalogue_imports_all_or_nothing_idempotently_with_errors_at_file_line_column()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var manager = await app.SignedInAsync("manager");
        var csv = "code,agency_code,group,name,unit_of_output,conversion_factor,difficulty,effective_from,approved_by\n"
            + $"{_prefix}I,KH-SNV,B,Thẩm định hồ sơ,hồ sơ,1.5,1.2,2026-01-01,\n"
            + $"{_prefix}J,KH-SNV,C,\"Tham mưu, tổng hợp\",báo cáo,2,1,2026-01-01,Giám đốc Sở Nội vụ\n"
            + $"{_prefix}I,KH-SNV,B,Thẩm định hồ sơ,hồ sơ,2,1,2026-07-01,\n";

        var first = await hr.PostAsync("/api/task-types/import", Upload(csv));
        var again = await hr.PostAsync("/api/task-types/import", Upload(csv));
        var bad = await hr.PostAsync("/api/task-types/import", Upload(csv.Replace("2,1,2026-01-01,Giám đốc Sở Nội vụ", "2,1,2026-01-01,", StringComparison.Ordinal)
            + $"{_prefix}K,KH-SNV,B,Khác,việc,\"1,5\",1,2026-01-01,\n"));
        var byManager = await manager.PostAsync("/api/task-types/import", Upload(csv));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden),
            (first.StatusCode, again.StatusCode, bad.StatusCode, byManager.StatusCode));
        var firstImport = (await first.Content.ReadFromJsonAsync<TaskTypeImportResponse>(ApiJson.Options))!;
        var againImport = (await again.Content.ReadFromJsonAsync<TaskTypeImportResponse>(ApiJson.Options))!;
        Assert.Equal((3, 3, 3, 0), (firstImport.Rows, firstImport.Added, againImport.Rows, againImport.Added));
        var errors = (await bad.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        Assert.Equal(["task_types.csv:3:approved_by", "task_types.csv:3:effective_from", "task_types.csv:5:conversion_factor"], errors.Keys.Order(StringComparer.Ordinal));
        var all = Mine((await hr.GetFromJsonAsync<List<TaskTypeResponse>>("/api/task-types", ApiJson.Options))!);
        Assert.Equal([(_prefix + "I", 1, (DateOnly?)new DateOnly(2026, 6, 30)), (_prefix + "I", 2, null), (_prefix + "J", 1, null)],
            all.Select(t => (t.Code, t.Version, t.EffectiveTo)));
    }
}

public sealed class SqliteTaskTypeTests(SqliteApp app) : TaskTypeTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresTaskTypeTests(PostgresApp app) : TaskTypeTests<PostgresApp>(app), IClassFixture<PostgresApp>;
