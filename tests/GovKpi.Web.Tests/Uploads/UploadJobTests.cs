using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using GovKpi.Core.Uploads;
using GovKpi.Data;
using GovKpi.Data.Measurement;
using GovKpi.Web.Features.Measurement;
using GovKpi.Web.Features.Uploads;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GovKpi.Web.Tests.Uploads;

/// <summary>The app whose own node runs no upload jobs, so a test decides which node runs them and when.</summary>
public abstract class UploadJobsApp(DatabaseProvider provider) : GovKpiApp(provider)
{
    public string UploadDirectory { get; } = Directory.CreateTempSubdirectory("govkpi-uploads-").FullName;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Uploads:Workers"] = "0",
        ["Uploads:Directory"] = UploadDirectory,
    };

    // Not a `new Dispose()`: xUnit disposes the fixture through WebApplicationFactory's own, so that one never ran.
    protected override Task AfterServerStoppedAsync()
    {
        Directory.Delete(UploadDirectory, recursive: true);
        return Task.CompletedTask;
    }
}

public sealed class SqliteUploadJobsApp() : UploadJobsApp(DatabaseProvider.Sqlite);

public sealed class PostgresUploadJobsApp() : UploadJobsApp(DatabaseProvider.Postgres);

/// <summary>Records which node started which job, and holds jobs whose file name starts with <c>slow</c> until released.</summary>
public sealed class WatchedJobs : UploadJobEvents
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<(Guid Job, string Node)> Started { get; } = new();

    public void Release() => _release.TrySetResult();

    /// <summary>Holds a job whose file name starts with <c>held</c> at its first report of written rows until it is asked to stop.</summary>
    public override void Progressed(UploadJob job, UploadProgress progress, CancellationToken stop)
    {
        if (job.Files[0].Name.StartsWith("held", StringComparison.Ordinal) && progress.Rows > 0)
        {
            stop.WaitHandle.WaitOne(TimeSpan.FromMinutes(2));
        }
    }

    public override async Task StartingAsync(UploadJob job, string node, CancellationToken ct)
    {
        Started.Enqueue((job.Id, node));
        if (job.Files[0].Name.StartsWith("slow", StringComparison.Ordinal))
        {
            await _release.Task.WaitAsync(ct);
        }
    }
}

public abstract partial class UploadJobTests<TApp>(TApp app) where TApp : UploadJobsApp
{
    private readonly string _prefix = "U" + Guid.NewGuid().ToString("N")[..6] + "-";

    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private static Dictionary<string, string?> Workers(int count) => new() { ["Uploads:Workers"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private static Action<IServiceCollection> Watching(WatchedJobs watched) => s => s.Replace(ServiceDescriptor.Singleton<UploadJobEvents>(watched));

    private byte[] DossiersCsv(string id) => Encoding.UTF8.GetBytes(
        "dossier_id,procedure_code,unit_code,handler_code,channel,received_at,due_at,status,supplement_count,staff_error_return,updated_at\n" +
        $"{_prefix}{id},1.001193,C1-TT,S001,online,2025-07-03T08:15:00+07:00,2025-07-10T17:00:00+07:00,processing,0,false,2025-07-03T09:00:00+07:00\n");

    private async Task<HttpClient> SignedInAsync(WebApplicationFactory<Program> node)
    {
        var client = node.CreateClient();
        (await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "hr", password = app.Password })).EnsureSuccessStatusCode();
        return client;
    }

    private static async Task<Guid> UploadAsync(HttpClient client, string fileName, byte[] content)
    {
        var page = await client.GetStringAsync("/measurement/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(AntiforgeryToken().Match(page).Groups[1].Value), "__RequestVerificationToken" },
            { new StringContent("Dossier"), "Kind" },
            { new ByteArrayContent(content), "Upload", fileName },
        };
        var response = await client.PostAsync("/measurement/import", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Guid.Parse(BatchQuery().Match(response.RequestMessage!.RequestUri!.Query).Groups[1].Value);
    }

    private static async Task<ImportStatusResponse> StatusAsync(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/api/measurement/imports/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ImportStatusResponse>(ApiJson.Options))!;
    }

    private static async Task<ImportStatusResponse> UntilAsync(HttpClient client, Guid id, params string[] states)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var status = await StatusAsync(client, id);
            if (states.Contains(status.State))
            {
                return status;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The upload {id} did not reach {string.Join(" or ", states)}.");
    }

    private async Task<UploadJob> JobAsync(Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GovKpiDbContext>().UploadJobs.AsNoTracking().SingleAsync(j => j.Id == id);
    }

    [SkippableFact]
    public async Task A_job_queued_on_a_node_that_stopped_runs_when_the_app_starts_again()
    {
        RequireDatabase();
        Guid id;
        await using (var before = app.StartSecondNode(Workers(0)))
        {
            using var client = await SignedInAsync(before);
            id = await UploadAsync(client, "dossiers.csv", DossiersCsv("R1"));
            Assert.Equal("queued", (await StatusAsync(client, id)).State);
        }

        await using var after = app.StartSecondNode(Workers(2));
        using var again = await SignedInAsync(after);
        var status = await UntilAsync(again, id, "completed", "failed");

        Assert.Equal(("completed", 1L), (status.State, status.Batch!.Inserted));
        var job = await JobAsync(id);
        Assert.Equal((UploadJobState.Done, 1), (job.State, job.Runs));
        Assert.All(job.Files, f => Assert.False(File.Exists(f.Path)));
    }

