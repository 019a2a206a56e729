using System.Globalization;
using System.Net;
using ClosedXML.Excel;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Data.Evaluation;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.DemoData;
using GovKpi.Web.Features.Evaluation;
using GovKpi.Web.Features.Organisation;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GovKpi.Web.Tests.Evaluation;

/// <summary>
/// Evaluation cycles over real HTTP, driven by the demo accounts of the demo province: `manager`
/// heads the service centre where `staff` and the colleagues `staff2`–`staff4` work. Each test
/// uses its own period, so the tests share one database.
/// </summary>
public abstract partial class EvaluationCycleTests<TApp>(TApp app) where TApp : DemoProvinceApp
{
    private void RequireDatabase() => Skip.If(app.SkipReason is not null, app.SkipReason);

    private sealed record Account(HttpClient Client, UserResponse Me)
    {
        public string Staff => Me.StaffCode!;
    }

    private async Task<Account> As(string userName)
    {
        var client = await app.SignedInAsync(userName);
        return new Account(client, (await client.GetFromJsonAsync<UserResponse>("/api/auth/me", ApiJson.Options))!);
    }

    private static async Task<T> Read<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, ApiJson.Options)!;
    }

    private static Task<ProblemDetails> Problem(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.Conflict) =>
        Read<ProblemDetails>(response, expected);

    private static async Task<CycleResponse> Open(Account who, string unit, PeriodKind kind, int year, int? number, object? deadlines = null) =>
        await Read<CycleResponse>(await who.Client.PostAsJsonAsync("/api/evaluation/cycles",
            new { unitCode = unit, periodKind = kind.ToString(), year, number, deadlines }), HttpStatusCode.Created);

    // The units have more people than the demo accounts: leaving self-assessment is confirmed, as a manager would after the deadline.
    private static Task<HttpResponseMessage> Advance(Account who, Guid cycle, CycleStage to, string? reason = null, DateOnly? appealDeadline = null) =>
        who.Client.PostAsJsonAsync($"/api/evaluation/cycles/{cycle}/advance", new
        {
            to = to.ToString(),
            reason = to == CycleStage.Feedback360 ? reason ?? "Quá hạn tự đánh giá, đã nhắc" : reason,
            appealDeadline,
            confirm = to == CycleStage.Feedback360,
        });

    private static async Task<Dictionary<string, Guid>> EvaluationIds(Account manager, Guid cycle) =>
        (await Read<CycleDetailResponse>(await manager.Client.GetAsync($"/api/evaluation/cycles/{cycle}"))).Evaluations.ToDictionary(e => e.StaffCode, e => e.Id);

    private static Task<HttpResponseMessage> SelfAssess(Account who, Guid evaluation, decimal general, decimal task) =>
        who.Client.PutAsJsonAsync($"/api/evaluation/evaluations/{evaluation}/self-assessment",
            new { generalPoints = general, taskPoints = task, text = "Hoàn thành đúng hạn các hồ sơ được giao; cần cải thiện tỷ lệ trả lại." });

    /// <summary>
    /// Rates with the scenario's task points: typed for a person without KPI values, and for one with
    /// KPI values in the period (whose points are computed) as the manager's adjustment, with its reason.
    /// </summary>
    private static async Task<HttpResponseMessage> Rate(Account who, Guid evaluation, decimal general, decimal task, string reason = "Theo kết quả KPI và nhận xét của tập thể", string query = "")
    {
        var url = $"/api/evaluation/evaluations/{evaluation}/rating{query}";
        return await HasKpiValuesAsync(who, evaluation)
            ? await who.Client.PutAsJsonAsync(url, new { generalPoints = general, adjustment = new { taskPoints = task, reason }, reason })
            : await who.Client.PutAsJsonAsync(url, new { generalPoints = general, taskPoints = task, reason });
    }

    /// <summary>Whether the person's task points are computed (KPI values in the period), as the rating form shows it.</summary>
    private static async Task<bool> HasKpiValuesAsync(Account who, Guid evaluation)
    {
        var response = await who.Client.GetAsync($"/api/evaluation/evaluations/{evaluation}/explanation");
        return response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<ExplanationResponse>(ApiJson.Options))!.TaskScore is not null;
    }

    private static Task<HttpResponseMessage> Feedback(Account who, Guid evaluation, int rating, string comment = "") =>
        who.Client.PostAsJsonAsync($"/api/evaluation/evaluations/{evaluation}/feedback",
            new { ratings = Feedback360.Questions.ToDictionary(q => q, _ => rating), comment });

    private async Task<(Account Manager, Account Staff, Account[] Colleagues, Account Hr)> TeamAsync() =>
        (await As(DemoAccounts.Manager), await As(DemoAccounts.Staff), [.. await Task.WhenAll(DemoAccounts.Colleagues.Select(As))], await As(DemoAccounts.Hr));

    [SkippableFact]
    public async Task The_demo_manager_heads_the_unit_of_staff_and_its_three_colleague_accounts()
    {
        RequireDatabase();
        var (manager, staff, colleagues, _) = await TeamAsync();

        var head = await manager.Client.GetFromJsonAsync<StaffResponse>($"/api/staff/{manager.Staff}", ApiJson.Options);
        var unitStaff = await staff.Client.GetFromJsonAsync<List<StaffResponse>>($"/api/units/{staff.Me.ScopeUnitCode}/staff", ApiJson.Options);

        Assert.Equal((staff.Me.ScopeUnitCode, "Head"), (head!.UnitCode, head.Leader));
        Assert.All(colleagues, c => Assert.Equal(staff.Me.ScopeUnitCode, c.Me.ScopeUnitCode));
        Assert.Equal(5, new[] { manager, staff }.Concat(colleagues).Select(a => a.Staff).Distinct().Count());
        Assert.Subset(unitStaff!.Select(s => s.Code).ToHashSet(), new[] { manager, staff }.Concat(colleagues).Select(a => a.Staff).ToHashSet());
    }

    [SkippableFact]
    public async Task Demo_accounts_run_a_full_cycle_from_opening_to_a_locked_result_and_an_upheld_appeal_keeps_both_versions()
    {
        RequireDatabase();
        var (manager, staff, colleagues, hr) = await TeamAsync();
        var auditor = await As(DemoAccounts.Auditor);
        var (staff2, staff3, staff4) = (colleagues[0], colleagues[1], colleagues[2]);

        var cycle = await Open(manager, staff.Me.ScopeUnitCode, PeriodKind.Quarter, 2025, 4);
        var ids = await EvaluationIds(manager, cycle.Id);
        Assert.Equal(CycleStage.SelfAssessment, cycle.Stage);
        Assert.Equal("decree-335", cycle.Policy.Code);
        Assert.Subset(ids.Keys.ToHashSet(), new[] { manager, staff }.Concat(colleagues).Select(a => a.Staff).ToHashSet());

        foreach (var person in new[] { staff, staff2, staff3, staff4, manager })
        {
            await Read<EvaluationResponse>(await SelfAssess(person, ids[person.Staff], 27, 62));
        }

        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.Feedback360));
        foreach (var colleague in colleagues)
        {
            await Read<FeedbackTarget>(await Feedback(colleague, ids[staff.Staff], 4, "Tận tình với người dân"));
        }

        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.ManagerRating));
        await Read<EvaluationResponse>(await Rate(manager, ids[staff.Staff], 24, 44));
        await Read<EvaluationResponse>(await Rate(manager, ids[staff2.Staff], 27, 64));
        await Read<EvaluationResponse>(await Rate(manager, ids[staff3.Staff], 25, 55));
        await Read<EvaluationResponse>(await Rate(manager, ids[staff4.Staff], 25, 55));
        foreach (var other in ids.Where(p => p.Key != manager.Staff && !colleagues.Concat([staff]).Any(a => a.Staff == p.Key)))
        {
            await Read<EvaluationResponse>(await Rate(manager, other.Value, 24, 50));
        }

        // Nobody rates themselves: the head of the unit is rated by HR, and the stage waits for it.
        await Problem(await Rate(manager, ids[manager.Staff], 30, 70), HttpStatusCode.Forbidden);
        var notAllRated = await Problem(await Advance(manager, cycle.Id, CycleStage.CollectiveReview));
        Assert.Contains("chưa được thủ trưởng trực tiếp chấm điểm", notAllRated.Detail);
        await Read<EvaluationResponse>(await Rate(hr, ids[manager.Staff], 27, 60, "Đánh giá của cấp trên trực tiếp"));
        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.CollectiveReview));

        // The collective review may still adjust a rating, with its reason.
        await Read<EvaluationResponse>(await Rate(manager, ids[staff3.Staff], 25, 57, "Tập thể đề nghị cộng điểm tiến độ"));
        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.Calibration, "Biên bản họp tập thể ngày 10/3"));

        // Calibration is HR's: the quota spans the agency. staff2 (91 points) is moved to HTT: one HTT colleague is too few for an HTXS.
        await Problem(await Advance(manager, cycle.Id, CycleStage.HeadApproval), HttpStatusCode.Forbidden);
        var preview = await Read<CalibrationResponse>(await hr.Client.GetAsync($"/api/evaluation/cycles/{cycle.Id}/calibration"));
        Assert.Contains(preview.Groups, g => g.Moved.Contains(staff2.Staff) && g.EligibleHtxs == 1 && g.AllowedHtxs == 0);
        await Read<CycleResponse>(await Advance(hr, cycle.Id, CycleStage.HeadApproval));
        var calibrated = await Read<EvaluationResponse>(await manager.Client.GetAsync($"/api/evaluation/evaluations/{ids[staff2.Staff]}"));
        Assert.Equal((91m, ClassificationLevel.Htxs, ClassificationLevel.Htt, ClassificationReason.Quota),
            (calibrated.Score!.Value, calibrated.BandLevel!.Value, calibrated.Level!.Value, calibrated.LevelReason!.Value));

        await Problem(await Advance(hr, cycle.Id, CycleStage.Approved), HttpStatusCode.Forbidden);
        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.Approved, "Người đứng đầu phê duyệt"));
        var appealDeadline = cycle.Deadlines.Appeal.AddDays(3);
        var published = await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.Published, "Công bố tại cuộc họp cơ quan", appealDeadline));
        Assert.Equal((CycleStage.Published, appealDeadline), (published.Stage, published.Deadlines.Appeal));

        // Published in the unit: every member reads the list.
        var list = await Read<List<PublishedLine>>(await staff4.Client.GetAsync($"/api/evaluation/cycles/{cycle.Id}/published"));
        Assert.Equal((68m, ClassificationLevel.Ht, 1), list.Where(p => p.StaffCode == staff.Staff).Select(p => (p.Score, p.Level, p.Version)).Single());

        // A published rating does not change without an upheld appeal (409, localised).
        var refused = await Problem(await Rate(manager, ids[staff.Staff], 26, 50));
        Assert.Contains("đã được công bố", refused.Detail);
        var refusedEnglish = await Problem(await Rate(manager, ids[staff.Staff], 26, 50, query: "?culture=en-US"));
        Assert.Contains("can be rated again only after an upheld appeal", refusedEnglish.Detail);

        var appeal = await Read<AppealResponse>(await staff.Client.PostAsJsonAsync($"/api/evaluation/evaluations/{ids[staff.Staff]}/appeals",
            new { text = "Điểm tiến độ chưa tính 6 hồ sơ trả đúng hạn ở điểm tiếp nhận lưu động." }));
        await Problem(await staff.Client.PostAsJsonAsync($"/api/evaluation/evaluations/{ids[staff.Staff]}/appeals/{appeal.Id}/decision",
            new { upheld = true, reason = "Tự giải quyết" }), HttpStatusCode.Forbidden);
        var decided = await Read<AppealResponse>(await manager.Client.PostAsJsonAsync($"/api/evaluation/evaluations/{ids[staff.Staff]}/appeals/{appeal.Id}/decision",
            new { upheld = true, reason = "Đã đối chiếu sổ theo dõi: 6 hồ sơ đúng hạn chưa được tính." }));
        Assert.Equal(AppealStatus.Upheld, decided.Status);
        await Problem(await manager.Client.PostAsJsonAsync($"/api/evaluation/evaluations/{ids[staff.Staff]}/republish", new { reason = "Chưa chấm lại" }));
        await Read<EvaluationResponse>(await Rate(manager, ids[staff.Staff], 26, 50, "Chấm lại sau khiếu nại được chấp nhận"));
        var republished = await Read<EvaluationResponse>(await manager.Client.PostAsJsonAsync($"/api/evaluation/evaluations/{ids[staff.Staff]}/republish",
            new { reason = "Công bố lại sau khiếu nại" }));
        Assert.Equal(
            [(1, 68m, ClassificationLevel.Ht), (2, 76m, ClassificationLevel.Htt)],
            republished.Results.Select(r => (r.Version, r.Score, r.Level)));
        Assert.Equal((ResultState.Published, 2), (republished.State, republished.ResultVersion));

        // Locked only after the appeal window.
        var early = await Problem(await Advance(manager, cycle.Id, CycleStage.Locked));
        Assert.Contains(appealDeadline.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), early.Detail);
        app.Clock.SetUtcNow(Deadline.EndOf(published.Deadlines.Appeal).AddMinutes(1));
        // Eight-hour sessions end when the clock jumps weeks: sign in again.
        (manager, auditor) = (await As(DemoAccounts.Manager), await As(DemoAccounts.Auditor));
        var locked = await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.Locked));
        Assert.Equal(CycleStage.Locked, locked.Stage);
        Assert.Contains("đã khóa", (await Problem(await Rate(manager, ids[staff.Staff], 30, 70))).Detail);

        // The auditor reads everything, changes nothing; the chain is intact and both versions are in it.
        await Problem(await Rate(auditor, ids[staff.Staff], 30, 70), HttpStatusCode.Forbidden);
        var trail = await Read<AuditTrailResponse>(await auditor.Client.GetAsync($"/api/evaluation/cycles/{cycle.Id}/audit"));
        Assert.True(trail.ChainIntact);
        var mine = trail.Entries.Where(e => e.StaffCode == staff.Staff).ToList();
        Assert.Contains(mine, e => e is { Action: "ResultPublished", NewValue: "v1: 68 HT" });
        Assert.Contains(mine, e => e is { Action: "ResultRepublished", OldValue: "v1: 68 HT", NewValue: "v2: 76 HTT", Actor: "manager" });
        Assert.Contains(mine, e => e is { Action: "Rated", Field: "score", OldValue: "68", NewValue: "76", Reason: "Chấm lại sau khiếu nại được chấp nhận" });
        Assert.Contains(mine, e => e is { Action: "AppealDecided", NewValue: "Upheld" });
        Assert.Contains(trail.Entries, e => e is { Action: "LevelSet", Field: "level", OldValue: "Htxs", NewValue: "Htt" } && e.StaffCode == staff2.Staff);
        Assert.Contains(trail.Entries, e => e.Action == "QuotaApplied" && e.NewValue.Contains($"moved={staff2.Staff}"));
        Assert.Contains(trail.Entries, e => e is { Action: "DeadlineChanged", Field: "deadlines.appeal" } && e.NewValue == appealDeadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal(
            ["Feedback360", "ManagerRating", "CollectiveReview", "Calibration", "HeadApproval", "Approved", "Published", "Locked"],
            trail.Entries.Where(e => e.Action == "StageAdvanced").Select(e => e.NewValue));
        Assert.Equal(Enumerable.Range(1, trail.Entries.Count).Select(i => (long)i), trail.Entries.Select(e => e.Sequence));
    }

    [SkippableFact]
    public async Task Feedback_from_two_colleagues_is_not_shown_to_the_person_and_from_three_it_is_once_the_360_stage_closes()
    {
        RequireDatabase();
        var (manager, staff, colleagues, hr) = await TeamAsync();
        var cycle = await Open(manager, staff.Me.ScopeUnitCode, PeriodKind.Month, 2026, 1);
        var ids = await EvaluationIds(manager, cycle.Id);
        var target = ids[staff.Staff];
        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.Feedback360));

        // Nobody answers about themselves, nobody outside the unit answers, and nobody answers twice.
        await Problem(await Feedback(staff, target, 5), HttpStatusCode.Forbidden);
        await Problem(await Feedback(hr, target, 5), HttpStatusCode.Forbidden);
        await Read<FeedbackTarget>(await Feedback(colleagues[0], target, 5, "Luôn hỗ trợ đồng nghiệp"));
        await Problem(await Feedback(colleagues[0], target, 1));
        await Read<FeedbackTarget>(await Feedback(colleagues[1], target, 3));

        var withheldRaw = await staff.Client.GetStringAsync($"/api/evaluation/evaluations/{target}/feedback");
        var withheld = System.Text.Json.JsonSerializer.Deserialize<FeedbackSummary>(withheldRaw, ApiJson.Options)!;
        var evaluation = await Read<EvaluationResponse>(await staff.Client.GetAsync($"/api/evaluation/evaluations/{target}"));
        var ownAudit = await Read<AuditTrailResponse>(await staff.Client.GetAsync($"/api/evaluation/evaluations/{target}/audit"));
        var managerView = await Read<FeedbackSummary>(await manager.Client.GetAsync($"/api/evaluation/evaluations/{target}/feedback"));
        Assert.False(withheld.Shown);
        Assert.Null(withheld.Respondents);
        Assert.DoesNotContain("2", withheldRaw);
        Assert.Empty(withheld.Comments);
        Assert.False(evaluation.Feedback360.Shown);
        Assert.DoesNotContain(ownAudit.Entries, e => e.Action == "FeedbackReceived");
        Assert.False(managerView.Shown);

        await Read<FeedbackTarget>(await Feedback(colleagues[2], target, 4));

        // Three answers, but the stage is open: a summary now and one after the next answer would isolate that answer.
        Assert.False((await Read<FeedbackSummary>(await manager.Client.GetAsync($"/api/evaluation/evaluations/{target}/feedback"))).Shown);
        var open = await Read<AuditTrailResponse>(await hr.Client.GetAsync($"/api/evaluation/cycles/{cycle.Id}/audit"));
        Assert.DoesNotContain(open.Entries, e => e.Action == "FeedbackReceived");
        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.ManagerRating));

        var shown = await Read<FeedbackSummary>(await staff.Client.GetAsync($"/api/evaluation/evaluations/{target}/feedback"));
        Assert.True(shown.Shown);
        Assert.Equal(3, shown.Respondents);
        Assert.All(shown.Averages, a => Assert.Equal(4m, a.Average));
        Assert.Equal(["Luôn hỗ trợ đồng nghiệp"], shown.Comments);

        // The audit trail records, when the stage closed, how many answers came — never from whom or when.
        var trail = await Read<AuditTrailResponse>(await hr.Client.GetAsync($"/api/evaluation/cycles/{cycle.Id}/audit"));
        var answers = Assert.Single(trail.Entries, e => e.Action == "FeedbackReceived");
        Assert.Equal((staff.Staff, "3"), (answers.StaffCode, answers.NewValue));
        Assert.Equal(trail.Entries.Single(e => e.Action == "StageAdvanced" && e.NewValue == "ManagerRating").At, answers.At);
        Assert.DoesNotContain(trail.Entries, e => colleagues.Any(c => e.Actor == c.Me.UserName));
    }

    [SkippableFact]
    public async Task While_colleagues_answer_one_by_one_nothing_the_manager_hr_the_leader_or_the_auditor_reads_changes()
    {
        RequireDatabase();
        var (manager, staff, colleagues, hr) = await TeamAsync();
        var readers = new[] { manager, hr, await As(DemoAccounts.Leader), await As(DemoAccounts.Auditor) };
        var cycle = await Open(manager, staff.Me.ScopeUnitCode, PeriodKind.Month, 2025, 1);
        var target = (await EvaluationIds(manager, cycle.Id))[staff.Staff];
        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.Feedback360));
        string[] paths =
        [
            $"/api/evaluation/cycles/{cycle.Id}", $"/api/evaluation/cycles/{cycle.Id}/audit", $"/api/evaluation/evaluations/{target}",
            $"/api/evaluation/evaluations/{target}/feedback", $"/api/evaluation/evaluations/{target}/explanation",
            $"/api/evaluation/evaluations/{target}/audit", "/api/evaluation/reminders", $"/evaluation/cycles/{cycle.Id}", $"/evaluation/{target}",
            $"/api/evaluation/cycles/{cycle.Id}/summary.xlsx", $"/api/evaluation/cycles/{cycle.Id}/published",
            $"/api/evaluation/cycles/{cycle.Id}/published.xlsx", $"/api/evaluation/cycles/{cycle.Id}/published.pdf",
            "/api/audit", $"/api/audit?cycle={cycle.Id}", "/audit", "/api/audit/export.csv",
        ];

        // Every reader's view of every path: without the per-request antiforgery token and trace id, workbooks as their cells.
        async Task<List<string>> ViewsAsync() =>
        [
            .. await Task.WhenAll(readers.SelectMany(r => paths.Select(async path =>
            {
                var response = await r.Client.GetAsync(path);
                var body = response.Content.Headers.ContentType?.MediaType == EvaluationDocuments.Xlsx
                    ? Cells(await response.Content.ReadAsByteArrayAsync())
                    : Regex.Replace(await response.Content.ReadAsStringAsync(),
                        "name=\"__RequestVerificationToken\"[^>]*value=\"[^\"]*\"|\"traceId\":\"[^\"]*\"", "token");
                return $"{r.Me.UserName} {path} {(int)response.StatusCode} {body}";
            }))),
        ];

        static string Cells(byte[] workbook)
        {
            using var book = new XLWorkbook(new MemoryStream(workbook));
            return string.Join("|", book.Worksheets.SelectMany(sheet => sheet.CellsUsed().Select(c => $"{sheet.Name}!{c.Address}={c.Value}")));
        }

        var before = await ViewsAsync();
        Assert.All(readers, r => Assert.Contains(before, v => v.StartsWith($"{r.Me.UserName} /api/evaluation/cycles/{cycle.Id}/audit 200 ", StringComparison.Ordinal)));
        Assert.Contains(before, v => v.StartsWith($"{manager.Me.UserName} /api/evaluation/cycles/{cycle.Id}/summary.xlsx 200 ", StringComparison.Ordinal));
        Assert.All(new[] { readers[1], readers[3] }, r => Assert.Contains(before, v => v.StartsWith($"{r.Me.UserName} /api/audit?cycle={cycle.Id} 200 ", StringComparison.Ordinal)));
        foreach (var colleague in colleagues)
        {
            await Read<FeedbackTarget>(await Feedback(colleague, target, colleague == colleagues[0] ? 5 : 2, "Góp ý của " + colleague.Me.UserName));
            var after = await ViewsAsync();
            Assert.Equal(before, after);
        }

        // The three answers were there all along: the summary comes once the stage closes.
        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.ManagerRating));
        var summary = await Read<FeedbackSummary>(await manager.Client.GetAsync($"/api/evaluation/evaluations/{target}/feedback"));
        Assert.Equal((true, (int?)3, 3), (summary.Shown, summary.Respondents, summary.Comments.Count));
    }

    [SkippableFact]
    public async Task Colleagues_answering_at_the_same_moment_all_land_in_one_unbroken_audit_chain()
    {
        RequireDatabase();
        var (manager, staff, colleagues, hr) = await TeamAsync();
        var cycle = await Open(manager, staff.Me.ScopeUnitCode, PeriodKind.Month, 2025, 8);
        var ids = await EvaluationIds(manager, cycle.Id);
        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.Feedback360));

        // Every answer raises the cycle's revision, so concurrent ones collide and are replayed, never lost.
        var responses = await Task.WhenAll(colleagues.Select(c => Feedback(c, ids[staff.Staff], 5)).Append(Feedback(staff, ids[colleagues[0].Staff], 4)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.ManagerRating));
        Assert.Equal(3, (await Read<FeedbackSummary>(await staff.Client.GetAsync($"/api/evaluation/evaluations/{ids[staff.Staff]}/feedback"))).Respondents);
        var trail = await Read<AuditTrailResponse>(await hr.Client.GetAsync($"/api/evaluation/cycles/{cycle.Id}/audit"));
        Assert.True(trail.ChainIntact);
        Assert.Equal([("3"), (Feedback360.WithheldCount)], trail.Entries.Where(e => e.Action == "FeedbackReceived").Select(e => e.NewValue).Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(1, trail.Entries.Count).Select(i => (long)i), trail.Entries.Select(e => e.Sequence));
    }

    [SkippableFact]
    public async Task A_staff_member_reads_neither_a_colleagues_evaluation_nor_another_units_cycle()
    {
        RequireDatabase();
        var (manager, staff, colleagues, hr) = await TeamAsync();
        var cycle = await Open(manager, staff.Me.ScopeUnitCode, PeriodKind.Month, 2026, 2);
        var ids = await EvaluationIds(manager, cycle.Id);
        var units = await manager.Client.GetFromJsonAsync<UnitDetailResponse>($"/api/units/{manager.Me.ScopeUnitCode}", ApiJson.Options);
        var otherUnit = units!.Children.First(u => u.Code != staff.Me.ScopeUnitCode && u.Kind == "Division").Code;
        var other = await Open(hr, otherUnit, PeriodKind.Month, 2026, 2);

        var colleagueEvaluation = ids[colleagues[0].Staff];
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.GetAsync($"/api/evaluation/evaluations/{colleagueEvaluation}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.GetAsync($"/api/evaluation/evaluations/{colleagueEvaluation}/explanation")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.GetAsync($"/api/evaluation/evaluations/{colleagueEvaluation}/comments")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.GetAsync($"/api/evaluation/cycles/{other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.GetAsync($"/api/evaluation/cycles/{cycle.Id}/audit")).StatusCode);
        Assert.DoesNotContain(await staff.Client.GetFromJsonAsync<List<CycleResponse>>("/api/evaluation/cycles", ApiJson.Options) ?? [], c => c.Id == other.Id);

        // In their own cycle a staff member sees only their own evaluation; the manager sees the unit.
        var own = await Read<CycleDetailResponse>(await staff.Client.GetAsync($"/api/evaluation/cycles/{cycle.Id}"));
        Assert.Equal([staff.Staff], own.Evaluations.Select(e => e.StaffCode));
        Assert.Null(own.Progress);
        Assert.Equal(ids.Count, (await Read<CycleDetailResponse>(await manager.Client.GetAsync($"/api/evaluation/cycles/{cycle.Id}"))).Evaluations.Count);
        Assert.Equal(HttpStatusCode.OK, (await manager.Client.GetAsync($"/api/evaluation/cycles/{other.Id}")).StatusCode);

        // Staff open no cycles, and a published list waits for publication.
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.PostAsJsonAsync("/api/evaluation/cycles",
            new { unitCode = staff.Me.ScopeUnitCode, periodKind = "Month", year = 2026, number = 3 })).StatusCode);
        await Problem(await staff.Client.GetAsync($"/api/evaluation/cycles/{cycle.Id}/published"));
    }

    [SkippableFact]
    public async Task The_stages_keep_their_order()
    {
        RequireDatabase();
        var (manager, staff, _, hr) = await TeamAsync();
        var cycle = await Open(manager, staff.Me.ScopeUnitCode, PeriodKind.Month, 2025, 12);
        var ids = await EvaluationIds(manager, cycle.Id);

        var skipped = await Problem(await Advance(manager, cycle.Id, CycleStage.ManagerRating));
        Assert.Contains("bước tiếp theo là “Góp ý 360°”", skipped.Detail);
        await Problem(await Rate(manager, ids[staff.Staff], 25, 60));
        await Problem(await Advance(staff, cycle.Id, CycleStage.Feedback360), HttpStatusCode.Forbidden);
        var twice = await Problem(await manager.Client.PostAsJsonAsync("/api/evaluation/cycles",
            new { unitCode = staff.Me.ScopeUnitCode, periodKind = "Month", year = 2025, number = 12 }));
        Assert.Contains("2025-12", twice.Detail);

        await Read<CycleResponse>(await Advance(hr, cycle.Id, CycleStage.Feedback360));
        var late = await Problem(await SelfAssess(staff, ids[staff.Staff], 25, 60));
        Assert.Contains("không phải “Góp ý 360°”", (await Problem(await Advance(manager, cycle.Id, CycleStage.Feedback360))).Detail);
        Assert.Equal("Việc này không làm được ở bước “Góp ý 360°”.", late.Detail);
    }

    [SkippableFact]
    public async Task Reminders_follow_the_deadlines_on_the_clock_and_never_tell_who_gave_360_feedback()
    {
        RequireDatabase();
        var (manager, staff, colleagues, _) = await TeamAsync();
        var today = Core.VietnamTime.Today(app.Clock);
        var cycle = await Open(manager, staff.Me.ScopeUnitCode, PeriodKind.Month, 2025, 11,
            new { selfAssessment = today.AddDays(5), feedback360 = today.AddDays(8) });
        var ids = await EvaluationIds(manager, cycle.Id);

        // Signed in afresh each time: eight-hour sessions end when the clock jumps days.
        async Task<List<ReminderResponse>> Reminders(Account who) =>
            (await (await As(who.Me.UserName)).Client.GetFromJsonAsync<List<ReminderResponse>>("/api/evaluation/reminders", ApiJson.Options))!
            .Where(r => r.CycleId == cycle.Id).ToList();

        var first = Assert.Single(await Reminders(staff));
        Assert.Equal((ReminderKind.SelfAssessment, today.AddDays(5), Urgency.Upcoming), (first.Kind, first.DueOn, first.Urgency));
        Assert.Contains(await Reminders(manager), r => r.Kind == ReminderKind.SelfAssessmentMissing && r.StaffCode == staff.Staff);
        Assert.Contains(await Reminders(manager), r => r.Kind == ReminderKind.Advance && r.Text.Contains("Góp ý 360°"));

        app.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(Urgency.DueSoon, Assert.Single(await Reminders(staff)).Urgency);
        app.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(Urgency.Overdue, Assert.Single(await Reminders(staff)).Urgency);

        (manager, staff) = (await As(DemoAccounts.Manager), await As(DemoAccounts.Staff));
        var colleague = await As(colleagues[0].Me.UserName);
        await Read<EvaluationResponse>(await SelfAssess(staff, ids[staff.Staff], 26, 60));
        Assert.Empty(await Reminders(staff));
        Assert.DoesNotContain(await Reminders(manager), r => r.Kind == ReminderKind.SelfAssessmentMissing && r.StaffCode == staff.Staff);

        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.Feedback360));
        await Read<FeedbackTarget>(await Feedback(colleague, ids[staff.Staff], 4));
        var toAnswer = await Reminders(colleague);
        Assert.All(toAnswer, r => Assert.Equal((ReminderKind.Feedback360, today.AddDays(8)), (r.Kind, r.DueOn)));
        Assert.DoesNotContain(toAnswer, r => r.StaffCode == staff.Staff || r.StaffCode == colleagues[0].Staff);
        Assert.Equal(ids.Count - 2, toAnswer.Count);
        // The manager (a member of the unit) is reminded of his own answers only: whether others answered is nowhere.
        var managers = (await Reminders(manager)).Where(r => r.Kind == ReminderKind.Feedback360).ToList();
        Assert.Equal(ids.Keys.Where(k => k != manager.Staff).Order(), managers.Select(r => r.StaffCode!).Order());
    }

    [SkippableFact]
    public async Task The_person_sees_criteria_formula_numbers_and_KPI_values_behind_the_score_and_talks_with_the_manager()
    {
        RequireDatabase();
        var (manager, staff, _, hr) = await TeamAsync();
        var cycle = await Open(manager, staff.Me.ScopeUnitCode, PeriodKind.Quarter, 2025, 3);
        var ids = await EvaluationIds(manager, cycle.Id);
        var evaluation = ids[staff.Staff];
        await Read<EvaluationResponse>(await SelfAssess(staff, evaluation, 28, 61.5m));
        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.Feedback360));
        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.ManagerRating));
        await Read<EvaluationResponse>(await Rate(manager, evaluation, 26.5m, 59));

        var explanation = await Read<ExplanationResponse>(await staff.Client.GetAsync($"/api/evaluation/evaluations/{evaluation}/explanation"));

        Assert.Equal([("generalCriteria", 30m), ("taskResults", 70m)], explanation.Criteria.Select(c => (c.Code, c.MaximumPoints)));
        Assert.Equal(8, explanation.Criteria[0].Covers.Count);
        Assert.Contains("tối đa 30", explanation.Formula);
        Assert.Contains("Tổng điểm: 26,5 + 59 = 85,5.", explanation.Explanation);
        Assert.Contains("Tự đánh giá: 28 + 61,5 = 89,5 điểm.", explanation.Explanation);
        Assert.Equal((85.5m, ClassificationLevel.Htt), (explanation.Numbers.Score!.Value, explanation.Numbers.BandLevel!.Value));
        Assert.Equal(100m, explanation.KpiSet.Sum(k => k.WeightPercent));
        Assert.Equal(8, explanation.KpiValues!.Values.Count);
        Assert.True(explanation.KpiValues.Values.Single(v => v.Kpi == "on_time_rate").Denominator > 0, "the demo staff member handled dossiers in Q3 2025");

        // A two-way thread per item; others cannot write in it.
        await Read<CommentResponse>(await staff.Client.PostAsJsonAsync($"/api/evaluation/evaluations/{evaluation}/comments",
            new { item = "taskResults", text = "Em đề nghị tính cả hồ sơ ở điểm tiếp nhận lưu động." }));
        await Read<CommentResponse>(await manager.Client.PostAsJsonAsync($"/api/evaluation/evaluations/{evaluation}/comments",
            new { item = "taskResults", text = "Đồng ý, sẽ đối chiếu trong buổi họp tập thể." }));
        await Problem(await hr.Client.PostAsJsonAsync($"/api/evaluation/evaluations/{evaluation}/comments", new { item = "taskResults", text = "?" }), HttpStatusCode.Forbidden);
        var invalid = await Problem(await staff.Client.PostAsJsonAsync($"/api/evaluation/evaluations/{evaluation}/comments", new { item = "salary", text = "?" }), HttpStatusCode.BadRequest);
        Assert.Equal("Dữ liệu đánh giá không hợp lệ", invalid.Title);

        var thread = await Read<List<CommentResponse>>(await staff.Client.GetAsync($"/api/evaluation/evaluations/{evaluation}/comments?item=taskResults"));
        Assert.Equal([CommentSide.Person, CommentSide.Manager], thread.Select(c => c.Side));
    }

    [SkippableFact]
    public async Task Invalid_points_and_deadlines_are_located_errors()
    {
        RequireDatabase();
        var (manager, staff, _, _) = await TeamAsync();
        var today = Core.VietnamTime.Today(app.Clock);

        var badOpen = await manager.Client.PostAsJsonAsync("/api/evaluation/cycles", new
        {
            unitCode = staff.Me.ScopeUnitCode, periodKind = "Month", year = 2025, number = 13, policy = "tinh-x",
            deadlines = new { selfAssessment = today.AddDays(-1) },
        });
        var errors = (await Read<ValidationProblemDetails>(badOpen, HttpStatusCode.BadRequest)).Errors;
        Assert.Equal(["deadlines.selfAssessment", "period", "policy"], errors.Keys.Order());

        var cycle = await Open(manager, staff.Me.ScopeUnitCode, PeriodKind.Month, 2025, 10);
        var ids = await EvaluationIds(manager, cycle.Id);
        var badPoints = await staff.Client.PutAsJsonAsync($"/api/evaluation/evaluations/{ids[staff.Staff]}/self-assessment",
            new { generalPoints = 31, taskPoints = 10.555, text = "" });
        var pointErrors = (await Read<ValidationProblemDetails>(badPoints, HttpStatusCode.BadRequest)).Errors;
        Assert.Equal(["Điểm phải từ 0 đến 30."], pointErrors["generalPoints"]);
        Assert.Equal(["Điểm có tối đa hai chữ số thập phân."], pointErrors["taskPoints"]);
        Assert.True(pointErrors.ContainsKey("text"));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>Posts a page's form the way a browser does: with the anti-forgery token of the page.</summary>
    private static async Task<HttpResponseMessage> PostForm(Account who, string page, string handler, Dictionary<string, string> fields)
    {
        var token = AntiforgeryToken().Match(await who.Client.GetStringAsync(page)).Groups[1].Value;
        return await who.Client.PostAsync($"{page}?handler={handler}", new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }

    [SkippableFact]
    public async Task The_pages_open_a_cycle_remind_the_person_and_take_a_self_assessment_in_Vietnamese_numbers()
    {
        RequireDatabase();
        var (manager, staff, _, _) = await TeamAsync();

        var opened = await PostForm(manager, "/evaluation", "Open", new()
        {
            ["UnitCode"] = staff.Me.ScopeUnitCode, ["Kind"] = "Month", ["Year"] = "2025", ["Number"] = "9", ["Policy"] = "khanh-hoa",
        });
        var cyclePage = await opened.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Matches("/evaluation/cycles/[0-9a-f-]{36}$", opened.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Các bước và thời hạn", cyclePage);
        Assert.Contains("Chuyển sang bước “Góp ý 360°”", cyclePage);

        var home = await staff.Client.GetStringAsync("/evaluation");
        var mine = (await staff.Client.GetFromJsonAsync<List<MyEvaluationResponse>>("/api/evaluation/my", ApiJson.Options))!
            .Single(m => m.Cycle.Period.Label == "2025-09");
        Assert.Contains("Viết bản tự đánh giá và tự chấm điểm.", home);
        Assert.Contains($"/evaluation/{mine.Evaluation.Id}", home);

        var page = $"/evaluation/{mine.Evaluation.Id}";
        var saved = await PostForm(staff, page, "SelfAssess", new() { ["general"] = "17,5", ["task"] = "60", ["text"] = "Tự đánh giá tháng 9." });
        var html = WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync());
        Assert.EndsWith("?done=self", saved.RequestMessage!.RequestUri!.Query);
        Assert.Contains("Tự chấm: tiêu chí chung 17,5 + kết quả nhiệm vụ 60 = 77,5 điểm.", html);
        Assert.Contains("Tỉnh Khánh Hòa (KPI từ 01/4/2025)", html);
        Assert.Contains("góp ý chỉ được hiển thị sau khi kết thúc bước góp ý 360° và có từ 3 đồng nghiệp trả lời", html);

        var refused = await PostForm(staff, page, "SelfAssess", new() { ["general"] = "45", ["task"] = "60", ["text"] = "x" });
        Assert.Contains("Điểm phải từ 0 đến 30.", await refused.Content.ReadAsStringAsync());
        var english = await staff.Client.GetStringAsync($"{page}?culture=en-US");
        Assert.Contains("Score and how it is computed", english);
    }

    [SkippableFact]
    public async Task The_evaluation_API_is_in_the_OpenAPI_document()
    {
        RequireDatabase();
        using var client = app.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/evaluation/cycles/{id}/advance", document);
        Assert.Contains("/api/evaluation/evaluations/{id}/explanation", document);
        Assert.Contains("/api/evaluation/reminders", document);
    }
}

public sealed class SqliteEvaluationCycleTests(SqliteDemoProvinceApp app) : EvaluationCycleTests<SqliteDemoProvinceApp>(app), IClassFixture<SqliteDemoProvinceApp>;

public sealed class PostgresEvaluationCycleTests(PostgresDemoProvinceApp app) : EvaluationCycleTests<PostgresDemoProvinceApp>(app), IClassFixture<PostgresDemoProvinceApp>;
