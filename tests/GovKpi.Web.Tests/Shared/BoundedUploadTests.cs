using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GovKpi.Data;
using GovKpi.Web.Features.Organisation;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace GovKpi.Web.Tests.Shared;

/// <summary>The app with small upload bounds, so that a test file can cross them: 1,000 rows a sheet, 1 MB an organisation upload.</summary>
public abstract class BoundedUploadApp(DatabaseProvider provider) : GovKpiApp(provider)
{
    public const int MaxRows = 1_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Uploads:Spreadsheets:MaxRows", MaxRows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Uploads:MaxRequestBytes:organisation", (1 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class SqliteBoundedUploadApp() : BoundedUploadApp(DatabaseProvider.Sqlite);

public sealed class PostgresBoundedUploadApp() : BoundedUploadApp(DatabaseProvider.Postgres);

/// <summary>Hostile and oversized .xlsx uploads are refused on the import pages with the reason in Vietnamese, before any import starts, and the app keeps answering others meanwhile.</summary>
public abstract partial class BoundedUploadTests<TApp>(TApp app) where TApp : BoundedUploadApp
{
    private static readonly string[] ComplaintColumns = ["complaint_id", "unit_code", "staff_code", "dossier_id", "received_at", "category", "upheld"];

    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private static byte[] LongSheet(params string[] header) =>
        TestWorkbooks.Sheet(header, Enumerable.Range(1, BoundedUploadApp.MaxRows + 200).Select(i => header.Select(_ => $"G{i}").ToArray()));

    /// <summary>Posts one file on an import page as its form does, with the page's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string field, string fileName, byte[] content, string? kind = null)
    {
        var html = await client.GetStringAsync(page);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(AntiforgeryToken().Match(html).Groups[1].Value), "__RequestVerificationToken" },
            { new ByteArrayContent(content), field, fileName },
        };
        if (kind is not null)
        {
            form.Add(new StringContent(kind), "Kind");
        }

        return await client.PostAsync(page, form);
    }

    private static async Task<string> PageText(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [SkippableFact]
    public async Task A_zip_bomb_xlsx_is_refused_on_the_organisation_import_page_with_the_reason_in_vietnamese_and_nothing_is_imported()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");

        var response = await PostAsync(hr, "/organisation/import", "Uploads", "staff.xlsx", TestWorkbooks.Bomb(TestWorkbooks.Row(1, "code", "full_name")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("/organisation/import", response.RequestMessage!.RequestUri!.PathAndQuery);
        Assert.Contains("Tệp staff.xlsx bị từ chối: một phần của tệp nén giải nén ra lớn hơn 100 lần kích thước nén", await PageText(response));
    }

    [SkippableFact]
    public async Task A_zip_bomb_xlsx_is_refused_on_the_measurement_import_page_with_the_reason_in_vietnamese_and_no_batch_starts()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");

        var response = await PostAsync(hr, "/measurement/import", "Upload", "complaints.xlsx",
            TestWorkbooks.Bomb(TestWorkbooks.Row(1, ComplaintColumns)), kind: "Complaint");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("batch=", response.RequestMessage!.RequestUri!.Query, StringComparison.Ordinal);
        Assert.Contains("Tệp complaints.xlsx bị từ chối: một phần của tệp nén giải nén ra lớn hơn 100 lần kích thước nén", await PageText(response));
    }

    [SkippableFact]
    public async Task A_sheet_with_more_rows_than_allowed_is_refused_on_both_import_pages_with_the_limit_in_vietnamese()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");

        var organisation = await PostAsync(hr, "/organisation/import", "Uploads", "staff.xlsx", LongSheet("code", "full_name"));
        var measurement = await PostAsync(hr, "/measurement/import", "Upload", "complaints.xlsx", LongSheet(ComplaintColumns), kind: "Complaint");

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.RequestEntityTooLarge), (organisation.StatusCode, measurement.StatusCode));
        Assert.Contains("Tệp staff.xlsx bị từ chối: bảng tính có hơn 1.000 dòng (giới hạn 1.000 dòng)", await PageText(organisation));
        Assert.Contains("Tệp complaints.xlsx bị từ chối: bảng tính có hơn 1.000 dòng (giới hạn 1.000 dòng)", await PageText(measurement));
    }

    [SkippableFact]
    public async Task An_upload_declaring_more_bytes_than_the_page_takes_is_answered_413_keyed_by_the_file_field_before_its_body_is_sent()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        var html = await hr.GetStringAsync("/organisation/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(AntiforgeryToken().Match(html).Groups[1].Value), "__RequestVerificationToken" },
            { new ByteArrayContent(new byte[2 << 20]), "Uploads", "staff.xlsx" },
        };
        // With Expect: 100-continue the body waits for the server's go-ahead, which a refused upload never gets.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/organisation/import") { Content = form };
        request.Headers.ExpectContinue = true;

        var response = await hr.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Tệp tải lên bị từ chối", problem.GetProperty("title").GetString());
        Assert.Equal("Tệp tải lên (2 MB) vượt quá giới hạn 1 MB của trang này.", problem.GetProperty("errors").GetProperty("Uploads")[0].GetString());
    }

    [SkippableTheory]
    [InlineData("/api/leave/import", "leave.xlsx")]
    [InlineData("/api/task-types/import", "task_types.xlsx")]
    public async Task A_zip_bomb_xlsx_posted_to_an_import_api_is_refused_as_problem_details_keyed_by_the_file_field(string path, string fileName)
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(TestWorkbooks.Bomb(TestWorkbooks.Row(1, "code"))), "file", fileName } };

        var response = await hr.PostAsync(path, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith($"Tệp {fileName} bị từ chối: một phần của tệp nén giải nén ra lớn hơn 100 lần kích thước nén",
            problem.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task While_hostile_files_are_being_refused_another_users_request_is_answered()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var manager = await app.SignedInAsync("manager");
        var bomb = TestWorkbooks.Bomb(TestWorkbooks.Row(1, ComplaintColumns));

        var hostile = Enumerable.Range(0, 4)
            .Select(_ => PostAsync(hr, "/measurement/import", "Upload", "complaints.xlsx", bomb, kind: "Complaint"))
            .ToList();
        var staff = await manager.GetFromJsonAsync<List<StaffListItem>>("/api/staff");
        var refusals = await Task.WhenAll(hostile);

        Assert.NotEmpty(staff!);
        Assert.All(refusals, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

public sealed class SqliteBoundedUploadTests(SqliteBoundedUploadApp app) : BoundedUploadTests<SqliteBoundedUploadApp>(app), IClassFixture<SqliteBoundedUploadApp>;

public sealed class PostgresBoundedUploadTests(PostgresBoundedUploadApp app) : BoundedUploadTests<PostgresBoundedUploadApp>(app), IClassFixture<PostgresBoundedUploadApp>;
