using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using GovKpi.Core.Training;
using GovKpi.Web.Features.Collective;
using GovKpi.Web.Features.KpiValues;
using GovKpi.Web.Features.Training;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GovKpi.Web.Tests.Training;

/// <summary>
/// Digital capacity over real HTTP (issue 14, item 4): a recorded completion raises the unit's
/// share of trained staff, which is the KPI <c>trained_staff_share</c> of the KPI values, the
/// explanation and the unit's result; scope and the certificate.
/// </summary>
public abstract partial class TrainingTests<TApp>(TApp app) where TApp : GovKpiApp
{
    private const string Values = "/api/kpis/values?scope={0}&code={1}&from=2026-03-01&to=2026-03-16";

    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private static async Task<T> OkAsync<T>(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>(ApiJson.Options))!;
    }

    private static async Task<KpiValueResponse> TrainedShareAsync(HttpClient client, string scope, string code) =>
        (await OkAsync<KpiTableResponse>(await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, Values, scope, code))))
        .Values.Single(v => v.Kpi == "trained_staff_share");

    private static async Task<TrainingSession> SessionAsync(HttpClient hr, string course, string kind)
    {
        Assert.Equal(HttpStatusCode.Created, (await hr.PostAsJsonAsync("/api/training/courses", new CourseRequest(course, "Sử dụng trợ lý AI trong soạn thảo văn bản", kind, 24, null))).StatusCode);
        return await OkAsync<TrainingSession>(await hr.PostAsJsonAsync("/api/training/sessions",
            new SessionRequest(course, "2026-03-09", "2026-03-10", "Hội trường UBND xã Ninh Hòa Mới", "Trung tâm Chuyển đổi số tỉnh")));
    }

    [SkippableFact]
    public async Task A_recorded_completion_raises_the_units_share_and_its_kpi_value_against_the_target()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var manager = await app.SignedInAsync("manager");
        using var staff = await app.SignedInAsync("staff");
        var session = await SessionAsync(hr, "AI-01", "Ai");
        var before = await OkAsync<ShareResponse>(await manager.GetAsync("/api/training/share?unit=C1-TT&on=2026-03-15"));
        var valueBefore = await TrainedShareAsync(manager, "unit", "C1-TT");
        var provinceBefore = await TrainedShareAsync(hr, "all", "");

        using var form = new MultipartFormDataContent
        {
            { new StringContent(session.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), "sessionId" },
            { new StringContent("S001"), "staffCode" },
            { new StringContent("2026-03-10"), "completedOn" },
            { new StringContent("Passed"), "result" },
        };
        var pdf = new ByteArrayContent("%PDF-1.4 chứng nhận"u8.ToArray());
        pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(pdf, "certificate", "chung-nhan-S001.pdf");
        var completion = await OkAsync<CompletionResponse>(await manager.PostAsync("/api/training/completions", form));

        var after = await OkAsync<ShareResponse>(await manager.GetAsync("/api/training/share?unit=C1-TT&on=2026-03-15"));
        var dayBefore = await OkAsync<ShareResponse>(await manager.GetAsync("/api/training/share?unit=C1-TT&on=2026-03-09"));
        var unitValue = await TrainedShareAsync(manager, "unit", "C1-TT");
        var subtreeValue = await TrainedShareAsync(manager, "subtree", "C1");
        var provinceValue = await TrainedShareAsync(hr, "all", "");

        Assert.Equal((0, 2, false), (before.Trained, before.Staff, before.MeetsTarget));
        Assert.Equal((0m, 2m, (double?)0), (valueBefore.Numerator, valueBefore.Denominator, valueBefore.Value));
        Assert.Equal((1, 2, 0.5, 80m, false), (after.Trained, after.Staff, after.Share, after.Target, after.MeetsTarget));
        Assert.Equal(["S002", "S001"], after.People.Select(p => p.StaffCode));
        Assert.Equal("chưa hoàn thành khóa kỹ năng số hoặc sử dụng AI nào", after.People[0].Reason);
        Assert.Equal("đạt khóa AI-01 ngày 10/03/2026, hiệu lực đến 09/03/2028", after.People[1].Reason);
        Assert.Equal(0, dayBefore.Trained);
        Assert.Equal((1m, 2m, (double?)0.5, 80m, KpiStatus.Red), (unitValue.Numerator, unitValue.Denominator, unitValue.Value, unitValue.Target, unitValue.Status));
        // C1's subtree holds the communes merged into it: S005, still recorded in X1, counts there.
        Assert.Equal((1m, 4m), (subtreeValue.Numerator, subtreeValue.Denominator));
        Assert.Equal((provinceBefore.Numerator + 1, 6m), (provinceValue.Numerator, provinceValue.Denominator));

        using var second = new MultipartFormDataContent
        {
            { new StringContent(session.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), "sessionId" },
            { new StringContent("S002"), "staffCode" },
            { new StringContent("2026-03-10"), "completedOn" },
        };
        Assert.Equal(HttpStatusCode.Created, (await hr.PostAsync("/api/training/completions", second)).StatusCode);
        var full = await OkAsync<ShareResponse>(await hr.GetAsync("/api/training/share?unit=C1-TT&on=2026-03-15"));
        Assert.Equal((2, true), (full.Trained, full.MeetsTarget));
        Assert.Equal(KpiStatus.Green, (await TrainedShareAsync(manager, "unit", "C1-TT")).Status);

        var explanation = await OkAsync<KpiExplanationResponse>(await manager.GetAsync(
            "/api/kpis/explain?kpi=trained_staff_share&scope=unit&code=C1-TT&from=2026-03-01&to=2026-03-16"));
        Assert.Equal(["S001", "S002"], explanation.NumeratorRecords.Items.Select(r => r.Id));
        Assert.Equal(("training_completions", "staff", 2m), (explanation.NumeratorRecords.Source, explanation.DenominatorRecords.Source, explanation.Denominator));

        var certificate = await staff.GetAsync(completion.CertificateUrl);
        Assert.Equal((HttpStatusCode.OK, "application/pdf"), (certificate.StatusCode, certificate.Content.Headers.ContentType?.MediaType));
        Assert.Equal("%PDF-1.4 chứng nhận"u8.ToArray(), await certificate.Content.ReadAsByteArrayAsync());
        var own = await OkAsync<List<CompletionResponse>>(await staff.GetAsync("/api/training/completions"));
        Assert.Equal(["S001"], own.Select(c => c.StaffCode));
    }

    [SkippableFact]
    public async Task The_kpi_enters_a_units_set_and_its_result_shows_the_share()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        var set = await hr.PostAsJsonAsync("/api/unit-kpi-sets/unit/C2-TT", new
        {
            effectiveFrom = "2026-01-01", note = "Chuyển đổi số",
            items = new[] { new { kpiCode = "trained_staff_share", weightPercent = 100m, targetOverride = (decimal?)null } },
        });
        Assert.Equal(HttpStatusCode.Created, set.StatusCode);
        var session = await SessionAsync(hr, "DIG-C2", "Digital");
        Assert.Equal(HttpStatusCode.Created, (await hr.PostAsJsonAsync("/api/training/completions",
            new CompletionRequest(session.Id, "S004", "2026-03-11", "Passed"))).StatusCode);

        var result = await OkAsync<UnitResultResponse>(await hr.GetAsync("/api/units/C2-TT/result?period=2026-03"));

        var line = Assert.Single(result.Lines);
        Assert.Equal(("trained_staff_share", 100m, 80m), (line.Kpi, line.Value, line.Target));
    }

    [SkippableFact]
    public async Task Managers_record_only_for_their_units_and_staff_read_only_their_own()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var manager = await app.SignedInAsync("manager");
        using var staff = await app.SignedInAsync("staff");
        var session = await SessionAsync(hr, "DIG-SCOPE", "Digital");

        var otherUnit = await manager.PostAsJsonAsync("/api/training/completions", new CompletionRequest(session.Id, "S004", "2026-03-10", "Passed"));
        var otherShare = await manager.GetAsync("/api/training/share?unit=C2-TT");
        var staffRecords = await staff.PostAsJsonAsync("/api/training/completions", new CompletionRequest(session.Id, "S001", "2026-03-10", "Passed"));
        var staffShare = await staff.GetAsync("/api/training/share?unit=C1-TT");
        var othersCompletions = await staff.GetAsync("/api/training/completions?staff=S002");
        var course = await manager.PostAsJsonAsync("/api/training/courses", new CourseRequest("M-1", "Khóa của xã", "Digital", null, null));
        var early = await hr.PostAsJsonAsync("/api/training/completions", new CompletionRequest(session.Id, "S006", "2026-03-01", "Passed"));
        var future = await hr.PostAsJsonAsync("/api/training/completions", new CompletionRequest(session.Id, "S006", "2026-03-20", "Maybe"));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden),
            (otherUnit.StatusCode, otherShare.StatusCode, staffRecords.StatusCode, staffShare.StatusCode, othersCompletions.StatusCode, course.StatusCode));
        Assert.Equal("Ngày hoàn thành không được trước ngày khai giảng lớp.",
            Assert.Single((await early.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors["completedOn"]));
        Assert.True((await future.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.ContainsKey("result"));
        var page = WebUtility.HtmlDecode(await manager.GetStringAsync("/training?unit=C1-TT&on=2026-03-15"));
        Assert.Contains("Tỷ lệ cán bộ được đào tạo kỹ năng số / sử dụng AI", page);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, byte[] content, string url = "/api/training/completions/import",
        string? token = null)
    {
        using var form = new MultipartFormDataContent();
        if (token is not null)
        {
            form.Add(new StringContent(token), "__RequestVerificationToken");
        }

        form.Add(new ByteArrayContent(content), "file", fileName);
        return await client.PostAsync(url, form);
    }

    private static byte[] Workbook(params string[][] rows)
    {
        using var book = new XLWorkbook();
        var sheet = book.AddWorksheet("completions");
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                sheet.Cell(r + 1, c + 1).Value = rows[r][c];
            }
        }

        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [SkippableFact]
    public async Task Completions_are_imported_from_csv_or_xlsx_all_or_nothing_with_errors_keyed_by_row_and_column()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");
        using var manager = await app.SignedInAsync("manager");
        // A course of kind Other, and people the other tests of the class do not list: their counts stay untouched.
        var session = await SessionAsync(hr, "OTHER-FILE", "Other");
        var id = session.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        async Task<int> StoredAsync() => (await OkAsync<List<CompletionResponse>>(await hr.GetAsync("/api/training/completions"))).Count(c => c.SessionId == session.Id);

        var refused = await UploadAsync(hr, "completions.csv", Encoding.UTF8.GetBytes(
            $"staff_code,session_id,completed_on,result\nS001,{id},2026-03-10,Passed\nNOBODY,{id},2026-03-10,\nS002,{id},10/03/2026,Passed\nS001,{id},2026-03-11,\n"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        Assert.Equal(["rows[1].staff_code", "rows[2].completed_on", "rows[3].staff_code"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Không có cán bộ mã NOBODY.", Assert.Single(errors["rows[1].staff_code"]));
        Assert.Equal("Ngày phải có dạng yyyy-MM-dd.", Assert.Single(errors["rows[2].completed_on"]));
        Assert.Equal("Cán bộ này đã được ghi nhận đạt lớp học này.", Assert.Single(errors["rows[3].staff_code"]));
        Assert.Equal(0, await StoredAsync());

        var outside = await UploadAsync(manager, "completions.csv", Encoding.UTF8.GetBytes($"staff_code,session_id,completed_on,result\nS004,{id},2026-03-10,Passed\n"));
        Assert.Equal("Cán bộ S004 không thuộc đơn vị bạn phụ trách.",
            Assert.Single((await outside.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors["rows[0].staff_code"]));

        var imported = await UploadAsync(hr, "completions.xlsx", Workbook(
            ["staff_code", "session_id", "completed_on", "result"], ["S004", id, "2026-03-10", "Passed"], ["S005", id, "2026-03-10", "Failed"]));
        Assert.Equal(2, await OkAsync<int>(imported));
        Assert.Equal(2, await StoredAsync());
        var results = (await OkAsync<List<CompletionResponse>>(await hr.GetAsync("/api/training/completions"))).Where(c => c.SessionId == session.Id)
            .OrderBy(c => c.StaffCode, StringComparer.Ordinal).Select(c => (c.StaffCode, c.Result, c.CompletedOn));
        Assert.Equal([("S004", "Passed", new DateOnly(2026, 3, 10)), ("S005", "Failed", new DateOnly(2026, 3, 10))], results);

        var token = AntiforgeryToken().Match(await manager.GetStringAsync("/training")).Groups[1].Value;
        var page = await UploadAsync(manager, "completions.csv", Encoding.UTF8.GetBytes($"staff_code,session_id,completed_on,result\nS001,{id},2026-03-40,\n"),
            "/training?handler=Import", token);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.StatusCode);
        Assert.Contains("<li data-field=\"rows[0].completed_on\">rows[0].completed_on: Ngày phải có dạng yyyy-MM-dd.</li>", await page.Content.ReadAsStringAsync());
    }
}

public sealed class SqliteTrainingTests(SqliteApp app) : TrainingTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresTrainingTests(PostgresApp app) : TrainingTests<PostgresApp>(app), IClassFixture<PostgresApp>;
