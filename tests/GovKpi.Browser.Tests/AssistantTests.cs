using GovKpi.Web.Features.DemoData;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

public sealed class AssistantTests(DemoSite site) : IClassFixture<DemoSite>
{
    private async Task<IPage> SignedInAsync(string user)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var context = await site.Browser!.NewContextAsync(new() { BaseURL = site.BaseAddress.ToString(), Locale = "vi-VN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Tên đăng nhập").FillAsync(user);
        await page.GetByLabel("Mật khẩu").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.ArrivesAtAsync("/home$");
        return page;
    }

    [SkippableFact]
    public async Task HR_asks_which_commune_was_latest_and_sees_a_ranked_table_and_its_chart()
    {
        var page = await SignedInAsync(DemoAccounts.Hr);

        await SiteMenu.FollowAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Hỏi số liệu" }));
        await page.GetByLabel("Câu hỏi").FillAsync("xa nao co ty le tre han cao nhat quy 3 nam 2026?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Hỏi", Exact = true }).ClickAsync();

        Assert.StartsWith("Đã hiểu là: tỷ lệ trễ hạn theo xã, phường, quý 3/2026, cao nhất trước", await page.GetByTestId("interpretation").InnerTextAsync());
        var rows = page.GetByTestId("answer-table").Locator("tbody tr");
        Assert.True(await rows.CountAsync() >= 2);
        var first = await rows.First.Locator("td").Nth(1).InnerTextAsync();
        Assert.Contains(first.Split(' ')[0], await page.GetByTestId("answer").InnerTextAsync());
        await Assertions.Expect(page.GetByTestId("answer-chart").Locator("canvas")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("assistant-data.png"), FullPage = true });
    }

    [SkippableFact]
    public async Task A_manager_gets_a_kpi_set_proposed_for_the_one_stop_position()
    {
        var page = await SignedInAsync(DemoAccounts.Manager);

        await page.GotoAsync("/assistant/kpi-proposal");
        await page.GetByLabel("Vị trí việc làm").SelectOptionAsync(new SelectOptionValue { Value = "CV-MOTCUA" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Đề xuất" }).ClickAsync();

        Assert.Equal("Bộ KPI đề xuất đạt kiểm tra SMART.", await page.GetByTestId("smart-passed").InnerTextAsync());
        Assert.Contains("«trả kết quả»", await page.GetByTestId("proposal-table").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("assistant-kpi-proposal.png"), FullPage = true });
    }
}
