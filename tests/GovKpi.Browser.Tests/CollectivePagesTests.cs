using GovKpi.Web.Features.DemoData;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

/// <summary>The demo's objectives cascaded to communes, and communes ranked by their collective result, on a phone and a laptop.</summary>
public sealed class CollectivePagesTests(DemoSite site) : IClassFixture<DemoSite>
{
    private async Task<IPage> SignedInAsync(string user, int width, int height)
    {
        var context = await site.Browser!.NewContextAsync(new()
        {
            BaseURL = site.BaseAddress.ToString(), Locale = "vi-VN", ViewportSize = new() { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Tên đăng nhập").FillAsync(user);
        await page.GetByLabel("Mật khẩu").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.LeavesTheFrontDoorAsync();
        return page;
    }

    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task A_province_leader_sees_each_objective_with_the_communes_targets_measured_values_and_the_warning_of_a_looser_one(int width, int height)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var page = await SignedInAsync(DemoAccounts.Leader, width, height);

        await SiteMenu.FollowAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Mục tiêu", Exact = true }));

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mục tiêu và chỉ tiêu giao 2026");
        Assert.Equal(3, await page.GetByTestId("goal").CountAsync());
        var online = page.Locator("[data-testid=goal][data-code=MT-2026-TRUCTUYEN]");
        await Assertions.Expect(online.GetByTestId("province-target")).ToHaveTextAsync("70 %");
        await Assertions.Expect(online.GetByTestId("warnings")).ToContainTextAsync("thấp hơn chỉ tiêu của tỉnh (70)");
        Assert.True(await online.GetByTestId("goal-units").Locator("tbody tr").CountAsync() > 1);
        var onTime = page.Locator("[data-testid=goal][data-code=MT-2026-DUNGHAN]");
        await Assertions.Expect(onTime.GetByTestId("goal-positions")).ToContainTextAsync("CV-MOTCUA");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"goals-{width}.png"), FullPage = true });
    }

    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task Communes_are_ranked_by_their_collective_result_with_each_kpi_against_its_target(int width, int height)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var page = await SignedInAsync(DemoAccounts.Leader, width, height);

        await page.GotoAsync("/units/results");
        await page.GetByLabel("Kỳ", new() { Exact = true }).FillAsync("2026-Q3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem" }).ClickAsync();

        var rows = page.GetByTestId("ranking").Locator("tbody tr");
        Assert.True(await rows.CountAsync() > 1);
        await Assertions.Expect(rows.First.Locator("td").First).ToHaveTextAsync("1");
        await Assertions.Expect(rows.First.GetByTestId("ratio")).ToContainTextAsync("%");
        await Assertions.Expect(rows.First).ToContainTextAsync("Tỷ lệ hồ sơ xử lý đúng hạn");
        await Assertions.Expect(page.GetByTestId("ranking-chart").Locator("canvas")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"unit-results-{width}.png"), FullPage = true });
    }
}
