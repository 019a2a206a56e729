using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.KpiLibrary;
using GovKpi.Web.Features.Evaluation;
using GovKpi.Web.Tests.Exports;
using GovKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GovKpi.Web.Tests.Evaluation;

/// <summary>General criteria rated one by one on the scale with behavioural anchors, through the cycle's rating.</summary>
public abstract partial class EvaluationCycleTests<TApp>
{
    /// <summary>Decree 335's eight criteria: 4 + 5 × 3.2 (Tốt = 80% of 4) + 3 + 1.8 (Đạt = 60% of 3) = 24.8 of 30.</summary>
    private static readonly Dictionary<string, string> Decree335Ratings = new()
    {
        ["chinh-tri"] = "excellent", ["dao-duc"] = "good", ["van-hoa"] = "Good", ["ky-luat"] = "good",
        ["trach-nhiem"] = "good", ["phuc-vu"] = "good", ["doi-moi"] = "Excellent", ["dam-lam"] = "fair",
    };

    private async Task<(Account Manager, Account Staff, Account Hr, Dictionary<string, Guid> Ids, CycleResponse Cycle)> RatingStageAsync(int month, string? policy)
    {
        var (manager, staff, _, hr) = await TeamAsync();
        var cycle = await Read<CycleResponse>(await manager.Client.PostAsJsonAsync("/api/evaluation/cycles",
            new { unitCode = staff.Me.ScopeUnitCode, periodKind = "Month", year = 2025, number = month, policy }), HttpStatusCode.Created);
        var ids = await EvaluationIds(manager, cycle.Id);
        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.Feedback360));
        await Read<CycleResponse>(await Advance(manager, cycle.Id, CycleStage.ManagerRating));
        return (manager, staff, hr, ids, cycle);
    }

    private static Task<HttpResponseMessage> RateCriteria(Account who, Guid evaluation, object body) =>
        who.Client.PutAsJsonAsync($"/api/evaluation/evaluations/{evaluation}/rating", body);

    [SkippableFact]
    public async Task Criteria_rated_one_by_one_give_the_general_points_and_the_person_sees_each_level_with_its_anchor()
    {
        RequireDatabase();
        var (manager, staff, hr, ids, cycle) = await RatingStageAsync(4, null);

        // Before any rating the scale and the criteria are there for the rating form, unrated.
        var blank = await Read<ExplanationResponse>(await manager.Client.GetAsync($"/api/evaluation/evaluations/{ids[staff.Staff]}/explanation"));
        Assert.Equal(8, blank.GeneralCriteria.Count);
        Assert.All(blank.GeneralCriteria, c => Assert.Null(c.Rating));
        Assert.Equal([RatingLevel.Excellent, RatingLevel.Good, RatingLevel.Fair, RatingLevel.Weak], blank.RatingScale.Select(a => a.Level));
        Assert.StartsWith("Thực hiện đầy đủ, đúng yêu cầu", blank.RatingScale.Single(a => a.Level == RatingLevel.Good).Meaning);

        var rated = await Read<EvaluationResponse>(await RateCriteria(manager, ids[staff.Staff],
            new { criteria = Decree335Ratings, adjustment = new { taskPoints = 60, reason = "Theo sổ theo dõi tháng 4" }, reason = "Theo sổ theo dõi tháng 4" }));
        Assert.Equal((24.8m, 84.8m), (rated.Rating.GeneralPoints!.Value, rated.Score!.Value));

        var explanation = await Read<ExplanationResponse>(await staff.Client.GetAsync($"/api/evaluation/evaluations/{ids[staff.Staff]}/explanation"));
        var politics = explanation.GeneralCriteria.Single(c => c.Code == "chinh-tri");
        Assert.Equal((RatingLevel.Excellent, "Xuất sắc", 4m, "Phẩm chất chính trị"), (politics.Rating, politics.RatingLabel, politics.Points, politics.Name));
        Assert.StartsWith("Luôn thực hiện vượt yêu cầu", politics.Anchor);
        Assert.Equal("Tiêu chí chinh-tri: mức Xuất sắc = 100% × 4 = 4 điểm", politics.Text);
        var daring = explanation.GeneralCriteria.Single(c => c.Code == "dam-lam");
        Assert.Equal((RatingLevel.Fair, 1.8m), (daring.Rating, daring.Points));
        Assert.StartsWith("Cơ bản đáp ứng yêu cầu", daring.Anchor);
        Assert.DoesNotContain(explanation.TaskResults, t => t.Key is "Criterion" or "Section" or "GeneralCriteria");

        var english = await Read<ExplanationResponse>(await staff.Client.GetAsync($"/api/evaluation/evaluations/{ids[staff.Staff]}/explanation?culture=en-US"));
        var ethics = english.GeneralCriteria.Single(c => c.Code == "dao-duc");
        Assert.Equal(("Good", "Ethics"), (ethics.RatingLabel, ethics.Name));
        Assert.StartsWith("Does everything required, correctly", ethics.Anchor);

        // The form lists each criterion once with its level, maximum and points, for the person as for their manager.
        var formPath = $"/api/evaluation/evaluations/{ids[staff.Staff]}/form.pdf";
        var form = await Download(staff, formPath, EvaluationDocuments.Pdf);
        Assert.Equal(PdfToText.Read(form), PdfToText.Read(await Download(manager, formPath, EvaluationDocuments.Pdf)));
        var formText = PdfToText.Flat(PdfToText.Read(form));
        var formLines = PdfToText.Lines(PdfToText.Read(form, layout: true));
        foreach (var (name, row) in new[]
        {
            ("Phẩm chất chính trị", "1 Phẩm chất chính trị Xuất sắc 4 4"), ("Đạo đức, lối sống", "2 Đạo đức, lối sống Tốt 4 3,2"),
            ("Văn hóa thực thi công vụ", "3 Văn hóa thực thi công vụ Tốt 4 3,2"), ("Năng lực đổi mới sáng tạo", "7 Năng lực đổi mới sáng tạo Xuất sắc 3 3"),
        })
        {
            Assert.Equal(1, PdfToText.Count(formText, name));
            Assert.Contains(row, formLines);
        }

        Assert.Contains("I Tiêu chí chung 30 24,8", formLines);
        Assert.Contains("Tổng điểm: 84,8 — Xếp loại: Hoàn thành tốt nhiệm vụ", formText);
        Assert.Contains(formLines, l => l.StartsWith("NGƯỜI TỰ ĐÁNH GIÁ NGƯỜI NHẬN XÉT, ĐÁNH GIÁ THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", StringComparison.Ordinal));
        Assert.True(form.Length < 100_000, $"the form weighs {form.Length} bytes");

        var page = WebUtility.HtmlDecode(await staff.Client.GetStringAsync($"/evaluation/{ids[staff.Staff]}"));
        Assert.Contains("Tiêu chí chung: mức đánh giá và ý nghĩa của mức", page);
        Assert.Contains("Luôn thực hiện vượt yêu cầu; là tấm gương cho đồng nghiệp", page);

        // Rated again with plain points: the levels go, and the trail keeps the per-criterion formula.
        await Read<EvaluationResponse>(await Rate(manager, ids[staff.Staff], 27, 60, "Tập thể điều chỉnh"));
        Assert.All((await Read<ExplanationResponse>(await staff.Client.GetAsync($"/api/evaluation/evaluations/{ids[staff.Staff]}/explanation"))).GeneralCriteria,
            c => Assert.Null(c.Rating));
        var trail = await Read<AuditTrailResponse>(await hr.Client.GetAsync($"/api/evaluation/cycles/{cycle.Id}/audit"));
        Assert.Contains(trail.Entries, e => e is { Action: "Rated", Field: "generalCriteria", NewValue: "24.8 = 24.8 / 30" } && e.StaffCode == staff.Staff);
    }

    [SkippableFact]
    public async Task Khanh_Hoa_criteria_are_scored_in_their_two_blocks()
    {
        RequireDatabase();
        var (manager, staff, _, ids, _) = await RatingStageAsync(3, "khanh-hoa");
        var ratings = new Dictionary<string, string>
        {
            ["chinh-tri-dao-duc"] = "good", ["van-hoa-ky-luat"] = "good", ["trach-nhiem"] = "good", ["phuc-vu"] = "good",
            ["sang-tao"] = "excellent", ["dam-lam"] = "good",
        };

        // Through the manager's rating form on the person's page: 4 × 80% × 5 = 16 of 20, and 5 + 4 = 9 of 10.
        var page = $"/evaluation/{ids[staff.Staff]}";
        Assert.Contains("name=\"criteria[sang-tao]\"", await manager.Client.GetStringAsync(page));
        var fields = ratings.ToDictionary(r => $"criteria[{r.Key}]", r => r.Value);
        fields["general"] = "";
        if (await HasKpiValuesAsync(manager, ids[staff.Staff]))
        {
            (fields["adjustTask"], fields["adjustReason"]) = ("60", "Theo sổ theo dõi tháng 3");
        }
        else
        {
            fields["task"] = "60";
        }

        fields["reason"] = "Theo sổ theo dõi tháng 3";
        var posted = await PostForm(manager, page, "Rate", fields);
        Assert.True(posted.RequestMessage!.RequestUri!.Query.EndsWith("?done=rated", StringComparison.Ordinal),
            Regex.Match(await posted.Content.ReadAsStringAsync(), "data-testid=\"errors\".*?</div>", RegexOptions.Singleline).Value);
        var rated = await Read<EvaluationResponse>(await manager.Client.GetAsync($"/api/evaluation/evaluations/{ids[staff.Staff]}"));
        Assert.Equal(25m, rated.Rating.GeneralPoints);
        var explanation = await Read<ExplanationResponse>(await staff.Client.GetAsync($"/api/evaluation/evaluations/{ids[staff.Staff]}/explanation"));
        Assert.Equal(["pham-chat", "doi-moi"], explanation.GeneralCriteria.Select(c => c.Section).Distinct());
        Assert.Equal(9m, explanation.GeneralCriteria.Where(c => c.Section == "doi-moi").Sum(c => c.Points));

        // The form shows the two blocks as numbered sections with their subtotals, their criteria under them.
        var formLines = PdfToText.Lines(PdfToText.Read(await Download(staff, $"/api/evaluation/evaluations/{ids[staff.Staff]}/form.pdf", EvaluationDocuments.Pdf), layout: true));
        Assert.Contains("I Tiêu chí chung 30 25", formLines);
        Assert.Contains(formLines, l => l.StartsWith("1 Phẩm chất, đạo đức, ý thức kỷ luật", StringComparison.Ordinal) && l.EndsWith(" 20 16", StringComparison.Ordinal));
        Assert.Contains("2.1 Năng lực đổi mới sáng tạo, sáng kiến Xuất sắc 5 5", formLines);
    }

    [SkippableFact]
    public async Task Points_and_criteria_together_and_unknown_criteria_or_levels_are_refused_by_name()
    {
        RequireDatabase();
        var (manager, staff, _, ids, _) = await RatingStageAsync(2, null);
        var both = (await Read<ValidationProblemDetails>(await RateCriteria(manager, ids[staff.Staff],
            new { generalPoints = 25, criteria = Decree335Ratings, taskPoints = 60, reason = "Theo sổ theo dõi" }), HttpStatusCode.BadRequest)).Errors;
        Assert.Equal(["generalPoints"], both.Keys);
        Assert.Equal("Nhập điểm tiêu chí chung hoặc mức đánh giá từng tiêu chí để tính điểm, không nhập cả hai.", both["generalPoints"].Single());

        var wrong = new Dictionary<string, string>(Decree335Ratings) { ["dao-duc"] = "tot", ["ky-luat"] = "3", ["sang-tao"] = "good" };
        var unknown = (await Read<ValidationProblemDetails>(await RateCriteria(manager, ids[staff.Staff],
            new { criteria = wrong, taskPoints = 60, reason = "Theo sổ theo dõi" }), HttpStatusCode.BadRequest)).Errors;
        Assert.Equal(["criteria.dao-duc", "criteria.ky-luat", "criteria.sang-tao"], unknown.Keys.Order());
        Assert.Equal("Mức “tot” của tiêu chí dao-duc không có trong thang đánh giá. Các mức: Weak, Fair, Good, Excellent.", unknown["criteria.dao-duc"].Single());
        Assert.StartsWith("“sang-tao” không phải tiêu chí chung của chính sách decree-335.", unknown["criteria.sang-tao"].Single());

        var partial = (await Read<ValidationProblemDetails>(await RateCriteria(manager, ids[staff.Staff],
            new { criteria = new Dictionary<string, string> { ["chinh-tri"] = "good" }, taskPoints = 60, reason = "Theo sổ theo dõi" }), HttpStatusCode.BadRequest)).Errors;
        Assert.Contains("criteria.dam-lam", partial.Keys);
        Assert.DoesNotContain("generalPoints", partial.Keys);

        var nothing = await Read<EvaluationResponse>(await manager.Client.GetAsync($"/api/evaluation/evaluations/{ids[staff.Staff]}"));
        Assert.Null(nothing.Score);
    }
}
