using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using GovKpi.Data;
using GovKpi.Data.Measurement;
using GovKpi.Web.Features.KpiValues;
using GovKpi.Web.Features.Surveys;
using GovKpi.Web.Tests.Infrastructure;
using GovKpi.Web.Tests.KpiValues;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Surveys;

/// <summary>
/// The public citizen survey page over real HTTP, anonymous, as a browser without JavaScript
/// posts it: one response per finished dossier, counted in the unit's satisfaction KPI.
/// </summary>
public abstract partial class CitizenSurveyPageTests<TApp>(TApp app) : KpiTestRecords<TApp>(app) where TApp : GovKpiApp
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>March 2026 at C2-TT (the test clock is 15 March): one dossier returned, one still being processed.</summary>
    private async Task PushDossiersAsync()
    {
        using var hr = await App.SignedInAsync("hr");
        await PushAsync(hr, "dossiers",
        [
            Dossier("D1", "C2-TT", "S004", "2026-03-02T08:00:00+07:00", "2026-03-09T17:00:00+07:00", "2026-03-06T10:00:00+07:00", "result_returned", updated: "2026-03-06T10:00:00+07:00"),
            Dossier("D2", "C2-TT", "S004", "2026-03-10T08:00:00+07:00", "2026-03-20T17:00:00+07:00", updated: "2026-03-10T08:00:00+07:00"),
        ]);
    }

    /// <summary>Sends the form as a browser does: the page first (its antiforgery cookie and token), then the post.</summary>
    private static async Task<(HttpStatusCode Status, string Html)> SubmitAsync(HttpClient citizen, string code, string? score, string? comment = null)
    {
        var page = await citizen.GetStringAsync("/survey?code=" + Uri.EscapeDataString(code));
        Dictionary<string, string> fields = new()
        {
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(page).Groups[1].Value,
            ["Code"] = code,
        };
        if (score is not null)
        {
            fields["Score"] = score;
        }

        if (comment is not null)
        {
            fields["Comment"] = comment;
        }

        var response = await citizen.PostAsync("/survey", new FormUrlEncodedContent(fields));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<(decimal Sum, decimal Count)> SatisfactionAsync()
    {
        using var hr = await App.SignedInAsync("hr");
        var table = await hr.GetFromJsonAsync<KpiTableResponse>("/api/kpis/values?scope=unit&code=C2-TT&from=2026-03-01&to=2026-04-01", ApiJson.Options);
        var value = table!.Values.Single(v => v.Kpi == "satisfaction_avg");
        return (value.Numerator, value.Denominator);
    }

    [SkippableFact]
    public async Task A_response_for_a_finished_dossier_is_stored_as_a_survey_record_and_counts_in_the_units_satisfaction()
    {
        RequireDatabase();
        await PushDossiersAsync();
        var before = await SatisfactionAsync();
        using var citizen = App.CreateClient();

        var form = await citizen.GetStringAsync("/survey?code=" + Prefix + "D1");
        var (status, html) = await SubmitAsync(citizen, "  " + Prefix + "D1 ", "4", "Cán bộ hướng dẫn tận tình");

        Assert.Contains("<meta name=\"robots\" content=\"noindex\" />", form);
        Assert.Contains($"value=\"{Prefix}D1\"", form);
        Assert.Contains("Rất không hài lòng", form);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Cảm ơn bạn đã đánh giá", html);
        Assert.Equal((before.Sum + 4, before.Count + 1), await SatisfactionAsync());

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var survey = await db.Surveys.AsNoTracking().SingleAsync(s => s.DossierId == Prefix + "D1");
        var page = await db.SurveyPageResponses.AsNoTracking().SingleAsync(r => r.DossierId == Prefix + "D1");
        var batchId = await db.Surveys.Where(s => s.DossierId == Prefix + "D1").Select(s => EF.Property<Guid>(s, MeasurementModel.BatchColumn)).SingleAsync();
        var batch = await db.ImportBatches.AsNoTracking().SingleAsync(b => b.Id == batchId);
        Assert.Equal((4, App.Clock.GetUtcNow()), (survey.Score, survey.SubmittedAt));
        Assert.StartsWith("KSW-", survey.ResponseId);
        Assert.Equal((survey.ResponseId, "Cán bộ hướng dẫn tận tình"), (page.ResponseId, page.Comment));
        Assert.Equal((ImportSource.SurveyPage, SurveyDesk.Importer, 1L), (batch.Source, batch.ImportedBy, batch.Inserted));
        await AssertAggregatesEqualFullRecomputeAsync();
    }

    [SkippableFact]
    public async Task Staff_reach_the_survey_slip_of_a_finished_dossier_from_the_dossiers_a_kpi_counts_and_none_for_an_open_one()
    {
        RequireDatabase();
        await PushDossiersAsync();
        using var hr = await App.SignedInAsync("hr");

        var explain = await hr.GetStringAsync("/kpis/explain?kpi=on_time_rate&scope=unit&code=C2-TT&from=2026-03-01&to=2026-04-01");

        Assert.Contains($"<a href=\"/survey/slip?code={Prefix}D1\" class=\"small\" data-testid=\"survey-slip\">In phiếu mời đánh giá</a>", explain);
        Assert.DoesNotContain($"/survey/slip?code={Prefix}D2", explain);
        Assert.Contains(Prefix + "D1", await hr.GetStringAsync($"/survey/slip?code={Prefix}D1"));
    }

    [SkippableFact]
    public async Task A_second_response_an_unknown_code_and_an_open_dossier_are_refused_in_words_that_say_why()
    {
        RequireDatabase();
        await PushDossiersAsync();
        using var citizen = App.CreateClient();
        Assert.Contains("Cảm ơn bạn đã đánh giá", (await SubmitAsync(citizen, Prefix + "D1", "5")).Html);
        var after = await SatisfactionAsync();

        var second = await SubmitAsync(citizen, Prefix + "D1", "1");
        var unknown = await SubmitAsync(citizen, Prefix + "NONE", "3");
        var open = await SubmitAsync(citizen, Prefix + "D2", "3");
        var noScore = await SubmitAsync(citizen, Prefix + "D1", null);

        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Contains("Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá một lần.", second.Html);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("Không tìm thấy hồ sơ có mã này.", unknown.Html);
        Assert.Equal(HttpStatusCode.Conflict, open.Status);
        Assert.Contains("Hồ sơ này chưa giải quyết xong nên chưa thể đánh giá.", open.Html);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noScore.Status);
        Assert.Contains("Vui lòng chọn một mức đánh giá từ 1 đến 5.", noScore.Html);
        Assert.All([second, unknown, open], r => Assert.DoesNotContain("Cảm ơn", r.Html));
        // Nothing of the dossier is told: not its unit, handler or status.
        Assert.All([second, unknown, open], r => Assert.DoesNotContain("C2-TT", r.Html));
        Assert.Equal(after, await SatisfactionAsync());
    }

    [SkippableFact]
    public async Task Two_responses_for_one_dossier_sent_at_once_store_one()
    {
        RequireDatabase();
        await PushDossiersAsync();
        using var first = App.CreateClient();
        using var second = App.CreateClient();

        var answers = await Task.WhenAll(SubmitAsync(first, Prefix + "D1", "5"), SubmitAsync(second, Prefix + "D1", "2"));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK && a.Html.Contains("Cảm ơn bạn đã đánh giá", StringComparison.Ordinal));
        Assert.Single(answers, a => a.Status == HttpStatusCode.Conflict && a.Html.Contains("Hồ sơ này đã được đánh giá.", StringComparison.Ordinal));
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        Assert.Equal(1, await db.Surveys.CountAsync(s => s.DossierId == Prefix + "D1"));
        await AssertAggregatesEqualFullRecomputeAsync();
    }

    [SkippableFact]
    public async Task The_page_switches_to_English_and_the_Vietnamese_address_leads_to_it()
    {
        RequireDatabase();
        using var citizen = App.CreateClientWithoutRedirects();

        var alias = await citizen.GetAsync("/danh-gia?code=HS-1");
        var english = await citizen.GetStringAsync("/survey?culture=en-US&ui-culture=en-US");

        Assert.Equal(HttpStatusCode.Redirect, alias.StatusCode);
        Assert.Equal("/survey?code=HS-1", alias.Headers.Location!.OriginalString);
        Assert.Contains("Citizen satisfaction survey", english);
        Assert.Contains("Very dissatisfied", english);
    }

    [SkippableFact]
    public async Task Responses_beyond_the_limit_from_one_address_get_a_Vietnamese_page_with_429()
    {
        RequireDatabase();
        using var node = App.StartSecondNode(new Dictionary<string, string?> { ["Surveys:RateLimit:PermitLimit"] = "2", ["Surveys:RateLimit:WindowSeconds"] = "3600" });
        using var citizen = node.CreateClient();

        var answers = new List<(HttpStatusCode Status, string Html)>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await SubmitAsync(citizen, Prefix + "NONE", "3"));
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], answers.Select(a => a.Status));
        Assert.Contains("Có quá nhiều đánh giá được gửi từ thiết bị hoặc mạng của bạn.", answers[2].Html);
        // Opening the form is not limited.
        Assert.Equal(HttpStatusCode.OK, (await citizen.GetAsync("/survey")).StatusCode);
    }

    [SkippableFact]
    public async Task The_qr_code_is_a_png_of_the_public_link_and_the_slip_is_for_signed_in_staff()
    {
        RequireDatabase();
        using var anonymous = App.CreateClientWithoutRedirects();
        using var staff = await App.SignedInAsync("hr");

        var qr = await anonymous.GetAsync("/survey/qr?code=HS-1");
        var noCode = await anonymous.GetAsync("/survey/qr?code=%20");
        var slipAnonymous = await anonymous.GetAsync("/survey/slip?code=HS-1");
        var slip = await staff.GetStringAsync("/survey/slip?code=HS-1");

        Assert.Equal(HttpStatusCode.OK, qr.StatusCode);
        Assert.Equal("image/png", qr.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await qr.Content.ReadAsByteArrayAsync())[..4]);
        Assert.Equal(HttpStatusCode.BadRequest, noCode.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, slipAnonymous.StatusCode);
        Assert.Contains("/survey/qr?code=HS-1", slip);
        Assert.Contains(staff.BaseAddress!.GetLeftPart(UriPartial.Authority) + "/survey?code=HS-1", slip);
    }
}

/// <summary>A fixture whose limit the tests of one class never reach; the limit itself is tested on a second node.</summary>
public sealed class SurveySqliteApp() : SurveyApp(DatabaseProvider.Sqlite);

public sealed class SurveyPostgresApp() : SurveyApp(DatabaseProvider.Postgres);

public abstract class SurveyApp(DatabaseProvider provider) : GovKpiApp(provider)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Surveys:RateLimit:PermitLimit"] = "1000" };
}

public sealed class SqliteCitizenSurveyPageTests(SurveySqliteApp app) : CitizenSurveyPageTests<SurveySqliteApp>(app), IClassFixture<SurveySqliteApp>;

public sealed class PostgresCitizenSurveyPageTests(SurveyPostgresApp app) : CitizenSurveyPageTests<SurveyPostgresApp>(app), IClassFixture<SurveyPostgresApp>;
