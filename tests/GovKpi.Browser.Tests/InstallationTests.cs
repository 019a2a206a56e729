using GovKpi.Web.Features.DemoData;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

/// <summary>What a person sees of a demo installation and of a fresh real one, on a phone and on a laptop.</summary>
public sealed class DemoInstallationTests(DemoSite site) : IClassFixture<DemoSite>
{
    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task A_staff_member_of_the_demo_sees_this_months_numbers_under_the_sample_data_banner(int width, int height)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var context = await site.Browser!.NewContextAsync(new() { BaseURL = site.BaseAddress.ToString(), ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        Assert.Contains("dữ liệu mẫu", await page.GetByTestId("demo-banner").InnerTextAsync());
        await page.GetByLabel("Tên đăng nhập").FillAsync(DemoAccounts.Staff);
        await page.GetByLabel("Mật khẩu").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.ArrivesAtAsync("/home$");
        await page.GotoAsync("/kpis/values");

        Assert.Contains("dữ liệu mẫu", await page.GetByTestId("demo-banner").InnerTextAsync());
        var values = await page.GetByTestId("explain-link").AllInnerTextsAsync();
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"demo-staff-kpis-{width}.png"), FullPage = true });
        Assert.Contains(values, v => v.Any(char.IsDigit) && v.Any(c => c is >= '1' and <= '9'));
        await context.CloseAsync();
    }
}

public sealed class EmptyInstallationTests(EmptySite site) : IClassFixture<EmptySite>
{
    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task A_fresh_installation_tells_on_its_first_page_how_to_create_the_first_account(int width, int height)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var context = await site.Browser!.NewContextAsync(new() { BaseURL = site.BaseAddress.ToString(), ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");

        var help = await page.GetByTestId("first-account").InnerTextAsync();
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"first-account-{width}.png"), FullPage = true });
        Assert.Contains("Chưa có tài khoản nào.", help);
        Assert.Contains("./govkpi users add hr1 --role hr", help);
        Assert.Equal(0, await page.GetByTestId("demo-banner").CountAsync());
        await context.CloseAsync();
    }
}
