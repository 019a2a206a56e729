using System.Net;
using System.Net.Http.Json;
using GovKpi.Data;
using GovKpi.Web.Features.Assistant;
using GovKpi.Web.Tests.Infrastructure;
using GovKpi.Web.Tests.KpiValues;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Assistant;

/// <summary>Drafts over real HTTP: written from the records, kept by their author, editable until approved, and in the assistant's audit trail.</summary>
public abstract class DraftTests<TApp>(TApp app) : KpiTestRecords<TApp>(app) where TApp : GovKpiApp
{
    /// <summary>February of <paramref name="year"/> at C1-TT: S001 finishes one dossier late and one on time, S002 one on time.</summary>
    private async Task PushFebruaryAsync(HttpClient hr, int year = 2026) => await PushAsync(hr, "dossiers",
    [
        Dossier("L1", "C1-TT", "S001", $"{year}-02-02T08:00:00+07:00", $"{year}-02-10T17:00:00+07:00", $"{year}-02-20T10:00:00+07:00", "processed"),
        Dossier("T1", "C1-TT", "S001", $"{year}-02-03T08:00:00+07:00", $"{year}-02-10T17:00:00+07:00", $"{year}-02-09T10:00:00+07:00", "processed", "online"),
        Dossier("T2", "C1-TT", "S002", $"{year}-02-04T08:00:00+07:00", $"{year}-02-11T17:00:00+07:00", $"{year}-02-09T10:00:00+07:00", "processed"),
    ]);

    [SkippableFact]
    public async Task A_late_dossier_gets_an_apology_slip_draft_its_author_edits_and_approves_and_then_it_is_locked()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        await PushFebruaryAsync(hr);
        using var staff = await App.SignedInAsync("staff");

        var created = await staff.PostAsJsonAsync("/api/assistant/drafts/apology-slip", new ApologySlipRequest(Prefix + "L1", "thiếu xác nhận của cơ quan thuế"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draft = (await created.Content.ReadFromJsonAsync<DraftResponse>(ApiJson.Options))!;
        Assert.Equal(("ApologySlip", "Draft", "offline"), (draft.Kind, draft.Status, draft.Mode));
        Assert.Contains($"hồ sơ số {Prefix}L1", draft.Text);
        Assert.Contains("Lý do: thiếu xác nhận của cơ quan thuế.", draft.Text);
        // 2026-03-15 is a Sunday: three working days on is Wednesday 2026-03-18.
        Assert.Contains("hẹn trả kết quả vào ngày 18/03/2026", draft.Text);

        var edited = await staff.PutAsJsonAsync($"/api/assistant/drafts/{draft.Id}", new DraftTextRequest(draft.Text + "\nĐã gọi điện báo cho người dân."));
        var approved = await staff.PostAsync($"/api/assistant/drafts/{draft.Id}/approve", null);
        var late = await staff.PutAsJsonAsync($"/api/assistant/drafts/{draft.Id}", new DraftTextRequest("khác"));
        using var manager = await App.SignedInAsync("manager");
        var other = await manager.GetAsync($"/api/assistant/drafts/{draft.Id}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.NotFound),
            (edited.StatusCode, approved.StatusCode, late.StatusCode, other.StatusCode));
        var final = (await approved.Content.ReadFromJsonAsync<DraftResponse>(ApiJson.Options))!;
        var page = WebUtility.HtmlDecode(await staff.GetStringAsync($"/assistant/drafts/{draft.Id}"));
        var list = WebUtility.HtmlDecode(await staff.GetStringAsync("/assistant/drafts"));
        Assert.Contains("Đã gọi điện báo cho người dân.", page);
        Assert.Contains("Trạng thái: Đã duyệt", page);
        Assert.DoesNotContain("data-testid=\"approve\"", page);
        Assert.Contains("Phiếu xin lỗi và hẹn lại ngày trả kết quả", list);
        Assert.Equal(("Approved", "staff"), (final.Status, final.DecidedBy));
        Assert.EndsWith("Đã gọi điện báo cho người dân.", final.Text);

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var log = await db.AssistantExchanges.AsNoTracking().Where(x => x.UserName == "staff" && x.Question.Contains(Prefix + "L1")).ToListAsync();
        Assert.Equal(["draft", "draft-approved"], log.Select(x => x.Kind).Order());
    }

    [SkippableFact]
    public async Task A_slip_is_refused_for_a_dossier_on_time_another_handlers_dossier_or_an_unknown_one()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        await PushFebruaryAsync(hr);
        using var staff = await App.SignedInAsync("staff");

        var onTime = await staff.PostAsJsonAsync("/api/assistant/drafts/apology-slip", new ApologySlipRequest(Prefix + "T1", null));
        var others = await staff.PostAsJsonAsync("/api/assistant/drafts/apology-slip", new ApologySlipRequest(Prefix + "T2", null));
        var unknown = await staff.PostAsJsonAsync("/api/assistant/drafts/apology-slip", new ApologySlipRequest("NO-SUCH", null));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.Forbidden, HttpStatusCode.NotFound), (onTime.StatusCode, others.StatusCode, unknown.StatusCode));
        var problem = await onTime.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>();
        Assert.StartsWith($"Hồ sơ {Prefix}T1 chưa quá hạn", Assert.Single(problem!.Errors["dossierId"]));
    }

    [SkippableFact]
    public async Task A_manager_drafts_the_monthly_report_and_an_evaluation_comment_from_the_kpi_values()
    {
        RequireDatabase();
        using var hr = await App.SignedInAsync("hr");
        // A year of its own: the class shares one database.
        await PushFebruaryAsync(hr, 2029);
        using var manager = await App.SignedInAsync("manager");

        var report = await manager.PostAsJsonAsync("/api/assistant/drafts/monthly-report", new MonthlyReportRequest("C1", 2029, 2));
        var comment = await manager.PostAsJsonAsync("/api/assistant/drafts/evaluation-comment", new EvaluationCommentRequest("S001", "2029-02-01", "2029-03-01"));
        var outside = await manager.PostAsJsonAsync("/api/assistant/drafts/monthly-report", new MonthlyReportRequest("C2", 2026, 2));
        var badMonth = await manager.PostAsJsonAsync("/api/assistant/drafts/monthly-report", new MonthlyReportRequest("C1", 2026, 13));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Forbidden, HttpStatusCode.BadRequest),
            (report.StatusCode, comment.StatusCode, outside.StatusCode, badMonth.StatusCode));
        var reportText = (await report.Content.ReadFromJsonAsync<DraftResponse>(ApiJson.Options))!.Text;
        Assert.Contains("Kết quả giải quyết thủ tục hành chính tháng 2/2029", reportText);
        Assert.Contains("1. Tiếp nhận 3 hồ sơ, trong đó 1 hồ sơ trực tuyến (33,3 %).", reportText);
        Assert.Contains("Giải quyết xong 3 hồ sơ, trong đó đúng hạn 2 hồ sơ (66,7 %)", reportText);
        var commentText = (await comment.Content.ReadFromJsonAsync<DraftResponse>(ApiJson.Options))!.Text;
        Assert.Contains("Đồng chí: Trần Thị Hồng", commentText);
        Assert.Contains("Chưa đạt chỉ tiêu: tỷ lệ hồ sơ xử lý đúng hạn 50,0 %", commentText);
    }
}

public sealed class SqliteDraftTests(SqliteApp app) : DraftTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgresDraftTests(PostgresApp app) : DraftTests<PostgresApp>(app), IClassFixture<PostgresApp>;
