using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Web.Features.DemoData;
using GovKpi.Web.Features.Evaluation;
using GovKpi.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace GovKpi.Web.Tests.Evaluation;

/// <summary>The whole province in one request: 3,000 staff in 150+ units (times are written to the test output, not asserted).</summary>
public abstract class LargeProvinceCycleTests<TApp>(TApp app, ITestOutputHelper output) where TApp : LargeProvinceApp
{
    private sealed record BlockedProblem(string Title, string Detail, List<CycleBlockersResponse> Cycles);

    private static async Task<T> Read<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
        return JsonSerializer.Deserialize<T>(body, ApiJson.Options)!;
    }

    [SkippableFact]
    public async Task Hr_opens_and_moves_on_the_cycles_of_every_staffed_unit_of_a_3000_staff_province_in_one_request_each()
    {
        Skip.If(app.SkipReason is not null, app.SkipReason);
        var hr = await app.SignedInAsync(DemoAccounts.Hr);
        var clock = Stopwatch.StartNew();

        var opened = await Read<BulkOpenResponse>(await hr.PostAsJsonAsync("/api/evaluation/cycles/bulk",
            new { target = "province", periodKind = "Month", year = 2026, number = 1 }));
        var openTime = clock.Elapsed;
        clock.Restart();
        var advance = new { target = "province", periodKind = "Month", year = 2026, number = 1, to = "Feedback360" };
        var blocked = await Read<BlockedProblem>(await hr.PostAsJsonAsync("/api/evaluation/cycles/bulk/advance", advance), HttpStatusCode.Conflict);
        var blockTime = clock.Elapsed;
        clock.Restart();
        var moved = await Read<BulkAdvanceResponse>(await hr.PostAsJsonAsync("/api/evaluation/cycles/bulk/advance",
            new { target = "province", periodKind = "Month", year = 2026, number = 1, to = "Feedback360", confirm = true, reason = "Quá hạn tự đánh giá" }));
        var moveTime = clock.Elapsed;
        output.WriteLine($"open {opened.Opened.Count} cycles / {opened.Opened.Sum(c => c.People)} people: {openTime.TotalSeconds:0.00} s; "
            + $"blockers: {blockTime.TotalSeconds:0.00} s; confirmed advance: {moveTime.TotalSeconds:0.00} s");

        Assert.True(opened.Opened.Count >= 150, $"{opened.Opened.Count} cycles");
        Assert.True(opened.Opened.Sum(c => c.People) >= 2900, $"{opened.Opened.Sum(c => c.People)} people");
        Assert.Equal(opened.Opened.Count, blocked.Cycles.Count);
        Assert.Equal(opened.Opened.Sum(c => c.People), blocked.Cycles.Sum(c => c.Blockers.Count));
        Assert.Equal(opened.Opened.Count, moved.Advanced.Count);
        Assert.All(moved.Advanced, c => Assert.Equal(CycleStage.Feedback360, c.Stage));
    }
}

public sealed class SqliteLargeProvinceCycleTests(SqliteLargeProvinceApp app, ITestOutputHelper output)
    : LargeProvinceCycleTests<SqliteLargeProvinceApp>(app, output), IClassFixture<SqliteLargeProvinceApp>;

public sealed class PostgresLargeProvinceCycleTests(PostgresLargeProvinceApp app, ITestOutputHelper output)
    : LargeProvinceCycleTests<PostgresLargeProvinceApp>(app, output), IClassFixture<PostgresLargeProvinceApp>;
