using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using GovKpi.Core.Notifications;
using GovKpi.Core.Uploads;
using GovKpi.Data;
using GovKpi.Web.Features.KpiValues;
using GovKpi.Web.Features.Measurement;
using GovKpi.Web.Features.Notifications;
using GovKpi.Web.Features.Shared;
using GovKpi.Web.Tests.Infrastructure;
using GovKpi.Web.Tests.KpiValues;
using GovKpi.Web.Tests.Notifications;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Nodes;

/// <summary>The first node ("a") of the two-node tests, on its own PostgreSQL database.</summary>
public sealed class TwoNodesApp() : GovKpiApp(DatabaseProvider.Postgres)
{
    /// <summary>The upload directory both nodes share, as docs/OPERATIONS.md asks.</summary>
    public string UploadDirectory { get; } = Directory.CreateTempSubdirectory("govkpi-uploads-").FullName;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Node:Name"] = "a",
        ["Uploads:Directory"] = UploadDirectory,
        // Every minute of the test clock, so both nodes look for the deadlines many times.
        ["Notifications:NoticesEvery"] = "00:01:00",
    };

    protected override Task AfterServerStoppedAsync()
    {
        Directory.Delete(UploadDirectory, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Two web nodes on one PostgreSQL behind a real nginx (issue 15, item 11; docs/OPERATIONS.md),
/// everything over real HTTP through the proxy, which sends requests round robin: which node
/// answered is read from <see cref="NodeName.Header"/>. No sticky sessions: a user's session, a
/// change and an import must behave the same whichever node gets each request.
/// </summary>
public sealed partial class TwoNodesTests(TwoNodesApp app) : KpiTestRecords<TwoNodesApp>(app), IClassFixture<TwoNodesApp>
{
    [SkippableFact]
    public async Task A_session_signed_in_through_one_node_holds_on_both_and_its_sign_out_ends_it_on_both()
    {
        RequireDatabase();
        using var nodes = Start();
        using var client = nodes.Client();

        var signIn = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "hr", password = App.Password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var signedIn = await AnswersAsync(client, "/api/auth/me", 6);
        Assert.All(signedIn, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal(["a", "b"], signedIn.Select(a => a.Node).Distinct().Order());

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/sign-out", null)).StatusCode);
        var signedOut = await AnswersAsync(client, "/api/auth/me", 6);
        Assert.All(signedOut, a => Assert.Equal(HttpStatusCode.Unauthorized, a.Status));
        Assert.Equal(["a", "b"], signedOut.Select(a => a.Node).Distinct().Order());
    }

    [SkippableFact]
    public async Task An_import_through_one_node_is_read_at_once_through_both()
    {
        RequireDatabase();
        using var nodes = Start();
        using var client = await nodes.SignedInAsync("hr");
        const string query = "/api/kpis/values?scope=subtree&code=C2&from=2046-01-01&to=2047-01-01";
        // Read twice on each node first, so both hold the table in their cache.
        Assert.All(await TablesAsync(client, query, 4), t => Assert.Equal(0m, t.Table.Values.Single(v => v.Kpi == "on_time_rate").Denominator));

        await PushAsync(client, "dossiers", [OnTimeDossier("C1", 2046), OnTimeDossier("C2", 2046)]);

        var after = await TablesAsync(client, query, 4);
        Assert.All(after, t => Assert.Equal((2m, 2m), OnTime(t.Table)));
        Assert.Equal(["a", "b"], after.Select(t => t.Node).Distinct().Order());
    }

    [SkippableFact]
    public async Task The_same_batch_sent_through_both_nodes_at_once_lands_once()
    {
        RequireDatabase();
        using var nodes = Start();
        using var first = await nodes.SignedInAsync("hr");
        using var second = await nodes.SignedInAsync("hr");
        var batch = Enumerable.Range(1, 300).Select(i => OnTimeDossier(FormattableString.Invariant($"B{i:000}"), 2047)).ToList();

        // nginx sends the two round robin, one to each node; both write the same new rows at once.
        var responses = await Task.WhenAll(first.PostAsJsonAsync("/api/measurement/dossiers", batch), second.PostAsJsonAsync("/api/measurement/dossiers", batch));

        foreach (var response in responses)
        {
            Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        Assert.Equal(["a", "b"], responses.Select(Node).Order());
        var outcomes = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<PushResponse>(ApiJson.Options)));
        // One inserted them, the other waited for it and found them unchanged, as a re-sent batch does.
        Assert.Equal([(0L, 300L), (300L, 0L)], outcomes.Select(o => (o!.Inserted, o.Unchanged)).Order());
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        Assert.Equal(300, await db.Dossiers.CountAsync(d => d.DossierId.StartsWith(Prefix + "B")));
        Assert.Equal((300m, 300m), OnTime((await first.GetFromJsonAsync<KpiTableResponse>("/api/kpis/values?scope=subtree&code=C2&from=2047-01-01&to=2048-01-01", ApiJson.Options))!));
    }

    [SkippableFact]
    public async Task A_file_uploaded_through_the_proxy_with_the_form_of_the_other_node_is_imported_once()
    {
        RequireDatabase();
        using var nodes = Start();
        using var client = await nodes.SignedInAsync("hr");
        var csv = Encoding.UTF8.GetBytes(
            "dossier_id,procedure_code,unit_code,handler_code,channel,received_at,due_at,status,supplement_count,staff_error_return,updated_at\n"
            + $"{Prefix}U1,1.001193,C1-TT,S001,online,2025-07-03T08:15:00+07:00,2025-07-10T17:00:00+07:00,processing,0,false,2025-07-03T09:00:00+07:00\n");

        using var page = await client.GetAsync("/measurement/import");
        var token = AntiforgeryToken().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("Dossier"), "Kind" },
            { new ByteArrayContent(csv), "Upload", "dossiers.csv" },
        };
        using var posted = await client.PostAsync("/measurement/import", form);

        // The form came from one node and was accepted by the other: the antiforgery keys are shared.
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.NotEqual(Node(page), Node(posted));
        var id = Guid.Parse(BatchQuery().Match(posted.Headers.Location!.OriginalString).Groups[1].Value);
        var status = await UntilAsync(client, id);
        Assert.Equal(("completed", 1L), (status.State, status.Batch!.Inserted));
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var job = await db.UploadJobs.AsNoTracking().SingleAsync(j => j.Id == id);
        Assert.Equal((UploadJobState.Done, 1), (job.State, job.Runs));
        Assert.Equal(1, await db.ImportBatches.CountAsync(b => b.Id == id));
    }

    [SkippableFact]
    public async Task The_deadline_notice_of_a_cycle_opened_through_the_proxy_reaches_the_inbox_once_though_both_nodes_look_for_it()
    {
        RequireDatabase();
        using var nodes = Start();
        using var manager = await nodes.SignedInAsync("manager");
        using var staff = await nodes.SignedInAsync("staff");
        var opened = await manager.PostAsJsonAsync("/api/evaluation/cycles", new { unitCode = "C1-TT", periodKind = "Month", year = 2026, number = 2 });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var before = await NoticesLeaseAsync();

        var inbox = await App.InboxWhenAsync(staff, i => i.Any(n => n.Kind == NotificationKind.EvaluationDeadline));
        // More rounds on both nodes: nothing is told twice.
        for (var round = 0; round < 5; round++)
        {
            App.Clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(100);
        }

        var again = (await staff.GetFromJsonAsync<List<NotificationResponse>>("/api/notifications", ApiJson.Options))!;
        Assert.Single(inbox, n => n.Kind == NotificationKind.EvaluationDeadline);
        Assert.Single(again, n => n.Kind == NotificationKind.EvaluationDeadline);
        // The rounds ran under the lease, each released when done.
        var after = await NoticesLeaseAsync();
        Assert.True(after.Version >= before.Version + 2, $"the notices lease was claimed {after.Version - before.Version} times");
    }

    private async Task<MailRoundLease> NoticesLeaseAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GovKpiDbContext>().NotificationMailLease.AsNoTracking()
            .SingleAsync(l => l.Name == MailRoundLease.Notices);
    }

    private static async Task<ImportStatusResponse> UntilAsync(HttpClient client, Guid id)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var status = (await client.GetFromJsonAsync<ImportStatusResponse>($"/api/measurement/imports/{id}", ApiJson.Options))!;
            if (status.State is "completed" or "failed")
            {
                return status;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The upload {id} did not finish.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("batch=([0-9a-f-]+)")]
    private static partial Regex BatchQuery();

    private Dictionary<string, object?> OnTimeDossier(string id, int year) =>
        Dossier(id, "C2-TT", null, $"{year}-05-04T08:00:00+07:00", $"{year}-05-11T17:00:00+07:00", $"{year}-05-06T10:00:00+07:00", "processed");

    private static (decimal, decimal) OnTime(KpiTableResponse table)
    {
        var onTime = table.Values.Single(v => v.Kpi == "on_time_rate");
        return (onTime.Numerator, onTime.Denominator);
    }

    private static string Node(HttpResponseMessage response) =>
        response.Headers.TryGetValues(NodeName.Header, out var values) ? string.Join(",", values) : "";

    private static async Task<List<(HttpStatusCode Status, string Node)>> AnswersAsync(HttpClient client, string path, int count)
    {
        var answers = new List<(HttpStatusCode, string)>();
        for (var i = 0; i < count; i++)
        {
            using var response = await client.GetAsync(path);
            answers.Add((response.StatusCode, Node(response)));
        }

        return answers;
    }

    private static async Task<List<(KpiTableResponse Table, string Node)>> TablesAsync(HttpClient client, string path, int count)
    {
        var tables = new List<(KpiTableResponse, string)>();
        for (var i = 0; i < count; i++)
        {
            using var response = await client.GetAsync(path);
            response.EnsureSuccessStatusCode();
            tables.Add(((await response.Content.ReadFromJsonAsync<KpiTableResponse>(ApiJson.Options))!, Node(response)));
        }

        return tables;
    }

    /// <summary>The second node ("b") on the same database and nginx in front of both.</summary>
    private Nodes Start()
    {
        var second = App.StartSecondNode(new Dictionary<string, string?> { ["Node:Name"] = "b" });
        var nginx = TestNginx.TryStart([App.ClientOptions.BaseAddress, second.ClientOptions.BaseAddress], out var skipReason);
        if (nginx is null)
        {
            second.Dispose();
            Skip.If(true, skipReason);
        }

        return new Nodes(second, nginx!, App.Password);
    }

    private sealed class Nodes(WebApplicationFactory<Program> second, TestNginx nginx, string password) : IDisposable
    {
        /// <summary>A client of the proxy with its own cookie jar.</summary>
        public HttpClient Client() =>
            new(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = nginx.Address };

        public async Task<HttpClient> SignedInAsync(string userName)
        {
            var client = Client();
            (await client.PostAsJsonAsync("/api/auth/sign-in", new { userName, password })).EnsureSuccessStatusCode();
            return client;
        }

        public void Dispose()
        {
            nginx.Dispose();
            second.Dispose();
        }
    }
}