    [SkippableFact]
    public async Task A_job_whose_node_died_while_running_is_failed_with_the_restart_message_and_its_files_are_removed()
    {
        RequireDatabase();
        var now = app.Clock.GetUtcNow();
        var orphan = Path.Combine(app.UploadDirectory, $"orphan-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(orphan, DossiersCsv("D1"));
        var stray = Path.Combine(app.UploadDirectory, $"stray-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(stray, "left behind");
        File.SetLastWriteTimeUtc(stray, (now - TimeSpan.FromDays(2)).UtcDateTime);
        var recent = Path.Combine(app.UploadDirectory, $"recent-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(recent, "being uploaded");
        File.SetLastWriteTimeUtc(recent, now.UtcDateTime);
        var job = UploadJobs.Queue(Guid.NewGuid(), UploadKind.Measurement, "Dossier", [new UploadFile("dossiers.csv", orphan, 10)], "hr", now - TimeSpan.FromMinutes(5));
        UploadJobs.Claim(job, "dead-node", now - TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(1));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
            db.UploadJobs.Add(job);
            await db.SaveChangesAsync();
        }

        await using var restarted = app.StartSecondNode(Workers(1));
        using var client = await SignedInAsync(restarted);
        var status = await UntilAsync(client, job.Id, "failed");

        Assert.Equal("Máy chủ khởi động lại khi đang nhập; không có dữ liệu nào của lần nhập này được ghi. Vui lòng tải lên lại.", status.Error);
        Assert.False(File.Exists(orphan));
        Assert.False(File.Exists(stray));
        Assert.True(File.Exists(recent));
        Assert.Equal(0, await WithDatabase(db => db.ImportBatches.CountAsync(b => b.Id == job.Id)));
    }

    [SkippableFact]
    public async Task A_job_running_when_its_node_is_stopped_is_failed_with_the_restart_message()
    {
        RequireDatabase();
        var watched = new WatchedJobs();
        Guid id;
        await using (var node = app.StartSecondNode(Workers(1), Watching(watched)))
        {
            using var client = await SignedInAsync(node);
            id = await UploadAsync(client, "slow-dossiers.csv", DossiersCsv("S1"));
            await UntilAsync(client, id, "running");
        }

        using var main = await app.SignedInAsync("hr");
        var status = await StatusAsync(main, id);

        Assert.Equal("failed", status.State);
        Assert.StartsWith("Máy chủ khởi động lại khi đang nhập", status.Error);
        Assert.All((await JobAsync(id)).Files, f => Assert.False(File.Exists(f.Path)));
    }

    [SkippableFact]
    public async Task A_slow_job_does_not_hold_up_a_second_one()
    {
        RequireDatabase();
        var watched = new WatchedJobs();
        await using var node = app.StartSecondNode(Workers(2), Watching(watched));
        using var client = await SignedInAsync(node);

        var slow = await UploadAsync(client, "slow-dossiers.csv", DossiersCsv("L1"));
        await UntilAsync(client, slow, "running");
        var fast = await UploadAsync(client, "dossiers.csv", DossiersCsv("F1"));
        var fastDone = await UntilAsync(client, fast, "completed", "failed");
        var slowMeanwhile = await StatusAsync(client, slow);
        watched.Release();
        var slowDone = await UntilAsync(client, slow, "completed", "failed");

        Assert.Equal(("completed", "running", "completed"), (fastDone.State, slowMeanwhile.State, slowDone.State));
        foreach (var id in new[] { slow, fast })
        {
            Assert.False(File.Exists((await JobAsync(id)).Files[0].Path));
        }
    }

    [SkippableFact]
    public async Task Two_nodes_over_one_database_run_each_job_exactly_once()
    {
        RequireDatabase();
        using var main = await app.SignedInAsync("hr");
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await UploadAsync(main, $"dossiers-{i}.csv", DossiersCsv("T" + i)));
        }

        var watched = new WatchedJobs();
        await using var first = app.StartSecondNode(Workers(2), Watching(watched));
        await using var second = app.StartSecondNode(Workers(2), Watching(watched));
        foreach (var id in ids)
        {
            Assert.Equal("completed", (await UntilAsync(main, id, "completed", "failed")).State);
        }

        var started = watched.Started.Where(s => ids.Contains(s.Job)).ToList();
        Assert.Equal(ids.Order(), started.Select(s => s.Job).Order());
        foreach (var id in ids)
        {
            var job = await JobAsync(id);
            Assert.Equal((UploadJobState.Done, 1), (job.State, job.Runs));
            Assert.False(File.Exists(job.Files[0].Path));
        }

        Assert.Equal(6, await WithDatabase(db => db.ImportBatches.CountAsync(b => ids.Contains(b.Id) && b.Status == ImportStatus.Completed)));
    }

