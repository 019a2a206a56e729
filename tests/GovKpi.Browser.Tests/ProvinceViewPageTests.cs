using Deque.AxeCore.Playwright;
using GovKpi.Web.Features.DemoData;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

/// <summary>
/// The province operations view as the demo's leader, on a phone and a laptop: from the menu to the
/// view, then a commune, a person and that person's KPI explanation in three clicks — no console
/// error, never wider than the screen, no serious or critical axe violation on the way.
/// </summary>
public sealed class ProvinceViewPageTests(DemoSite site) : IClassFixture<DemoSite>
{
    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task The_leader_reaches_a_person_s_kpi_explanation_from_the_province_view_in_three_clicks(int width, int height)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var context = await site.Browser!.NewContextAsync(new()
        {
            BaseURL = site.BaseAddress.ToString(), Locale = "vi-VN", ViewportSize = new() { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"{page.Url}: console error: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add($"{page.Url}: script error: {error}");
        await page.GotoAsync("/");
        await page.GetByLabel("Tên đăng nhập").FillAsync(DemoAccounts.Leader);
        await page.GetByLabel("Mật khẩu").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.GetByTestId("current-user").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await SiteMenu.FollowAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Điều hành toàn tỉnh", Exact = true }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Điều hành toàn tỉnh");
        await Assertions.Expect(page.GetByTestId("cost-note")).ToContainTextAsync("Chi phí mỗi giao dịch");
        Assert.True(await page.GetByTestId("commune-link").CountAsync() > 1);
        await CheckAsync(page, width, problems, "province");

        // Click 1: a commune of the heat map.
        await page.GetByTestId("commune-link").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("commune-detail")).ToBeVisibleAsync();
        await CheckAsync(page, width, problems, "province-commune");

        // Click 2: a person of that commune; click 3: one of their KPI values, which opens its explanation.
        await page.GetByTestId("person-link").First.ClickAsync();
        await page.ArrivesAtAsync(@"/kpis/values\?.*scope=staff");
        await page.GetByTestId("explain-link").First.ClickAsync();
        await page.ArrivesAtAsync(@"/kpis/explain\?.*scope=staff");
        await CheckAsync(page, width, problems, "province-explain");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static async Task CheckAsync(IPage page, int width, List<string> problems, string name)
    {
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"{name}-{width}.png"), FullPage = true });
        var widths = await page.EvaluateAsync<int[]>("[document.documentElement.scrollWidth, window.innerWidth]");
        if (widths[0] > widths[1])
        {
            problems.Add($"{page.Url}: {widths[0]} px wide on a {widths[1]} px screen");
        }

        var axe = await page.RunAxe();
        problems.AddRange(axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{page.Url}: axe {v.Impact} {v.Id} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}"));
    }
}
