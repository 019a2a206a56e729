using GovKpi.Web.Features.DemoData;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

public sealed class SignInTests(DemoSite site) : IClassFixture<DemoSite>
{
    private async Task<IPage> NewPageAsync()
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var context = await site.Browser!.NewContextAsync(new() { BaseURL = site.BaseAddress.ToString(), Locale = "en-US" });
        return await context.NewPageAsync();
    }

    [SkippableFact]
    public async Task A_manager_signs_in_lands_on_the_home_and_opens_the_organisation_page()
    {
        var page = await NewPageAsync();

        await page.GotoAsync("/");
        Assert.Equal("Đăng nhập", await page.Locator("h1").InnerTextAsync());
        await page.GetByLabel("Tên đăng nhập").FillAsync(DemoAccounts.Manager);
        await page.GetByLabel("Mật khẩu").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();

        await page.ArrivesAtAsync("/home$");
        await page.GotoAsync("/organisation");
        Assert.Equal("Cơ cấu tổ chức", await page.Locator("h1").InnerTextAsync());
        var tree = page.GetByTestId("org-tree");
        Assert.True(await tree.Locator("a").CountAsync() > 1);
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("organisation.png"), FullPage = true });

        // The manager's commune was formed by a merger: its page lists the former communes.
        await tree.Locator("a").First.ClickAsync();
        Assert.True(await page.GetByTestId("lineage").Locator("tbody tr").CountAsync() >= 2);
        Assert.True(await page.GetByTestId("staff").Locator("tbody tr").CountAsync() >= 1);
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("unit.png"), FullPage = true });
    }

    [SkippableFact]
    public async Task A_wrong_password_keeps_the_visitor_on_the_sign_in_form_with_a_message()
    {
        var page = await NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByLabel("Tên đăng nhập").FillAsync(DemoAccounts.Staff);
        await page.GetByLabel("Mật khẩu").FillAsync("sai-mat-khau");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();

        Assert.Equal("Tên đăng nhập hoặc mật khẩu không đúng.", await page.GetByRole(AriaRole.Alert).InnerTextAsync());
    }

    [SkippableFact]
    public async Task HR_is_told_which_weights_fail_the_SMART_check_on_the_KPI_set_page()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Tên đăng nhập").FillAsync(DemoAccounts.Hr);
        await page.GetByLabel("Mật khẩu").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.ArrivesAtAsync("/home$");

        await page.GotoAsync("/kpi-sets/CV-MOTCUA");
        await page.GetByLabel("Trọng số 1", new() { Exact = true }).FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra SMART và lưu" }).ClickAsync();

        var errors = await page.GetByTestId("smart-errors").InnerTextAsync();
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("kpi-set-refused.png"), FullPage = true });
        Assert.Contains("Tổng trọng số phải bằng 100% nhưng đang là", errors);
        Assert.Matches(@"đang là \d+(\.\d+)?%: on_time_rate 10%", errors);
    }
}
