using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using GovKpi.Core.Uploads;
using GovKpi.Data;
using GovKpi.Tests;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Shared;

/// <summary>The app on SQLite whose database and upload directory each lie on a small disk of their own, which the tests fill.</summary>
public sealed class FullDiskApp : GovKpiApp
{
    private readonly SmallDisk? _uploads;
    private SmallDisk? _database;
    private readonly string? _uploadsSkip;
    private string? _databaseSkip;
    private readonly string _fallbackUploads = Directory.CreateTempSubdirectory("govkpi-uploads-").FullName;

    public FullDiskApp() : base(DatabaseProvider.Sqlite) => _uploads = SmallDisk.TryMount(1, out _uploadsSkip);

    internal SmallDisk DatabaseDisk => _database ?? throw new InvalidOperationException(_databaseSkip);

    internal SmallDisk UploadDisk => _uploads ?? throw new InvalidOperationException(_uploadsSkip);

    public string? DiskSkipReason => _uploadsSkip ?? _databaseSkip;

    protected override string NewSqliteDirectory()
    {
        _database = SmallDisk.TryMount(48, out _databaseSkip);
        return _database is null ? base.NewSqliteDirectory() : Directory.CreateDirectory(Path.Combine(_database.Path, "db")).FullName;
    }

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Uploads:Workers"] = "0",
        ["Uploads:Directory"] = _uploads?.Path ?? _fallbackUploads,
    };

    protected override Task AfterServerStoppedAsync()
    {
        _database?.Dispose();
        _uploads?.Dispose();
        Directory.Delete(_fallbackUploads, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>
/// A full disk, for real (a tmpfs filled to the last byte): a push is answered 503 with Retry-After
/// and a Vietnamese message and keeps nothing; an upload that cannot be saved is told so, not a 500.
/// </summary>
public sealed partial class FullDiskTests(FullDiskApp app) : IClassFixture<FullDiskApp>
{
    private void RequireDisks() => Skip.If(app.DiskSkipReason is not null, app.DiskSkipReason);

    private static List<Dictionary<string, object?>> Dossiers(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Dictionary<string, object?>
        {
            ["dossier_id"] = $"{prefix}{i}", ["procedure_code"] = "1.001193", ["unit_code"] = "C1-TT", ["handler_code"] = "S001",
            ["channel"] = "online", ["received_at"] = "2025-07-03T08:15:00+07:00", ["due_at"] = "2025-07-10T17:00:00+07:00", ["status"] = "processing",
            ["supplement_count"] = 0, ["staff_error_return"] = false, ["updated_at"] = "2025-07-03T09:00:00+07:00",
        })];

    [SkippableFact]
    public async Task A_push_when_the_disk_is_full_answers_503_with_retry_after_and_a_vietnamese_message_and_keeps_nothing_of_it()
    {
        RequireDisks();
        using var hr = await app.SignedInAsync("hr");
        var batch = Dossiers("FULL-" + Guid.NewGuid().ToString("N")[..6] + "-", 20_000);

        app.DatabaseDisk.Fill();
        HttpResponseMessage refused;
        try
        {
            refused = await hr.PostAsJsonAsync("/api/measurement/dossiers", batch);
        }
        finally
        {
            app.DatabaseDisk.Free();
        }

        Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"{refused.StatusCode}: {app.UnhandledText}");
        Assert.Equal(TimeSpan.FromSeconds(30), refused.Headers.RetryAfter?.Delta);
        var body = await refused.Content.ReadAsStringAsync();
        var problem = await refused.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("Cơ sở dữ liệu tạm thời không phục vụ được", problem!.Title);
        Assert.Contains("Ổ đĩa hoặc cơ sở dữ liệu đã đầy", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);

        var landed = await hr.PostAsJsonAsync("/api/measurement/dossiers", batch);
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Contains("\"inserted\":20000", await landed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>
    /// When every connection has closed (another fixture's <c>ClearAllPools</c> in a full run does
    /// it), SQLite deletes the WAL index; the next connection on a full disk cannot make it again
    /// and SQLite says "disk I/O error" (SQLITE_IOERR_SHMSIZE), not "full". Found by CI, a 500.
    /// </summary>
    [SkippableFact]
    public async Task A_push_on_a_full_disk_after_every_connection_closed_is_still_told_the_disk_is_full()
    {
        RequireDisks();
        using var hr = await app.SignedInAsync("hr");
        var batch = Dossiers("SHM-" + Guid.NewGuid().ToString("N")[..6] + "-", 200);

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        app.DatabaseDisk.Fill();
        HttpResponseMessage refused;
        try
        {
            refused = await hr.PostAsJsonAsync("/api/measurement/dossiers", batch);
        }
        finally
        {
            app.DatabaseDisk.Free();
        }

        Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"{refused.StatusCode}: {app.UnhandledText}");
        var problem = await refused.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Contains("Ổ đĩa hoặc cơ sở dữ liệu đã đầy", problem!.Detail, StringComparison.Ordinal);

        var landed = await hr.PostAsJsonAsync("/api/measurement/dossiers", batch);
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
    }

    [SkippableFact]
    public async Task An_upload_the_full_upload_directory_cannot_hold_answers_503_with_a_clear_message_and_leaves_no_partial_file_nor_job()
    {
        RequireDisks();
        using var hr = await app.SignedInAsync("hr");
        var page = await hr.GetStringAsync("/measurement/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(AntiforgeryToken().Match(page).Groups[1].Value), "__RequestVerificationToken" },
            { new StringContent("Dossier"), "Kind" },
            { new ByteArrayContent(LostServerTests.ManyDossiers("BIG-", 20_000)), "Upload", "dossiers.csv" },
        };

        var response = await hr.PostAsync("/measurement/import", form);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("Ổ đĩa hoặc cơ sở dữ liệu đã đầy", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(app.UploadDisk.Path));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<GovKpiDbContext>().UploadJobs.AnyAsync(j => j.State == UploadJobState.Queued));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
