using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using GovKpi.Core.Measurement;
using GovKpi.Data;
using GovKpi.Data.Files;
using GovKpi.Data.Measurement;
using GovKpi.Web.Features.Measurement;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Measurement;

public abstract partial class MeasurementApiTests<TApp>(TApp app) where TApp : GovKpiApp
{
    private readonly string _prefix = "H" + Guid.NewGuid().ToString("N")[..6] + "-";

    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private object Dossier(string id, string receivedAt = "2025-07-03T08:15:00+07:00", string? status = "processing") => new Dictionary<string, object?>
    {
        ["dossier_id"] = _prefix + id, ["procedure_code"] = "1.001193", ["unit_code"] = "C1-TT", ["handler_code"] = "S001",
        ["channel"] = "online", ["received_at"] = receivedAt, ["due_at"] = "2025-07-10T17:00:00+07:00", ["status"] = status,
        ["supplement_count"] = 0, ["staff_error_return"] = false, ["updated_at"] = "2025-07-03T09:00:00+07:00",
    };

    private async Task<T> WithDatabase<T>(Func<GovKpiDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<GovKpiDbContext>());
    }

    [SkippableFact]
    public async Task A_valid_batch_of_dossiers_lands_and_pushing_it_again_changes_nothing()
    {
        RequireDatabase();
        using var client = await app.SignedInAsync("hr");
        object[] batch = [Dossier("1"), Dossier("2", "2025-07-03T01:15:00Z"), Dossier("3", "2025-07-03T08:15:00")];

        var first = await (await client.PostAsJsonAsync("/api/measurement/dossiers", batch)).Content.ReadFromJsonAsync<PushResponse>(ApiJson.Options);
        var second = await client.PostAsJsonAsync("/api/measurement/dossiers", batch);

        Assert.Equal((3L, 3L, 0L), (first!.Read, first.Inserted, first.Invalid));
        Assert.Empty(first.Errors);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(3, (await second.Content.ReadFromJsonAsync<PushResponse>(ApiJson.Options))!.Unchanged);
        var stored = await WithDatabase(db => db.Dossiers.AsNoTracking().Where(d => d.DossierId.StartsWith(_prefix)).ToListAsync());
        Assert.Equal(3, stored.Count);
        Assert.All(stored, d => Assert.Equal(new DateTimeOffset(2025, 7, 3, 8, 15, 0, TimeSpan.FromHours(7)), d.ReceivedAt));
    }

    [SkippableFact]
    public async Task A_push_whose_rows_conflict_with_each_other_sent_twice_keeps_the_first_runs_records_and_reports_the_conflicts_each_time()
    {
        RequireDatabase();
        using var client = await app.SignedInAsync("hr");
        var day = new DateOnly(2030, 1, 1).AddDays(Convert.ToInt32(_prefix[1..7], 16) % 3000).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        object Survey(int score) => new Dictionary<string, object?>
        {
            ["response_id"] = _prefix + "S1", ["dossier_id"] = _prefix + "D", ["submitted_at"] = "2025-07-04T08:00:00+07:00", ["score"] = score,
        };
        object[] surveys = [Survey(5), Survey(1)];
        object[] calendar = [new Dictionary<string, object?> { ["date"] = day, ["kind"] = "holiday" }, new Dictionary<string, object?> { ["date"] = day, ["kind"] = "workday" }];
        async Task<(PushResponse Surveys, PushResponse Calendar, int Score, CalendarDayKind Kind)> PushAsync()
        {
            var s = await (await client.PostAsJsonAsync("/api/measurement/surveys", surveys)).Content.ReadFromJsonAsync<PushResponse>(ApiJson.Options);
            var c = await (await client.PostAsJsonAsync("/api/measurement/calendar", calendar)).Content.ReadFromJsonAsync<PushResponse>(ApiJson.Options);
            var score = await WithDatabase(db => db.Surveys.AsNoTracking().Where(r => r.ResponseId == _prefix + "S1").Select(r => r.Score).SingleAsync());
            var date = DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var kind = await WithDatabase(db => db.CalendarExceptions.AsNoTracking().Where(r => r.Date == date).Select(r => r.Kind).SingleAsync());
            return (s!, c!, score, kind);
        }

        var first = await PushAsync();
        var second = await PushAsync();

        Assert.Equal((5, CalendarDayKind.Holiday), (first.Score, first.Kind));
        Assert.Equal((5, CalendarDayKind.Holiday), (second.Score, second.Kind));
        Assert.Equal((1L, 1L, 0L), (second.Surveys.Unchanged, second.Surveys.Conflicts, second.Surveys.Replaced));
        Assert.Equal((1L, 1L, 0L), (second.Calendar.Unchanged, second.Calendar.Conflicts, second.Calendar.Replaced));
        const string Conflict = "xung đột: một dòng trước đó của lô này có cùng khóa nhưng nội dung khác (dòng 0)";
        foreach (var response in new[] { first.Surveys, first.Calendar, second.Surveys, second.Calendar })
        {
            Assert.Equal(Conflict, Assert.Single(Assert.Single(response.Errors, e => e.Key == "[1]").Value));
        }
    }

    [SkippableFact]
    public async Task Invalid_rows_are_located_by_index_and_field_and_quarantined_while_valid_rows_land()
    {
        RequireDatabase();
        using var client = await app.SignedInAsync("hr");
        object[] batch = [Dossier("V"), Dossier("T", receivedAt: "03/07/2025 08:15"), Dossier("S", status: null), "not an object"];

        var response = await client.PostAsJsonAsync("/api/measurement/dossiers", batch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<PushResponse>(ApiJson.Options);
        Assert.Equal((4L, 1L, 3L), (result!.Read, result.Inserted, result.Invalid));
        Assert.Contains("03/07/2025 08:15", Assert.Single(result.Errors["[1].received_at"]));
        Assert.Single(result.Errors["[2].status"]);
        Assert.Single(result.Errors["[3]"]);
        var quarantined = await WithDatabase(db => db.Quarantine.AsNoTracking().Where(q => q.BatchId == result.BatchId).OrderBy(q => q.Line).ToListAsync());
        Assert.Equal([1L, 2L, 3L], quarantined.Select(q => q.Line));
        Assert.Equal(["received_at", "status"], quarantined.Take(2).Select(q => q.Column));
        Assert.All(quarantined, q => Assert.Equal("api", q.File));
    }

    /// <summary>What the CSV reader says of a dossier row, in the culture the web app speaks by default (Vietnamese).</summary>
    private static string CsvReason(IReadOnlyDictionary<string, object?> row, string column)
    {
        var header = DossierCsvWriter.Columns;
        static string Text(object? value) => value switch
        {
            null => "",
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => "\"" + value.ToString()!.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        };
        var csv = string.Join(',', header) + "\n" + string.Join(',', header.Select(c => Text(row.GetValueOrDefault(c)))) + "\n";
        var errors = new List<RowError>();
        var ui = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");
        try
        {
            _ = DossierCsvReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "dossiers.csv", new CsvDiagnostics(false, errors.Add)).ToList();
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }

        return Assert.Single(Assert.Single(errors).Problems, p => p.Column == column).Reason;
    }

    [SkippableTheory]
    [InlineData("finished_at", null)]
    [InlineData("due_at", "2025-07-02T17:00:00+07:00")]
    [InlineData("unit_code", "U2345678901234567890123456789012345678901")]
    [InlineData("procedure_code", "1.00\u200B1193")]
    [InlineData("received_at", "0001-07-03T08:15:00+07:00")]
    [InlineData("received_at", "9999-07-03T08:15:00+07:00")]
    public async Task An_invalid_row_pushed_as_json_is_refused_in_the_words_of_the_csv_reader_and_the_rest_of_the_batch_lands(string column, string? value)
    {
        RequireDatabase();
        using var client = await app.SignedInAsync("hr");
        var invalid = (Dictionary<string, object?>)Dossier("W", status: "processed");
        invalid["finished_at"] = "2025-07-05T10:00:00+07:00";
        invalid[column] = value;

        var response = await client.PostAsJsonAsync("/api/measurement/dossiers", new[] { Dossier("V"), invalid });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<PushResponse>(ApiJson.Options);
        Assert.Equal((2L, 1L, 1L), (result!.Read, result.Inserted, result.Invalid));
        Assert.Equal([CsvReason(invalid, column)], result.Errors[$"[1].{column}"]);
        Assert.Equal([_prefix + "V"], await WithDatabase(db => db.DossierVersions.AsNoTracking()
            .Where(d => d.DossierId.StartsWith(_prefix)).Select(d => d.DossierId).ToListAsync()));
    }

    [SkippableFact]
    public async Task A_dossier_id_pushed_with_spaces_around_it_is_the_dossier_without_them()
    {
        RequireDatabase();
        using var client = await app.SignedInAsync("hr");
        var padded = (Dictionary<string, object?>)Dossier("P");
        padded["dossier_id"] = " " + padded["dossier_id"] + " ";

        var first = await client.PostAsJsonAsync("/api/measurement/dossiers", new[] { padded });
        var second = await (await client.PostAsJsonAsync("/api/measurement/dossiers", new[] { Dossier("P") })).Content.ReadFromJsonAsync<PushResponse>(ApiJson.Options);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, second!.Unchanged);
        Assert.Equal([_prefix + "P"], await WithDatabase(db => db.DossierVersions.AsNoTracking()
            .Where(d => d.DossierId.Contains(_prefix)).Select(d => d.DossierId).ToListAsync()));
    }

    [SkippableFact]
    public async Task A_body_that_is_not_an_array_is_refused_with_400()
    {
        RequireDatabase();
        using var client = await app.SignedInAsync("hr");

        var response = await client.PostAsJsonAsync("/api/measurement/surveys", new { response_id = "KS1" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors[""]);
    }

    [SkippableTheory]
    [InlineData("staff")]
    [InlineData("manager")]
    [InlineData("auditor")]
    public async Task Only_HR_and_integration_accounts_may_push_records(string userName)
    {
        RequireDatabase();
        using var client = await app.SignedInAsync(userName);

        var response = await client.PostAsJsonAsync("/api/measurement/dossiers", new[] { Dossier("F") });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await WithDatabase(db => db.Dossiers.CountAsync(d => d.DossierId == _prefix + "F")));
    }

    [SkippableFact]
    public async Task A_quarantined_row_corrected_and_resubmitted_lands_and_records_who_did_it()
    {
        RequireDatabase();
        using var client = await app.SignedInAsync("hr");
        var pushed = await (await client.PostAsJsonAsync("/api/measurement/complaints", new[]
        {
            new { complaint_id = _prefix + "P1", unit_code = "C1-TT", received_at = "2025-08-01T10:00:00+07:00", category = "rudeness", upheld = "true" },
            new { complaint_id = _prefix + "P2", unit_code = "C1-TT", received_at = "2025-08-01T10:00:00+07:00", category = "other", upheld = "maybe" },
        })).Content.ReadFromJsonAsync<PushResponse>(ApiJson.Options);
        var open = await client.GetFromJsonAsync<List<QuarantinedRowResponse>>("/api/measurement/quarantine?take=500", ApiJson.Options);
        var wrongCategory = open!.Single(q => q.BatchId == pushed!.BatchId && q.Line == 0);
        var wrongUpheld = open!.Single(q => q.BatchId == pushed!.BatchId && q.Line == 1);
        Assert.Equal("rudeness", wrongCategory.Raw["category"]);

        var stillWrong = await client.PostAsJsonAsync($"/api/measurement/quarantine/{wrongCategory.Id}/resubmit",
            new ResubmitRequest(new(wrongCategory.Raw) { ["category"] = "rude" }));
        var corrected = await client.PostAsJsonAsync($"/api/measurement/quarantine/{wrongCategory.Id}/resubmit",
            new ResubmitRequest(new(wrongCategory.Raw) { ["category"] = "attitude" }));
        var discarded = await client.PostAsJsonAsync($"/api/measurement/quarantine/{wrongUpheld.Id}/discard", new { });

        Assert.Equal(HttpStatusCode.BadRequest, stillWrong.StatusCode);
        Assert.Contains("category", (await stillWrong.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var resolved = await corrected.Content.ReadFromJsonAsync<QuarantinedRowResponse>(ApiJson.Options);
        Assert.Equal((QuarantineStatus.Resubmitted, "hr"), (resolved!.Status, resolved.ResolvedBy));
        Assert.Equal(GovKpiApp.Now, resolved.ResolvedAt);
        Assert.Equal(QuarantineStatus.Discarded, (await discarded.Content.ReadFromJsonAsync<QuarantinedRowResponse>(ApiJson.Options))!.Status);
        var complaint = await WithDatabase(db => db.Complaints.AsNoTracking().SingleAsync(c => c.ComplaintId == _prefix + "P1"));
        Assert.True(complaint.Upheld);
        Assert.Equal(QuarantineStatus.Resubmitted, await WithDatabase(db => db.Quarantine.Where(q => q.Id == wrongCategory.Id).Select(q => q.Status).SingleAsync()));
    }

    [SkippableFact]
    public async Task A_CSV_uploaded_on_the_import_page_is_imported_in_the_background_with_its_invalid_rows_quarantined()
    {
        RequireDatabase();
        var csv = $"dossier_id,submitted_at,score,response_id,note\n{_prefix}D1,2025-08-01T10:00:00+07:00,5,{_prefix}KS1,\"a, b\"\n{_prefix}D2,2025-08-01T10:00:00+07:00,9,{_prefix}KS2,\n";

        var status = await UploadAsync("surveys.csv", "Survey", Encoding.UTF8.GetBytes(csv));

        Assert.Equal("completed", status.State);
        Assert.Equal((2L, 1L, 1L), (status.Batch!.Read, status.Batch.Inserted, status.Batch.Invalid));
        Assert.StartsWith("surveys.csv:3:score:", Assert.Single(status.Problems));
        Assert.Equal(5, (await WithDatabase(db => db.Surveys.AsNoTracking().SingleAsync(s => s.ResponseId == _prefix + "KS1"))).Score);
    }

    [SkippableFact]
    public async Task An_xlsx_workbook_uploaded_on_the_import_page_is_imported()
    {
        RequireDatabase();
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("complaints");
        string[] header = ["complaint_id", "unit_code", "staff_code", "dossier_id", "received_at", "category", "upheld"];
        for (var c = 0; c < header.Length; c++)
        {
            sheet.Cell(1, c + 1).Value = header[c];
        }

        sheet.Cell(2, 1).Value = _prefix + "X1";
        sheet.Cell(2, 2).Value = "C1-TT";
        sheet.Cell(2, 5).Value = new DateTime(2025, 9, 2, 14, 30, 0);
        sheet.Cell(2, 6).Value = "guidance";
        sheet.Cell(2, 7).Value = true;
        using var bytes = new MemoryStream();
        workbook.SaveAs(bytes);

        var status = await UploadAsync("complaints.xlsx", "Complaint", bytes.ToArray());

        Assert.Equal("completed", status.State);
        Assert.Equal(1, status.Batch!.Inserted);
        var complaint = await WithDatabase(db => db.Complaints.AsNoTracking().SingleAsync(c => c.ComplaintId == _prefix + "X1"));
        Assert.Equal(new DateTimeOffset(2025, 9, 2, 14, 30, 0, TimeSpan.FromHours(7)), complaint.ReceivedAt);
        Assert.True(complaint.Upheld);
    }

    private async Task<ImportStatusResponse> UploadAsync(string fileName, string kind, byte[] content)
    {
        using var client = await app.SignedInAsync("hr");
        var page = await client.GetStringAsync("/measurement/import");
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(kind), "Kind" },
            { new ByteArrayContent(content), "Upload", fileName },
        };

        var response = await client.PostAsync("/measurement/import", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var batchId = Guid.Parse(BatchQuery().Match(response.RequestMessage!.RequestUri!.Query).Groups[1].Value);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var status = await client.GetFromJsonAsync<ImportStatusResponse>($"/api/measurement/imports/{batchId}", ApiJson.Options);
            if (status!.State is "completed" or "failed")
            {
                return status;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The upload {batchId} did not finish.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("batch=([0-9a-f-]+)")]
    private static partial Regex BatchQuery();
}

public sealed class SqliteMeasurementApiTests(SqliteApp app) : MeasurementApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresMeasurementApiTests(PostgresApp app) : MeasurementApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
