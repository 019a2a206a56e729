using System.Net;
using System.Net.Http.Json;
using ClosedXML.Excel;
using GovKpi.Core.Access;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Data;
using GovKpi.Data.Accounts;
using GovKpi.Web.Features.DemoData;
using GovKpi.Web.Features.Evaluation;
using GovKpi.Web.Features.Organisation;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovKpi.Web.Tests.Evaluation;

/// <summary>
/// The scoring wired into the cycles: task lines computing the task-result points, calibration
/// flags, the documents downloaded over HTTP, and the annual classification of locked results.
/// </summary>
public abstract partial class EvaluationCycleTests<TApp>
{
    /// <summary>The demo staff member's task lines: 80 of 100 standard products, one failed check, one delay waived by an objective cause.</summary>
    private static readonly object[] StaffTasks =
    [
        new
        {
            task = "Tiếp nhận hồ sơ", planned = 100, completed = 80, failedChecks = 1, delays = 1,
            objectiveCauses = new[] { new { kind = "Delay", cause = "Mất điện toàn phường" } },
        },
    ];

    /// <summary>
    /// Runs a cycle of the demo unit to publication (and to the lock when asked): the manager rates
    /// everyone with <paramref name="rate"/> (general, task) unless it gives null, HR rates the manager.
    /// </summary>
    private async Task<(CycleResponse Cycle, Dictionary<string, Guid> Ids)> RunCycleAsync(
        PeriodKind kind, int year, int? number, Func<string, Guid, Task<bool>> rateSpecially, Func<string, (decimal General, decimal Task)> rate, bool lockIt)
    {
        var (manager, staff, _, hr) = await TeamAsync();
        var cycle = await Open(manager, staff.Me.ScopeUnitCode, kind, year, number);
        var ids = await EvaluationIds(manager, cycle.Id);
        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.Feedback360));
        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.ManagerRating));
        foreach (var (code, id) in ids.Where(p => p.Key != manager.Staff))
        {
            if (!await rateSpecially(code, id))
            {
                var (general, task) = rate(code);
                await Read<EvaluationResponse>(await Rate(manager, id, general, task));
            }
        }

        if (!await rateSpecially(manager.Staff, ids[manager.Staff]))
        {
            await Read<EvaluationResponse>(await Rate(hr, ids[manager.Staff], 27, 60, "Đánh giá của cấp trên trực tiếp"));
        }

        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.CollectiveReview));
        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.Calibration));
        await Read<CycleResponse>(await Advance(hr, cycle.Id, CycleStage.HeadApproval));
        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.Approved));
        var published = await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.Published));
        if (lockIt)
        {
            app.Clock.SetUtcNow(Deadline.EndOf(published.Deadlines.Appeal).AddMinutes(1));
            await Read<CycleResponse>(await Advance(await As(DemoAccounts.Manager), cycle.Id, CycleStage.Locked));
        }

        return (published, ids);
    }

    /// <summary>A staff account of another division of the demo commune, made the way the demo makes its accounts.</summary>
    private async Task<Account> OtherUnitStaffAsync(Account manager, string exceptUnit)
    {
        var units = await manager.Client.GetFromJsonAsync<UnitDetailResponse>($"/api/units/{manager.Me.ScopeUnitCode}", ApiJson.Options);
        var other = units!.Children.First(u => u.Code != exceptUnit && u.Kind == "Division").Code;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
            if (!await db.Accounts.AnyAsync(a => a.UserName == "staff-other"))
            {
                var member = await db.Staff.Where(s => s.UnitCode == other).OrderBy(s => s.Code).FirstAsync();
                var account = new UserAccount
                {
                    UserName = "staff-other", DisplayName = member.FullName, Role = Role.Staff, ScopeUnitCode = other, StaffCode = member.Code, PasswordHash = "",
                };
                account.PasswordHash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<UserAccount>>().HashPassword(account, app.Password);
                db.Accounts.Add(account);
                await db.SaveChangesAsync();
            }
        }

        return await As("staff-other");
    }

    private static async Task<byte[]> Download(Account who, string path, string contentType)
    {
        var response = await who.Client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The text pdftotext reads from a PDF, whitespace runs made single spaces; skips visibly without poppler-utils.</summary>
    private static string PdfText(byte[] pdf) => Exports.PdfToText.Flat(Exports.PdfToText.Read(pdf));

    [SkippableFact]
    public async Task Task_lines_compute_the_task_points_with_deductions_and_waivers_and_the_head_is_scored_on_the_unit_result()
    {
        RequireDatabase();
        var (manager, staff, _, hr) = await TeamAsync();
        var cycle = await Open(manager, staff.Me.ScopeUnitCode, PeriodKind.Month, 2025, 5);
        var ids = await EvaluationIds(manager, cycle.Id);
        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.Feedback360));
        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.ManagerRating));

        // Points and task lines together are refused; so is a waiver without an incident to waive.
        var invalid = (await Read<ValidationProblemDetails>(await manager.Client.PutAsJsonAsync($"/api/evaluation/evaluations/{ids[staff.Staff]}/rating", new
        {
            generalPoints = 29, taskPoints = 50, reason = "Theo sổ giao việc",
            tasks = new[] { new { task = "Tiếp nhận hồ sơ", planned = 10, completed = 10, failedChecks = 0, delays = 0, objectiveCauses = new[] { new { kind = "Delay", cause = "Mưa bão" } } } },
        }), HttpStatusCode.BadRequest)).Errors;
        Assert.Equal(["taskPoints", "tasks[0].objectiveCauses"], invalid.Keys.Order());

        // The head's unit result needs the unit's people rated first.
        var early = (await Read<ValidationProblemDetails>(await hr.Client.PutAsJsonAsync($"/api/evaluation/evaluations/{ids[manager.Staff]}/rating", new
        {
            generalPoints = 27, reason = "Đánh giá của cấp trên trực tiếp", organising = "Good",
            tasks = new[] { new { task = "Chỉ đạo, điều hành", planned = 10, completed = 10 } },
        }), HttpStatusCode.BadRequest)).Errors;
        Assert.Contains("tasks", early.Keys);

        var rated = await Read<EvaluationResponse>(await manager.Client.PutAsJsonAsync($"/api/evaluation/evaluations/{ids[staff.Staff]}/rating",
            new { generalPoints = 29, reason = "Theo sổ giao việc tháng 5", tasks = StaffTasks }));
        // Tasks: (80% + (80 − 25% × 80) ÷ 100 + 80%) ÷ 3: the delay is waived, the failed check is not. With the
        // KPI values of May, the policy's k = 0.5 weighs them: 70 × [0.5 × KPI achievement + 0.5 × 73.33%].
        var score = rated.TaskScore!;
        Assert.Equal((0.5m, 0.7333m), (score.KpiShare, Math.Round(score.TaskRatio!.Value, 4)));
        static string N(decimal d) => d.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        // The explanation's sentences write numbers the Vietnamese way (95,5), its formulas the invariant way.
        static string Vi(decimal d) => d.ToString("0.##", System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));
        var expected = Math.Round(70 * (0.5m * score.KpiAchievement!.Value + 0.5m * (0.8m + 0.6m + 0.8m) / 3), 2, MidpointRounding.AwayFromZero);
        Assert.Equal((expected, expected + 29), (rated.Rating.TaskPoints!.Value, rated.Score!.Value));
        foreach (var (code, id) in ids.Where(p => p.Key != manager.Staff && p.Key != staff.Staff))
        {
            await Read<EvaluationResponse>(await Rate(manager, id, 25, 55));
        }

        var head = await Read<EvaluationResponse>(await hr.Client.PutAsJsonAsync($"/api/evaluation/evaluations/{ids[manager.Staff]}/rating", new
        {
            generalPoints = 27, reason = "Đánh giá của cấp trên trực tiếp", organising = "Good",
            tasks = new[] { new { task = "Chỉ đạo, điều hành", planned = 10, completed = 10 } },
        }));
        // (2 × 100% own + 1 × 100% unit, nobody KHT + 1 × 80% organising) ÷ 4 × 70; the unit's part is 1 ÷ 4 × 70.
        Assert.Equal((66.5m, 17.5m), (head.Rating.TaskPoints!.Value, head.Rating.UnitResultPoints!.Value));

        var explanation = await Read<ExplanationResponse>(await staff.Client.GetAsync($"/api/evaluation/evaluations/{ids[staff.Staff]}/explanation"));
        var lines = explanation.TaskResults.Select(t => t.Text).ToList();
        Assert.Contains("Nhiệm vụ Tiếp nhận hồ sơ: không trừ điểm (chậm tiến độ) do nguyên nhân khách quan: Mất điện toàn phường", lines);
        Assert.Contains("Nhiệm vụ Tiếp nhận hồ sơ: trừ 25% × 80 = 20 (không đạt kiểm tra chất lượng)", lines);
        Assert.Contains("Số lượng, chất lượng, tiến độ: 73,33%", lines);
        Assert.Contains("(80% + 60% + 80%) ÷ 3 = 73.33%", explanation.TaskResults.Select(t => t.Formula));
        Assert.Contains($"Kết quả thực hiện nhiệm vụ: 70 × [0,5 × KPI {Vi(score.KpiAchievement.Value * 100)}% + (1 − 0,5) × nhiệm vụ 73,33%] = {Vi(expected)} điểm", lines);
        var headLines = (await Read<ExplanationResponse>(await manager.Client.GetAsync($"/api/evaluation/evaluations/{ids[manager.Staff]}/explanation")))
            .TaskResults.Select(t => t.Text).ToList();
        Assert.Contains($"Kết quả hoạt động đơn vị: 0/{ids.Count - 1} người KHT → 100%", headLines);
        Assert.Contains("Lãnh đạo: cá nhân 100%, đơn vị 100%, tổ chức 80% → 66,5 điểm", headLines);

        var page = WebUtility.HtmlDecode(await staff.Client.GetStringAsync($"/evaluation/{ids[staff.Staff]}"));
        Assert.Contains("Cách tính điểm kết quả thực hiện nhiệm vụ", page);
        Assert.Contains("Mất điện toàn phường", page);
        Assert.Contains($"/api/evaluation/evaluations/{ids[staff.Staff]}/form.pdf", page);

        // Rated again with plain points: the task lines' explanation goes, and the trail keeps both.
        await Read<EvaluationResponse>(await Rate(manager, ids[staff.Staff], 29, 52, "Tập thể điều chỉnh"));
        Assert.DoesNotContain((await Read<ExplanationResponse>(await staff.Client.GetAsync($"/api/evaluation/evaluations/{ids[staff.Staff]}/explanation"))).TaskResults,
            t => t.Key is "Task" or "Deduction" or "DeductionWaived");
        var trail = await Read<AuditTrailResponse>(await hr.Client.GetAsync($"/api/evaluation/cycles/{cycle.Id}/audit"));
        Assert.Contains(trail.Entries, e => e is { Action: "Rated", Field: "taskResults" } && e.NewValue.StartsWith("70 × [0.5 × ", StringComparison.Ordinal)
            && e.NewValue.EndsWith($"73.33%] = {N(expected)}", StringComparison.Ordinal) && e.StaffCode == staff.Staff);
        // Without the task lines the KPIs alone make the points (k = 1), and the scenario's 52 is the manager's adjustment.
        Assert.Contains(trail.Entries, e => e is { Action: "Rated", Field: "taskResults" } && e.OldValue.EndsWith($"73.33%] = {N(expected)}", StringComparison.Ordinal)
            && e.NewValue.StartsWith("70 × ", StringComparison.Ordinal) && !e.NewValue.Contains('[', StringComparison.Ordinal));
        Assert.Contains(trail.Entries, e => e is { Action: "Rated", Field: "taskPointsAdjusted", NewValue: "52", Reason: "Tập thể điều chỉnh" } && e.StaffCode == staff.Staff);
    }

    [SkippableFact]
    public async Task A_published_cycle_downloads_the_Vietnamese_form_the_summary_and_the_list_and_other_units_staff_are_refused()
    {
        RequireDatabase();
        var (manager, staff, colleagues, hr) = await TeamAsync();
        var auditor = await As(DemoAccounts.Auditor);
        var stranger = await OtherUnitStaffAsync(manager, staff.Me.ScopeUnitCode);
        var before = await Open(manager, staff.Me.ScopeUnitCode, PeriodKind.Month, 2025, 7);
        await Problem(await staff.Client.GetAsync($"/api/evaluation/cycles/{before.Id}/published.xlsx"));
        var notRated = await Problem(await staff.Client.GetAsync($"/api/evaluation/evaluations/{(await EvaluationIds(manager, before.Id))[staff.Staff]}/form.pdf"));
        Assert.Contains("chưa được chấm điểm", notRated.Detail);

        TaskScoreResponse? computed = null;
        var (cycle, ids) = await RunCycleAsync(PeriodKind.Month, 2025, 6,
            async (code, id) =>
            {
                if (code != staff.Staff)
                {
                    return false;
                }

                computed = (await Read<EvaluationResponse>(await manager.Client.PutAsJsonAsync($"/api/evaluation/evaluations/{id}/rating",
                    new { generalPoints = 29, reason = "Theo sổ giao việc tháng 6", tasks = StaffTasks }))).TaskScore;
                return true;
            },
            _ => (30, 70), lockIt: false);
        // June's KPI values and the task lines, k = 0.5: 70 × [0.5 × KPI achievement + 0.5 × (80% + 60% + 80%) ÷ 3].
        var task = computed!.ComputedPoints;
        Assert.Equal(Math.Round(70 * (0.5m * computed.KpiAchievement!.Value + 0.5m * 2.2m / 3), 2, MidpointRounding.AwayFromZero), task);
        var vi = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");
        var (total, totalVi) = ((29 + task).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), (29 + task).ToString("0.##", vi));
        var form = $"/api/evaluation/evaluations/{ids[staff.Staff]}/form.pdf";
        var name = (await Read<EvaluationResponse>(await staff.Client.GetAsync($"/api/evaluation/evaluations/{ids[staff.Staff]}"))).StaffName;

        // The person, their manager, HR and the auditor read the form; nobody else.
        var pdf = await Download(staff, form, EvaluationDocuments.Pdf);
        var text = PdfText(pdf);
        var lines = Exports.PdfToText.Lines(Exports.PdfToText.Read(pdf, layout: true));
        Assert.Contains($"Họ và tên: {name}", lines);
        Assert.Contains($"Mã công chức: {staff.Staff}", lines);
        Assert.Equal(1, Exports.PdfToText.Count(text, "Phẩm chất chính trị"));
        Assert.Contains(lines, l => l.StartsWith("I Tiêu chí chung 30", StringComparison.Ordinal) && l.EndsWith(" 29", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("NGƯỜI TỰ ĐÁNH GIÁ NGƯỜI NHẬN XÉT, ĐÁNH GIÁ THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", StringComparison.Ordinal));
        Assert.True(pdf.Length < 100_000, $"the published form weighs {pdf.Length} bytes");
        // The KPI lines of the computation are named, not coded.
        Assert.DoesNotContain("on_time_rate", text);
        Assert.Contains("PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÔNG CHỨC", text);
        Assert.Contains(name, text);
        Assert.Contains("Kỳ đánh giá: Tháng 6/2025", text);
        Assert.Contains($"Tổng điểm: {totalVi} — Xếp loại: Hoàn thành tốt nhiệm vụ", text);
        Assert.Contains("(80% + 60% + 80%) ÷ 3 = 73,33%", text);
        Assert.Contains("Theo sổ giao việc tháng 6", text);
        foreach (var reader in new[] { manager, hr, auditor })
        {
            Assert.Equal(text, PdfText(await Download(reader, form, EvaluationDocuments.Pdf)));
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.Client.GetAsync(form)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await colleagues[0].Client.GetAsync(form)).StatusCode);
        Assert.Contains($"Total: {total} — Level: Good completion of duties (HTT)", PdfText(await Download(staff, form + "?culture=en-US", EvaluationDocuments.Pdf)));

        // The manager gave the colleagues full marks, far above what their KPIs of June show.
        var calibration = await Read<CalibrationResponse>(await hr.Client.GetAsync($"/api/evaluation/cycles/{cycle.Id}/calibration"));
        var lenient = Assert.Single(calibration.Flags, f => f.Kind == CalibrationFlagKind.LenientManager);

        // The unit summary: for the unit's managers, HR, leadership and auditors, with the calibration flags.
        var summaryPath = $"/api/evaluation/cycles/{cycle.Id}/summary.xlsx";
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.GetAsync(summaryPath)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.Client.GetAsync(summaryPath)).StatusCode);
        using (var workbook = new XLWorkbook(new MemoryStream(await Download(manager, summaryPath, EvaluationDocuments.Xlsx))))
        {
            var sheet = workbook.Worksheet(1);
            Assert.Equal("TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG", sheet.Cell("A1").GetString());
            var rows = Enumerable.Range(5, ids.Count).Select(r => sheet.Row(r)).ToList();
            Assert.Equal(ids.Keys.Order(StringComparer.Ordinal), rows.Select(r => r.Cell(2).GetString()));
            var mine = rows.Single(r => r.Cell(2).GetString() == staff.Staff);
            Assert.Equal((name, 29.0, (double)task, (double)(29 + task), "Hoàn thành tốt nhiệm vụ"),
                (mine.Cell(3).GetString(), mine.Cell(5).GetDouble(), mine.Cell(6).GetDouble(), mine.Cell(7).GetDouble(), mine.Cell(8).GetString()));
            var flagged = rows.Where(r => r.Cell(10).GetString().Contains("Chấm cao hơn KPI khách quan", StringComparison.Ordinal)).Select(r => r.Cell(2).GetString());
            Assert.Equal(lenient.StaffCodes, flagged.Order(StringComparer.Ordinal));
        }

        Assert.Equal((CalibrationFlagKind.LenientManager, DemoAccounts.Manager), (lenient.Kind, lenient.Subject));
        Assert.Matches(@"^Người quản lý manager chấm \d người bình quân [\d,]+ điểm, cao hơn KPI khách quan \([\d,]+\) [\d,]+ điểm \(ngưỡng 10\); z = — \(ngưỡng 1,5\)$", lenient.Text);
        Assert.Matches(@"^[\d.]+ − [\d.]+ = [\d.]+ ≥ 10; z = —$", lenient.Formula);
        var cyclePage = WebUtility.HtmlDecode(await manager.Client.GetStringAsync($"/evaluation/cycles/{cycle.Id}"));
        Assert.Contains(lenient.Text, cyclePage);
        Assert.Contains($"/api/evaluation/cycles/{cycle.Id}/summary.xlsx", cyclePage);
        Assert.Contains($"/api/evaluation/cycles/{cycle.Id}/published.pdf", cyclePage);

        // The published list: every member reads it, as Excel and as PDF; other units' staff do not.
        var listPath = $"/api/evaluation/cycles/{cycle.Id}/published";
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.Client.GetAsync(listPath + ".xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.Client.GetAsync(listPath + ".pdf")).StatusCode);
        using (var workbook = new XLWorkbook(new MemoryStream(await Download(colleagues[1], listPath + ".xlsx", EvaluationDocuments.Xlsx))))
        {
            var sheet = workbook.Worksheet(1);
            Assert.Equal("DANH SÁCH CÔNG KHAI KẾT QUẢ XẾP LOẠI CHẤT LƯỢNG", sheet.Cell("A1").GetString());
            var row = Enumerable.Range(5, ids.Count).Select(r => sheet.Row(r)).Single(r => r.Cell(2).GetString() == name);
            Assert.Equal(((double)(29 + task), "Hoàn thành tốt nhiệm vụ"), (row.Cell(4).GetDouble(), row.Cell(5).GetString()));
            Assert.True(sheet.Cell(5 + ids.Count, 1).IsEmpty());
        }

        var listPdf = await Download(colleagues[1], listPath + ".pdf", EvaluationDocuments.Pdf);
        Assert.True(listPdf.Length < 100_000, $"the published list weighs {listPdf.Length} bytes");
        var listText = PdfText(listPdf);
        Assert.Contains("NGƯỜI LẬP DANH SÁCH", listText);
        Assert.Contains("THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", listText);
        Assert.Contains("DANH SÁCH CÔNG KHAI KẾT QUẢ XẾP LOẠI CHẤT LƯỢNG", listText);
        Assert.Contains(name, listText);
        Assert.Contains(totalVi, listText);
    }

    [SkippableFact]
    public async Task The_annual_classification_lists_a_person_KHT_two_years_running_for_dismissal()
    {
        RequireDatabase();
        var (_, staff, colleagues, _) = await TeamAsync();
        var weak = colleagues[2].Staff;
        (decimal, decimal) Rating(string code) => code == weak ? (20, 20) : (25, 55);
        Task<bool> Plain(string code, Guid id) => Task.FromResult(false);
        await RunCycleAsync(PeriodKind.Year, 2023, null, Plain, Rating, lockIt: true);
        await RunCycleAsync(PeriodKind.Year, 2024, null, Plain, Rating, lockIt: true);
        // Signed in afresh: locking moved the clock past the appeal window.
        (staff, var manager, var hr, var leader) = (await As(DemoAccounts.Staff), await As(DemoAccounts.Manager), await As(DemoAccounts.Hr), await As(DemoAccounts.Leader));
        var type = (await manager.Client.GetFromJsonAsync<StaffResponse>($"/api/staff/{weak}", ApiJson.Options))!.Type;
        var dismissal = type == "CanBo" ? "mien-nhiem-can-bo" : "thoi-viec";

        var first = await Read<AnnualResponse>(await hr.Client.GetAsync("/api/evaluation/annual?year=2023"));
        var second = await Read<AnnualResponse>(await leader.Client.GetAsync("/api/evaluation/annual?year=2024"));

        var once = first.People.Single(p => p.StaffCode == weak);
        Assert.Equal((40m, ClassificationLevel.Kht, 0m), (once.Score!.Value, once.Level!.Value, once.BonusCoefficient!.Value));
        Assert.DoesNotContain(weak, first.Lists.Single(l => l.Code == dismissal).StaffCodes);
        var twice = second.People.Single(p => p.StaffCode == weak);
        Assert.Equal(ClassificationLevel.Kht, twice.PreviousLevels[2023]);
        Assert.Equal((ClassificationLevel.Kht, 12m, true), (twice.Level!.Value, twice.WorkedMonths, twice.TrainingNeeded));
        Assert.Contains(dismissal, twice.Lists);
        Assert.Contains(weak, second.Lists.Single(l => l.Code == dismissal).StaffCodes);
        Assert.Contains(twice.Explanation, e => e.Key == "RequiredList" && e.Text.Contains("2023, 2024"));
        var good = second.People.Single(p => p.StaffCode == staff.Staff);
        Assert.Equal((80m, ClassificationLevel.Htt, 1.0m), (good.Score!.Value, good.Level!.Value, good.BonusCoefficient!.Value));
        Assert.Contains("lao-dong-tien-tien", good.Commendations);
        Assert.DoesNotContain(staff.Staff, second.Lists.Single(l => l.Code == dismissal).StaffCodes);
        Assert.Contains("Điểm năm: 80 (bình quân theo 12 tháng công tác, 1 cơ quan)", good.Explanation.Select(e => e.Text));

        // One unit's people, for HR and leadership only; a bad year is a located error.
        var unit = await Read<AnnualResponse>(await hr.Client.GetAsync($"/api/evaluation/annual?year=2024&unit={staff.Me.ScopeUnitCode}"));
        Assert.All(unit.People, p => Assert.Equal(staff.Me.ScopeUnitCode, p.UnitCode));
        Assert.Contains(unit.People, p => p.StaffCode == weak);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.GetAsync("/api/evaluation/annual?year=2024")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.Client.GetAsync("/api/evaluation/annual?year=2024")).StatusCode);
        Assert.Equal(["year"], (await Read<ValidationProblemDetails>(await hr.Client.GetAsync("/api/evaluation/annual?year=99"), HttpStatusCode.BadRequest)).Errors.Keys);
    }
}
