using System.Text.Json;
using GovKpi.Web.Features.DemoData;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

/// <summary>
/// The manager's rating form computes the task-result points from the person's KPIs (values,
/// achievement, weight, points), takes the behavioural KPIs on the 1–5 anchors and an adjustment
/// only with a reason; the person sees the same breakdown and the reason. Phone and laptop.
/// </summary>
public sealed class KpiScorePageTests(DemoSite site) : IClassFixture<DemoSite>
{
    private async Task<IPage> SignedInAsync(string userName, int width, int height)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var context = await site.Browser!.NewContextAsync(new() { BaseURL = site.BaseAddress.ToString(), ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.ArrivesAtAsync("/home$");
        return page;
    }

    private static async Task<JsonElement> Json(IAPIResponse response)
    {
        Assert.True(response.Ok, $"{response.Status}: {await response.TextAsync()}");
        return (await response.JsonAsync())!.Value;
    }

    [SkippableTheory]
    [InlineData(1366, 768, 10)]
    [InlineData(390, 844, 11)]
    public async Task The_manager_rates_with_computed_KPI_points_and_an_adjustment_with_its_reason_which_the_person_then_reads(int width, int height, int month)
    {
        var manager = await SignedInAsync(DemoAccounts.Manager, width, height);
        var staff = await SignedInAsync(DemoAccounts.Staff, width, height);
        var me = await Json(await staff.APIRequest.GetAsync("/api/auth/me"));
        var (staffCode, unit) = (me.GetProperty("staffCode").GetString()!, me.GetProperty("scopeUnitCode").GetString()!);

        var cycle = await Json(await manager.APIRequest.PostAsync("/api/evaluation/cycles",
            new() { DataObject = new { unitCode = unit, periodKind = "Month", year = 2026, number = month } }));
        var cycleId = cycle.GetProperty("id").GetString();
        await Json(await manager.APIRequest.PostAsync($"/api/evaluation/cycles/{cycleId}/advance",
            new() { DataObject = new { to = "Feedback360", reason = "Quá hạn tự đánh giá", confirm = true } }));
        await Json(await manager.APIRequest.PostAsync($"/api/evaluation/cycles/{cycleId}/advance", new() { DataObject = new { to = "ManagerRating" } }));
        var evaluation = (await Json(await manager.APIRequest.GetAsync($"/api/evaluation/cycles/{cycleId}"))).GetProperty("evaluations").EnumerateArray()
            .Single(e => e.GetProperty("staffCode").GetString() == staffCode).GetProperty("id").GetString();

        await manager.GotoAsync($"/evaluation/{evaluation}");
        var form = manager.GetByTestId("rating-form");
        Assert.Contains("được tính từ KPI và nhiệm vụ, không nhập tay", await form.GetByTestId("computed-task-points").InnerTextAsync());
        Assert.Equal(0, await form.Locator("input[name=task]").CountAsync());
        Assert.True(await manager.GetByTestId("kpi-score").IsVisibleAsync());
        var behavioural = form.Locator("select[name^='kpiRatings']");
        Assert.True(await behavioural.CountAsync() > 0);
        await manager.ScreenshotAsync(new() { Path = Screenshots.PathFor($"kpi-score-form-{width}.png"), FullPage = true });
        await manager.GetByTestId("kpi-score").ScreenshotAsync(new() { Path = Screenshots.PathFor($"kpi-score-table-{width}.png") });

        await form.Locator("input[name=general]").FillAsync("25");
        for (var i = 0; i < await behavioural.CountAsync(); i++)
        {
            await behavioural.Nth(i).SelectOptionAsync("4");
        }

        await form.GetByText("Điều chỉnh điểm kết quả thực hiện nhiệm vụ (chỉ khi có lý do)").ClickAsync();
        await form.Locator("input[name=adjustTask]").FillAsync("60");
        await form.Locator("#rating-reason").FillAsync("Theo kết quả KPI tháng");
        await form.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        Assert.Contains("adjustment.reason", await manager.GetByTestId("errors").InnerTextAsync());

        // Refused, the form keeps the adjustment and the behavioural ratings given.
        form = manager.GetByTestId("rating-form");
        Assert.Equal("60", await form.Locator("input[name=adjustTask]").InputValueAsync());
        Assert.Equal("4", await form.Locator("select[name^='kpiRatings']").First.InputValueAsync());
        await form.ScreenshotAsync(new() { Path = Screenshots.PathFor($"kpi-score-refused-{width}.png") });
        await form.Locator("input[name=general]").FillAsync("25");
        await form.Locator("#adjust-reason").FillAsync("Hệ thống một cửa lỗi hai ngày, hồ sơ trễ không do người xử lý");
        await form.Locator("#rating-reason").FillAsync("Theo kết quả KPI tháng");
        await form.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await manager.GetByTestId("done").WaitForAsync();
        Assert.Contains("điều chỉnh thành 60", await manager.GetByTestId("task-adjustment").InnerTextAsync());
        await manager.ScreenshotAsync(new() { Path = Screenshots.PathFor($"kpi-score-rated-{width}.png"), FullPage = true });

        await staff.GotoAsync($"/evaluation/{evaluation}");
        var rows = staff.GetByTestId("kpi-score").Locator("tbody tr");
        Assert.True(await rows.CountAsync() > 0);
        Assert.Contains("Hệ thống một cửa lỗi hai ngày", await staff.GetByTestId("task-adjustment").InnerTextAsync());
        Assert.Contains("Tỷ trọng KPI k = 1", await staff.GetByTestId("kpi-summary").InnerTextAsync());
        await staff.ScreenshotAsync(new() { Path = Screenshots.PathFor($"kpi-score-person-{width}.png"), FullPage = true });
        await staff.GetByTestId("transparency").ScreenshotAsync(new() { Path = Screenshots.PathFor($"kpi-score-person-breakdown-{width}.png") });
    }
}
