using System.Net;
using System.Net.Http.Json;
using GovKpi.Web.Features.Assistant;
using GovKpi.Web.Tests.Infrastructure;
using GovKpi.Web.Tests.KpiValues;

namespace GovKpi.Web.Tests.Assistant;

/// <summary>Questions on the data over real HTTP: the answer's numbers, its ranking, and the asking user's scope.</summary>
public abstract class DataQuestionTests<TApp>(TApp app) : KpiTestRecords<TApp>(app) where TApp : GovKpiApp
{
    /// <summary>
    /// Q3 of <paramref name="year"/> (a year of each test's own: the class shares one database): C1-TT finishes 4 dossiers, 1 late; X1 (merged into C1, so in C1's subtree) 1, late;
    /// C2-TT 2, 1 late. Late rate per commune: C2 1/2 = 50 %, C1 2/5 = 40 %.
    /// </summary>
    private async Task PushQuarterAsync(HttpClient hr, int year) => await PushAsync(hr, "dossiers",
    [
        Dossier("A1", "C1-TT", "S001", $"{year}-07-02T08:00:00+07:00", $"{year}-07-10T17:00:00+07:00", $"{year}-07-09T10:00:00+07:00", "processed"),
        Dossier("A2", "C1-TT", "S001", $"{year}-07-03T08:00:00+07:00", $"{year}-07-10T17:00:00+07:00", $"{year}-07-09T10:00:00+07:00", "processed"),
        Dossier("A3", "C1-TT", "S002", $"{year}-08-01T08:00:00+07:00", $"{year}-08-10T17:00:00+07:00", $"{year}-08-08T10:00:00+07:00", "result_returned"),
        Dossier("A4", "C1-TT", "S002", $"{year}-08-02T08:00:00+07:00", $"{year}-08-10T17:00:00+07:00", $"{year}-08-20T10:00:00+07:00", "processed"),
        Dossier("A5", "X1", "S005", $"{year}-07-02T08:00:00+07:00", $"{year}-07-10T17:00:00+07:00", $"{year}-07-20T10:00:00+07:00", "processed"),
        Dossier("A6", "C2-TT", "S004", $"{year}-09-02T08:00:00+07:00", $"{year}-09-10T17:00:00+07:00", $"{year}-09-09T10:00:00+07:00", "processed"),
        Dossier("A7", "C2-TT", "S004", $"{year}-09-03T08:00:00+07:00", $"{year}-09-10T17:00:00+07:00", $"{year}-09-25T10:00:00+07:00", "processed"),
    ]);

    private static async Task<DataAnswer> AskAsync(HttpClient client, string question)
    {
        var response = await client.PostAsJsonAsync("/api/assistant/data-questions", new DataQuestionRequest(question));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<DataAnswer>(ApiJson.Options))!;
    }

    [SkippableFact]
    public async Task Which_commune_was_latest_in_Q3_is_answered_with_a_ranked_table_a_sentence_and_a_chart()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        await PushQuarterAsync(hr, 2040);

        foreach (var question in new[] { "xã nào có tỷ lệ trễ hạn cao nhất quý 3 năm 2040?", "xa nao co ty le tre han cao nhat quy 3 nam 2040" })
        {
            var answer = await AskAsync(hr, question);

            Assert.Equal(("offline", "late_rate", "commune"), (answer.Mode, answer.Measure, answer.Level));
            Assert.Equal((new DateOnly(2040, 7, 1), new DateOnly(2040, 10, 1)), (answer.From, answer.To));
            Assert.Equal(
                [(1, "C2", 0.5, 1m, 2m), (2, "C1", 0.4, 2m, 5m)],
                answer.Rows.Select(r => (r.Rank, r.Code, Math.Round(r.Value!.Value, 6), r.Numerator, r.Denominator)));
            Assert.Equal("Phường Bắc Nha Trang có tỷ lệ trễ hạn cao nhất quý 3/2040: 50,0 % (1/2).", answer.Answer);
            Assert.Equal("tỷ lệ trễ hạn theo xã, phường, quý 3/2040, cao nhất trước", answer.Interpretation);
            Assert.Equal(("quý 3/2040", true), (answer.PeriodName, answer.Percent));
            Assert.Contains("/kpis/explain?kpi=on_time_rate&scope=subtree&code=C2&from=2040-07-01&to=2040-10-01", answer.Rows[0].ExplainUrl);
        }

        var lowest = await AskAsync(hr, "xã nào có tỷ lệ đúng hạn thấp nhất quý 3 năm 2040");
        Assert.Equal([("C2", 1m), ("C1", 3m)], lowest.Rows.Select(r => (r.Code, r.Numerator)));
    }

    [SkippableFact]
    public async Task Answers_hold_only_what_the_asking_user_may_see()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        await PushQuarterAsync(hr, 2042);
        using var manager = await App.SignedInAsync("manager");
        using var staff = await App.SignedInAsync("staff");
        const string PerCommune = "xã nào có tỷ lệ trễ hạn cao nhất quý 3 năm 2042?";
        const string PerPerson = "cán bộ nào có tỷ lệ đúng hạn cao nhất quý 3 năm 2042?";

        Assert.Equal(["C1"], (await AskAsync(manager, PerCommune)).Rows.Select(r => r.Code));
        Assert.Equal(["S001", "S002", "S005"], (await AskAsync(manager, PerPerson)).Rows.Select(r => r.Code).Order());
        Assert.Equal(["S001"], (await AskAsync(staff, PerPerson)).Rows.Select(r => r.Code));
        Assert.Equal(["S001", "S002", "S004", "S005"], (await AskAsync(hr, PerPerson)).Rows.Select(r => r.Code).Order());
    }

    [SkippableFact]
    public async Task A_question_without_a_kpi_is_refused_with_a_message_on_the_question()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");

        var response = await hr.PostAsJsonAsync("/api/assistant/data-questions", new DataQuestionRequest("thời tiết hôm nay thế nào?"));
        var empty = await hr.PostAsJsonAsync("/api/assistant/data-questions", new DataQuestionRequest(" "));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (response.StatusCode, empty.StatusCode));
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>();
        Assert.StartsWith("Câu hỏi chưa nêu chỉ số nào", Assert.Single(problem!.Errors["question"]));
    }

    [SkippableFact]
    public async Task The_page_shows_the_answer_table_and_chart_and_a_period_of_no_records_says_so()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        await PushQuarterAsync(hr, 2046);

        var html = await hr.GetStringAsync("/assistant/data?q=" + Uri.EscapeDataString("5 xã có tỷ lệ trễ hạn cao nhất quý 3 năm 2046"));
        var none = await AskAsync(hr, "xã nào có tỷ lệ trễ hạn cao nhất quý 3 năm 2041");

        Assert.Contains("data-testid=\"answer-table\"", html);
        // The chart is drawn in the browser from this JSON block; the C2 row holds 50 % (1/2).
        Assert.Contains("<script type=\"application/json\" id=\"answer-chart-data\">", html);
        Assert.Contains("\"values\":[50", html);
        Assert.Contains("data-chart=\"answer-chart-data\"", html);
        Assert.Contains("Phường Bắc Nha Trang", html);
        Assert.Contains("ngoại tuyến", html);
        Assert.Empty(none.Rows);
        Assert.Equal("Không có số liệu tỷ lệ trễ hạn cho quý 3/2041 trong phạm vi bạn được xem.", none.Answer);
    }
}

public sealed class SqliteDataQuestionTests(SqliteApp app) : DataQuestionTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresDataQuestionTests(PostgresApp app) : DataQuestionTests<PostgresApp>(app), IClassFixture<PostgresApp>;