    [SkippableFact]
    public async Task A_queued_job_is_cancelled_by_its_uploader_its_file_removed_and_it_is_listed()
    {
        RequireDatabase();
        using var client = await app.SignedInAsync("hr");
        var id = await UploadAsync(client, "dossiers.csv", DossiersCsv("C1"));
        var path = (await JobAsync(id)).Files[0].Path;
        Assert.True(File.Exists(path));

        var cancelled = await client.PostAsync($"/api/uploads/{id}/cancel", null);
        var again = await client.PostAsync($"/api/uploads/{id}/cancel", null);
        var listed = await client.GetFromJsonAsync<List<UploadJobResponse>>("/api/uploads", ApiJson.Options);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict), (cancelled.StatusCode, again.StatusCode));
        Assert.Equal("cancelled", (await StatusAsync(client, id)).State);
        Assert.False(File.Exists(path));
        var mine = Assert.Single(listed!, j => j.Id == id);
        Assert.Equal((UploadJobState.Cancelled, "hr"), (mine.State, mine.CancelledBy));
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/uploads/{Guid.NewGuid()}/cancel", null)).StatusCode);
        var page = await client.GetStringAsync("/measurement/import");
        Assert.Contains($"href=\"/measurement/import?batch={id}\">dossiers.csv</a></td>", page);
        Assert.Contains("Đã hủy, không dòng nào được ghi", page);
    }

    [SkippableFact]
    public async Task The_uploader_cancels_a_queued_job_from_the_list_on_the_page()
    {
        RequireDatabase();
        using var client = await app.SignedInAsync("hr");
        var id = await UploadAsync(client, "dossiers.csv", DossiersCsv("P1"));
        var page = await client.GetStringAsync("/measurement/import");
        Assert.Contains($"action=\"/measurement/import?id={id}&amp;handler=Cancel\"", page);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = AntiforgeryToken().Match(page).Groups[1].Value });

        var response = await client.PostAsync($"/measurement/import?id={id}&handler=Cancel", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(UploadJobState.Cancelled, (await JobAsync(id)).State);
        Assert.DoesNotContain($"id={id}&amp;handler=Cancel", await response.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task A_running_import_asked_to_cancel_stops_at_a_safe_point_writes_nothing_and_is_cancelled_with_the_time_and_who()
    {
        RequireDatabase();
        using var client = await app.SignedInAsync("hr");
        await using var node = app.StartSecondNode(new Dictionary<string, string?>
        {
            ["Uploads:Workers"] = "1", ["Uploads:PollSeconds"] = "1", ["Uploads:LeaseSeconds"] = "3",
        }, Watching(new WatchedJobs()));
        // Signed in first: on SQLite the held import keeps the only write lock, which a sign-in needs.
        using var onNode = await SignedInAsync(node);
        var id = await UploadAsync(onNode, "held-dossiers.csv", Shared.LostServerTests.ManyDossiers(_prefix + "RUN-", 50_000));
        // The node running it shows its live progress: held mid-write, at its first report of rows, until it is asked to stop.
        var running = await Shared.LostServerTests.UntilAsync(onNode, id, s => s.State != "queued" && (s.State != "running" || s.Rows > 0));
        Assert.Equal("running", running.State);
        var page = await onNode.GetStringAsync("/measurement/import");
        Assert.Contains($"action=\"/measurement/import?id={id}&amp;handler=Cancel\"", page);

        // On PostgreSQL asked on another node, which saves the request for the running node to see;
        // on SQLite (one node) asked where it runs, which stops it at once.
        var asker = app is PostgresUploadJobsApp ? client : onNode;
        var asked = await asker.PostAsync($"/api/uploads/{id}/cancel", null);
        var status = await Shared.LostServerTests.UntilAsync(onNode, id, s => s.State != "running");

        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Equal("cancelled", status.State);
        var job = await JobAsync(id);
        Assert.Equal((UploadJobState.Cancelled, "hr", (DateTimeOffset?)app.Clock.GetUtcNow()), (job.State, job.CancelledBy, job.FinishedAt));
        Assert.False(await WithDatabase(db => db.DossierVersions.AnyAsync(d => d.DossierId.StartsWith(_prefix + "RUN-"))));
        Assert.False(await WithDatabase(db => db.ImportBatches.AnyAsync(b => b.Id == id && b.Status == ImportStatus.Completed)));
        Assert.False(File.Exists(job.Files[0].Path));
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/uploads/{id}/cancel", null)).StatusCode);
    }

    private async Task<T> WithDatabase<T>(Func<GovKpiDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<GovKpiDbContext>());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("batch=([0-9a-f-]+)")]
    private static partial Regex BatchQuery();
}

public sealed class SqliteUploadJobTests(SqliteUploadJobsApp app) : UploadJobTests<SqliteUploadJobsApp>(app), IClassFixture<SqliteUploadJobsApp>;

public sealed class PostgresUploadJobTests(PostgresUploadJobsApp app) : UploadJobTests<PostgresUploadJobsApp>(app), IClassFixture<PostgresUploadJobsApp>;
