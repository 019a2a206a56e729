using System.Net;
using System.Net.Http.Json;
using GovKpi.Core.KpiLibrary;
using GovKpi.Web.Features.Assistant;
using GovKpi.Web.Tests.Infrastructure;

namespace GovKpi.Web.Tests.Assistant;

/// <summary>KPI set proposals over real HTTP: from a stored position, from a typed description, explained, checked, and refused when nothing can be proposed.</summary>
public abstract class KpiProposalTests<TApp>(TApp app) where TApp : GovKpiApp
{
    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    [SkippableFact]
    public async Task The_one_stop_position_gets_a_set_summing_to_100_that_passes_SMART_with_the_words_behind_each_KPI()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");

        var response = await hr.PostAsJsonAsync("/api/assistant/kpi-proposals", new KpiProposalRequest(BuiltInKpis.DossierSpecialistPosition, null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var proposal = (await response.Content.ReadFromJsonAsync<KpiProposalResponse>(ApiJson.Options))!;
        Assert.Equal(("offline", 100m, true), (proposal.Mode, proposal.TotalWeight, proposal.SmartPassed));
        var onTime = proposal.Items.Single(i => i.KpiCode == "on_time_rate");
        Assert.Equal(["trả kết quả", "thủ tục hành chính"], onTime.Evidence);
        Assert.Equal(
            "Đề xuất vì mô tả công việc có «trả kết quả», «thủ tục hành chính». Chỉ tiêu ≥ 98 %; nguồn dữ liệu: Hồ sơ thủ tục hành chính (hệ thống một cửa điện tử); kỳ đo: tháng; trọng số 15%.",
            onTime.Explanation);
        Assert.Contains("mức «Tốt» trở lên", proposal.Items.Single(i => i.KpiCode == "initiative").Explanation);
    }

    [SkippableFact]
    public async Task A_manager_may_propose_from_a_typed_description_and_staff_may_not()
    {
        RequireDatabase();
        using var manager = await app.SignedInAsync("manager");
        using var staff = await app.SignedInAsync("staff");
        var request = new KpiProposalRequest(null, "Tham mưu công tác tổ chức bộ máy, biên chế");

        var proposal = await (await manager.PostAsJsonAsync("/api/assistant/kpi-proposals", request)).Content.ReadFromJsonAsync<KpiProposalResponse>(ApiJson.Options);
        var refused = await staff.PostAsJsonAsync("/api/assistant/kpi-proposals", request);

        Assert.All(proposal!.Items, i => Assert.Equal("Qualitative", i.Kind));
        Assert.StartsWith("Thư viện chưa có chỉ số đo từ dữ liệu phù hợp", proposal.Summary);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [SkippableFact]
    public async Task An_unknown_position_or_no_description_is_refused_with_the_field_named()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");

        var unknown = await hr.PostAsJsonAsync("/api/assistant/kpi-proposals", new KpiProposalRequest("NO-SUCH", null));
        var empty = await hr.PostAsJsonAsync("/api/assistant/kpi-proposals", new KpiProposalRequest(null, "  "));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (unknown.StatusCode, empty.StatusCode));
        Assert.Equal(["positionCode"], (await unknown.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>())!.Errors.Keys);
        Assert.Equal(["description"], (await empty.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>())!.Errors.Keys);
    }

    [SkippableFact]
    public async Task The_page_shows_the_proposal_with_its_reasons()
    {
        RequireDatabase();
        using var hr = await app.SignedInAsync("hr");

        var html = await hr.GetStringAsync("/assistant/kpi-proposal?position=" + BuiltInKpis.DossierSpecialistPosition);

        Assert.Contains("data-testid=\"smart-passed\"", html);
        Assert.Contains("«trả kết quả»", System.Net.WebUtility.HtmlDecode(html));
    }
}

public sealed class SqliteKpiProposalTests(SqliteApp app) : KpiProposalTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresKpiProposalTests(PostgresApp app) : KpiProposalTests<PostgresApp>(app), IClassFixture<PostgresApp>;
