using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using GovKpi.Data;
using GovKpi.Tests;
using GovKpi.Web.Features.Measurement;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Tests.Shared;

/// <summary>The app on a PostgreSQL cluster of its own, which its tests stop for real and start again.</summary>
public sealed class LostServerApp : GovKpiApp
{
    private readonly ThrowawayPostgres? _cluster;
    private readonly string? _skipReason;

    public LostServerApp() : base(DatabaseProvider.Postgres) => _cluster = ThrowawayPostgres.TryStart(out _skipReason);

    internal ThrowawayPostgres Cluster => _cluster ?? throw new InvalidOperationException(_skipReason);

    public string UploadDirectory { get; } = Directory.CreateTempSubdirectory("govkpi-lost-uploads-").FullName;

    protected override string? PostgresServer => _cluster?.ConnectionString;

    protected override string PostgresSkipReason => $"PostgreSQL tests skipped: {_skipReason}";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Uploads:Workers"] = "1",
        ["Uploads:Directory"] = UploadDirectory,
        ["Uploads:PollSeconds"] = "1",
        ["Uploads:LeaseSeconds"] = "3",
    };

    protected override Task AfterServerStoppedAsync()
    {
        _cluster?.Dispose();
        Directory.Delete(UploadDirectory, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>
/// A PostgreSQL server that goes away (<c>pg_ctl stop -m immediate</c>) under the web app: a push
/// is answered 503 with Retry-After in Vietnamese, an upload running then ends failed saying so.
/// </summary>
public sealed partial class LostServerTests(LostServerApp app) : IClassFixture<LostServerApp>
{
    private const string Header = "dossier_id,procedure_code,unit_code,handler_code,channel,received_at,due_at,status,supplement_count,staff_error_return,updated_at\n";

    private void RequireServer() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private static object[] Dossier(string id) =>
    [
        new Dictionary<string, object?>
        {
            ["dossier_id"] = id, ["procedure_code"] = "1.001193", ["unit_code"] = "C1-TT", ["handler_code"] = "S001",
            ["channel"] = "online", ["received_at"] = "2025-07-03T08:15:00+07:00", ["due_at"] = "2025-07-10T17:00:00+07:00", ["status"] = "processing",
            ["supplement_count"] = 0, ["staff_error_return"] = false, ["updated_at"] = "2025-07-03T09:00:00+07:00",
        },
    ];

    /// <summary>A dossiers file large enough that its import is still writing when the server goes.</summary>
    internal static byte[] ManyDossiers(string prefix, int count)
    {
        var csv = new StringBuilder(Header, count * 170);
        for (var i = 0; i < count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{prefix}{i},1.001193,C1-TT,S001,online,2025-07-03T08:15:00+07:00,2025-07-10T17:00:00+07:00,processing,0,false,2025-07-03T09:00:00+07:00\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    internal static async Task<Guid> UploadAsync(HttpClient client, byte[] content)
    {
        var page = await client.GetStringAsync("/measurement/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(AntiforgeryToken().Match(page).Groups[1].Value), "__RequestVerificationToken" },
            { new StringContent("Dossier"), "Kind" },
            { new ByteArrayContent(content), "Upload", "dossiers.csv" },
        };
        var response = await client.PostAsync("/measurement/import", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Guid.Parse(BatchQuery().Match(response.RequestMessage!.RequestUri!.Query).Groups[1].Value);
    }

    /// <summary>Polls the job's status until <paramref name="done"/> holds; a status the database could not give (503) is polled again.</summary>
    internal static async Task<ImportStatusResponse> UntilAsync(HttpClient client, Guid id, Func<ImportStatusResponse, bool> done)
    {
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            var response = await client.GetAsync($"/api/measurement/imports/{id}");
            if (response.StatusCode == HttpStatusCode.OK
                && await response.Content.ReadFromJsonAsync<ImportStatusResponse>(ApiJson.Options) is { } status && done(status))
            {
                return status;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The upload {id} did not reach the awaited state.");
    }

    [SkippableFact]
    public async Task A_push_while_the_server_is_down_answers_503_with_retry_after_and_a_vietnamese_message_and_lands_once_it_is_back()
    {
        RequireServer();
        using var hr = await app.SignedInAsync("hr");
        var id = "LOST-" + Guid.NewGuid().ToString("N")[..8];

        app.Cluster.StopImmediately();
        HttpResponseMessage refused;
        try
        {
            refused = await hr.PostAsJsonAsync("/api/measurement/dossiers", Dossier(id));
        }
        finally
        {
            app.Cluster.Start();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), refused.Headers.RetryAfter?.Delta);
        var body = await refused.Content.ReadAsStringAsync();
        var problem = await refused.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("Cơ sở dữ liệu tạm thời không phục vụ được", problem!.Title);
        Assert.Contains("Không kết nối được tới máy chủ cơ sở dữ liệu", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", body, StringComparison.Ordinal);

        var landed = await hr.PostAsJsonAsync("/api/measurement/dossiers", Dossier(id));
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Contains("\"inserted\":1", await landed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_upload_running_when_the_server_goes_away_ends_failed_saying_the_server_could_not_be_reached_and_wrote_nothing()
    {
        RequireServer();
        using var hr = await app.SignedInAsync("hr");
        var prefix = "GONE-" + Guid.NewGuid().ToString("N")[..6] + "-";
        var id = await UploadAsync(hr, ManyDossiers(prefix, 150_000));
        await UntilAsync(hr, id, s => s.State == "running" && s.Rows > 0);

        app.Cluster.StopImmediately();
        // Long enough for the import and the first attempts to save its ending to meet the closed port.
        await Task.Delay(TimeSpan.FromSeconds(2));
        app.Cluster.Start();
        var status = await UntilAsync(hr, id, s => s.State is "failed" or "completed");

        var l = app.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        string Message(string culture)
        {
            var previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            try
            {
                return l["Database.Unavailable.Unreachable", 30].Value;
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }
        }

        Assert.Equal("failed", status.State);
        Assert.Contains(status.Error, new[] { Message("vi-VN"), Message("en") });
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        Assert.False(await db.DossierVersions.AnyAsync(d => d.DossierId.StartsWith(prefix)));
        Assert.Empty(Directory.GetFiles(app.UploadDirectory));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("batch=([0-9a-f-]+)")]
    private static partial Regex BatchQuery();
}
