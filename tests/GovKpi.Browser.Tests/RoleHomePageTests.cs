using GovKpi.Web.Features.DemoData;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

/// <summary>
/// Each role signs in and lands on its own home page, on a laptop and a phone: the role's
/// sections are there in Vietnamese, no console error, the page no wider than the screen, and no
/// serious or critical axe violation. Screenshots are left for a person to look at.
/// </summary>
public sealed class RoleHomePageTests(DemoSite site) : IClassFixture<DemoSite>
{
    public static TheoryData<string, string, int, int> Homes()
    {
        var data = new TheoryData<string, string, int, int>();
        foreach (var (account, section) in new[]
                 {
                     (DemoAccounts.Staff, "home-my-kpis"), (DemoAccounts.Manager, "home-team"), (DemoAccounts.Hr, "home-hr-cycles"),
                     (DemoAccounts.Auditor, "home-audit"), (DemoAccounts.Leader, "home-leader"),
                 })
        {
            data.Add(account, section, 390, 844);
            data.Add(account, section, 1366, 768);
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Homes))]
    public async Task Each_role_signs_in_to_its_own_home_which_fits_the_screen_without_console_errors_or_serious_axe_violations(
        string account, string section, int width, int height)
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
        await page.GetByLabel("Tên đăng nhập").FillAsync(account);
        await page.GetByLabel("Mật khẩu").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.ArrivesAtAsync("/home$");

        await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync("Xin chào");
        await Assertions.Expect(page.GetByTestId(section)).ToBeVisibleAsync();
        foreach (var chart in await page.Locator("figure[data-chart]").AllAsync())
        {
            await Assertions.Expect(chart.Locator("canvas")).ToHaveCountAsync(1);
        }

        problems.AddRange(await PhoneReadyTests.OverflowAsync(page, $"{account} home at {width}"));
        problems.AddRange(await PhoneReadyTests.SeriousAxeViolationsAsync(page, $"{account} home at {width}"));
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"home-{account}-{width}.png"), FullPage = true });
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await context.CloseAsync();
    }

    [SkippableFact]
    public async Task Staff_go_from_their_home_to_the_explanation_of_the_KPI_furthest_from_its_target()
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var context = await site.Browser!.NewContextAsync(new() { BaseURL = site.BaseAddress.ToString(), Locale = "vi-VN", ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Tên đăng nhập").FillAsync(DemoAccounts.Staff);
        await page.GetByLabel("Mật khẩu").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.ArrivesAtAsync("/home$");

        await page.GetByRole(AriaRole.Link, new() { Name = "Vì sao điểm của tôi như vậy?" }).ClickAsync();

        await page.ArrivesAtAsync(@"/kpis/explain\?");
        Assert.Contains("scope=staff", page.Url);
        await context.CloseAsync();
    }
}
