using GovKpi.Web.Features.DemoData;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

public sealed class KpiLibraryPageTests(DemoSite site) : IClassFixture<DemoSite>
{
    private async Task<IPage> SignedInAsHrAsync(int width, int height)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var context = await site.Browser!.NewContextAsync(new()
        {
            BaseURL = site.BaseAddress.ToString(), ViewportSize = new() { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Tên đăng nhập").FillAsync(DemoAccounts.Hr);
        await page.GetByLabel("Mật khẩu").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.ArrivesAtAsync("/home$");
        return page;
    }

    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task Every_position_of_the_demo_province_lists_a_set_in_force_beside_the_three_group_sets(int width, int height)
    {
        var page = await SignedInAsHrAsync(width, height);

        await page.GotoAsync("/kpi-sets");

        var rows = page.GetByTestId("kpi-sets").Locator("tbody tr");
        Assert.Equal(29, await rows.CountAsync());
        Assert.Equal(0, await rows.Filter(new() { HasText = "Chưa có bộ KPI" }).CountAsync());
        Assert.Equal(3, await page.GetByTestId("group-kpi-sets").Locator("> li").CountAsync());
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"kpi-sets-{width}x{height}.png"), FullPage = true });
        await page.GetByTestId("group-kpi-sets").ScreenshotAsync(new() { Path = Screenshots.PathFor($"kpi-sets-groups-{width}x{height}.png") });
        await page.GetByTestId("kpi-sets").First.ScreenshotAsync(new() { Path = Screenshots.PathFor($"kpi-sets-management-{width}x{height}.png") });

        await page.GotoAsync("/kpis");
        Assert.Contains("Đánh giá của lãnh đạo theo thang mô tả", await page.GetByTestId("kpis").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"kpis-{width}x{height}.png"), FullPage = true });
        await page.GetByTestId("kpis").Locator("tbody tr").Nth(2).ScreenshotAsync(new() { Path = Screenshots.PathFor($"kpis-row-{width}x{height}.png") });
    }

    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task A_position_set_shows_the_data_source_of_each_KPI(int width, int height)
    {
        var page = await SignedInAsHrAsync(width, height);

        await page.GotoAsync("/kpi-sets/VANTHU");

        var current = await page.Locator("section.card").First.InnerTextAsync();
        Assert.Contains("Đánh giá của lãnh đạo theo thang mô tả", current);
        Assert.Contains("100%", current);
        await page.Locator("section.card").First.ScreenshotAsync(new() { Path = Screenshots.PathFor($"kpi-set-records-clerk-{width}x{height}.png") });
    }
}
