using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using GovKpi.Data;
using GovKpi.Web.Features.Uploads;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace GovKpi.Web.Tests.Shared;

/// <summary>A database that cannot serve answers 503 with Retry-After and a clear message, never a 500 with a stack trace.</summary>
public sealed class DatabaseUnavailableTests(ShortWaitApp app) : IClassFixture<ShortWaitApp>
{
    [Fact]
    public async Task A_write_lock_held_too_long_answers_503_with_retry_after_and_a_vietnamese_message_and_then_works_again()
    {
        using var client = app.CreateClient();
        await using (var holder = new SqliteConnection(app.Database))
        {
            await holder.OpenAsync();
            await using (var hold = holder.CreateCommand())
            {
                hold.CommandText = "BEGIN IMMEDIATE";
                await hold.ExecuteNonQueryAsync();
            }

            // Signing in writes a session row: it waits the connection's one second for the lock, then gives up.
            var refused = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "hr", password = app.Password });

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
            var problem = await refused.Content.ReadFromJsonAsync<ProblemDetails>();
            Assert.Equal("Cơ sở dữ liệu tạm thời không phục vụ được", problem!.Title);
            Assert.Contains("thử lại sau 5 giây", problem.Detail);
            Assert.DoesNotContain("   at ", await refused.Content.ReadAsStringAsync());
            await using var release = holder.CreateCommand();
            release.CommandText = "ROLLBACK";
            await release.ExecuteNonQueryAsync();
        }

        var signedIn = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "hr", password = app.Password });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }

    [Fact]
    public async Task A_push_that_cannot_get_the_write_lock_answers_503_and_the_same_push_later_lands_once()
    {
        using var hr = await app.SignedInAsync("hr");
        object[] batch =
        [
            new Dictionary<string, object?>
            {
                ["dossier_id"] = "LOCKED-1", ["procedure_code"] = "1.001193", ["unit_code"] = "C1-TT", ["handler_code"] = "S001",
                ["channel"] = "online", ["received_at"] = "2025-07-03T08:15:00+07:00", ["due_at"] = "2025-07-10T17:00:00+07:00", ["status"] = "processing",
                ["supplement_count"] = 0, ["staff_error_return"] = false, ["updated_at"] = "2025-07-03T09:00:00+07:00",
            },
        ];
        await using (var holder = new SqliteConnection(app.Database))
        {
            await holder.OpenAsync();
            await using var hold = holder.CreateCommand();
            hold.CommandText = "BEGIN IMMEDIATE";
            await hold.ExecuteNonQueryAsync();

            var refused = await hr.PostAsJsonAsync("/api/measurement/dossiers", batch);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            hold.CommandText = "ROLLBACK";
            await hold.ExecuteNonQueryAsync();
        }

        var landed = await hr.PostAsJsonAsync("/api/measurement/dossiers", batch);
        var again = await hr.PostAsJsonAsync("/api/measurement/dossiers", batch);

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Contains("\"inserted\":1", await landed.Content.ReadAsStringAsync());
        Assert.Contains("\"unchanged\":1", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_upload_job_that_meets_a_write_lock_held_too_long_ends_failed_saying_so_and_wrote_nothing()
    {
        var holder = new LockAtStart(app.Database);
        await using var node = app.StartSecondNode(
            new Dictionary<string, string?>
            {
                ["ConnectionStrings:GovKpi"] = app.Database + ";Default Timeout=1", ["Uploads:Workers"] = "1", ["Uploads:PollSeconds"] = "1",
            },
            s => s.Replace(ServiceDescriptor.Singleton<UploadJobEvents>(holder)));
        using var client = node.CreateClient();
        (await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "hr", password = app.Password })).EnsureSuccessStatusCode();
        var prefix = "HELD-" + Guid.NewGuid().ToString("N")[..6] + "-";

        var id = await LostServerTests.UploadAsync(client, LostServerTests.ManyDossiers(prefix, 100));
        var status = await LostServerTests.UntilAsync(client, id, s => s.State is "failed" or "completed");

        var l = app.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        string Message(string culture)
        {
            var previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            try
            {
                return l["Database.Unavailable.Busy", 5].Value;
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }
        }

        Assert.True(holder.Held, "the lock was taken before the import");
        Assert.Equal("failed", status.State);
        Assert.Contains(status.Error, new[] { Message("vi-VN"), Message("en") });
        await using var scope = app.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<GovKpiDbContext>().DossierVersions.AnyAsync(d => d.DossierId.StartsWith(prefix)));
    }

    [Fact]
    public void A_failed_upload_job_tells_the_uploader_in_words_never_the_exceptions_own_text()
    {
        var l = app.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var job = Guid.Parse("0b9f6c2e-5a41-4f0e-9d7c-1c2a3b4c5d6e");
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");
        try
        {
            var unexpected = UploadFailure.Describe(new NullReferenceException("Object reference not set to an instance of an object."), job, l);
            var locked = UploadFailure.Describe(new InvalidOperationException("wrapped", new SqliteException("database is locked", 5)), job, l);

            Assert.DoesNotContain("Object reference", unexpected, StringComparison.Ordinal);
            Assert.Contains("không có dữ liệu nào của lần nhập này được ghi", unexpected, StringComparison.Ordinal);
            Assert.Contains(job.ToString(), unexpected, StringComparison.Ordinal);
            Assert.Contains("thử lại sau 5 giây", locked, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void A_lost_server_a_held_lock_and_a_full_disk_are_told_apart_and_a_wrong_request_is_not_one_of_them()
    {
        Assert.Equal(DatabaseFaults.Kind.Unreachable, DatabaseFaults.Classify(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.Equal(DatabaseFaults.Kind.Unreachable, DatabaseFaults.Classify(new InvalidOperationException("wrapped", new NpgsqlException("Exception while reading from stream", new IOException("reset")))));
        Assert.Equal(DatabaseFaults.Kind.Busy, DatabaseFaults.Classify(new SqliteException("database is locked", 5)));
        Assert.Equal(DatabaseFaults.Kind.Full, DatabaseFaults.Classify(new SqliteException("database or disk is full", 13)));
        Assert.Equal(DatabaseFaults.Kind.Full, DatabaseFaults.Classify(new IOException("No space left on device", 28)));
        Assert.Equal(DatabaseFaults.Kind.Full, DatabaseFaults.Classify(new SqliteException("disk I/O error", 10, 4874)));
        Assert.Equal(DatabaseFaults.Kind.None, DatabaseFaults.Classify(new SqliteException("disk I/O error", 10, 266)));
        Assert.Equal(DatabaseFaults.Kind.None, DatabaseFaults.Classify(new SqliteException("UNIQUE constraint failed", 19)));
        Assert.Equal(DatabaseFaults.Kind.None, DatabaseFaults.Classify(new ArgumentException("bad")));
    }
}

/// <summary>
/// Takes SQLite's write lock as a job starts and holds it five seconds, longer than the one-second
/// wait of <see cref="ShortWaitApp"/>: the import, and the first attempts to save its ending, meet it.
/// </summary>
internal sealed class LockAtStart(string database) : UploadJobEvents
{
    public bool Held { get; private set; }

    public override async Task StartingAsync(GovKpi.Core.Uploads.UploadJob job, string node, CancellationToken ct)
    {
        var holder = new SqliteConnection(database);
        await holder.OpenAsync(ct);
        await using (var hold = holder.CreateCommand())
        {
            hold.CommandText = "BEGIN IMMEDIATE";
            await hold.ExecuteNonQueryAsync(ct);
        }

        Held = true;
        _ = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            await using (var release = holder.CreateCommand())
            {
                release.CommandText = "ROLLBACK";
                await release.ExecuteNonQueryAsync();
            }

            await holder.DisposeAsync();
        });
    }
}

/// <summary>The app on SQLite with a one-second wait for a lock instead of thirty; its own node runs no upload jobs.</summary>
public sealed class ShortWaitApp() : GovKpiApp(DatabaseProvider.Sqlite)
{
    public string Database => ConnectionString;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Uploads:Workers"] = "0" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:GovKpi", ConnectionString + ";Default Timeout=1");
    }
}
